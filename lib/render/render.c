/* dtw render's library half: cmark-gfm's HTML and plain-text renderers on a
 * document's tree. cmark-gfm allocates from the document's arena, so the
 * strings it returns are never freed here: they go with the document. */
#include "render/render.h"

#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include "base/xalloc.h"
#include "parse/document.h"
#include "parse/yaml.h"
#include "source/source.h"
#include "base/banned.h"

static void html_escape(struct strbuf *out, const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&': strbuf_addstr(out, "&amp;"); break;
		case '<': strbuf_addstr(out, "&lt;"); break;
		case '>': strbuf_addstr(out, "&gt;"); break;
		case '"': strbuf_addstr(out, "&quot;"); break;
		case '\'': strbuf_addstr(out, "&#39;"); break;
		default:
			/* Control characters have no place in a title. */
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
				strbuf_addch(out, ' ');
			else
				strbuf_addch(out, s[i]);
		}
	}
}

static const char *fm_title(const struct dtw_document *doc, const char *key, size_t *len)
{
	const struct dtw_ynode *t;
	if (!doc->fm_root || doc->fm_root->kind != DTW_Y_MAP)
		return NULL;
	t = dtw_ymap_get(doc->fm_root, key);
	if (!t || t->kind != DTW_Y_SCALAR || !t->value)
		return NULL;
	*len = t->vlen;
	return t->value;
}

void dtw_render_html(struct strbuf *out, struct dtw_document *doc, const char *title_key,
		     int flags)
{
	const char *const *names = dtw_cmark_extensions;
	cmark_mem *mem = cmark_get_default_mem_allocator();
	cmark_llist *exts = NULL;
	const char *title;
	size_t i, tlen = 0;

	strbuf_addstr(out,
		"<!DOCTYPE html>\n"
		"<html>\n"
		"<head>\n"
		"<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		"<title>");
	title = fm_title(doc, title_key, &tlen);
	if (title)
		html_escape(out, title, tlen);
	strbuf_addstr(out,
		"</title>\n"
		"</head>\n"
		"<body style=\"margin:0;padding:0;background-color:#ffffff;\">\n"
		"<div style=\"max-width:640px;margin:0 auto;padding:16px;"
		"font-family:Helvetica,Arial,sans-serif;font-size:16px;"
		"line-height:1.5;color:#222222;\">\n");
	if (doc->root) {
		char *html;
		int opts = CMARK_OPT_DEFAULT;
		if (flags & DTW_RENDER_UNSAFE)
			opts |= CMARK_OPT_UNSAFE;
		cmark_gfm_core_extensions_ensure_registered();
		for (i = 0; names[i]; i++) {
			cmark_syntax_extension *e = cmark_find_syntax_extension(names[i]);
			if (e)
				exts = cmark_llist_append(mem, exts, e);
		}
		dtw_document_use(doc);
		html = cmark_render_html(doc->root, opts, exts);
		cmark_llist_free(mem, exts);
		if (html)
			strbuf_addstr(out, html);
	}
	strbuf_addstr(out, "</div>\n</body>\n</html>\n");
}

/* Whether link `n` shows its own URL already (an autolink). */
static int shows_url(cmark_node *n, const char *url)
{
	cmark_node *c = cmark_node_first_child(n);
	const char *lit;
	if (!c || cmark_node_next(c) || cmark_node_get_type(c) != CMARK_NODE_TEXT)
		return 0;
	lit = cmark_node_get_literal(c);
	if (!lit)
		return 0;
	if (!strcmp(lit, url))
		return 1;
	return !strncmp(url, "mailto:", 7) && !strcmp(lit, url + 7);
}

/* The last node under `n` that holds text of its own (a text or code
 * span), where a link's URL can follow its text; NULL when none. A walk,
 * not a recursion: "[*a *a ... x**...](u)" nests as deep as it is long. */
static cmark_node *last_literal(cmark_node *n)
{
	cmark_node *c = cmark_node_last_child(n);
	while (c) {
		cmark_node_type t = cmark_node_get_type(c);
		if (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE)
			return c;
		if (cmark_node_last_child(c)) {
			c = cmark_node_last_child(c);
			continue;
		}
		while (c != n && !cmark_node_previous(c))
			c = cmark_node_parent(c);
		if (c == n)
			return NULL;
		c = cmark_node_previous(c);
	}
	return NULL;
}

struct patched {
	cmark_node *node;
	char *old;  /* the literal before " (URL)" was appended; xmalloc'd */
};

void dtw_render_text(struct strbuf *out, struct dtw_document *doc)
{
	struct patched *p = NULL;
	size_t np = 0, ap = 0, i;
	cmark_node **links = NULL;
	size_t nlinks = 0, alinks = 0;
	cmark_iter *it;
	cmark_event_type ev;
	char *text;

	if (!doc->root)
		return;
	dtw_document_use(doc);
	it = cmark_iter_new(doc->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		const char *url;
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_LINK)
			continue;
		url = cmark_node_get_url(n);
		if (!url || !*url || shows_url(n, url))
			continue;
		/* NOLINTNEXTLINE(bugprone-sizeof-expression): links holds pointers */
		ALLOC_GROW(links, nlinks + 1, alinks);
		links[nlinks++] = n;
	}
	cmark_iter_free(it);
	/* cmark-gfm links only nodes of one allocator together, so rather
	 * than adding a node, " (URL)" goes at the end of the link's last
	 * literal, which is put back once the text is rendered. */
	for (i = 0; i < nlinks; i++) {
		cmark_node *lit = last_literal(links[i]);
		struct strbuf s = STRBUF_INIT;
		const char *old;
		if (!lit)
			continue;
		old = cmark_node_get_literal(lit);
		ALLOC_GROW(p, np + 1, ap);
		p[np].node = lit;
		p[np].old = xstrdup(old ? old : "");
		np++;
		strbuf_addf(&s, "%s (%s)", old ? old : "", cmark_node_get_url(links[i]));
		cmark_node_set_literal(lit, s.buf);
		strbuf_release(&s);
	}
	text = cmark_render_plaintext(doc->root, CMARK_OPT_DEFAULT, 0);
	if (text)
		strbuf_addstr(out, text);
	for (i = 0; i < np; i++) {
		cmark_node_set_literal(p[i].node, p[i].old);
		free(p[i].old);
	}
	free(p);
	free(links);
}

