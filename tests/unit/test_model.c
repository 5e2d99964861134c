/* Unit tests for lib/model/issue.h: dtw_issue_build on small documents
 * with the built-in Data This Week schema (and one custom list-style
 * schema). Expected offsets are found in the document text itself, so
 * each assertion names the bytes it expects a span to cover. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "model/issue.h"
#include "source/source.h"
#include "base/banned.h"

#define ARROW "\xE2\x86\x92"            /* → */
#define RSQUO "\xE2\x80\x99"            /* ’ */
#define BOOKS "\xF0\x9F\x93\x9A"        /* 📚 */
#define HAMMER "\xF0\x9F\x9B\xA0"       /* 🛠 */
#define FE0F "\xEF\xB8\x8F"
#define BUBBLE "\xF0\x9F\x92\xAC"       /* 💬 */
/* 📚 encoded as UTF-8, read as cp1252 and encoded again: "ðŸ“š". */
#define BOOKS_MOJIBAKE "\xC3\xB0\xC5\xB8\xE2\x80\x9C\xC5\xA1"

static struct dtw_schema *dtw_week;

static int load_builtin(void **state)
{
	(void)state;
	return dtw_schema_resolve(&dtw_week, DTW_DEFAULT_SCHEMA, NULL);
}

static int free_builtin(void **state)
{
	(void)state;
	dtw_schema_free(dtw_week);
	return 0;
}

struct built {
	struct dtw_source src;
	struct dtw_issue *is;
	const char *text;
};

/* Models still alive, freed by the teardown when an assertion fails
 * half-way through a test, so that a failure is not also a leak. Tests
 * keep their struct built in static storage: a failed assertion leaves
 * the test's stack frame before the teardown runs. */
static struct built *live[4];
static struct dtw_schema *custom;

static void track(struct built *b, int on)
{
	size_t i;
	for (i = 0; i < sizeof(live) / sizeof(live[0]); i++) {
		if (on && !live[i]) {
			live[i] = b;
			return;
		}
		if (!on && live[i] == b) {
			live[i] = NULL;
			return;
		}
	}
	fail_msg("too many models alive");
}

static void build_with(struct built *b, const char *text, size_t len,
		       const struct dtw_schema *schema)
{
	track(b, 1);
	b->text = text;
	dtw_source_init_copy(&b->src, "t.md", text, len);
	b->is = dtw_issue_build(&b->src, schema);
	assert_non_null(b->is);
	assert_ptr_equal(b->is->src, &b->src);
	assert_ptr_equal(b->is->schema, schema);
}

static void build(struct built *b, const char *text)
{
	build_with(b, text, strlen(text), dtw_week);
}

static void done(struct built *b)
{
	track(b, 0);
	dtw_issue_free(b->is);
	dtw_source_release(&b->src);
}

static int free_live(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(live) / sizeof(live[0]); i++)
		if (live[i])
			done(live[i]);
	dtw_schema_free(custom);
	custom = NULL;
	return 0;
}

/* Offset of the n-th (0-based) occurrence of needle in the document. */
static size_t nth(const struct built *b, const char *needle, int n)
{
	const char *p = b->text;
	for (;;) {
		p = strstr(p, needle);
		if (!p)
			fail_msg("\"%s\" not in the document", needle);
		if (!n--)
			return (size_t)(p - b->text);
		p++;
	}
}

static size_t at(const struct built *b, const char *needle)
{
	return nth(b, needle, 0);
}

/* Offset just past needle (its first occurrence). */
static size_t after(const struct built *b, const char *needle)
{
	return at(b, needle) + strlen(needle);
}

static const char issue_md[] =
	"---\n"
	"title: Data This Week\n"
	"issue: 42\n"
	"date: 2026-11-24\n"
	"---\n"
	"\n"
	"# Data This Week #42\n"
	"\n"
	"Welcome to Data This Week.\n"
	"\n"
	"A second intro paragraph.\n"
	"\n"
	"## " BOOKS " Blogs to Read\n"
	"\n"
	"### Streaming ELT\n"
	"\n"
	"A walkthrough of change capture.\n"
	"\n"
	"**Why it matters:** Lag drops to seconds. [Read more " ARROW "](https://example.org/cdc)\n"
	"\n"
	"### [Koala 2.0](https://example.org/koala)\n"
	"\n"
	"Why it matters: a plain label. [Explore " ARROW "](https://example.org/explore)\n"
	"\n"
	"### Third post\n"
	"\n"
	"**Why It Matters:** odd case. [read more " ARROW "](https://example.org/third)\n"
	"\n"
	"## " HAMMER " tools\n"
	"\n"
	"### Jikkou\n"
	"\n"
	"**What it is:** Resource-as-code.\n"
	"\n"
	"**Why it matters:** an alias label. <https://example.org/jikkou>\n"
	"\n"
	"## " BUBBLE " Community Sentiments\n"
	"\n"
	"### Tests in CI?\n"
	"\n"
	"**Key Takeaways from the thread:**\n"
	"\n"
	"- unit tests in CI\n"
	"- data tests in the warehouse\n"
	"\n"
	"**The consensus:** run both. [Read more " ARROW "](https://news.example.org/1)\n"
	"\n"
	"```sh\n"
	"dbt test\n"
	"```\n"
	"\n"
	"---\n"
	"\n"
	"That" RSQUO "s all for this week!\n"
	"\n"
	"See you next time.\n";

static void test_front_matter_split(void **state)
{
	static struct built b;
	const struct dtw_document *d;
	(void)state;
	build(&b, issue_md);
	d = &b.is->doc;
	assert_int_equal(d->state, DTW_DOC_OK);
	assert_int_equal(d->has_bom, 0);
	assert_int_equal(d->fm, DTW_FM_PRESENT);
	assert_int_equal(d->fm_open, 0);
	assert_int_equal(d->fm_text, 4);
	assert_int_equal(d->fm_text_end, at(&b, "---\n\n# Data"));
	assert_int_equal(d->fm_close, at(&b, "---\n\n# Data"));
	assert_int_equal(d->body, at(&b, "\n# Data"));
	assert_int_equal(d->body_line, 6);
	assert_int_equal(d->fm_error, 0);
	assert_non_null(d->fm_root);
	assert_int_equal(d->fm_root->kind, DTW_Y_MAP);
	assert_int_equal(d->fm_root->n, 3);
	/* YAML positions are those of the file. */
	assert_int_equal(dtw_ymap_get(d->fm_root, "issue")->line, 3);
	assert_int_equal(dtw_ymap_get(d->fm_root, "issue")->col, 8);
	assert_string_equal(dtw_ymap_get(d->fm_root, "date")->value, "2026-11-24");
	done(&b);
}

