/* The issue model: a newsletter issue as its parts — front matter, title,
 * intro, sections, items, fields, links, outro, and the comments, code
 * and links of its text — each with the byte span it came from. Rules and
 * diffs read this, never Markdown syntax. Everything is owned by the
 * issue's arena and valid until dtw_issue_free. */
#ifndef DTW_ISSUE_H
#define DTW_ISSUE_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/span.h"
#include "parse/document.h"
#include "schema/schema.h"

struct dtw_link {
	const char *text;       /* plain text of the link */
	const char *url;
	size_t start, end;      /* its URL in the file; empty, at the link,
				 * when the URL is written elsewhere (a
				 * reference link's definition) */
	size_t text_start, text_end; /* its text as written, inside the
				 * brackets (an autolink's: its URL) */
	int cta;                /* its text is one of the section's CTAs */
	int in_heading;
	int image;              /* an image (only in dtw_issue.links) */
	int ref;                /* a reference link ([text][label], [text][],
				 * [text]): its URL is in a definition */
	const struct dtw_link_def *def; /* a reference link's definition, when
				 * found (NULL: in a container dtw does not
				 * look into); in dtw_issue.defs */
};

/* A link reference definition, "[label]: URL", as written. */
struct dtw_link_def {
	const char *label;      /* normalised: lower case, blanks one space */
	size_t start, end;      /* the definition, "[" to its line's end */
	size_t url_start, url_end; /* its URL as written (inside "<>" too) */
};

struct dtw_field {
	const struct dtw_field_def *def;
	const char *label;      /* as written, e.g. "Why It Matters:" */
	int bold;               /* written as **Label:** */
	int canonical;          /* bold and exactly the schema's label */
	size_t start, end;      /* its paragraph, and the list that follows */
	size_t para_end;        /* its paragraph's end (its value's) */
	const char *value;      /* text after the label */
	size_t words;           /* words in the value and its list: counted only
				 * when the definition has word limits */
	int empty;              /* no value and no list */
	int has_list;           /* a list directly follows */
	int runs_on;            /* its label starts a later line of the
				 * paragraph above: no blank line before it
				 * (start is that line); 2 when a blank line
				 * there splits the paragraph cleanly (no link,
				 * emphasis or code across the line end) */
};

/* A sub-heading inside a section ("### Official", "#### Compiler"). */
struct dtw_group {
	const char *title;      /* as written (plain) */
	const char *listed;     /* the schema's group title it names, or NULL */
	int level;              /* as written */
	int want_level;         /* the level its section's groups are at, when
				 * it is written at or above the section's */
	size_t start, end;      /* the heading line */
	size_t title_start;
	size_t parent;          /* the group it is under: index + 1 in its
				 * section's groups; 0: none */
};

/* A line the writer meant as a heading that Markdown reads as text:
 * "##Tools" (no space after the marks) or "##" and a no-break space; or
 * a heading that is its marks alone ("###"), read as no heading. */
struct dtw_slip {
	size_t start, end;      /* the line */
	size_t marks_end;       /* past its "#" marks */
	int level;
	int nbsp;               /* a no-break space follows the marks */
	int setext;             /* a "---" right under a paragraph: a
				 * thematic break without its blank line
				 * ([start, end) the "---" line); 2 when it
				 * opens the outro */
	int empty;              /* a heading of marks alone, "###": read as
				 * nothing */
	size_t repeated;        /* the item heading just above again, with
				 * nothing between (its offset + 1): read as
				 * that one */
};

struct dtw_item {
	const char *title;
	size_t group;           /* the group it sits under: index + 1 in its
				 * section's groups (whose parents make the
				 * path); 0: none */
	size_t start, end;      /* the heading (or list entry's first line) */
	int level;              /* its heading's level, when want_level is set */
	int want_level;         /* its section's items' level, when its heading
				 * is at another (heading-syntax's); else 0 */
	int headless;           /* its heading is missing: 1, it starts at a
				 * paragraph after the item above's fields, with
				 * that item's first field again; 2, it is the
				 * text before the section's first item, with a
				 * field. Its title is the paragraph's first
				 * words */
	size_t body_end;        /* end of the item's last block */
	struct dtw_field *fields;
	size_t nfields, afields;
	struct dtw_link *links;
	size_t nlinks, alinks;
	size_t broken_refs;     /* reference links in it with no definition */
	size_t words;           /* words of the body as readers see it (no
				 * link targets, bullets or comments; a
				 * heading item's heading not included):
				 * counted only when a limit reads it */
};

