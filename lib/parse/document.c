/* Parse stage: takes a source, finds the front matter (keeping its byte
 * offsets so diagnostics point into the original file), parses it with the
 * bounded YAML loader and hands the body to cmark-gfm. */
#include "document.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <string.h>

#include "base/error.h"
#include "source/source.h"
#include "source/guard.h"
#include "base/strbuf.h"
#include "base/banned.h"

/* Length of the line at p (before its line ending), and the offset of the
 * next line. */
static size_t line_at(const char *data, size_t len, size_t off, size_t *next)
{
	const char *nl = memchr(data + off, '\n', len - off);
	size_t e = nl ? (size_t)(nl - data) : len;
	*next = nl ? e + 1 : len;
	if (e > off && data[e - 1] == '\r')
		e--;
	return e - off;
}

static int is_delim(const char *s, size_t n, int allow_dots)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n == 3 && (!memcmp(s, "---", 3) || (allow_dots && !memcmp(s, "...", 3)));
}

/* When the closing --- is missing, the front matter runs on into the
 * Markdown until the next thematic break. A YAML error then sits on a
 * line that is plainly prose or a heading after a blank line; say that
 * instead of reporting the prose as bad YAML. Returns the line or 0. */
static uint32_t runaway_line(const struct dtw_source *src, size_t from,
			     size_t to, uint32_t line)
{
	size_t off = from, next;
	int blank = 0;
	while (off < to) {
		size_t n = line_at(src->data, to, off, &next);
		const char *p = src->data + off;
		size_t k = 0;
		while (k < n && (p[k] == ' ' || p[k] == '\t' || p[k] == '\r'))
			k++;
		if (k == n) {
			blank = 1; /* white space alone is as blank as nothing */
		} else {
			if (blank && (p[0] == '#' ? n > 1 && (p[1] == '#' || p[1] == ' ') :
				      !memchr(p, ':', n) && p[0] != '-' && p[0] != ' '))
				return line;
			blank = 0;
		}
		off = next;
		line++;
	}
	return 0;
}

static void split_front_matter(struct dtw_document *d, struct dtw_arena *arena)
{
	const struct dtw_source *src = d->src;
	size_t off = d->has_bom ? 3 : 0, next, n;
	uint32_t line = 1;

	d->body = off;
	d->body_line = 1;
	n = line_at(src->data, src->len, off, &next);
	if (!is_delim(src->data + off, n, 0))
		return;
	d->fm = DTW_FM_PRESENT;
	d->fm_open = off;
	d->fm_text = next;
	off = next;
	for (;;) {
		line++;
		if (off >= src->len) {
			d->state = DTW_DOC_FM_UNCLOSED;
			return;
		}
		n = line_at(src->data, src->len, off, &next);
		if (is_delim(src->data + off, n, 1))
			break;
		off = next;
	}
	d->fm_text_end = off;
	d->fm_close = off;
	d->body = next;
	d->body_line = line + 1;
	{
		uint32_t el, ec;
		int r = dtw_yaml_parse(&d->fm_root, arena, src->data + d->fm_text,
				       d->fm_text_end - d->fm_text, 2, &el, &ec);
		if (r) {
			const char *msg = dtw_error_last();
			/* Drop the "LINE:COL: " prefix: the rule positions it. */
			const char *p = strstr(msg, ": ");
			msg = p ? p + 2 : msg;
			d->fm_error = r;
			d->fm_error_msg = dtw_arena_strndup(arena, msg, strlen(msg));
			d->fm_error_line = el;
			d->fm_error_col = ec;
			d->fm_root = NULL;
			d->fm_runaway_line = runaway_line(src, d->fm_text, d->fm_text_end, 2);
			if (d->fm_runaway_line)
				d->state = DTW_DOC_FM_UNCLOSED;
		}
	}
}