static void test_front_matter_roles(void **state)
{
	static struct built b;
	(void)state;
	build(&b, issue_md);
	assert_string_equal(dtw_issue_role(b.is, DTW_ROLE_NUMBER), "42");
	assert_string_equal(dtw_issue_role(b.is, DTW_ROLE_DATE), "2026-11-24");
	assert_string_equal(dtw_issue_role(b.is, DTW_ROLE_TITLE), "Data This Week");
	assert_null(dtw_issue_role(b.is, DTW_ROLE_STATUS));
	assert_int_equal(b.is->role[DTW_ROLE_NUMBER]->line, 3);
	assert_string_equal(dtw_schema_role_key(dtw_week, DTW_ROLE_STATUS), "status");
	assert_non_null(dtw_schema_role_def(dtw_week, DTW_ROLE_STATUS));
	done(&b);
	/* No front matter: no roles. */
	build(&b, "# Just a title\n");
	assert_null(dtw_issue_role(b.is, DTW_ROLE_NUMBER));
	assert_null(b.is->role[DTW_ROLE_TITLE]);
	done(&b);
}

/* Pelican metadata: "Key: value" lines up to the first blank line, keys
 * lower-cased, values trimmed, continuation lines joined, positions
 * those of the file; the blank line is the metadata's, not the body's. */
static void test_front_matter_pelican(void **state)
{
	static const char schema_text[] =
		"name: p\nfront_matter:\n  syntax: pelican\n"
		"  title: { type: string }\n  number: { type: integer, role: number }\n"
		"  date: { type: date }\n  summary: { type: string }\n"
		"sections:\n  - id: a\n    title: A\n";
	static const char text[] =
		"Title: This Week in Foo 602\n"
		"  Number:   602  \n"
		"Date: 2025-06-04\n"
		"Summary: one\n"
		"    two\n"
		"    three\n"
		"\n"
		"Category: left out\n";
	static struct built b;
	struct dtw_schema *s = NULL;
	const struct dtw_document *d;
	const struct dtw_ynode *n;
	(void)state;
	assert_int_equal(dtw_schema_load(&s, schema_text, strlen(schema_text), "p.yaml"), 0);
	assert_int_equal(s->fm_syntax, DTW_FM_SYNTAX_PELICAN);
	assert_int_equal(s->nfm, 4);
	build_with(&b, text, strlen(text), s);
	d = &b.is->doc;
	assert_int_equal(d->fm, DTW_FM_PRESENT);
	assert_int_equal(d->fm_syntax, DTW_FM_SYNTAX_PELICAN);
	assert_int_equal(d->fm_open, 0);
	assert_int_equal(d->fm_close, at(&b, "\nCategory") + 0);
	assert_int_equal(d->body, at(&b, "Category"));
	assert_int_equal(d->body_line, 8);
	assert_non_null(d->fm_root);
	assert_int_equal(d->fm_root->n, 4);
	n = dtw_ymap_get(d->fm_root, "number");
	assert_non_null(n);
	assert_string_equal(n->value, "602");
	assert_int_equal(n->line, 2);
	assert_int_equal(n->col, 13);
	assert_int_equal(d->fm_root->pairs[1].key->col, 3);
	assert_string_equal(dtw_ymap_get(d->fm_root, "summary")->value, "one two three");
	assert_null(dtw_ymap_get(d->fm_root, "category"));
	assert_string_equal(dtw_issue_role(b.is, DTW_ROLE_NUMBER), "602");
	assert_string_equal(dtw_issue_role(b.is, DTW_ROLE_TITLE), "This Week in Foo 602");
	done(&b);
	/* A first line that is no "Key: value" line: no metadata. */
	build_with(&b, "# Title\n\nText.\n", 16, s);
	assert_int_equal(b.is->doc.fm, DTW_FM_ABSENT);
	assert_int_equal(b.is->doc.body, 0);
	done(&b);
	/* YAML's "---" is not Pelican metadata either. */
	build_with(&b, "---\ntitle: x\n---\n", 18, s);
	assert_int_equal(b.is->doc.fm, DTW_FM_ABSENT);
	done(&b);
	/* Metadata to the end of the file, no blank line. */
	build_with(&b, "Title: x\r\nNumber: 3", 19, s);
	assert_int_equal(b.is->doc.fm, DTW_FM_PRESENT);
	assert_string_equal(dtw_ymap_get(b.is->doc.fm_root, "title")->value, "x");
	assert_string_equal(dtw_ymap_get(b.is->doc.fm_root, "number")->value, "3");
	assert_int_equal(b.is->doc.body, 19);
	done(&b);
	dtw_schema_free(s);
}

static void test_title_and_intro(void **state)
{
	static struct built b;
	(void)state;
	build(&b, issue_md);
	assert_int_equal(b.is->has_title, 1);
	assert_string_equal(b.is->title, "Data This Week #42");
	assert_int_equal(b.is->title_start, at(&b, "# Data This Week #42"));
	assert_int_equal(b.is->intro_paras, 2);
	assert_int_equal(b.is->intro_start, at(&b, "Welcome"));
	assert_int_equal(b.is->intro_end, after(&b, "A second intro paragraph."));
	assert_int_equal(b.is->nstray, 0);
	done(&b);
}

