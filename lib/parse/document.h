/* A document split into its front matter (parsed as YAML, offsets kept) and
 * its Markdown body (parsed by cmark-gfm with the GFM extensions). */
#ifndef DTW_DOCUMENT_H
#define DTW_DOCUMENT_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "parse/yaml.h"

struct cmark_node;
struct dtw_source;

enum dtw_doc_state {
	DTW_DOC_OK,
	DTW_DOC_EMPTY,          /* no bytes, or white space only */
	DTW_DOC_BINARY,         /* a NUL byte near the start, as git decides */
	DTW_DOC_FM_UNCLOSED,    /* a front matter that never closes */
	DTW_DOC_OVER_LIMIT,     /* past a limit of source/guard.h: not parsed */
};

enum dtw_fm_state { DTW_FM_ABSENT, DTW_FM_PRESENT };

/* How the front matter is written: YAML between "---" lines, or Pelican
 * (MultiMarkdown) metadata, "Key: value" lines up to the first blank
 * line. */
enum dtw_fm_syntax { DTW_FM_SYNTAX_YAML, DTW_FM_SYNTAX_PELICAN };

struct dtw_document {
	const struct dtw_source *src; /* borrowed */
	enum dtw_doc_state state;
	size_t binary_at;             /* DTW_DOC_BINARY: offset of the NUL */
	size_t limit_at;              /* DTW_DOC_OVER_LIMIT: where, and */
	const char *limit_msg;        /* which limit (in arena) */
	int has_bom;
	enum dtw_fm_state fm;
	enum dtw_fm_syntax fm_syntax;
	size_t fm_open;               /* offset of the opening --- (Pelican:
				       * of the first line) */
	size_t fm_text, fm_text_end;  /* the YAML between the delimiters
				       * (Pelican: the metadata lines) */
	size_t fm_close;              /* offset of the closing line (Pelican:
				       * the blank line, or where the
				       * metadata ends without one) */
	struct dtw_ynode *fm_root;    /* NULL when empty or unparsable; in arena */
	int fm_error;                 /* YAML error: message below */
	const char *fm_error_msg;     /* "what", without position; in arena */
	uint32_t fm_error_line, fm_error_col;
	uint32_t fm_runaway_line;     /* FM_UNCLOSED: where Markdown was read as YAML */
	size_t body;                  /* offset where the Markdown starts */
	uint32_t body_line;           /* its 1-based line */
	struct cmark_node *root;      /* in cm_arena; NULL unless state is OK */
	/* Where cmark's lines start, when they are not the source's: a
	 * carriage return alone ends a line for cmark (CommonMark), not for
	 * the line index, which follows git. NULL when the body has none. */
	size_t *cm_lines;             /* in the arena given to parse */
	size_t ncm_lines;
	struct dtw_arena cm_arena;    /* everything cmark-gfm allocated */
};

/* Splits and parses src, its front matter written in `syntax`. YAML
 * nodes and messages go to `arena` (Pelican metadata becomes the same
 * tree: a mapping of lower-cased keys to plain scalars). Never fails:
 * problems are recorded in the document for rules to report. The caller
 * releases with dtw_document_release (src must outlive it). */
void dtw_document_parse(struct dtw_document *out, const struct dtw_source *src,
			struct dtw_arena *arena, enum dtw_fm_syntax syntax);
/* Whether the line data[0..n) is a Pelican metadata line, "Key: value"
 * (at most three spaces before a key of ASCII letters, digits, "_" and
 * "-"); then the key's and the value's offsets within the line (the
 * value trimmed). */
int dtw_pelican_line(const char *data, size_t n, size_t *key, size_t *key_end,
		     size_t *value, size_t *value_end);
void dtw_document_release(struct dtw_document *doc);
/* cmark-gfm's allocator has no user pointer, so the arena it allocates
 * from is per thread: call this before using doc's tree (iterators
 * allocate) when another document may have been parsed since. */
void dtw_document_use(struct dtw_document *doc);

/* Where cmark's line LINE (1-based, of the body) starts and ends (before
 * its line ending) in the source. */
size_t dtw_document_line_start(const struct dtw_document *doc, int line);
size_t dtw_document_line_end(const struct dtw_document *doc, int line);
/* Byte offset in the original file of a cmark position (1-based line and
 * byte column within the body). */
size_t dtw_document_offset(const struct dtw_document *doc, int line, int col);

/* The cmark-gfm extensions every parse and render uses, NULL-terminated:
 * parsing and rendering must agree on them. */
extern const char *const dtw_cmark_extensions[];

#endif