int dtw_pelican_line(const char *data, size_t n, size_t *key, size_t *key_end,
		     size_t *value, size_t *value_end)
{
	size_t i = 0, k;
	while (i < n && i < 3 && data[i] == ' ')
		i++;
	for (k = i; k < n; k++) {
		char c = data[k];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-'))
			break;
	}
	if (k == i || k >= n || data[k] != ':')
		return 0;
	*key = i;
	*key_end = k;
	for (k++; k < n && (data[k] == ' ' || data[k] == '\t'); k++)
		;
	*value = k;
	while (n > k && (data[n - 1] == ' ' || data[n - 1] == '\t'))
		n--;
	*value_end = n;
	return 1;
}

static struct dtw_ynode *pelican_scalar(struct dtw_arena *arena, const char *s, size_t n,
					uint32_t line, uint32_t col, int lower)
{
	struct dtw_ynode *y = dtw_arena_alloc(arena, sizeof(*y));
	char *v = dtw_arena_strndup(arena, s, n);
	size_t i;
	memset(y, 0, sizeof(*y));
	if (lower)
		for (i = 0; i < n; i++)
			if (v[i] >= 'A' && v[i] <= 'Z')
				v[i] = (char)(v[i] - 'A' + 'a');
	y->kind = DTW_Y_SCALAR;
	y->line = line;
	y->col = col;
	y->value = v;
	y->vlen = n;
	y->plain = 1;
	return y;
}

static int blank_line(const char *l, size_t n)
{
	while (n && (l[n - 1] == ' ' || l[n - 1] == '\t'))
		n--;
	return !n;
}

/* The value being continued takes the text gathered for it, once. */
static void pelican_flush(struct dtw_arena *arena, struct dtw_ynode *v, struct strbuf *sb)
{
	if (!v || !sb->len)
		return;
	v->value = dtw_arena_strndup(arena, sb->buf, sb->len);
	v->vlen = sb->len;
	strbuf_reset(sb);
}

/* Pelican (MultiMarkdown, Python-Markdown meta) metadata: "Key: value"
 * lines from the first line to the first blank line; a line indented by
 * four or more continues the value before it (joined with a space); any
 * other line ends the metadata and starts the body. Keys are lower-cased,
 * as Pelican reads them. */
static void split_pelican(struct dtw_document *d, struct dtw_arena *arena)
{
	const struct dtw_source *src = d->src;
	size_t off = d->has_bom ? 3 : 0, next, n, k, ke, v, ve, count = 0, cap = 0;
	uint32_t line = 1;
	struct dtw_ynode *root, *cont = NULL;
	struct strbuf val = STRBUF_INIT;

	d->body = off;
	d->body_line = 1;
	n = line_at(src->data, src->len, off, &next);
	if (!dtw_pelican_line(src->data + off, n, &k, &ke, &v, &ve))
		return;
	d->fm = DTW_FM_PRESENT;
	d->fm_open = d->fm_text = off;
	/* The lines up to the first blank one bound the number of keys. */
	{
		size_t o = off, nx;
		while (o < src->len) {
			size_t ln = line_at(src->data, src->len, o, &nx);
			if (blank_line(src->data + o, ln))
				break;
			cap++;
			o = nx;
		}
	}
	root = dtw_arena_alloc(arena, sizeof(*root));
	memset(root, 0, sizeof(*root));
	root->kind = DTW_Y_MAP;
	root->line = 1;
	root->col = (uint32_t)(off + 1);
	root->pairs = dtw_arena_alloc(arena, cap * sizeof(*root->pairs));
	for (;;) {
		const char *l = src->data + off;
		if (blank_line(l, n))
			break;
		if (dtw_pelican_line(l, n, &k, &ke, &v, &ve)) {
			struct dtw_ypair *p = &root->pairs[count++];
			pelican_flush(arena, cont, &val);
			p->key = pelican_scalar(arena, l + k, ke - k, line, (uint32_t)(k + 1), 1);
			p->val = pelican_scalar(arena, l + v, ve - v, line, (uint32_t)(v + 1), 0);
			cont = p->val;
		} else if (cont && n >= 4 && !memcmp(l, "    ", 4)) {
			size_t a = 4, b = n;
			while (a < b && (l[a] == ' ' || l[a] == '\t'))
				a++;
			while (b > a && (l[b - 1] == ' ' || l[b - 1] == '\t'))
				b--;
			if (!val.len)
				strbuf_add(&val, cont->value, cont->vlen);
			if (val.len)
				strbuf_addch(&val, ' ');
			strbuf_add(&val, l + a, b - a);
		} else {
			break;
		}
		off = next;
		line++;
		if (off >= src->len)
			break;
		n = line_at(src->data, src->len, off, &next);
	}
	pelican_flush(arena, cont, &val);
	strbuf_release(&val);
	root->n = count;
	d->fm_root = root;
	d->fm_text_end = off;
	d->fm_close = off;
	d->body = off;
	d->body_line = line;
	/* The blank line that ends the metadata is its own. */
	if (off < src->len && blank_line(src->data + off, n)) {
		d->body = next;
		d->body_line = line + 1;
	}
}