static void test_sections_matched(void **state)
{
	static struct built b;
	const struct dtw_section *s;
	(void)state;
	build(&b, issue_md);
	assert_int_equal(b.is->nsections, 3);

	s = &b.is->sections[0];
	assert_string_equal(s->heading, BOOKS " Blogs to Read");
	assert_string_equal(s->title, "Blogs to Read");
	assert_string_equal(s->emoji, BOOKS);
	assert_ptr_equal(s->def, &dtw_week->sections[0]);
	assert_int_equal(s->mojibake, 0);
	assert_int_equal(s->start, at(&b, "## " BOOKS));
	assert_int_equal(s->end, after(&b, "## " BOOKS " Blogs to Read"));
	assert_int_equal(s->title_start, at(&b, BOOKS " Blogs to Read"));
	assert_int_equal(s->nitems, 3);

	/* "## 🛠 tools": no U+FE0F, lower case; still the Tools section. */
	s = &b.is->sections[1];
	assert_string_equal(s->heading, HAMMER " tools");
	assert_string_equal(s->title, "tools");
	assert_string_equal(s->emoji, HAMMER);
	assert_ptr_equal(s->def, &dtw_week->sections[1]);
	assert_int_equal(s->mojibake, 0);
	assert_int_equal(s->start, at(&b, "## " HAMMER));
	assert_int_equal(s->end, after(&b, "## " HAMMER " tools"));
	assert_int_equal(s->nitems, 1);

	s = &b.is->sections[2];
	assert_string_equal(s->title, "Community Sentiments");
	assert_ptr_equal(s->def, &dtw_week->sections[2]);
	assert_int_equal(s->nitems, 1);
	done(&b);
}

static void test_items_and_fields(void **state)
{
	static struct built b;
	const struct dtw_section *s;
	const struct dtw_item *it;
	const struct dtw_field *f;
	(void)state;
	build(&b, issue_md);
	s = &b.is->sections[0];

	it = &s->items[0];
	assert_string_equal(it->title, "Streaming ELT");
	assert_int_equal(it->start, at(&b, "### Streaming ELT"));
	assert_int_equal(it->end, after(&b, "### Streaming ELT"));
	assert_int_equal(it->body_end, after(&b, "(https://example.org/cdc)"));
	assert_int_equal(it->nfields, 1);
	f = &it->fields[0];
	assert_ptr_equal(f->def, &dtw_week->sections[0].fields[0]);
	assert_string_equal(f->label, "Why it matters:");
	assert_int_equal(f->bold, 1);
	assert_int_equal(f->canonical, 1);
	assert_int_equal(f->start, at(&b, "**Why it matters:** Lag"));
	assert_int_equal(f->end, after(&b, "(https://example.org/cdc)"));
	assert_string_equal(f->value, "Lag drops to seconds. Read more " ARROW);
	assert_int_equal(f->words, 7);
	assert_int_equal(f->has_list, 0);

	/* A plain (not bold) label is the field, not canonical. */
	it = &s->items[1];
	assert_string_equal(it->title, "Koala 2.0");
	assert_int_equal(it->nfields, 1);
	f = &it->fields[0];
	assert_string_equal(f->label, "Why it matters:");
	assert_int_equal(f->bold, 0);
	assert_int_equal(f->canonical, 0);
	assert_string_equal(f->value, "a plain label. Explore " ARROW);

	/* Bold, but not the schema's exact label. */
	it = &s->items[2];
	assert_string_equal(it->title, "Third post");
	f = &it->fields[0];
	assert_ptr_equal(f->def, &dtw_week->sections[0].fields[0]);
	assert_string_equal(f->label, "Why It Matters:");
	assert_int_equal(f->bold, 1);
	assert_int_equal(f->canonical, 0);
	done(&b);
}

static void test_alias_label(void **state)
{
	static struct built b;
	const struct dtw_item *it;
	(void)state;
	build(&b, issue_md);
	it = &b.is->sections[1].items[0];
	assert_string_equal(it->title, "Jikkou");
	assert_int_equal(it->nfields, 2);
	assert_ptr_equal(it->fields[0].def, &dtw_week->sections[1].fields[0]);
	assert_string_equal(it->fields[0].label, "What it is:");
	assert_int_equal(it->fields[0].canonical, 1);
	assert_string_equal(it->fields[0].value, "Resource-as-code.");
	/* No word limits on "What it is:": not counted, but not empty. */
	assert_int_equal(it->fields[0].words, 0);
	assert_int_equal(it->fields[0].empty, 0);
	/* "Why it matters:" is an alias of "Why you should check it out:". */
	assert_ptr_equal(it->fields[1].def, &dtw_week->sections[1].fields[1]);
	assert_string_equal(it->fields[1].label, "Why it matters:");
	assert_int_equal(it->fields[1].bold, 1);
	assert_int_equal(it->fields[1].canonical, 1);
	done(&b);
}

static void test_field_with_list(void **state)
{
	static struct built b;
	const struct dtw_item *it;
	const struct dtw_field *f;
	(void)state;
	build(&b, issue_md);
	it = &b.is->sections[2].items[0];
	assert_string_equal(it->title, "Tests in CI?");
	assert_int_equal(it->nfields, 2);
	f = &it->fields[0];
	assert_ptr_equal(f->def, &dtw_week->sections[2].fields[0]);
	assert_string_equal(f->label, "Key Takeaways from the thread:");
	assert_int_equal(f->canonical, 1);
	assert_int_equal(f->has_list, 1);
	assert_string_equal(f->value, "");
	/* The list makes the field non-empty, and its span takes the list in
	 * (its words are counted only where the schema limits them). */
	assert_int_equal(f->empty, 0);
	assert_int_equal(f->words, 0);
	assert_int_equal(f->start, at(&b, "**Key Takeaways"));
	assert_true(f->end >= after(&b, "- data tests in the warehouse"));
	assert_true(f->end < at(&b, "**The consensus:**"));
	f = &it->fields[1];
	assert_string_equal(f->label, "The consensus:");
	assert_int_equal(f->has_list, 0);
	assert_string_equal(f->value, "run both. Read more " ARROW);
	done(&b);
}

