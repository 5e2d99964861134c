/* An issue's e-mail body: the parsed document's Markdown body rendered by
 * cmark-gfm as a self-contained HTML page (inline styles, no external
 * resources) or as plain text with every link's URL written out. */
#ifndef DTW_RENDER_H
#define DTW_RENDER_H

#include "base/strbuf.h"

struct dtw_document;

enum {
	DTW_RENDER_UNSAFE = 1 << 0, /* pass raw HTML and every URL through */
};

/* Appends to `out` an HTML page for doc's body: <!DOCTYPE html>, a UTF-8
 * charset, a <title> from the front matter's key `title_key` (the
 * schema's title role; escaped), the body
 * in a styled container. Safe by default: raw HTML is omitted and
 * javascript:, vbscript:, file: and data: URLs are dropped, unless flags
 * has DTW_RENDER_UNSAFE. doc must have state DTW_DOC_OK or
 * DTW_DOC_EMPTY; its tree is not changed. */
void dtw_render_html(struct strbuf *out, struct dtw_document *doc, const char *title_key,
		     int flags);

/* Appends to `out` doc's body as plain text, unwrapped, each link followed
 * by " (URL)" unless its text already is the URL. The tree is changed
 * while rendering and restored before returning. */
void dtw_render_text(struct strbuf *out, struct dtw_document *doc);

/* Whether doc's body holds a merge conflict's marker line ("<<<<<<<",
 * "|||||||", ">>>>>>>"), outside code blocks: the first is at
 * [*start, *end). A conflict is no e-mail to send. */
int dtw_render_conflict(struct dtw_document *doc, size_t *start, size_t *end);

#endif