/* cmark-gfm allocates from the document's arena: no per-node malloc, and
 * the whole tree goes in one dtw_arena_release instead of a walk that
 * frees every node. Each block keeps its size in a header for realloc. */
static _Thread_local struct dtw_arena *cm_current;

struct cm_header {
	size_t size;
	size_t pad;
};

static void *cm_calloc(size_t count, size_t size)
{
	struct cm_header *h;
	size_t n = count * size;
	if (size && n / size != count)
		return NULL;
	h = dtw_arena_alloc(cm_current, sizeof(*h) + n);
	h->size = n;
	return h + 1;
}

static void *cm_realloc(void *p, size_t size)
{
	struct cm_header *h;
	void *q;
	if (!p)
		return cm_calloc(1, size);
	h = (struct cm_header *)p - 1;
	if (size <= h->size)
		return p;
	/* Grow geometrically: cmark appends to its buffers byte by byte. */
	q = cm_calloc(1, size < 2 * h->size ? 2 * h->size : size);
	memcpy(q, p, h->size);
	return q;
}

static void cm_free(void *p)
{
	(void)p; /* dropped with the arena */
}

static cmark_mem cm_mem = { cm_calloc, cm_realloc, cm_free };

void dtw_document_use(struct dtw_document *doc)
{
	cm_current = &doc->cm_arena;
}

/* cmark's line starts in the body, when a lone carriage return makes them
 * differ from the source's (rare: most bodies have no CR at all). */
static void index_cm_lines(struct dtw_document *d, struct dtw_arena *arena)
{
	const char *s = d->src->data;
	size_t len = d->src->len, i, alloc = 0;
	const char *cr = s + d->body;

	/* A CR is a line end of its own unless a LF follows. */
	while ((cr = memchr(cr, '\r', len - (size_t)(cr - s))) && cr + 1 < s + len && cr[1] == '\n')
		cr++;
	if (!cr)
		return;
	ARENA_GROW(arena, d->cm_lines, 1, alloc);
	d->cm_lines[d->ncm_lines++] = d->body;
	for (i = d->body; i < len; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))) {
			ARENA_GROW(arena, d->cm_lines, d->ncm_lines + 1, alloc);
			d->cm_lines[d->ncm_lines++] = i + 1;
		}
}

const char *const dtw_cmark_extensions[] = { "table", "strikethrough", "autolink",
					     "tagfilter", "tasklist", NULL };

static void parse_body(struct dtw_document *d)
{
	const char *const *exts = dtw_cmark_extensions;
	cmark_parser *p;
	size_t i;

	cmark_gfm_core_extensions_ensure_registered();
	dtw_document_use(d);
	/* Source positions of inline nodes follow line breaks inside code
	 * spans and HTML too: the model reads them. */
	p = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS, &cm_mem);
	for (i = 0; exts[i]; i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);
		if (e)
			cmark_parser_attach_syntax_extension(p, e);
	}
	cmark_parser_feed(p, d->src->data + d->body, d->src->len - d->body);
	d->root = cmark_parser_finish(p);
	cmark_parser_free(p);
}