static void test_links(void **state)
{
	static struct built b;
	const struct dtw_item *it;
	const struct dtw_link *l;
	(void)state;
	build(&b, issue_md);

	it = &b.is->sections[0].items[0];
	assert_int_equal(it->nlinks, 1);
	l = &it->links[0];
	assert_string_equal(l->text, "Read more " ARROW);
	assert_string_equal(l->url, "https://example.org/cdc");
	assert_int_equal(l->start, at(&b, "https://example.org/cdc"));
	assert_int_equal(l->end, after(&b, "https://example.org/cdc"));
	assert_int_equal(l->cta, 1);
	assert_int_equal(l->in_heading, 0);

	/* A heading that is a link; then "Explore →", the other CTA. */
	it = &b.is->sections[0].items[1];
	assert_int_equal(it->nlinks, 2);
	l = &it->links[0];
	assert_string_equal(l->text, "Koala 2.0");
	assert_string_equal(l->url, "https://example.org/koala");
	assert_int_equal(l->start, at(&b, "https://example.org/koala"));
	assert_int_equal(l->in_heading, 1);
	assert_int_equal(l->cta, 0);
	l = &it->links[1];
	assert_string_equal(l->text, "Explore " ARROW);
	assert_int_equal(l->in_heading, 0);
	assert_int_equal(l->cta, 1);

	/* CTA texts compare without case. */
	it = &b.is->sections[0].items[2];
	assert_int_equal(it->nlinks, 1);
	assert_string_equal(it->links[0].text, "read more " ARROW);
	assert_int_equal(it->links[0].cta, 1);

	/* An autolink; Tools declares no CTA at all. */
	it = &b.is->sections[1].items[0];
	assert_int_equal(it->nlinks, 1);
	l = &it->links[0];
	assert_string_equal(l->url, "https://example.org/jikkou");
	assert_string_equal(l->text, "https://example.org/jikkou");
	assert_int_equal(l->start, at(&b, "https://example.org/jikkou"));
	assert_int_equal(l->cta, 0);

	it = &b.is->sections[2].items[0];
	assert_int_equal(it->nlinks, 1);
	assert_int_equal(it->links[0].cta, 1);
	done(&b);
}

static void test_autolink_after_a_longer_url(void **state)
{
	/* The autolink's URL is also the start of a longer one in the text
	 * before it: its place is where it is the whole of what is written. */
	static struct built b;
	const struct dtw_link *l;
	(void)state;
	build(&b, "---\ntitle: T\nissue: 1\ndate: 2026-11-24\n---\n\n# T\n\nIntro.\n\n"
		  "## \xf0\x9f\x93\x9a Blogs to Read\n\n### A\n\n"
		  "See <irc://e.example/x?a=1z and\n<irc://e.example/x?a=1>\n");
	assert_int_equal(b.is->sections[0].nitems, 1);
	assert_int_equal(b.is->sections[0].items[0].nlinks, 1);
	l = &b.is->sections[0].items[0].links[0];
	assert_string_equal(l->url, "irc://e.example/x?a=1");
	assert_int_equal(l->start, nth(&b, "irc://e.example/x?a=1", 1));
	done(&b);
}

static void test_outro_and_code(void **state)
{
	static struct built b;
	(void)state;
	build(&b, issue_md);
	assert_int_equal(b.is->has_break, 1);
	assert_int_equal(b.is->break_start, at(&b, "---\n\nThat"));
	assert_int_equal(b.is->outro_paras, 2);
	assert_int_equal(b.is->outro_start, at(&b, "That" RSQUO "s"));
	assert_int_equal(b.is->outro_end, after(&b, "See you next time."));
	assert_string_equal(b.is->outro_text, "That" RSQUO "s all for this week! See you next time.");
	/* The code block belongs to the last item and is a code range. */
	assert_int_equal(b.is->ncode, 1);
	assert_int_equal(b.is->code[0].start, at(&b, "```sh"));
	assert_int_equal(b.is->code[0].end, after(&b, "dbt test\n```"));
	assert_int_equal(dtw_issue_in_code(b.is, at(&b, "dbt test")), 1);
	assert_int_equal(dtw_issue_in_code(b.is, at(&b, "```sh")), 1);
	assert_int_equal(dtw_issue_in_code(b.is, at(&b, "run both")), 0);
	assert_int_equal(dtw_issue_in_code(b.is, at(&b, "---\n\nThat")), 0);
	assert_int_equal(b.is->sections[2].items[0].body_end, after(&b, "dbt test\n```"));
	done(&b);
}

static void test_no_outro(void **state)
{
	static struct built b;
	(void)state;
	/* A thematic break before the last heading does not open the outro. */
	build(&b, "Intro.\n\n---\n\n## Tools\n\n### X\n\nText.\n");
	assert_int_equal(b.is->has_break, 0);
	assert_int_equal(b.is->outro_paras, 0);
	assert_null(b.is->outro_text);
	assert_int_equal(b.is->doc.fm, DTW_FM_ABSENT);
	assert_int_equal(b.is->has_title, 0);
	assert_int_equal(b.is->intro_paras, 1);
	assert_int_equal(b.is->nsections, 1);
	assert_int_equal(b.is->sections[0].nitems, 1);
	done(&b);
	/* A break with nothing after it: a break, no outro paragraph. */
	build(&b, "## Tools\n\n### X\n\n***\n");
	assert_int_equal(b.is->has_break, 1);
	assert_int_equal(b.is->break_start, at(&b, "***"));
	assert_int_equal(b.is->outro_paras, 0);
	done(&b);
}

static void test_mojibake_and_unknown_headings(void **state)
{
	static struct built b;
	const struct dtw_section *s;
	(void)state;
	build(&b, "Intro.\n\n## " BOOKS_MOJIBAKE " Blogs to Read\n\n### A\n\n"
		  "## Tols\n\n## " HAMMER FE0F " TOOLS\n\n## Tools and more\n");
	assert_int_equal(b.is->nsections, 4);
	s = &b.is->sections[0];
	assert_string_equal(s->heading, BOOKS_MOJIBAKE " Blogs to Read");
	assert_ptr_equal(s->def, &dtw_week->sections[0]);
	assert_int_equal(s->mojibake, 1);
	assert_int_equal(s->nitems, 1);
	assert_int_equal(s->start, at(&b, "## \xC3\xB0"));
	s = &b.is->sections[1];
	assert_string_equal(s->title, "Tols");
	assert_string_equal(s->emoji, "");
	/* One slip from "Tools", but Tools is written right below: no
	 * second copy of it, a heading that names no section. */
	assert_null(s->def);
	assert_int_equal(s->misspelt, 0);
	assert_int_equal(s->mojibake, 0);
	s = &b.is->sections[2];
	assert_string_equal(s->emoji, HAMMER FE0F);
	assert_string_equal(s->title, "TOOLS");
	assert_ptr_equal(s->def, &dtw_week->sections[1]);
	assert_int_equal(s->mojibake, 0);
	s = &b.is->sections[3];
	assert_null(s->def);
	assert_int_equal(s->misspelt, 0);
	done(&b);
}