struct dtw_section {
	const char *heading;    /* heading text as written (plain) */
	const char *title;      /* without the emoji */
	const char *emoji;      /* the leading emoji as written, or "" */
	const struct dtw_section_def *def; /* NULL when unknown */
	int mojibake;           /* matched only after repairing mis-encoding */
	int alias;              /* its title is one of the section's aliases */
	int misspelt;           /* its title names no section, but is close to
				 * def's title (section-unknown says so); read
				 * as that section */
	int level;              /* its heading's level as written */
	int empty;              /* its heading is marks alone ("##"); def, when
				 * set, is the one missing section its place
				 * fits (heading-syntax says so) */
	int headless;           /* it has no heading: its items were found where
				 * it goes (section-missing says so); start is
				 * its first item's */
	int misplaced;          /* out of the schema's order (section-order's):
				 * the fewest sections moved to put all in
				 * order; it goes after goes_after and before
				 * goes_before (either NULL: at that end) */
	const struct dtw_section *goes_before, *goes_after;
	size_t start, end;      /* the heading line */
	size_t title_start;     /* where the heading text starts */
	struct dtw_item *items;
	size_t nitems, aitems;
	struct dtw_group *groups;
	size_t ngroups, agroups;
	size_t end_all;         /* where the section ends: the next section's
				 * heading, the outro's break, or the end */
};

struct dtw_issue {
	struct dtw_arena arena;
	const struct dtw_source *src;     /* borrowed */
	const struct dtw_schema *schema;  /* borrowed */
	struct dtw_document doc;          /* cmark tree freed after building */

	/* The front matter's value of each role (dtw_schema_role_key), or
	 * NULL when it has none; borrowed from doc, valid with the issue. */
	const struct dtw_ynode *role[DTW_NROLES];

	int fm_unopened;                   /* no front matter, but the first block
					    * is one whose opening "---" is
					    * missing (front-matter's) */
	int has_title;
	const char *title;
	size_t title_start;
	size_t title_end;                  /* its line, when title_level is set */
	int title_level;                   /* its heading's level when not 1: the
					    * title written at section level
					    * (heading-syntax's); else 0 */

	size_t intro_paras;
	size_t intro_start, intro_end;
	size_t intro_words;                /* of every block of the intro */

	struct dtw_section *sections;
	size_t nsections, asections;
	struct dtw_item *stray;            /* items before the first section */
	size_t nstray, astray;
	/* Headings above section level before the first section, after the
	 * title, that name no section (heading-syntax's). */
	struct dtw_group *loose;
	size_t nloose, aloose;
	/* Heading lines Markdown reads as text (heading-syntax's), each
	 * read as the heading it was meant to be, and empty headings. */
	struct dtw_slip *slips;
	size_t nslips, aslips;

	int has_break;                     /* the thematic break opening the outro */
	size_t break_start;
	size_t outro_paras;
	size_t outro_start, outro_end;
	const char *outro_text;

	/* In source order, each from its first byte to past its last. */
	struct dtw_span *code;             /* code blocks, at any depth */
	size_t ncode, acode;
	struct dtw_span *code_spans;       /* inline code, backticks included */
	size_t ncode_spans, acode_spans;
	struct dtw_span *comments;         /* HTML comments, "<!--" to "-->",
					    * inline or in HTML blocks */
	size_t ncomments, acomments;
	struct dtw_link *links;            /* every link and image of the body */
	size_t nlinks, alinks;
	/* Reference links written with no definition ("[Read more →][cdc]"
	 * and no "[cdc]: URL"), which cmark leaves as text: each from its
	 * "[" to past its last "]", in source order. */
	struct dtw_span *broken_refs;
	size_t nbroken_refs, abroken_refs;
	/* The link reference definitions between the body's top-level
	 * blocks, in source order. */
	struct dtw_link_def *defs;
	size_t ndefs, adefs;
	/* What is not prose, sorted and disjoint: code spans, link and
	 * image destinations, HTML tags, URLs in HTML blocks and in the
	 * front matter, link reference definitions. */
	struct dtw_span *not_prose;
	size_t nnot_prose, anot_prose;
};

/* Parses src and builds its model against schema. Never fails on bad
 * input: check issue->doc.state. The caller frees with dtw_issue_free;
 * src and schema must outlive the issue. */
struct dtw_issue *dtw_issue_build(const struct dtw_source *src,
				  const struct dtw_schema *schema);
void dtw_issue_free(struct dtw_issue *issue);

/* The scalar text of front-matter role `role`, or NULL (absent, or not
 * a scalar). Borrowed. */
const char *dtw_issue_role(const struct dtw_issue *issue, enum dtw_fm_role role);

/* The section that byte offset `at` is in (heading to the next section
 * or the outro's break), or NULL. O(log n). */
const struct dtw_section *dtw_issue_section_at(const struct dtw_issue *issue, size_t at);

/* Whether byte offset `at` is prose: not inside a code span, a link
 * destination, a URL or markup (issue->not_prose). O(log n). */
int dtw_in_prose(const struct dtw_issue *issue, size_t at);
/* Whether byte offset `off` falls inside a code block (its last byte
 * included). */
int dtw_issue_in_code(const struct dtw_issue *issue, size_t off);

#endif