void dtw_document_parse(struct dtw_document *out, const struct dtw_source *src,
			struct dtw_arena *arena, enum dtw_fm_syntax syntax)
{
	size_t i, probe;

	memset(out, 0, sizeof(*out));
	out->src = src;
	out->has_bom = src->len >= 3 && !memcmp(src->data, "\xEF\xBB\xBF", 3);
	probe = src->len < 8000 ? src->len : 8000;
	{
		const char *nul = memchr(src->data, '\0', probe);
		if (nul) {
			out->state = DTW_DOC_BINARY;
			out->binary_at = (size_t)(nul - src->data);
			return;
		}
	}
	for (i = out->has_bom ? 3 : 0; i < src->len; i++)
		if (src->data[i] != ' ' && src->data[i] != '\t' &&
		    src->data[i] != '\n' && src->data[i] != '\r')
			break;
	if (i == src->len) {
		out->state = DTW_DOC_EMPTY;
		return;
	}
	out->fm_syntax = syntax;
	if (syntax == DTW_FM_SYNTAX_PELICAN)
		split_pelican(out, arena);
	else
		split_front_matter(out, arena);
	if (out->state != DTW_DOC_OK)
		return;
	/* The input stage refuses such a document; this is for any other
	 * caller: the parser never sees it. */
	{
		struct strbuf why = STRBUF_INIT;
		size_t at;
		if (!src->within_limits &&
		    dtw_markdown_over_limits(src->data + out->body, src->len - out->body, &at, &why)) {
			out->state = DTW_DOC_OVER_LIMIT;
			out->limit_at = out->body + at;
			out->limit_msg = dtw_arena_strndup(arena, why.buf, why.len);
			strbuf_release(&why);
			return;
		}
		strbuf_release(&why);
	}
	index_cm_lines(out, arena);
	parse_body(out);
}

void dtw_document_release(struct dtw_document *doc)
{
	if (cm_current == &doc->cm_arena)
		cm_current = NULL;
	dtw_arena_release(&doc->cm_arena);
	doc->root = NULL;
}

size_t dtw_document_line_start(const struct dtw_document *doc, int line)
{
	size_t k = (size_t)(line > 0 ? line - 1 : 0);
	if (!doc->cm_lines)
		return dtw_source_line_start(doc->src, doc->body_line + (uint32_t)k);
	return k < doc->ncm_lines ? doc->cm_lines[k] : doc->src->len;
}

size_t dtw_document_line_end(const struct dtw_document *doc, int line)
{
	size_t k = (size_t)(line > 0 ? line - 1 : 0), s, e;
	if (!doc->cm_lines)
		return dtw_source_line_end(doc->src, doc->body_line + (uint32_t)k);
	if (k >= doc->ncm_lines)
		return doc->src->len;
	s = doc->cm_lines[k];
	e = k + 1 < doc->ncm_lines ? doc->cm_lines[k + 1] : doc->src->len;
	while (e > s && (doc->src->data[e - 1] == '\n' || doc->src->data[e - 1] == '\r'))
		e--;
	return e;
}

size_t dtw_document_offset(const struct dtw_document *doc, int line, int col)
{
	if (doc->cm_lines) {
		size_t s = dtw_document_line_start(doc, line), e = dtw_document_line_end(doc, line);
		size_t o = s + (size_t)(col > 1 ? col - 1 : 0);
		return o > e ? e : o;
	}
	uint32_t l = doc->body_line + (uint32_t)(line > 0 ? line - 1 : 0);
	size_t bcol = (size_t)(col > 0 ? col : 1);
	/* On the body's first line, cmark counts from where the body starts
	 * (after a byte-order mark). */
	if (l == doc->body_line)
		bcol += doc->body - dtw_source_line_start(doc->src, l);
	return dtw_source_offset(doc->src, l, (uint32_t)bcol);
}