static void test_misspelt_section(void **state)
{
	static struct built b;
	(void)state;
	/* Alone, a slip of a section's title is read as that section. */
	build(&b, "Intro.\n\n## Tols\n\n### Koala\n\n## Comunity Sentiments\n\n"
		  "## Tools we use at work\n");
	assert_int_equal(b.is->nsections, 3);
	assert_ptr_equal(b.is->sections[0].def, &dtw_week->sections[1]);
	assert_int_equal(b.is->sections[0].misspelt, 1);
	assert_int_equal(b.is->sections[0].nitems, 1);
	assert_ptr_equal(b.is->sections[1].def, &dtw_week->sections[2]);
	assert_int_equal(b.is->sections[1].misspelt, 1);
	/* More than a slip: no section. */
	assert_null(b.is->sections[2].def);
	done(&b);
}

static void test_stray_items(void **state)
{
	static struct built b;
	(void)state;
	build(&b, "Intro.\n\n### Early item\n\n**Why it matters:** no section.\n\n## 📚 Blogs to Read\n");
	assert_int_equal(b.is->nstray, 1);
	assert_string_equal(b.is->stray[0].title, "Early item");
	assert_int_equal(b.is->stray[0].start, at(&b, "### Early"));
	/* No section: no schema to name its fields. */
	assert_int_equal(b.is->stray[0].nfields, 0);
	assert_int_equal(b.is->intro_paras, 1);
	assert_int_equal(b.is->nsections, 1);
	assert_int_equal(b.is->sections[0].nitems, 0);
	done(&b);
}

/* Items before the first section, where the one section no heading
 * names goes: that section, its heading missing. */
static void test_headless_first(void **state)
{
	static struct built b;
	(void)state;
	build(&b, "Intro.\n\n### Early item\n\n**Why it matters:** a reason.\n\n## Tools\n");
	assert_int_equal(b.is->nstray, 0);
	assert_int_equal(b.is->nsections, 2);
	assert_true(b.is->sections[0].headless);
	assert_string_equal(b.is->sections[0].def->title, "Blogs to Read");
	assert_int_equal(b.is->sections[0].start, at(&b, "### Early"));
	assert_int_equal(b.is->sections[0].nitems, 1);
	assert_string_equal(b.is->sections[0].items[0].title, "Early item");
	assert_int_equal(b.is->sections[0].items[0].nfields, 1);
	assert_false(b.is->sections[1].headless);
	done(&b);
	/* Two sections no heading names before the first one: no guess. */
	build(&b, "Intro.\n\n### Early item\n\n**Why it matters:** a reason.\n\n## 💬 Community Sentiments\n");
	assert_int_equal(b.is->nstray, 1);
	assert_int_equal(b.is->nsections, 1);
	done(&b);
}

/* An item with the next section's fields, which no heading names: that
 * section's heading is missing above it. Named later: no move. */
static void test_headless_by_fields(void **state)
{
	static struct built b;
	(void)state;
	build(&b, "Intro.\n\n## Blogs to Read\n\n### A\n\n**Why it matters:** x.\n\n"
		  "### B\n\n**What it is:** y.\n\n**Why you should check it out:** z.\n");
	assert_int_equal(b.is->nsections, 2);
	assert_int_equal(b.is->sections[0].nitems, 1);
	assert_true(b.is->sections[1].headless);
	assert_string_equal(b.is->sections[1].def->title, "Tools");
	assert_int_equal(b.is->sections[1].nitems, 1);
	assert_string_equal(b.is->sections[1].items[0].title, "B");
	assert_int_equal(b.is->sections[1].items[0].nfields, 2);
	done(&b);
	build(&b, "Intro.\n\n## Blogs to Read\n\n### A\n\n**Why it matters:** x.\n\n"
		  "### B\n\n**What it is:** y.\n\n## Tools\n");
	assert_int_equal(b.is->nsections, 2);
	assert_int_equal(b.is->sections[0].nitems, 2);
	assert_false(b.is->sections[1].headless);
	done(&b);
}

/* An item whose heading was deleted: split off at its first paragraph,
 * with the links from there on. */
static void test_headless_item(void **state)
{
	static struct built b;
	(void)state;
	build(&b, "Intro.\n\n## Blogs to Read\n\n### A\n\n**Why it matters:** x. [Read more →](https://a.io/1)\n\n"
		  "Second one.\n\n**Why it matters:** y. [Read more →](https://b.io/2)\n");
	assert_int_equal(b.is->sections[0].nitems, 2);
	assert_int_equal(b.is->sections[0].items[0].nlinks, 1);
	assert_string_equal(b.is->sections[0].items[0].links[0].url, "https://a.io/1");
	assert_true(b.is->sections[0].items[1].headless);
	assert_int_equal(b.is->sections[0].items[1].start, at(&b, "Second one"));
	assert_string_equal(b.is->sections[0].items[1].title, "Second one.\xE2\x80\xA6");
	assert_int_equal(b.is->sections[0].items[1].nlinks, 1);
	assert_string_equal(b.is->sections[0].items[1].links[0].url, "https://b.io/2");
	assert_int_equal(b.is->sections[0].items[1].nfields, 1);
	done(&b);
}