int dtw_render_conflict(struct dtw_document *doc, size_t *start, size_t *end)
{
	const struct dtw_source *src = doc->src;
	cmark_iter *it;
	cmark_event_type ev;
	size_t *code = NULL, ncode = 0, acode = 0, k = 0;
	uint32_t line;
	int found = 0;

	if (!doc->root)
		return 0;
	/* The code blocks' lines, in order: a marker there is text. */
	dtw_document_use(doc);
	it = cmark_iter_new(doc->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK)
			continue;
		ALLOC_GROW(code, ncode + 2, acode);
		code[ncode++] = dtw_document_offset(doc, cmark_node_get_start_line(n), 1);
		code[ncode++] = dtw_document_offset(doc, cmark_node_get_end_line(n) + 1, 1);
	}
	cmark_iter_free(it);
	for (line = doc->body_line; line <= src->nlines && !found; line++) {
		size_t s = dtw_source_line_start(src, line), e;
		char m;
		if (s >= src->len || (src->data[s] != '<' && src->data[s] != '|' &&
				      src->data[s] != '>'))
			continue;
		e = dtw_source_line_end(src, line);
		while (k < ncode && code[k + 1] <= s)
			k += 2;
		if (k < ncode && code[k] <= s)
			continue;
		/* ("=======" alone may be a heading's underline.) */
		m = dtw_conflict_marker(src->data, s, e);
		if (m == '<' || m == '|' || m == '>') {
			*start = s;
			*end = e;
			found = 1;
		}
	}
	free(code);
	return found;
}