static void test_state_empty(void **state)
{
	static struct built b;
	(void)state;
	build(&b, "");
	assert_int_equal(b.is->doc.state, DTW_DOC_EMPTY);
	assert_int_equal(b.is->nsections, 0);
	assert_int_equal(b.is->intro_paras, 0);
	done(&b);
	build(&b, " \n\t\r\n\n");
	assert_int_equal(b.is->doc.state, DTW_DOC_EMPTY);
	done(&b);
	build(&b, "\xEF\xBB\xBF\n");
	assert_int_equal(b.is->doc.state, DTW_DOC_EMPTY);
	assert_int_equal(b.is->doc.has_bom, 1);
	done(&b);
}

static void test_state_binary(void **state)
{
	static struct built b;
	static const char bin[] = "## Tools\n\x89PNG\0\0\0\rIHDR";
	(void)state;
	build_with(&b, bin, sizeof(bin) - 1, dtw_week);
	assert_int_equal(b.is->doc.state, DTW_DOC_BINARY);
	assert_int_equal(b.is->doc.binary_at, 13);
	assert_int_equal(b.is->nsections, 0);
	done(&b);
}

static void test_state_fm_unclosed(void **state)
{
	static struct built b;
	(void)state;
	build(&b, "---\ntitle: x\nissue: 1\n");
	assert_int_equal(b.is->doc.state, DTW_DOC_FM_UNCLOSED);
	assert_int_equal(b.is->doc.fm, DTW_FM_PRESENT);
	assert_int_equal(b.is->doc.fm_open, 0);
	assert_int_equal(b.is->nsections, 0);
	done(&b);
	/* The closing line is missing and the YAML runs on into Markdown
	 * until a thematic break: reported as unclosed, at the prose. */
	build(&b, "---\ntitle: x\n\nWelcome to the issue.\n\n## Tools\n\n---\n\nBye.\n");
	assert_int_equal(b.is->doc.state, DTW_DOC_FM_UNCLOSED);
	assert_int_equal(b.is->doc.fm_runaway_line, 4);
	assert_int_equal(b.is->nsections, 0);
	done(&b);
}

static void test_front_matter_yaml_error(void **state)
{
	static struct built b;
	(void)state;
	build(&b, "---\ntitle: [x\n---\n\nIntro.\n\n## Tools\n");
	assert_int_equal(b.is->doc.state, DTW_DOC_OK);
	assert_int_equal(b.is->doc.fm, DTW_FM_PRESENT);
	assert_null(b.is->doc.fm_root);
	assert_int_equal(b.is->doc.fm_error, DTW_EINVALID);
	assert_int_equal(b.is->doc.fm_error_line, 3);
	assert_int_equal(b.is->doc.fm_error_col, 1);
	assert_int_equal(b.is->doc.fm_runaway_line, 0);
	/* The message without its "LINE:COL: " prefix. */
	assert_string_equal(b.is->doc.fm_error_msg,
			    "did not find expected ',' or ']' while parsing a flow sequence");
	/* The body is still modelled. */
	assert_int_equal(b.is->intro_paras, 1);
	assert_int_equal(b.is->nsections, 1);
	done(&b);
}

static void test_bom_offsets(void **state)
{
	static struct built b;
	(void)state;
	build(&b, "\xEF\xBB\xBF---\ntitle: x\n---\n## Tools\n");
	assert_int_equal(b.is->doc.has_bom, 1);
	assert_int_equal(b.is->doc.fm, DTW_FM_PRESENT);
	assert_int_equal(b.is->doc.fm_open, 3);
	assert_int_equal(b.is->doc.fm_text, 7);
	assert_int_equal(b.is->doc.body_line, 4);
	assert_int_equal(b.is->nsections, 1);
	assert_int_equal(b.is->sections[0].start, at(&b, "## Tools"));
	done(&b);
	/* Without front matter, the body starts after the BOM. */
	build(&b, "\xEF\xBB\xBF## Tools\n\n### X\n");
	assert_int_equal(b.is->doc.fm, DTW_FM_ABSENT);
	assert_int_equal(b.is->doc.body, 3);
	assert_int_equal(b.is->nsections, 1);
	assert_int_equal(b.is->sections[0].start, 3);
	assert_int_equal(b.is->sections[0].end, 11);
	assert_int_equal(b.is->sections[0].items[0].start, at(&b, "### X"));
	done(&b);
}

static void test_crlf_positions(void **state)
{
	static struct built b;
	const struct dtw_section *s;
	const struct dtw_item *it;
	static const char crlf[] =
		"---\r\ntitle: T\r\n---\r\n\r\n"
		"Intro.\r\n\r\n"
		"## " BOOKS " Blogs to Read\r\n\r\n"
		"### One\r\n\r\n"
		"**Why it matters:** it is. [Read more " ARROW "](https://e.org/1)\r\n\r\n"
		"---\r\n\r\n"
		"Bye.\r\n";
	(void)state;
	build(&b, crlf);
	assert_int_equal(b.is->doc.state, DTW_DOC_OK);
	assert_int_equal(b.is->doc.fm_text, 5);
	assert_int_equal(b.is->doc.fm_close, at(&b, "---\r\n\r\nIntro"));
	assert_int_equal(b.is->doc.body_line, 4);
	assert_string_equal(dtw_ymap_get(b.is->doc.fm_root, "title")->value, "T");
	assert_int_equal(b.is->intro_start, at(&b, "Intro."));
	assert_int_equal(b.is->intro_end, after(&b, "Intro."));
	assert_int_equal(b.is->nsections, 1);
	s = &b.is->sections[0];
	assert_string_equal(s->title, "Blogs to Read");
	assert_int_equal(s->start, at(&b, "## "));
	/* Spans end before the "\r\n". */
	assert_int_equal(s->end, after(&b, "Blogs to Read"));
	assert_int_equal(s->nitems, 1);
	it = &s->items[0];
	assert_string_equal(it->title, "One");
	assert_int_equal(it->start, at(&b, "### One"));
	assert_int_equal(it->end, after(&b, "### One"));
	assert_int_equal(it->nfields, 1);
	assert_int_equal(it->fields[0].start, at(&b, "**Why"));
	assert_int_equal(it->fields[0].end, after(&b, "(https://e.org/1)"));
	assert_int_equal(it->nlinks, 1);
	assert_int_equal(it->links[0].start, at(&b, "https://e.org/1"));
	assert_int_equal(it->links[0].cta, 1);
	assert_int_equal(b.is->has_break, 1);
	assert_int_equal(b.is->break_start, at(&b, "---\r\n\r\nBye"));
	assert_int_equal(b.is->outro_start, at(&b, "Bye."));
	assert_int_equal(b.is->outro_end, after(&b, "Bye."));
	assert_string_equal(b.is->outro_text, "Bye.");
	done(&b);
}

static const char links_schema[] =
	"name: links-weekly\n"
	"sections:\n"
	"  - id: links\n"
	"    title: Quick Links\n"
	"    items: list\n"
	"    min_items: 1\n"
	"    link: required\n"
	"    fields:\n"
	"      - label: \"Via:\"\n"
	"        required: false\n";

static void test_list_style_items(void **state)
{
	struct dtw_schema *s;
	static struct built b;
	const struct dtw_section *sec;
	const struct dtw_item *it;
	static const char md[] =
		"Intro.\n\n"
		"## Quick Links\n\n"
		"- [First link](https://a.example/1) " "\xE2\x80\x94" " short note. Via: @alice\n"
		"- [Second](https://b.example/2)\n"
		"- No link here, just text\n\n"
		"---\n\nBye.\n";
	(void)state;
	if (dtw_schema_load(&custom, links_schema, sizeof(links_schema) - 1, "links.yaml"))
		fail_msg("%s", dtw_error_last());
	s = custom;
	build_with(&b, md, sizeof(md) - 1, s);
	assert_int_equal(b.is->nsections, 1);
	sec = &b.is->sections[0];
	assert_ptr_equal(sec->def, &s->sections[0]);
	assert_int_equal(sec->nitems, 3);

	it = &sec->items[0];
	assert_string_equal(it->title, "First link");
	assert_int_equal(it->start, at(&b, "- [First"));
	assert_int_equal(it->end, after(&b, "@alice"));
	assert_int_equal(it->nlinks, 1);
	assert_string_equal(it->links[0].url, "https://a.example/1");
	assert_int_equal(it->links[0].start, at(&b, "https://a.example/1"));
	assert_int_equal(it->nfields, 1);
	assert_ptr_equal(it->fields[0].def, &s->sections[0].fields[0]);
	assert_string_equal(it->fields[0].label, "Via:");
	assert_string_equal(it->fields[0].value, "@alice");

	it = &sec->items[1];
	assert_string_equal(it->title, "Second");
	assert_int_equal(it->start, at(&b, "- [Second"));
	assert_int_equal(it->nlinks, 1);
	assert_int_equal(it->nfields, 0);

	/* Without a link, the entry's text is its title. */
	it = &sec->items[2];
	assert_string_equal(it->title, "No link here, just text");
	assert_int_equal(it->nlinks, 0);
	assert_int_equal(b.is->has_break, 1);
	assert_string_equal(b.is->outro_text, "Bye.");
	done(&b);
}

static void test_list_in_heading_section_is_not_items(void **state)
{
	static struct built b;
	(void)state;
	/* The built-in sections take items from headings only. */
	build(&b, "## Tools\n\n- [a](https://a.example)\n- [b](https://b.example)\n");
	assert_int_equal(b.is->nsections, 1);
	assert_int_equal(b.is->sections[0].nitems, 0);
	done(&b);
}

static void test_two_issues_in_turn(void **state)
{
	static struct built a, b;
	(void)state;
	/* Two models alive at once stay independent. */
	build(&a, issue_md);
	build(&b, "## Tools\n\n### Only\n\n**What it is:** x.\n");
	assert_int_equal(a.is->nsections, 3);
	assert_int_equal(b.is->nsections, 1);
	assert_string_equal(b.is->sections[0].items[0].title, "Only");
	assert_string_equal(a.is->sections[1].items[0].title, "Jikkou");
	done(&a);
	assert_string_equal(b.is->sections[0].items[0].fields[0].value, "x.");
	done(&b);
}

static const char text_md[] =
	"---\n"
	"title: Data This Week\n"
	"issue: 42\n"
	"link: https://e.org/fm/TODO\n"
	"---\n"
	"\n"
	"Intro with `code <!-- x -->` and <!-- dtw-disable whitespace --> a comment,\n"
	"and a [link *text*](https://e.org/a \"title TODO\") and ![img alt](https://e.org/i.png).\n"
	"\n"
	"[ref]: https://e.org/ref/TODO\n"
	"\n"
	"<div><a href=\"https://e.org/h/TODO\">x</a></div>\n"
	"\n"
	"<!--\n"
	"multi\n"
	"-->\n"
	"\n"
	"## \xF0\x9F\x93\x9A Blogs to Read\n"
	"\n"
	"### Item one\n"
	"\n"
	"Body has **five** words `x y` here.\n"
	"\n"
	"- a bullet\n"
	"- [a link](https://e.org/b)\n"
	"\n"
	"| one | two |\n"
	"|-----|-----|\n"
	"| three | four |\n";

static const char refs_md[] =
	"---\n"
	"title: Data This Week\n"
	"issue: 42\n"
	"date: 2026-11-24\n"
	"---\n"
	"\n"
	"See [the post][Post  One], [the notes][], [Shortcut] and [inline](https://e.org/i).\n"
	"Also [missing][nowhere].\n"
	"\n"
	"[post one]: https://e.org/first\n"
	"[POST ONE]: https://e.org/second\n"
	"[the notes]: <https://e.org/notes>\n"
	"[shortcut]:\n"
	"   https://e.org/short\n"
	"\n"
	"```\n"
	"[code]: https://e.org/code\n"
	"```\n";

/* Reference links know their definition: by the second brackets' label,
 * or the text (collapsed, shortcut), matched as CommonMark matches labels
 * (case and white space aside), the first of a label counting. */
static void test_reference_definitions(void **state)
{
	static struct built b;
	const struct dtw_issue *is;
	const struct dtw_link *l;
	(void)state;
	build(&b, refs_md);
	is = b.is;

	/* Three definitions the text holds; the one in code is none. */
	assert_int_equal(is->ndefs, 4);
	assert_string_equal(is->defs[0].label, "post one");
	assert_int_equal(is->defs[0].start, at(&b, "[post one]:"));
	assert_int_equal(is->defs[0].url_start, at(&b, "https://e.org/first"));
	assert_int_equal(is->defs[0].url_end, after(&b, "https://e.org/first"));
	assert_int_equal(is->defs[2].url_start, at(&b, "https://e.org/notes"));
	assert_int_equal(is->defs[2].url_end, after(&b, "https://e.org/notes"));
	assert_int_equal(is->defs[3].url_start, at(&b, "https://e.org/short"));

	assert_int_equal(is->nlinks, 4); /* [missing][nowhere] is no link */
	l = &is->links[0];
	assert_string_equal(l->url, "https://e.org/first");
	assert_int_equal(l->ref, 1);
	assert_ptr_equal(l->def, &is->defs[0]);
	assert_int_equal(l->text_start, at(&b, "the post"));
	assert_int_equal(l->text_end, after(&b, "the post"));
	l = &is->links[1];
	assert_int_equal(l->ref, 1);
	assert_ptr_equal(l->def, &is->defs[2]);
	l = &is->links[2];
	assert_int_equal(l->ref, 1);
	assert_ptr_equal(l->def, &is->defs[3]);
	l = &is->links[3];
	assert_int_equal(l->ref, 0);
	assert_null(l->def);
	assert_int_equal(l->start, at(&b, "https://e.org/i"));
	done(&b);
}

/* Comments, code spans, every link with its spans, what is not prose,
 * and the word counts length reads: as cmark reads the text. */
static void test_text_spans(void **state)
{
	static struct built b;
	const struct dtw_issue *is;
	const struct dtw_link *l;
	(void)state;
	build(&b, text_md);
	is = b.is;

	/* The comment inside the code span is code; the HTML block's is one. */
	assert_int_equal(is->ncomments, 2);
	assert_int_equal(is->comments[0].start, at(&b, "<!-- dtw-disable"));
	assert_int_equal(is->comments[0].end, after(&b, "whitespace -->"));
	assert_int_equal(is->comments[1].start, at(&b, "<!--\nmulti"));
	assert_int_equal(is->comments[1].end, after(&b, "multi\n-->"));

	assert_int_equal(is->ncode_spans, 2);
	assert_int_equal(is->code_spans[0].start, at(&b, "`code"));
	assert_int_equal(is->code_spans[0].end, after(&b, "x -->`"));
	assert_int_equal(is->code_spans[1].start, at(&b, "`x y`"));
	assert_int_equal(is->code_spans[1].end, after(&b, "`x y`"));

	/* The intro's link and image, then the item's link. */
	assert_int_equal(is->nlinks, 3);
	l = &is->links[0];
	assert_string_equal(l->text, "link text");
	assert_int_equal(l->start, at(&b, "https://e.org/a"));
	assert_int_equal(l->end, after(&b, "https://e.org/a"));
	assert_int_equal(l->text_start, at(&b, "link *text*"));
	assert_int_equal(l->text_end, after(&b, "link *text*"));
	assert_int_equal(l->image, 0);
	l = &is->links[1];
	assert_int_equal(l->image, 1);
	assert_string_equal(l->text, "img alt");
	assert_int_equal(l->text_start, at(&b, "img alt"));
	assert_int_equal(l->text_end, after(&b, "img alt"));
	assert_string_equal(is->links[2].url, "https://e.org/b");
	assert_int_equal(is->sections[0].items[0].nlinks, 1);
	assert_int_equal(is->sections[0].items[0].links[0].text_start, at(&b, "a link"));

	/* Prose, and what is not: the link's title, the definition, the
	 * HTML attribute, the front matter's URL, the code span. */
	assert_int_equal(dtw_in_prose(is, at(&b, "Intro")), 1);
	assert_int_equal(dtw_in_prose(is, at(&b, "link *text*")), 1);
	assert_int_equal(dtw_in_prose(is, at(&b, "code <!--")), 0);
	assert_int_equal(dtw_in_prose(is, at(&b, "TODO\")")), 0);
	assert_int_equal(dtw_in_prose(is, at(&b, "ref/TODO")), 0);
	assert_int_equal(dtw_in_prose(is, at(&b, "h/TODO")), 0);
	assert_int_equal(dtw_in_prose(is, at(&b, "fm/TODO")), 0);
	assert_int_equal(dtw_in_prose(is, at(&b, "i.png")), 0);
	assert_int_equal(dtw_in_prose(is, at(&b, ">x<")), 1);
	assert_int_equal(dtw_in_prose(is, at(&b, "multi")), 1);

	/* Words readers see: "Intro with code <!-- x --> and a comment, and
	 * a link text and img alt." (the code span's text is shown; the
	 * comment, URLs and HTML blocks are not). */
	assert_int_equal(is->intro_words, 16);
	/* "Body has five words x y here." 7, the bullets 2 + 2, the
	 * table's cells 4. */
	assert_int_equal(is->sections[0].items[0].words, 15);
	done(&b);
}

#define T(fn) cmocka_unit_test_teardown(fn, free_live)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_front_matter_split),
		T(test_front_matter_roles),
		T(test_front_matter_pelican),
		T(test_title_and_intro),
		T(test_sections_matched),
		T(test_items_and_fields),
		T(test_alias_label),
		T(test_field_with_list),
		T(test_links),
		T(test_autolink_after_a_longer_url),
		T(test_outro_and_code),
		T(test_no_outro),
		T(test_mojibake_and_unknown_headings),
		T(test_misspelt_section),
		T(test_stray_items),
		T(test_headless_first),
		T(test_headless_by_fields),
		T(test_headless_item),
		T(test_state_empty),
		T(test_state_binary),
		T(test_state_fm_unclosed),
		T(test_front_matter_yaml_error),
		T(test_bom_offsets),
		T(test_crlf_positions),
		T(test_list_style_items),
		T(test_list_in_heading_section_is_not_items),
		T(test_two_issues_in_turn),
		T(test_text_spans),
		T(test_reference_definitions),
	};
	return cmocka_run_group_tests(tests, load_builtin, free_builtin);
}
