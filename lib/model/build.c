/* Model stage: the one builder that walks cmark-gfm's tree. It takes a
 * parsed document and a schema and gives struct dtw_issue: sections matched
 * to the schema, items, their fields and links, intro and outro, each with
 * the byte span computed from dtw's own offsets. */
#include "issue.h"

#include <cmark-gfm.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/strutil.h"
#include "base/url.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "parse/regex.h"
#include "source/mojibake.h"
#include "source/source.h"
#include "base/banned.h"

/* A link reference definition's label, and its index in is->defs. */
struct def_key {
	const char *label;
	size_t index;
};

struct builder {
	struct dtw_issue *is;
	struct dtw_section *sec;     /* current section */
	struct dtw_item *item;       /* current item */
	size_t group;                /* current group of sec: index + 1; 0: none */
	int conflicts;               /* the file has a merge conflict's
				      * marker: 1, 0, or -1 not looked yet */
	int glevel;                  /* the level of sec's first group written
				      * below it; 0: none yet */
	int free_text;               /* sec is an allowed extra section */
	struct dtw_field *last_field;/* a field a following list belongs to */
	struct strbuf text;          /* scratch */
	struct strbuf outro;         /* the outro's text, paragraph by paragraph */
	int walked;                  /* the current top-level block was read */
	int in_outro;                /* past the outro's thematic break */
	int count_items;             /* a word limit reads the items' counts */
	size_t block_start;          /* where the block being read starts */
	size_t icursor;              /* past the last inline span found in it */
	struct def_key *defs_by_label; /* is->defs sorted by label */
	struct strbuf label;         /* scratch for a label (text is in use) */
	unsigned char *has_field;    /* by index in its section's fields: the
				      * current item has that field */
	size_t nfield_max;           /* the most fields of any section */
	unsigned char *seen_def;     /* by index in the schema: a section
				      * of that definition has been read */
	unsigned char *named;        /* by index in the schema: some heading
				      * of the issue names that section; NULL
				      * until asked (ensure_named) */
	size_t first_named;          /* the section the first section heading
				      * names: index + 1; 0: none */
	size_t blocks;               /* top-level blocks read so far */
	size_t title_block;          /* which of them is the title */
	int sub_heading;             /* the current item has a sub-heading:
				      * a field again is the sub-part's */
	size_t sec_para;             /* the first paragraph of the current
				      * section's text, before any item:
				      * offset + 1; 0: none */
	size_t sec_para_links;       /* is->nlinks when it was read */
	size_t para_after_field;     /* the first paragraph of the current
				      * item after its last field that is no
				      * field: offset + 1; 0: none */
	const struct dtw_section_def *next_unread; /* after the last section
				      * read with a definition, the first one
				      * not read yet: the one whose heading
				      * may be missing */
};

static void block_span(const struct dtw_issue *is, cmark_node *n, size_t *start,
		       size_t *end)
{
	const struct dtw_document *d = &is->doc;
	int el = cmark_node_get_end_line(n);
	*start = dtw_document_offset(d, cmark_node_get_start_line(n),
				     cmark_node_get_start_column(n));
	if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK) {
		/* An HTML block that closes on a line ("-->", "</pre>") ends
		 * a line early in cmark's count: its text has them all. */
		const char *lit = cmark_node_get_literal(n), *p;
		int lines = 0;
		for (p = lit; p && (p = strchr(p, '\n')); p++)
			lines++;
		if (lit && *lit && lit[strlen(lit) - 1] != '\n')
			lines++;
		if (lines)
			el = cmark_node_get_start_line(n) + lines - 1;
	}
	if (el < cmark_node_get_start_line(n))
		el = cmark_node_get_start_line(n);
	/* cmark counts the blank line after a list as part of it. */
	while (el > cmark_node_get_start_line(n)) {
		if (dtw_document_line_end(d, el) > dtw_document_line_start(d, el))
			break;
		el--;
	}
	*end = dtw_document_line_end(d, el);
	if (*end < *start)
		*end = *start;
}

static const char *adup(struct dtw_issue *is, const char *s, size_t n)
{
	return dtw_arena_strndup(&is->arena, s, n);
}

/* Where url first appears in [from, end) of the source; `from` if not. */
static size_t find_in_source(const struct dtw_issue *is, const char *needle,
			     size_t from, size_t end)
{
	size_t n = strlen(needle);
	const char *hay = is->src->data;
	const char *p;
	if (!n || end <= from || end - from < n)
		return from;
	p = memmem(hay + from, end - from, needle, n);
	return p ? (size_t)(p - hay) : from;
}

/* A byte that would carry a bare URL on: the URL written there is longer
 * than the one searched for. */
static int url_goes_on(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("/_=&%#~+-@$", c));
}

/* Where an autolink's URL is in [from, end): the first place where it
 * is the whole of what is written (not the start of a longer URL, nor
 * the end of one), among the first few; else as find_in_source. */
static size_t find_autolink(const struct dtw_issue *is, const char *url, size_t from, size_t end)
{
	size_t n = strlen(url), tries = 0;
	const char *d = is->src->data, *p = d + from;
	if (!n || end <= from || end - from < n)
		return from;
	while (tries++ < 16 && (p = memmem(p, (size_t)(d + end - p), url, n))) {
		size_t at = (size_t)(p - d);
		char next = '\0';
		if (at + n < end)
			next = d[at + n];
		if (!url_goes_on(next) &&
		    (at == from || !url_goes_on(d[at - 1])))
			return at;
		p++;
	}
	return find_in_source(is, url, from, end);
}

static int is_cta(const struct dtw_section_def *def, const char *text)
{
	size_t i, len = strlen(text);
	const char *t = text;
	if (!def)
		return 0;
	dtw_trim(&t, &len);
	for (i = 0; i < def->ncta; i++)
		if (dtw_eq_nocase(t, len, def->cta[i], strlen(def->cta[i])))
			return 1;
	return 0;
}

static void add_span(struct dtw_arena *a, struct dtw_span **v, size_t *n,
		     size_t *alloc, size_t start, size_t end)
{
	ARENA_GROW(a, *v, *n + 1, *alloc);
	(*v)[*n].start = start;
	(*v)[*n].end = end;
	(*n)++;
}

static void not_prose(struct dtw_issue *is, size_t start, size_t end)
{
	if (end > start)
		add_span(&is->arena, &is->not_prose, &is->nnot_prose,
			 &is->anot_prose, start, end);
}

/* Where cmark places inline node n in the source: its first byte, and
 * past its last. To be checked against the bytes there before use. */
static size_t node_start(const struct dtw_issue *is, cmark_node *n)
{
	return dtw_document_offset(&is->doc, cmark_node_get_start_line(n),
				   cmark_node_get_start_column(n));
}

static size_t node_end(const struct dtw_issue *is, cmark_node *n)
{
	return dtw_document_offset(&is->doc, cmark_node_get_end_line(n),
				   cmark_node_get_end_column(n) + 1);
}

/* Where an inline node starts in the source: cmark's position, when the
 * byte there is `first` (a position can be off after a lazy continuation
 * line or a tab); else the next `first` from *icursor on; else end. */
static size_t inline_at(const struct builder *b, cmark_node *n, char first,
			size_t end)
{
	const struct dtw_issue *is = b->is;
	const char *d = is->src->data;
	size_t at = node_start(is, n);
	const char *p;
	if (at >= b->icursor && at < end && d[at] == first)
		return at;
	if (b->icursor >= end)
		return end;
	p = memchr(d + b->icursor, first, end - b->icursor);
	return p ? (size_t)(p - d) : end;
}

/* An inline code span: from its opening run of backticks to past the
 * closing run of the same length. */
static void code_span(struct builder *b, cmark_node *n, size_t end)
{
	struct dtw_issue *is = b->is;
	const char *d = is->src->data;
	size_t at = inline_at(b, n, '`', end), k = 0, i;

	if (at >= end)
		return;
	while (at > b->icursor && d[at - 1] == '`')
		at--;
	while (at + k < end && d[at + k] == '`')
		k++;
	for (i = at + k; i < end;) {
		size_t r = 0;
		if (d[i] != '`') {
			i++;
			continue;
		}
		while (i + r < end && d[i + r] == '`')
			r++;
		i += r;
		if (r == k)
			break;
	}
	add_span(&is->arena, &is->code_spans, &is->ncode_spans, &is->acode_spans, at, i);
	not_prose(is, at, i);
	b->icursor = i;
}

/* "<!--" at d[at]: records the comment up to past its "-->" (cmark found
 * it closed); returns where it ends, or `end` when it is not closed there. */
static size_t comment_at(struct dtw_issue *is, size_t at, size_t end)
{
	const char *d = is->src->data;
	const char *q = end > at + 4 ? memmem(d + at + 4, end - at - 4, "-->", 3) : NULL;
	if (!q)
		return end;
	add_span(&is->arena, &is->comments, &is->ncomments, &is->acomments, at,
		 (size_t)(q - d) + 3);
	return (size_t)(q - d) + 3;
}

/* Inline HTML: a comment, or a tag (markup, not prose). */
static void html_inline(struct builder *b, cmark_node *n, size_t end)
{
	struct dtw_issue *is = b->is;
	const char *lit = cmark_node_get_literal(n);
	size_t at = inline_at(b, n, '<', end), e;

	if (!lit || at >= end)
		return;
	if (!strncmp(lit, "<!--", 4) && end - at >= 4 && !memcmp(is->src->data + at, "<!--", 4)) {
		b->icursor = comment_at(is, at, end);
		return;
	}
	e = at + strlen(lit);
	e = e < end ? e : end;
	not_prose(is, at, e);
	b->icursor = e;
}

/* The first `ch` in d[from, end), or end. */
static size_t next_byte(const char *d, size_t from, size_t end, char ch)
{
	const char *p = from < end ? memchr(d + from, ch, end - from) : NULL;
	return p ? (size_t)(p - d) : end;
}

/* An HTML block, as its source lines: its comments, and its URLs (an
 * attribute's, not prose). A block that opens a comment and never
 * closes it holds no comment: its text is the rest of the container. */
static void html_block(struct builder *b, cmark_node *n)
{
	struct dtw_issue *is = b->is;
	const char *d = is->src->data;
	size_t start, end, i, lt, h;

	block_span(is, n, &start, &end);
	/* the next "<" and the next "h" from i on, each looked for once */
	lt = next_byte(d, start, end, '<');
	h = next_byte(d, start, end, 'h');
	for (i = start; i < end;) {
		if (lt < i)
			lt = next_byte(d, i, end, '<');
		if (h < i)
			h = next_byte(d, i, end, 'h');
		if (h < lt) {
			size_t k = h;
			if ((end - h >= 7 && !memcmp(d + h, "http://", 7)) ||
			    (end - h >= 8 && !memcmp(d + h, "https://", 8))) {
				while (k < end && d[k] != ' ' && d[k] != '\t' && d[k] != '\n' &&
				       d[k] != '\r' && d[k] != '"' && d[k] != '\'' && d[k] != '>')
					k++;
				not_prose(is, h, k);
				i = k;
			} else {
				i = h + 1;
			}
		} else if (lt < end) {
			i = end - lt >= 4 && !memcmp(d + lt, "<!--", 4) ?
			    comment_at(is, lt, end) : lt + 1;
		} else {
			break;
		}
	}
}

/* The text of the link whose node starts at `at` (as cmark places it) and
 * whose URL is at l->start: inside its brackets, from the "[" (or "![")
 * at `at` when it is one, else back from the "](" before the URL; an
 * autolink's text is its URL. Sets the span. */
static void link_text_span(const struct dtw_issue *is, struct dtw_link *l,
			   size_t at, size_t from, size_t end)
{
	const char *d = is->src->data;
	size_t close, i;
	int depth = 0;

	l->text_start = l->text_end = l->start;
	if (l->image && at + 1 < end && d[at] == '!')
		at++;
	if (at < from || at >= end || d[at] != '[') {
		/* No bracket there: an autolink, or a link over lines. */
		if (l->end > l->start && l->start >= from + 2 &&
		    d[l->start - 1] == '(' && d[l->start - 2] == ']') {
			close = l->start - 2;
			for (i = close; i > from; i--) {
				if (d[i - 1] == ']' )
					depth++;
				else if (d[i - 1] == '[' && !depth--)
					break;
			}
			l->text_start = i;
			l->text_end = close;
		} else {
			l->text_end = l->end;
		}
		return;
	}
	l->text_start = at + 1;
	if (l->end > l->start && l->start >= at + 3 && d[l->start - 1] == '(' &&
	    d[l->start - 2] == ']') {
		l->text_end = l->start - 2;
	} else {
		/* the "]" that closes it, brackets inside counted */
		for (i = at + 1; i < end; i++) {
			if (d[i] == '\\' && i + 1 < end)
				i++;
			else if (d[i] == '[')
				depth++;
			else if (d[i] == ']' && !depth--)
				break;
		}
		l->text_end = i;
	}
}

/* A link label as CommonMark matches it: white space runs one space,
 * none at either end, letters in lower case (ASCII; other letters as
 * they are). Into sb. */
static void label_norm(struct strbuf *sb, const char *s, size_t n)
{
	size_t i;
	int blank = 0;
	strbuf_reset(sb);
	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			blank = 1;
			continue;
		}
		if (blank && sb->len)
			strbuf_addch(sb, ' ');
		blank = 0;
		strbuf_addch(sb, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
	}
}

/* The end of the label whose "[" is at `at`: the "]" that closes it
 * within the line (an escaped one does not), or 0. */
static size_t label_close(const char *d, size_t at, size_t end)
{
	size_t i;
	for (i = at + 1; i < end && i - at <= 1000 && d[i] != '\n'; i++) {
		if (d[i] == '\\' && i + 1 < end && d[i + 1] != '\n')
			i++;
		else if (d[i] == '[')
			return 0;
		else if (d[i] == ']')
			return i;
	}
	return 0;
}

/* Reads the link reference definitions of [from, end), a stretch
 * between top-level blocks (where cmark leaves the ones it took out):
 * "[label]: URL" or "[label]: <URL>", the URL on the next line too. */
static void scan_defs(struct builder *b, size_t from, size_t end)
{
	struct dtw_issue *is = b->is;
	const char *d = is->src->data;
	size_t ls = from;

	while (ls < end) {
		const char *nl = memchr(d + ls, '\n', end - ls);
		size_t le = nl ? (size_t)(nl - d) : end, i = ls, close, u, ue;
		struct dtw_link_def *def;
		while (i < le && i - ls < 3 && d[i] == ' ')
			i++;
		if (i >= le || d[i] != '[' || !(close = label_close(d, i, le)) ||
		    close + 1 >= le || d[close + 1] != ':' || close == i + 1)
			goto next;
		u = close + 2;
		while (u < end && (d[u] == ' ' || d[u] == '\t'))
			u++;
		if (u == le && le < end) { /* the URL on the next line */
			le = u + 1;
			u = le;
			while (u < end && (d[u] == ' ' || d[u] == '\t'))
				u++;
			nl = memchr(d + u, '\n', end - u);
			le = nl ? (size_t)(nl - d) : end;
		}
		if (u >= le)
			goto next;
		if (d[u] == '<') {
			for (ue = u + 1; ue < le && d[ue] != '>' && d[ue] != '<'; ue++)
				;
			if (ue >= le || d[ue] != '>')
				goto next;
			u++;
		} else {
			for (ue = u; ue < le && (unsigned char)d[ue] > ' '; ue++)
				;
		}
		label_norm(&b->label, d + i + 1, close - i - 1);
		if (!b->label.len)
			goto next;
		ARENA_GROW(&is->arena, is->defs, is->ndefs + 1, is->adefs);
		def = &is->defs[is->ndefs++];
		def->label = adup(is, b->label.buf, b->label.len);
		def->start = i;
		def->end = le;
		def->url_start = u;
		def->url_end = ue;
next:
		ls = le + 1;
	}
}

static int cmp_def_label(const void *pa, const void *pb)
{
	const struct def_key *a = pa, *b = pb;
	int r = strcmp(a->label, b->label);
	return r ? r : (a->index > b->index) - (a->index < b->index);
}

/* The definitions of the body, and an index of them by label (the first
 * of a label counts, as in CommonMark). */
static void collect_defs(struct builder *b)
{
	struct dtw_issue *is = b->is;
	cmark_node *n;
	size_t gap = is->doc.body, i;

	for (n = cmark_node_first_child(is->doc.root); n; n = cmark_node_next(n)) {
		size_t start, end;
		block_span(is, n, &start, &end);
		if (start > gap)
			scan_defs(b, gap, start);
		if (end > gap)
			gap = end;
	}
	if (is->src->len > gap)
		scan_defs(b, gap, is->src->len);
	if (!is->ndefs)
		return;
	b->defs_by_label = dtw_arena_alloc(&is->arena, is->ndefs * sizeof(struct def_key));
	for (i = 0; i < is->ndefs; i++) {
		b->defs_by_label[i].label = is->defs[i].label;
		b->defs_by_label[i].index = i;
	}
	qsort(b->defs_by_label, is->ndefs, sizeof(struct def_key), cmp_def_label);
}

/* A reference link's definition: its label is the second brackets'
 * text ("[text][label]"), else (collapsed "[text][]", shortcut "[text]")
 * its text. NULL when none was found. */
static const struct dtw_link_def *find_def(struct builder *b, const struct dtw_link *l,
					   size_t end)
{
	const struct dtw_issue *is = b->is;
	const char *d = is->src->data;
	size_t te = l->text_end, close, lo = 0, hi = is->ndefs;

	if (te + 1 < end && d[te + 1] == '[' && (close = label_close(d, te + 1, end)) &&
	    close > te + 2)
		label_norm(&b->label, d + te + 2, close - te - 2);
	else
		label_norm(&b->label, d + l->text_start, l->text_end - l->text_start);
	while (lo < hi) { /* the first of the label */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(b->defs_by_label[mid].label, b->label.buf) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < is->ndefs && !strcmp(b->defs_by_label[lo].label, b->label.buf) ?
	       &is->defs[b->defs_by_label[lo].index] : NULL;
}

/* Past the last byte of link node n ("]", ")" or ">"), as cmark places
 * it; 0 when that is not one. */
static size_t link_end(const struct dtw_issue *is, cmark_node *n, size_t from, size_t end)
{
	const char *d = is->src->data;
	size_t e = node_end(is, n);
	if (e > from && e <= end && (d[e - 1] == ')' || d[e - 1] == ']' || d[e - 1] == '>'))
		return e;
	return 0;
}

/* A link (or image) that ends here: into the issue's list, and into
 * `item`'s when given (images are not an item's links). */
static void add_link(struct builder *b, cmark_node *c, struct dtw_item *item,
		     size_t mark, size_t *cursor, size_t end, int in_heading, int image)
{
	struct dtw_issue *is = b->is;
	const char *url = cmark_node_get_url(c);
	struct dtw_link *l;
	size_t at, at0, lstart, lend, dest_end;

	if (!url)
		url = "";
	ARENA_GROW(&is->arena, is->links, is->nlinks + 1, is->alinks);
	l = &is->links[is->nlinks++];
	memset(l, 0, sizeof(*l));
	l->url = adup(is, url, strlen(url));
	l->text = adup(is, b->text.buf + mark, b->text.len - mark);
	l->image = image;
	/* Searched within the link as cmark ends it: a reference link's
	 * URL is not in it, and a search to the block's end for each of
	 * many would cost their number times the block (and so would a
	 * search from the cursor, which such links do not move). An autolink's
	 * text is its URL, wherever cmark puts the node. */
	dest_end = link_end(is, c, *cursor, end);
	lend = dest_end ? dest_end : end;
	lstart = at0 = node_start(is, c);
	if (lstart < *cursor || lstart >= lend || !is->src->data[lstart] ||
	    !strchr("[!<", is->src->data[lstart]))
		lstart = *cursor;
	/* An autolink's text is its URL: not the start of a longer URL
	 * written before it. */
	at = !strcmp(l->text, url) ? find_autolink(is, url, lstart, lend)
				    : find_in_source(is, url, lstart, lend);
	if (at == lstart)
		at = *cursor;
	if (at == *cursor && strncmp(is->src->data + at, url, strlen(url)) &&
	    strstr(url, l->text) && *l->text)
		at = find_in_source(is, url, *cursor, end);
	l->start = at;
	l->end = at + (at == *cursor ? 0 : strlen(url));
	if (at != *cursor || l->end > *cursor)
		*cursor = l->end;
	l->cta = !image && is_cta(b->sec ? b->sec->def : NULL, l->text);
	l->in_heading = in_heading;
	link_text_span(is, l, at0, b->block_start, end);
	/* Its URL written elsewhere: "]" not followed by "(" is a
	 * reference link, whose URL is in its definition. */
	if (l->end == l->start && *url && strcmp(l->text, url) && l->text_end < end &&
	    is->src->data[l->text_end] == ']' &&
	    (l->text_end + 1 >= end || is->src->data[l->text_end + 1] != '(')) {
		l->ref = 1;
		l->def = find_def(b, l, end);
	}
	/* the destination: the URL, and on to the ")" after its title */
	if (l->end > l->start)
		not_prose(is, l->start, dest_end > l->end && is->src->data[dest_end - 1] == ')' ?
				      dest_end : l->end);
	if (item && !image) {
		ARENA_GROW(&is->arena, item->links, item->nlinks + 1, item->alinks);
		item->links[item->nlinks++] = *l;
	}
}

/* Whether offset `at` lies in one of v[*k, n), spans in source order
 * that do not overlap; *k moves on past those that end before `at`
 * (offsets asked for only grow). */
static int in_spans(const struct dtw_span *v, size_t *k, size_t n, size_t at)
{
	while (*k < n && v[*k].end <= at)
		(*k)++;
	return *k < n && at >= v[*k].start;
}

/* The reference links of [from, end) that have no definition: "[text]"
 * then "[label]" (or "[]"), where cmark made no link. Links, code and
 * comments found in the block since (links0, code0, spans0, comments0)
 * are no such text. Into the issue, and counted in `item` when given.
 * Offsets only grow: each list is walked once. */
static void broken_refs(struct builder *b, struct dtw_item *item, size_t from, size_t end,
			size_t links0, size_t code0, size_t spans0, size_t comments0)
{
	struct dtw_issue *is = b->is;
	const char *d = is->src->data;
	size_t i = from, kl = links0;
	const char *p;

	while (i < end && (p = memchr(d + i, ']', end - i)) && (size_t)(p - d) + 1 < end) {
		size_t close = (size_t)(p - d), open, lclose;
		int linked = 0;
		i = close + 1;
		if (d[close + 1] != '[' || !(lclose = label_close(d, close + 1, end)))
			continue;
		for (open = close; open > from && d[open - 1] != '[' && d[open - 1] != ']' &&
				   d[open - 1] != '\n'; open--)
			;
		if (open == from || d[open - 1] != '[' || (open >= from + 2 && d[open - 2] == '\\'))
			continue;
		open--;
		/* footnotes ("[^1]") and task boxes are no links */
		if (d[open + 1] == '^' || close - open <= 2)
			continue;
		/* links of the block, in source order: those ending before */
		while (kl < is->nlinks) {
			const struct dtw_link *l = &is->links[kl];
			size_t le = l->end > l->text_end ? l->end : l->text_end + 1;
			if (le > open)
				break;
			kl++;
		}
		if (kl < is->nlinks) {
			const struct dtw_link *l = &is->links[kl];
			size_t ls = l->text_start ? l->text_start - 1 : 0;
			linked = lclose >= ls;
		}
		if (linked || in_spans(is->code_spans, &spans0, is->ncode_spans, open) ||
		    in_spans(is->code, &code0, is->ncode, open) ||
		    in_spans(is->comments, &comments0, is->ncomments, open))
			continue;
		add_span(&is->arena, &is->broken_refs, &is->nbroken_refs, &is->abroken_refs, open,
			 lclose + 1);
		if (item)
			item->broken_refs++;
		i = lclose + 1;
	}
}

/* Appends the plain text of n's subtree to b->text; records links into
 * `item` (when given), searched in the source from *cursor on, and the
 * code, comments and markup of the subtree into the issue. */
static void collect(struct builder *b, cmark_node *n, struct dtw_item *item,
		    size_t *cursor, size_t end, int in_heading)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	size_t marks[8], nmarks = 0;
	size_t links0 = b->is->nlinks, code0 = b->is->ncode, spans0 = b->is->ncode_spans;
	size_t comments0 = b->is->ncomments;
	size_t from = *cursor;

	b->walked = 1;
	b->block_start = *cursor;
	b->icursor = *cursor;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);
		if (ev == CMARK_EVENT_ENTER) {
			switch (t) {
			case CMARK_NODE_CODE_BLOCK: {
				size_t s, e;
				block_span(b->is, c, &s, &e);
				add_span(&b->is->arena, &b->is->code, &b->is->ncode,
					 &b->is->acode, s, e);
			}
				/* fall through */
			case CMARK_NODE_TEXT:
			case CMARK_NODE_CODE: {
				const char *lit = cmark_node_get_literal(c);
				if (lit)
					strbuf_addstr(&b->text, lit);
				if (t == CMARK_NODE_CODE)
					code_span(b, c, end);
				break;
			}
			case CMARK_NODE_HTML_INLINE:
				html_inline(b, c, end);
				break;
			case CMARK_NODE_HTML_BLOCK:
				html_block(b, c);
				break;
			case CMARK_NODE_SOFTBREAK:
			case CMARK_NODE_LINEBREAK:
				strbuf_addch(&b->text, ' ');
				break;
			case CMARK_NODE_LINK:
			case CMARK_NODE_IMAGE:
				/* an image in a link: its text is the link's too */
				if (nmarks < sizeof(marks) / sizeof(marks[0]))
					marks[nmarks] = b->text.len;
				nmarks++;
				break;
			default:
				break;
			}
		} else if (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) {
			size_t mark = 0;
			if (nmarks) {
				nmarks--;
				mark = nmarks < sizeof(marks) / sizeof(marks[0]) ? marks[nmarks] : 0;
			}
			add_link(b, c, item, mark, cursor, end, in_heading,
				 t == CMARK_NODE_IMAGE);
		} else if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_ITEM ||
			   t == CMARK_NODE_HEADING ||
			   ((t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK &&
			    b->text.len && b->text.buf[b->text.len - 1] != ' ')) {
			/* A block ends a word: a table's cells and rows too. */
			strbuf_addch(&b->text, ' ');
		}
	}
	cmark_iter_free(it);
	if (cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK &&
	    cmark_node_get_type(n) != CMARK_NODE_HTML_BLOCK)
		broken_refs(b, item, from, end, links0, code0, spans0, comments0);
}

/* Plain text of a node into b->text (reset first). */
static void plain(struct builder *b, cmark_node *n, struct dtw_item *item,
		  size_t *cursor, size_t end, int in_heading)
{
	strbuf_reset(&b->text);
	collect(b, n, item, cursor, end, in_heading);
	while (b->text.len && b->text.buf[b->text.len - 1] == ' ')
		b->text.buf[--b->text.len] = '\0';
}

/* Splits a heading into its leading emoji (symbols before the first space)
 * and its title. */
static void split_heading(const char *h, size_t len, size_t *emoji_len,
			  size_t *title_off)
{
	size_t adv, i = 0;
	int32_t cp = dtw_utf8_decode(h, len, &adv);
	*emoji_len = 0;
	*title_off = 0;
	if (cp < 0x2000 && cp != 0xA9 && cp != 0xAE)
		return;
	while (i < len && h[i] != ' ')
		i++;
	*emoji_len = i;
	while (i < len && h[i] == ' ')
		i++;
	*title_off = i;
}

/* The schema section a heading's text names (its title or an alias, the
 * emoji left out; or once its mis-encoding is repaired), or NULL. */
static const struct dtw_section_def *heading_def(const struct dtw_schema *schema,
						 const char *h, size_t len, size_t to, int *alias,
						 int *mojibake, int repair)
{
	const struct dtw_section_def *def;
	size_t el, rlen;
	char *rep;

	*mojibake = 0;
	def = dtw_schema_section_alias(schema, h + to, len - to, alias);
	if (!def && to)
		def = dtw_schema_section_alias(schema, h, len, alias);
	if (def || !repair)
		return def;
	/* A heading that names a section once its mis-encoding is repaired is
	 * that section: the mojibake finding says what is wrong with it. */
	rep = dtw_mojibake_repair(h, len, &rlen);
	if (rep) {
		split_heading(rep, rlen, &el, &to);
		def = dtw_schema_section_alias(schema, rep + to, rlen - to, alias);
		*mojibake = def != NULL;
		free(rep);
	}
	return def;
}

/* Whether a limit reads the word counts of a section's items (def NULL:
 * the items before any section). */
static int word_limit(const struct dtw_schema *schema, const struct dtw_section_def *def)
{
	return schema->item_max_words || (def && def->item_max_words);
}

/* The "#" marks and blanks that open a heading line of `len` bytes. */
static size_t heading_marks(const char *d, size_t len)
{
	size_t i = 0;
	while (i < len && (d[i] == '#' || d[i] == ' ' || d[i] == '\t'))
		i++;
	return i;
}

/* A section from its heading, whose plain text is in b->text. */
static void new_section(struct builder *b, const struct dtw_section_def *def, int alias,
			int mojibake, int level, size_t start, size_t end)
{
	struct dtw_issue *is = b->is;
	struct dtw_section *s;
	size_t el, to;

	ARENA_GROW(&is->arena, is->sections, is->nsections + 1, is->asections);
	s = &is->sections[is->nsections++];
	memset(s, 0, sizeof(*s));
	s->start = start;
	s->end = end;
	b->sec = s;
	s->heading = adup(is, b->text.buf, b->text.len);
	split_heading(s->heading, strlen(s->heading), &el, &to);
	s->emoji = adup(is, s->heading, el);
	s->title = s->heading + to;
	s->def = def;
	if (def)
		b->seen_def[def - is->schema->sections] = 1;
	s->alias = alias;
	s->mojibake = mojibake;
	s->level = level;
	s->title_start = s->start + heading_marks(is->src->data + s->start, s->end - s->start);
	b->item = NULL;
	b->group = 0;
	b->glevel = 0;
	b->last_field = NULL;
	b->sec_para = 0;
	/* A section the schema does not name but allows is free text. */
	b->free_text = !def && is->schema->extra_sections == DTW_OTHERS_ALLOW;
	b->count_items = word_limit(is->schema, s->def);
	/* (Under a section no definition names, the last one's stands.) */
	if (def) {
		size_t k;
		b->next_unread = NULL;
		for (k = (size_t)(def - is->schema->sections) + 1; k < is->schema->nsections; k++) {
			if (!b->seen_def[k]) {
				b->next_unread = &is->schema->sections[k];
				break;
			}
		}
	}
}

/* A section whose heading is missing: def's, from its first item at
 * `at` (section-missing says where the heading goes). */
static void headless_section(struct builder *b, const struct dtw_section_def *def, size_t at)
{
	/* new_section reads the heading from b->text, which holds the
	 * block being read: an empty one in its place meanwhile. */
	struct strbuf keep = b->text;
	strbuf_init(&b->text);
	new_section(b, def, 0, 0, def->level, at, at);
	b->sec->headless = 1;
	strbuf_release(&b->text);
	b->text = keep;
}

/* Whether a[0, alen) and b[0, blen) are at most `max` edits apart, an
 * edit being a byte inserted, dropped, changed or two swapped, case
 * ignored (optimal string alignment). Titles only: both short. */
static int close_titles(const char *a, size_t alen, const char *b, size_t blen, size_t max)
{
	return alen <= 128 && blen <= 128 && dtw_osa_within(a, alen, b, blen, max) <= max;
}

/* The schema section at heading level `level` whose title `title` is a
 * slip of (a letter or two off, two swapped, another case), or NULL; not
 * the section `in` is. Such a heading is read as that section, and
 * section-unknown says what it should be. */
static const struct dtw_section_def *near_section(const struct dtw_schema *s,
						  const struct dtw_section *in,
						  const char *title, size_t len, int level)
{
	const struct dtw_section_def *found = NULL;
	size_t i, max;
	dtw_trim(&title, &len);
	max = 1 + len / 16;
	for (i = 0; i < s->nsections; i++) {
		const struct dtw_section_def *d = &s->sections[i];
		if (d->level != level || (in && in->def == d) ||
		    !close_titles(title, len, d->title, strlen(d->title), max))
			continue;
		if (found)
			return NULL; /* close to two: no guess */
		found = d;
	}
	return found;
}

/* The level the groups of the current section are at: that of its first
 * group written below the section, else one below it. */
static int group_level(const struct builder *b)
{
	if (b->glevel)
		return b->glevel;
	return (b->sec->def ? b->sec->def->level : b->is->schema->section_level) + 1;
}

/* The level a group of the current section should be at, or 0 when it
 * is where it belongs: a group written at or above its section's level,
 * or a listed one at another level than the section's groups. */
static int group_want(const struct builder *b, const char *listed, int level, int sec_level)
{
	if (level <= sec_level)
		return group_level(b);
	if (listed && b->glevel && level != b->glevel)
		return b->glevel;
	return 0;
}

/* The parent of a group at level eff that follows group p (index + 1;
 * 0: none) of section s: the nearest open group above that level. */
static size_t group_parent(const struct dtw_section *s, size_t p, int eff)
{
	while (p && (s->groups[p - 1].want_level ? s->groups[p - 1].want_level :
		     s->groups[p - 1].level) >= eff)
		p = s->groups[p - 1].parent;
	return p;
}

/* A group of the current section, from its heading, titled
 * title[0, tlen). `want` is the level its section's groups are at when
 * it is written at another; else 0. */
static void new_group(struct builder *b, const char *listed, const char *title, size_t tlen,
		      int level, int want, size_t start, size_t end)
{
	struct dtw_issue *is = b->is;
	struct dtw_section *s = b->sec;
	struct dtw_group *g;
	size_t p = b->group;
	int eff = want ? want : level;
	const char *d = is->src->data + start;

	p = group_parent(s, p, eff);
	ARENA_GROW(&is->arena, s->groups, s->ngroups + 1, s->agroups);
	g = &s->groups[s->ngroups++];
	memset(g, 0, sizeof(*g));
	g->title = adup(is, title, tlen);
	g->listed = listed;
	g->level = level;
	g->want_level = want;
	g->start = start;
	g->end = end;
	g->title_start = start + heading_marks(d, end - start);
	g->parent = p;
	if (!want && !b->glevel)
		b->glevel = level;
	b->group = s->ngroups;
	b->item = NULL;
	b->last_field = NULL;
}


static struct dtw_item *new_item(struct builder *b, size_t start, size_t end)
{
	struct dtw_issue *is = b->is;
	struct dtw_item *it;
	if (b->sec) {
		ARENA_GROW(&is->arena, b->sec->items, b->sec->nitems + 1, b->sec->aitems);
		it = &b->sec->items[b->sec->nitems++];
	} else {
		ARENA_GROW(&is->arena, is->stray, is->nstray + 1, is->astray);
		it = &is->stray[is->nstray++];
	}
	memset(it, 0, sizeof(*it));
	if (b->sec)
		it->group = b->group;
	it->start = start;
	it->end = end;
	it->body_end = end;
	b->item = it;
	b->last_field = NULL;
	b->para_after_field = 0;
	b->sub_heading = 0;
	memset(b->has_field, 0, b->nfield_max);
	return it;
}

/* The field def whose label (or alias) opens text, with the length matched. */
static const struct dtw_field_def *find_label(const struct dtw_section_def *def,
					      const char *text, size_t len,
					      size_t *label_len)
{
	size_t i, k;
	if (!def)
		return NULL;
	for (i = 0; i < def->nfields; i++) {
		const struct dtw_field_def *f = &def->fields[i];
		if (dtw_starts_nocase(text, len, f->label)) {
			*label_len = strlen(f->label);
			return f;
		}
		for (k = 0; k < f->naliases; k++) {
			if (dtw_starts_nocase(text, len, f->aliases[k])) {
				*label_len = strlen(f->aliases[k]);
				return f;
			}
		}
	}
	return NULL;
}

static int label_is_declared(const struct dtw_field_def *f, const char *s, size_t n)
{
	size_t k;
	if (strlen(f->label) == n && !memcmp(f->label, s, n))
		return 1;
	for (k = 0; k < f->naliases; k++)
		if (strlen(f->aliases[k]) == n && !memcmp(f->aliases[k], s, n))
			return 1;
	return 0;
}

static void add_field(struct builder *b, struct dtw_item *it,
		      const struct dtw_field_def *def, const char *text,
		      size_t len, size_t llen, size_t start, size_t end, int bold)
{
	struct dtw_field *f;
	const char *v = text + llen;
	size_t vlen = len - llen;

	ARENA_GROW(&b->is->arena, it->fields, it->nfields + 1, it->afields);
	f = &it->fields[it->nfields++];
	memset(f, 0, sizeof(*f));
	f->def = def;
	f->label = adup(b->is, text, llen);
	f->bold = bold;
	f->canonical = bold && label_is_declared(def, text, llen);
	f->start = start;
	f->end = f->para_end = end;
	dtw_trim(&v, &vlen);
	f->value = adup(b->is, v, vlen);
	f->empty = vlen == 0;
	/* Counting is paid only where a limit will read it. */
	if (def->min_words || def->max_words)
		f->words = dtw_count_words(v, vlen);
	b->last_field = f;
	if (it == b->item)
		b->para_after_field = 0;
	if (b->sec && b->sec->def && it == b->item && def >= b->sec->def->fields &&
	    def < b->sec->def->fields + b->sec->def->nfields)
		b->has_field[def - b->sec->def->fields] = 1;
}

static void ensure_named(struct builder *b);

/* Whether section def is one that no heading of the issue names. */
static int unnamed(struct builder *b, const struct dtw_section_def *def)
{
	ensure_named(b);
	return !b->named[def - b->is->schema->sections];
}

/* A field label at the start of a later line of the paragraph [start,
 * end) that opens with none: the blank line before it is missing, so the
 * field runs on from the text above. Read as that field (item-fields
 * says so), when the item does not have it yet. */
/* Whether a blank line before the `line`-th line break of paragraph n
 * (from 1), which spans [start, end), splits it without changing how the
 * rest reads: every line end is a break of its own (none inside a code
 * span or raw HTML) and that one is no part of a link or emphasis. */
static int splits_cleanly(struct builder *b, cmark_node *n, size_t start, size_t end,
			  size_t line)
{
	const char *d = b->is->src->data;
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	size_t breaks = 0, nl = 0, p;
	int direct = 0;

	for (p = start; p < end; p++)
		nl += d[p] == '\n';
	while (end > start && (d[end - 1] == '\n' || d[end - 1] == '\r')) {
		if (d[end - 1] == '\n')
			nl--;
		end--;
	}
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);
		if (ev != CMARK_EVENT_ENTER || (t != CMARK_NODE_SOFTBREAK && t != CMARK_NODE_LINEBREAK))
			continue;
		if (++breaks == line)
			direct = cmark_node_parent(c) == n;
	}
	cmark_iter_free(it);
	return direct && breaks == nl;
}

static int runs_on(struct builder *b, cmark_node *n, struct dtw_item *it, size_t start,
		   size_t end)
{
	const struct dtw_section_def *sd = b->sec ? b->sec->def : NULL;
	const char *d = b->is->src->data;
	const char *nl;
	size_t p = start, line = 0;

	if (!sd || !sd->nfields)
		return 0;
	while ((nl = memchr(d + p, '\n', end - p)) && (size_t)(nl - d) + 1 < end) {
		const struct dtw_field_def *f;
		size_t ls = (size_t)(nl - d) + 1, q = ls, llen = 0, v;
		int bold = 0;
		struct dtw_field *fl;
		p = ls;
		line++;
		while (q < end && q - ls < 3 && d[q] == ' ')
			q++;
		if (q + 2 <= end && (d[q] == '*' || d[q] == '_') && d[q + 1] == d[q]) {
			bold = 1;
			q += 2;
		}
		f = find_label(sd, d + q, end - q, &llen);
		if (!f || b->has_field[f - sd->fields])
			continue;
		add_field(b, it, f, d + q, end - q, llen, ls, end, bold);
		fl = b->last_field;
		fl->runs_on = splits_cleanly(b, n, start, end, line) ? 2 : 1;
		/* its value: past the label and the bold's close */
		v = q + llen;
		if (bold && v + 2 <= end && d[v] == d[q - 1] && d[v + 1] == d[q - 1])
			v += 2;
		{
			const char *val = d + v;
			size_t vlen = end - v;
			dtw_trim(&val, &vlen);
			fl->value = adup(b->is, val, vlen);
			fl->empty = vlen == 0;
			if (f->min_words || f->max_words)
				fl->words = dtw_count_words(val, vlen);
		}
		return 1;
	}
	return 0;
}

/* Moves the current item, the last of its section, to a new section
 * with no heading: b->next_unread's. Returns it where it now is. */
static struct dtw_item *move_to_headless(struct builder *b)
{
	struct dtw_item moved = *b->item;
	const struct dtw_section_def *def = b->next_unread;
	b->sec->nitems--;
	headless_section(b, def, moved.start);
	ARENA_GROW(&b->is->arena, b->sec->items, b->sec->nitems + 1, b->sec->aitems);
	b->item = &b->sec->items[b->sec->nitems++];
	*b->item = moved;
	b->item->group = 0;
	memset(b->has_field, 0, b->nfield_max);
	return b->item;
}

/* An item's title made of the first line of the paragraph at `at`: up
 * to 60 bytes (cut where a character starts), and "…". */
static const char *para_title(struct builder *b, size_t at)
{
	const char *d = b->is->src->data;
	size_t tl;
	char *title;
	for (tl = 0; at + tl < b->is->src->len && d[at + tl] != '\n' && d[at + tl] != '\r'; tl++)
		;
	if (tl > 60) {
		tl = 60;
		while (tl > 0 && ((unsigned char)d[at + tl] & 0xC0) == 0x80)
			tl--;
	}
	title = dtw_arena_alloc(&b->is->arena, tl + 4);
	memcpy(title, d + at, tl);
	memcpy(title + tl, "\xE2\x80\xA6", 4);
	return title;
}

/* The current item, from the paragraph at `at` on, is an item of its own
 * whose heading is missing (heading-syntax says so): its links move to
 * it, and its title is the paragraph's first words. */
static void split_item(struct builder *b, size_t at)
{
	struct dtw_item *old = b->item, *it;
	struct dtw_link *links = old->links;
	size_t k = old->nlinks, n;

	while (k > 0 && links[k - 1].start >= at)
		k--;
	n = old->nlinks - k;
	old->nlinks = k;
	old->body_end = at;
	it = new_item(b, at, at);
	it->headless = 1;
	if (n) {
		ARENA_GROW(&b->is->arena, it->links, n, it->alinks);
		memcpy(it->links, links + k, n * sizeof(*links));
		it->nlinks = n;
	}
	it->title = para_title(b, at);
}

/* A block inside the current heading-style item. */
static void item_block_as(struct builder *b, cmark_node *n, size_t start, size_t end,
			  cmark_node_type t)
{
	struct dtw_item *it = b->item;
	size_t cur = start, llen = 0;
	struct dtw_field *prev = b->last_field;

	plain(b, n, it, &cur, end, 0);
	if (b->count_items)
		it->words += dtw_count_words(b->text.buf, b->text.len);
	it->body_end = end;
	b->last_field = NULL;
	if (t == CMARK_NODE_PARAGRAPH) {
		const struct dtw_field_def *def =
			find_label(b->sec ? b->sec->def : NULL, b->text.buf,
				   b->text.len, &llen);
		/* An item with none of its section's fields whose first is
		 * a field of the next section no heading names: that
		 * section's heading is missing above the item. */
		if (!def && !it->nfields && b->next_unread && b->sec && b->sec->def &&
		    b->sec->def->items == DTW_ITEMS_HEADING &&
		    b->next_unread->items == DTW_ITEMS_HEADING &&
		    b->next_unread->item_level == b->sec->def->item_level &&
		    (def = find_label(b->next_unread, b->text.buf, b->text.len, &llen))) {
			if (unnamed(b, b->next_unread))
				it = move_to_headless(b);
			else
				def = NULL;
		}
		/* The first field again, after a paragraph that is none: a
		 * new item starts at that paragraph, its heading missing. */
		if (def && b->para_after_field && !b->sub_heading && b->sec && b->sec->def &&
		    def == &b->sec->def->fields[0] && b->has_field[0] &&
		    b->sec->def->items == DTW_ITEMS_HEADING) {
			split_item(b, b->para_after_field - 1);
			it = b->item;
		}
		if (!def && runs_on(b, n, it, start, end))
			return;
		if (!def && it->nfields && !b->para_after_field)
			b->para_after_field = start + 1;
		if (def) {
			cmark_node *fc = cmark_node_first_child(n);
			int bold = fc && cmark_node_get_type(fc) == CMARK_NODE_STRONG;
			add_field(b, it, def, b->text.buf, b->text.len, llen,
				  start, end, bold);
		}
	} else if (t == CMARK_NODE_HEADING) {
		b->sub_heading = 1;
	} else if (t == CMARK_NODE_LIST && prev) {
		prev->has_list = 1;
		prev->empty = 0;
		if (prev->def->min_words || prev->def->max_words)
			prev->words += dtw_count_words(b->text.buf, b->text.len);
		prev->end = end;
	}
}

/* A block inside the current heading-style item. */
static void item_block(struct builder *b, cmark_node *n, size_t start, size_t end)
{
	item_block_as(b, n, start, end, cmark_node_get_type(n));
}

/* Each entry of a list in a list-style section is one item. */
static void list_items(struct builder *b, cmark_node *list)
{
	cmark_node *li;
	const struct dtw_section_def *def = b->sec->def;
	for (li = cmark_node_first_child(list); li; li = cmark_node_next(li)) {
		size_t start, end, cur, i, k;
		struct dtw_item *it;
		block_span(b->is, li, &start, &end);
		it = new_item(b, start, end);
		cur = start;
		plain(b, li, it, &cur, end, 0);
		if (def && def->skip_items && dtw_re_matches(def->skip_items, b->text.buf,
							     b->text.len) == 1) {
			/* A note ("No calls for testing this week"), not an
			 * item: its links stay the issue's. */
			b->sec->nitems--;
			b->item = NULL;
			continue;
		}
		if (b->count_items)
			it->words = dtw_count_words(b->text.buf, b->text.len);
		if (it->nlinks && *it->links[0].text)
			it->title = it->links[0].text;
		else {
			/* A title of at most 80 bytes, cut between characters. */
			size_t n = b->text.len < 80 ? b->text.len : 80;
			while (n < b->text.len && n > 0 && ((unsigned char)b->text.buf[n] & 0xC0) == 0x80)
				n--;
			it->title = adup(b->is, b->text.buf, n);
		}
		/* In a one-line entry, fields are labels anywhere in it. */
		for (i = 0; def && i < def->nfields; i++) {
			const struct dtw_field_def *f = &def->fields[i];
			const char *labels[16];
			size_t nl = 0;
			labels[nl++] = f->label;
			for (k = 0; k < f->naliases && nl < 16; k++)
				labels[nl++] = f->aliases[k];
			for (k = 0; k < nl; k++) {
				size_t L = strlen(labels[k]), p;
				for (p = 0; p + L <= b->text.len; p++) {
					if (dtw_eq_nocase(b->text.buf + p, L, labels[k], L)) {
						add_field(b, it, f, b->text.buf + p,
							  b->text.len - p, L, start, end, 0);
						it->fields[it->nfields - 1].canonical = 1;
						break;
					}
				}
				if (p + L <= b->text.len)
					break;
			}
		}
		b->item = NULL;
	}
}

/* Whether the file has a line opening with "<<<<<<< " or ">>>>>>> ",
 * looked for once (b->conflicts: -1 until then). */
static int has_conflict(struct builder *b)
{
	const char *d = b->is->src->data, *p;
	size_t len = b->is->src->len;
	static const char *const marks[] = { "<<<<<<< ", ">>>>>>> " };
	size_t k;
	if (b->conflicts >= 0)
		return b->conflicts;
	b->conflicts = 0;
	for (k = 0; k < 2 && !b->conflicts; k++)
		for (p = d; !b->conflicts && (p = memmem(p, len - (size_t)(p - d), marks[k], 8));
		     p++)
			b->conflicts = p == d || p[-1] == '\n';
	return b->conflicts;
}

/* Whether the heading [start, end) is a setext one whose underline is
 * the "=======" of a merge conflict: not a heading the writer meant. */
static int conflict_underline(struct builder *b, size_t start, size_t end)
{
	const char *d = b->is->src->data;
	size_t ls = end, i;
	if (d[start] == '#' || end - start < 7)
		return 0;
	while (ls > start && d[ls - 1] != '\n')
		ls--;
	for (i = ls; i < end && d[i] == '='; i++)
		;
	if (i - ls != 7)
		return 0;
	for (; i < end; i++)
		if (d[i] != ' ' && d[i] != '\t' && d[i] != '\r')
			return 0;
	return has_conflict(b);
}

/* The links a heading's text added to the issue since `from`: an
 * item's own (its heading may be its link). */
static void heading_links(struct builder *b, struct dtw_item *it, size_t from)
{
	struct dtw_issue *is = b->is;
	size_t k;
	for (k = from; k < is->nlinks; k++) {
		if (is->links[k].image)
			continue;
		ARENA_GROW(&is->arena, it->links, it->nlinks + 1, it->alinks);
		it->links[it->nlinks++] = is->links[k];
	}
}

/* A heading: the title, a section, a group or an item, by its level and
 * what its text names (a known title at the wrong level is still what it
 * names: heading-syntax says so). 0 when it is none of them: a block of
 * the item, the intro or a free-text section. */
static void node_text(cmark_node *n, struct strbuf *sb);
static size_t setext_break(struct builder *b, cmark_node *n, size_t start, size_t end);

/* Whether top-level block n is read as a paragraph: one, or a paragraph
 * over a "---" that Markdown takes for its underline. */
static int reads_as_paragraph(struct builder *b, cmark_node *n)
{
	size_t s0, e0;
	if (!n)
		return 0;
	if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH)
		return 1;
	if (cmark_node_get_type(n) != CMARK_NODE_HEADING)
		return 0;
	block_span(b->is, n, &s0, &e0);
	return setext_break(b, n, s0, e0) != 0;
}

/* Whether the blocks under heading n, up to the next heading of level
 * `stop` or above (or a line starting with "#", or a thematic break),
 * have a paragraph that opens with one of the current section's field
 * labels — with `again`, one the current item already has. That tells an
 * item written at the wrong level from a sub-heading of an item's text.
 * Each block is read once per heading it follows, and a block follows
 * one such heading: linear. */
static int has_link(cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	int found = 0;
	while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		found = ev == CMARK_EVENT_ENTER &&
			cmark_node_get_type(cmark_iter_get_node(it)) == CMARK_NODE_LINK;
	cmark_iter_free(it);
	return found;
}

static int part_has_field(struct builder *b, cmark_node *n, int stop, int again)
{
	const struct dtw_section_def *def = b->sec ? b->sec->def : NULL;
	struct strbuf sb = STRBUF_INIT;
	int found = 0, linked;

	if (!def || !def->nfields)
		return 0;
	/* A second item needs what an item has: a link, where the section
	 * asks for one (else a sub-heading with a note of its own). */
	linked = !again || !def->link_required || has_link(n);
	for (n = cmark_node_next(n); n && !(found && linked); n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);
		const struct dtw_field_def *f;
		size_t llen = 0, s0, e0;
		int last = 0;
		if (t == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) <= stop) {
			/* A paragraph over a "---" (or a merge's "=======") is
			 * read as the paragraph; the "---" ends the part. */
			block_span(b->is, n, &s0, &e0);
			if (setext_break(b, n, s0, e0))
				last = 1;
			else if (!conflict_underline(b, s0, e0))
				break;
		} else if (t == CMARK_NODE_THEMATIC_BREAK) {
			break;
		} else if (t != CMARK_NODE_PARAGRAPH) {
			continue;
		}
		node_text(n, &sb);
		if (sb.len && sb.buf[0] == '#')
			break;
		f = find_label(def, sb.buf ? sb.buf : "", sb.len, &llen);
		if (f && (!again || b->has_field[f - def->fields]))
			found = 1;
		if (!linked)
			linked = has_link(n);
		if (last)
			break;
	}
	strbuf_release(&sb);
	return found && linked;
}

/* The section that an empty heading n ("##", at `level`) stands for, when
 * its place tells: of the schema's sections between the last one read and
 * the next one named (up to the next section heading or empty one), the
 * one at that level not read yet. NULL when none or several fit, or
 * another empty heading comes first. Each block is looked at for the
 * nearest empty heading before it only: linear. */
static const struct dtw_section_def *empty_stands_for(struct builder *b, cmark_node *n,
						      int level)
{
	const struct dtw_schema *schema = b->is->schema;
	const struct dtw_section_def *only = NULL;
	struct strbuf sb = STRBUF_INIT;
	size_t lo = 0, hi = schema->nsections, k, i;

	for (i = b->is->nsections; i-- > 0;) {
		if (b->is->sections[i].def) {
			lo = (size_t)(b->is->sections[i].def - schema->sections) + 1;
			break;
		}
	}
	for (n = cmark_node_next(n); n; n = cmark_node_next(n)) {
		const struct dtw_section_def *d;
		size_t el = 0, to = 0;
		int alias = 0, moj = 0;
		if (cmark_node_get_type(n) != CMARK_NODE_HEADING ||
		    cmark_node_get_heading_level(n) > schema->max_section_level)
			continue;
		node_text(n, &sb);
		if (!sb.len) {
			hi = 0; /* two empty headings: neither is told */
			break;
		}
		split_heading(sb.buf, sb.len, &el, &to);
		d = heading_def(schema, sb.buf, sb.len, to, &alias, &moj, 1);
		if (d) {
			hi = (size_t)(d - schema->sections);
			break;
		}
	}
	strbuf_release(&sb);
	if (lo < hi)
		ensure_named(b);
	for (k = lo; k < hi; k++) {
		const struct dtw_section_def *d = &schema->sections[k];
		if (b->seen_def[k] || b->named[k] || d->level != level)
			continue;
		if (only)
			return NULL;
		only = d;
	}
	return only;
}

/* An item whose heading is at another level than its section's items,
 * which are at want. */
static void misleveled_item(struct builder *b, int level, int want, size_t start,
			    size_t end, size_t nlinks)
{
	struct dtw_item *it = new_item(b, start, end);
	heading_links(b, it, nlinks);
	it->title = adup(b->is, b->text.buf, b->text.len);
	it->level = level;
	it->want_level = want;
}

/* Whether the heading [start, end) is its marks alone: "###". */
static int empty_heading(const char *d, size_t start, size_t end)
{
	size_t k = start;
	if (d[k] != '#')
		return 0;
	for (; k < end; k++)
		if (d[k] != '#' && d[k] != ' ' && d[k] != '\t' && d[k] != '\r' && d[k] != '\n')
			return 0;
	return 1;
}

/* A new slip for the heading line [start, end), its line end left out. */
static struct dtw_slip *heading_line_slip(struct dtw_issue *is, size_t start, size_t end)
{
	struct dtw_slip *sl;
	ARENA_GROW(&is->arena, is->slips, is->nslips + 1, is->aslips);
	sl = &is->slips[is->nslips++];
	memset(sl, 0, sizeof(*sl));
	sl->start = start;
	while (end > start && (is->src->data[end - 1] == '\n' || is->src->data[end - 1] == '\r'))
		end--;
	sl->end = end;
	return sl;
}

static int heading(struct builder *b, cmark_node *n, size_t start, size_t end, int slip)
{
	struct dtw_issue *is = b->is;
	const struct dtw_schema *schema = is->schema;
	const struct dtw_section_def *cur = b->sec ? b->sec->def : NULL, *def;
	int level = slip ? slip : cmark_node_get_heading_level(n), alias = 0, mojibake = 0;
	int misspelt = 0, empty = 0;
	int sec_level = cur ? cur->level : schema->section_level;
	int item_level = cur ? cur->item_level : schema->item_level;
	int heading_items = b->sec ? !b->free_text && (!cur || cur->items == DTW_ITEMS_HEADING) : 1;
	size_t pos = start, nlinks = is->nlinks, el = 0, to = 0, tlen;
	const char *listed = NULL, *title;

	if (!slip && conflict_underline(b, start, end))
		return 0; /* a paragraph above a merge's "=======": text */
	if (!slip && empty_heading(is->src->data, start, end)) {
		/* "###" alone: heading-syntax's */
		struct dtw_slip *sl = heading_line_slip(is, start, end);
		sl->marks_end = start + (size_t)level;
		sl->level = level;
		sl->empty = 1;
		empty = 1;
	}
	plain(b, n, NULL, &pos, end, 1);
	if (empty) {
		/* At a section's level, a section with no title (which one
		 * may be told by its place: settle_empty); else, before the
		 * first section, nothing, and in one what its level makes it
		 * (an item or a group with no title). */
		if (level <= schema->max_section_level && (b->sec || level == schema->section_level)) {
			new_section(b, empty_stands_for(b, n, level), 0, 0, level, start, end);
			b->sec->empty = 1;
			b->free_text = 0;
			return 1;
		}
		if (!b->sec)
			return 0;
	}
	if (slip) {
		/* "##Tools", "##" NBSP "Tools": the text after the marks */
		size_t k = 0;
		while (k < b->text.len && b->text.buf[k] == '#')
			k++;
		if (k + 2 <= b->text.len && !memcmp(b->text.buf + k, "\xC2\xA0", 2))
			k += 2;
		while (k < b->text.len && b->text.buf[k] == ' ')
			k++;
		memmove(b->text.buf, b->text.buf + k, b->text.len - k + 1);
		b->text.len -= k;
	}
	split_heading(b->text.buf, b->text.len, &el, &to);
	/* (Repaired only at a section's level: an item heading is many.) */
	def = heading_def(schema, b->text.buf, b->text.len, to, &alias, &mojibake,
			  level <= schema->max_section_level);
	/* A group's title: the text after a leading emoji, unless the
	 * whole heading is one of the group titles ("→ Elsewhere", "東京"). */
	title = b->text.buf + to;
	tlen = b->text.len - to;
	if (cur && !(listed = dtw_schema_group(cur, title, tlen)) && to &&
	    (listed = dtw_schema_group(cur, b->text.buf, b->text.len))) {
		title = b->text.buf;
		tlen = b->text.len;
	}
	if (!tlen) { /* all emoji: the heading is its title */
		title = b->text.buf;
		tlen = b->text.len;
	}
	if (level == 1 && schema->section_level >= 2 && !is->has_title && !b->sec &&
	    !is->intro_paras && !(def && def->level == 1)) {
		is->has_title = 1;
		is->title = adup(is, b->text.buf, b->text.len);
		is->title_start = start;
		b->title_block = b->blocks;
		return 1;
	}
	/* A subtitle: right under the title (or first), at section level,
	 * naming no section, with the intro's paragraph under it. */
	if (level == schema->section_level && !b->sec && !is->intro_paras && !is->nstray &&
	    !is->nloose && !def && !listed &&
	    b->blocks == (is->has_title ? b->title_block + 1 : 1) &&
	    reads_as_paragraph(b, cmark_node_next(n)) &&
	    !near_section(schema, NULL, title, tlen, level) &&
	    !(is->has_title ? 0 : dtw_issue_role(is, DTW_ROLE_TITLE) &&
	      *dtw_issue_role(is, DTW_ROLE_TITLE) &&
	      dtw_starts_nocase(b->text.buf, b->text.len, dtw_issue_role(is, DTW_ROLE_TITLE))))
		return 1;
	/* The newsletter's title written at section level: the first
	 * heading, naming no section, opening with the front matter's title. */
	if (level == schema->section_level && level >= 2 && !is->has_title && !b->sec &&
	    !is->intro_paras && !def && !listed && !is->nsections) {
		const char *ft = dtw_issue_role(is, DTW_ROLE_TITLE);
		size_t ftl = ft ? strlen(ft) : 0;
		if (ftl && dtw_starts_nocase(b->text.buf, b->text.len, ft) &&
		    !near_section(schema, NULL, title, tlen, level)) {
			is->has_title = 1;
			is->title = adup(is, b->text.buf, b->text.len);
			is->title_start = start;
			is->title_end = end;
			is->title_level = level;
			return 1;
		}
	}
	/* A section's title misspelt at a section's level is that section:
	 * section-unknown names it, and its items are checked as its. */
	if (!def && !listed && (!b->sec || level < item_level) &&
	    (def = near_section(schema, b->sec, title, tlen, level)))
		misspelt = 1;
	/* A group of the next section, which no heading names, inside
	 * this one: that section's heading is missing above it. */
	if (!def && !listed && b->sec && (b->sec->def || b->free_text) && b->next_unread &&
	    level > b->next_unread->level) {
		const char *l2 = dtw_schema_group(b->next_unread, title, tlen);
		int whole = 0;
		if (!l2 && to && (l2 = dtw_schema_group(b->next_unread, b->text.buf, b->text.len)))
			whole = 1;
		if (l2 && unnamed(b, b->next_unread)) {
			if (whole) {
				title = b->text.buf;
				tlen = b->text.len;
			}
			headless_section(b, b->next_unread, start);
			listed = l2;
			cur = b->sec->def;
			sec_level = cur->level;
			item_level = cur->item_level;
			heading_items = !b->free_text && cur->items == DTW_ITEMS_HEADING;
		}
	}
	/* One of the section's groups: where it is written, unless it is a
	 * section's title written as that section. */
	if (listed && !(def && level == def->level)) {
		new_group(b, listed, title, tlen, level, group_want(b, listed, level, sec_level),
			  start, end);
		return 1;
	}
	/* A section's title above the items' level (or before the first
	 * section): at another level than its own, heading-syntax says so
	 * ("# Calls for Testing"). Deeper, it is a sub-heading of the text
	 * ("#### Tools" in an item's body). */
	/* A section's title at its own level, not read yet; or one level
	 * too deep, where items are headings, or below a list section's or
	 * free text, when no heading at a section's level names it: that
	 * section, once. */
	if (def && (!b->sec || level < item_level ||
		    (level == def->level && def != cur && !b->seen_def[def - schema->sections]) ||
		    (def != cur && !misspelt && !b->seen_def[def - schema->sections] &&
		     (heading_items ? level == item_level : level > sec_level) &&
		     unnamed(b, def)))) {
		new_section(b, def, alias, mojibake, level, start, end);
		b->sec->misspelt = misspelt;
		return 1;
	}
	/* Naming no section, one level above the items and with the
	 * section's fields under it: an item written too high. */
	if (level + 1 == item_level && b->sec && heading_items && level <= sec_level &&
	    part_has_field(b, n, item_level, 0)) {
		misleveled_item(b, level, item_level, start, end, nlinks);
		return 1;
	}
	if (level == schema->section_level) {
		new_section(b, NULL, 0, 0, level, start, end);
		return 1;
	}
	if (level < schema->section_level) {
		/* Above section level, naming no section: in a section, one of
		 * its groups written too high; before the first, a loose
		 * heading; either is heading-syntax's. */
		/* Before the intro: a subtitle, as the title's second line;
		 * without a title: text. */
		if (!b->sec && (!is->has_title || !is->intro_paras))
			return 0;
		if (!b->sec) {
			struct dtw_group *g;
			ARENA_GROW(&is->arena, is->loose, is->nloose + 1, is->aloose);
			g = &is->loose[is->nloose++];
			memset(g, 0, sizeof(*g));
			g->title = adup(is, title, tlen);
			g->level = level;
			g->want_level = schema->section_level;
			g->start = start;
			g->end = end;
			g->title_start = start + heading_marks(is->src->data + start, end - start);
			return 0;
		}
		new_group(b, NULL, title, tlen, level, group_level(b), start, end);
		return 1;
	}
	if (!b->sec) {
		/* An item before any section, where the first section's items
		 * are headings; else (a list's group) text of the intro. */
		const struct dtw_section_def *h = NULL;
		size_t k;
		if (level != item_level || schema->sections[0].items != DTW_ITEMS_HEADING)
			return 0;
		/* Where the one section no heading names, before the first
		 * that one does, has heading items at this level: its
		 * heading is what is missing. */
		ensure_named(b);
		for (k = 0; k < (b->first_named ? b->first_named - 1 : schema->nsections); k++) {
			if (b->named[k])
				continue;
			if (h) {
				h = NULL;
				break;
			}
			h = &schema->sections[k];
		}
		if (h && h->items == DTW_ITEMS_HEADING && h->item_level == level) {
			const char *t = adup(is, b->text.buf, b->text.len);
			headless_section(b, h, start);
			heading_links(b, new_item(b, start, end), nlinks);
			b->item->title = t;
			return 1;
		}
		heading_links(b, new_item(b, start, end), nlinks);
		b->item->title = adup(is, b->text.buf, b->text.len);
		return 1;
	}
	/* One level below the items, with a field the item above already
	 * has: the next item, written too deep. Else a block of the item. */
	if (heading_items && level == item_level + 1 && b->sec &&
	    part_has_field(b, n, level, b->item != NULL)) {
		misleveled_item(b, level, item_level, start, end, nlinks);
		return 1;
	}
	if (heading_items && level > item_level)
		return 0;
	/* The heading of the item above again, nothing between: one
	 * heading written twice (heading-syntax's), one item. */
	if (heading_items && level == item_level && b->item && b->item->body_end == b->item->end &&
	    !b->item->nfields && b->item->title && !strcmp(b->item->title, b->text.buf)) {
		struct dtw_slip *sl = heading_line_slip(is, start, end);
		sl->level = level;
		sl->repeated = b->item->start + 1;
		b->item->end = end;
		b->item->body_end = end;
		return 1;
	}
	if (heading_items && level == item_level) {
		struct dtw_item *it = new_item(b, start, end);
		heading_links(b, it, nlinks);
		it->title = adup(is, b->text.buf, b->text.len);
		return 1;
	}
	new_group(b, NULL, title, tlen, level, 0, start, end);
	return 1;
}

/* Whether the paragraph [start, end), one line, is a heading Markdown
 * did not take for one: two to six "#" and then no space ("##Tools"),
 * or one to six and a no-break space. (One "#" and a word is a hashtag.) */
static int heading_slip(const struct dtw_issue *is, size_t start, size_t end,
			struct dtw_slip *out)
{
	const char *d = is->src->data;
	size_t k = start;
	if (memchr(d + start, '\n', end - start))
		return 0;
	while (k < end && d[k] == '#')
		k++;
	if (k == start || k - start > 6 || k == end)
		return 0;
	memset(out, 0, sizeof(*out));
	out->start = start;
	out->end = end;
	out->marks_end = k;
	out->level = (int)(k - start);
	if (end - k >= 3 && !memcmp(d + k, "\xC2\xA0", 2)) {
		out->nbsp = 1;
		return 1;
	}
	if (d[k] == ' ' || d[k] == '\t')
		return 0;
	if (out->level >= 2)
		return 1;
	/* "#Quote of the Week": one "#" and a word is a hashtag, unless
	 * the line is a level-1 section's title. */
	{
		const struct dtw_section_def *def;
		size_t e = end, el = 0, to = 0;
		int alias = 0, moj = 0;
		while (e > k && (d[e - 1] == '\n' || d[e - 1] == '\r' || d[e - 1] == ' '))
			e--;
		split_heading(d + k, e - k, &el, &to);
		def = heading_def(is->schema, d + k, e - k, to, &alias, &moj, 0);
		return def && def->level == 1;
	}
}

/* A paragraph of a heading-items section before its first item. With one
 * of the section's fields, it is an item whose heading is missing, from
 * the section's first paragraph: its first item's heading deleted. */
static void section_text(struct builder *b, cmark_node *n, size_t start, size_t end)
{
	struct dtw_issue *is = b->is;
	const struct dtw_field_def *f;
	size_t cur = start, nl = is->nlinks, llen = 0, at;
	struct dtw_item *it;

	plain(b, n, NULL, &cur, end, 0);
	if (!b->sec_para) {
		b->sec_para = start + 1;
		b->sec_para_links = nl;
	}
	if (!(f = find_label(b->sec->def, b->text.buf, b->text.len, &llen)))
		return;
	at = b->sec_para - 1;
	it = new_item(b, at, at);
	it->headless = 2;
	it->title = para_title(b, at);
	heading_links(b, it, b->sec_para_links);
	it->body_end = end;
	{
		cmark_node *fc = cmark_node_first_child(n);
		add_field(b, it, f, b->text.buf, b->text.len, llen, start, end,
			  fc && cmark_node_get_type(fc) == CMARK_NODE_STRONG);
	}
}

/* One top-level block, read into the model as what it is. */
static void top_block(struct builder *b, cmark_node *n, size_t start, size_t end)
{
	struct dtw_issue *is = b->is;
	cmark_node_type t = cmark_node_get_type(n);
	size_t cur = start;

	if (b->in_outro) {
		if (t == CMARK_NODE_PARAGRAPH) {
			plain(b, n, NULL, &cur, end, 0);
			/* Gathered here, copied once at the end: linear in the
			 * number of closing paragraphs. */
			if (!is->outro_paras++)
				is->outro_start = start;
			else
				strbuf_addch(&b->outro, ' ');
			strbuf_add(&b->outro, b->text.buf, b->text.len);
			if (end > is->outro_end)
				is->outro_end = end;
		}
		return;
	}
	if (t == CMARK_NODE_HEADING && heading(b, n, start, end, 0))
		return;
	if (t == CMARK_NODE_PARAGRAPH) {
		struct dtw_slip sl;
		if (heading_slip(is, start, end, &sl)) {
			ARENA_GROW(&is->arena, is->slips, is->nslips + 1, is->aslips);
			is->slips[is->nslips++] = sl;
			if (heading(b, n, start, end, sl.level))
				return;
		}
	}
	if (b->item) {
		item_block(b, n, start, end);
	} else if (b->sec) {
		if (b->sec->def && b->sec->def->items == DTW_ITEMS_LIST && !b->free_text &&
		    t == CMARK_NODE_LIST)
			list_items(b, n);
		else if (b->sec->def && b->sec->def->items == DTW_ITEMS_HEADING && !b->free_text &&
			 t == CMARK_NODE_PARAGRAPH)
			section_text(b, n, start, end);
	} else {
		plain(b, n, NULL, &cur, end, 0);
		is->intro_words += dtw_count_words(b->text.buf, b->text.len);
		/* (A paragraph cmark-gfm made up, as the rest of a table's
		 * text, may have no position: line 0.) */
		if (t == CMARK_NODE_PARAGRAPH) {
			if (!is->intro_paras++)
				is->intro_start = start;
			if (end > is->intro_end)
				is->intro_end = end;
		}
	}
}

/* The plain text of a heading's inline content, without side effects
 * (no link or span recorded), into sb. */
static void node_text(cmark_node *n, struct strbuf *sb)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	strbuf_reset(sb);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);
		if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE) &&
		    cmark_node_get_literal(c))
			strbuf_addstr(sb, cmark_node_get_literal(c));
		else if (ev == CMARK_EVENT_ENTER && t == CMARK_NODE_SOFTBREAK)
			strbuf_addch(sb, ' ');
	}
	cmark_iter_free(it);
}

/* Where the "---" of a setext heading [start, end) starts, when the
 * heading names no section or group (nor misspells one): a thematic
 * break written right under a paragraph, which Markdown reads as the
 * paragraph's underline. 0 when it is not that. */
static size_t setext_break(struct builder *b, cmark_node *n, size_t start, size_t end)
{
	const struct dtw_issue *is = b->is;
	const char *d = is->src->data;
	struct strbuf sb = STRBUF_INIT;
	size_t ls = end, i, el, to;
	int alias, mojibake, named;
	if (cmark_node_get_heading_level(n) != 2 || d[start] == '#')
		return 0;
	while (ls > start && d[ls - 1] != '\n')
		ls--;
	if (ls == start)
		return 0;
	for (i = ls; i < end && d[i] == ' '; i++)
		;
	if (end - i < 3 || d[i] != '-')
		return 0;
	for (; i < end; i++)
		if (d[i] != '-' && d[i] != ' ' && d[i] != '\t' && d[i] != '\r')
			return 0;
	node_text(n, &sb);
	split_heading(sb.buf ? sb.buf : "", sb.len, &el, &to);
	/* (Asked the same before the sections are read and while: by the
	 * schema's section titles alone.) */
	named = heading_def(is->schema, sb.buf ? sb.buf : "", sb.len, to, &alias, &mojibake, 1) ||
		near_section(is->schema, NULL, sb.buf + to, sb.len - to, 2);
	strbuf_release(&sb);
	return named ? 0 : ls;
}

/* The paragraph of a setext break's heading, [start, end), read as the
 * paragraph it is: the current item's, the section's text or the
 * intro's. */
static void setext_paragraph(struct builder *b, cmark_node *n, size_t start, size_t end)
{
	struct dtw_issue *is = b->is;
	size_t cur = start;
	if (b->item) {
		item_block_as(b, n, start, end, CMARK_NODE_PARAGRAPH);
		return;
	}
	if (b->sec && b->sec->def && b->sec->def->items == DTW_ITEMS_HEADING && !b->free_text) {
		section_text(b, n, start, end);
		return;
	}
	plain(b, n, NULL, &cur, end, 0);
	if (!b->sec) {
		is->intro_words += dtw_count_words(b->text.buf, b->text.len);
		if (!is->intro_paras++)
			is->intro_start = start;
		if (end > is->intro_end)
			is->intro_end = end;
	}
}


/* Whether the first block [start, end), where the file has no front
 * matter, is YAML front matter that lost its opening "---": "key: value"
 * lines underlined by the closing "---", which Markdown reads as a
 * heading. */
static int fm_unopened(struct builder *b, cmark_node *n, size_t start, size_t end)
{
	const struct dtw_issue *is = b->is;
	const char *d = is->src->data;
	size_t p = start;

	if (is->doc.fm != DTW_FM_ABSENT || is->doc.fm_syntax != DTW_FM_SYNTAX_YAML ||
	    cmark_node_get_type(n) != CMARK_NODE_HEADING ||
	    cmark_node_get_heading_level(n) != 2 || d[start] == '#')
		return 0;
	while (p < end) {
		size_t k = p;
		if (d[k] == '-') { /* the underline: the last line */
			while (k < end && (d[k] == '-' || d[k] == ' ' || d[k] == '\t' || d[k] == '\r'))
				k++;
			return p > start && (k == end || d[k] == '\n');
		}
		if (!isalpha((unsigned char)d[k]) && d[k] != '_')
			return 0;
		while (k < end && (isalnum((unsigned char)d[k]) || d[k] == '_' || d[k] == '-'))
			k++;
		if (k >= end || d[k] != ':' ||
		    (k + 1 < end && d[k + 1] != ' ' && d[k + 1] != '\n' && d[k + 1] != '\r'))
			return 0;
		while (k < end && d[k] != '\n')
			k++;
		p = k + 1;
	}
	return 0;
}

/* Marks in b->named the section that top-level block n names, if it is
 * a heading (or a "##Tools" line) at a section's level: by its title, an
 * alias, its repaired mis-encoding or a slip of its title. */
static void note_named(struct builder *b, cmark_node *n, cmark_node_type t,
		       struct strbuf *text)
{
	const struct dtw_schema *schema = b->is->schema;
	const struct dtw_section_def *d;
	struct dtw_slip sl;
	size_t el = 0, to = 0, s0, e0;
	int level, alias = 0, moj = 0;

	if (t == CMARK_NODE_HEADING) {
		level = cmark_node_get_heading_level(n);
		if (level > schema->max_section_level)
			return;
		node_text(n, text);
	} else if (t == CMARK_NODE_PARAGRAPH) {
		/* (Most paragraphs are told by their first byte.) */
		s0 = dtw_document_offset(&b->is->doc, cmark_node_get_start_line(n),
					 cmark_node_get_start_column(n));
		if (s0 >= b->is->src->len || b->is->src->data[s0] != '#')
			return;
		block_span(b->is, n, &s0, &e0);
		if (s0 >= e0 || b->is->src->data[s0] != '#' || !heading_slip(b->is, s0, e0, &sl) ||
		    sl.level > schema->max_section_level)
			return;
		level = sl.level;
		s0 = sl.marks_end + (sl.nbsp ? 2 : 0);
		while (s0 < e0 && b->is->src->data[s0] == ' ')
			s0++;
		while (e0 > s0 && (b->is->src->data[e0 - 1] == '\n' || b->is->src->data[e0 - 1] == '\r'))
			e0--;
		strbuf_reset(text);
		strbuf_add(text, b->is->src->data + s0, e0 - s0);
	} else {
		return;
	}
	if (!text->len)
		return;
	split_heading(text->buf, text->len, &el, &to);
	d = heading_def(schema, text->buf, text->len, to, &alias, &moj, 1);
	if (!d)
		d = near_section(schema, NULL, text->buf + to, text->len - to, level);
	if (!d)
		return;
	b->named[d - schema->sections] = 1;
	if (!b->first_named)
		b->first_named = (size_t)(d - schema->sections) + 1;
}

/* Fills b->named, once: a walk over the top-level blocks. */
static void ensure_named(struct builder *b)
{
	struct strbuf text = STRBUF_INIT;
	cmark_node *n;
	if (b->named)
		return;
	b->named = xcalloc(b->is->schema->nsections + 1, 1);
	for (n = cmark_node_first_child(b->is->doc.root); n; n = cmark_node_next(n))
		note_named(b, n, cmark_node_get_type(n), &text);
	strbuf_release(&text);
}

static void build_body(struct builder *b)
{
	struct dtw_issue *is = b->is;
	const char *d = is->src->data;
	cmark_node *n, *outro_break = NULL;
	size_t gap = is->doc.body;

	/* The outro opens at the last thematic break after the last heading
	 * of level 3 or less. And which sections some heading names. */
	for (n = cmark_node_first_child(is->doc.root); n; n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);
		size_t s0, e0;
		if (t == CMARK_NODE_THEMATIC_BREAK) {
			outro_break = n;
		} else if (t == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) <= 3) {
			s0 = dtw_document_offset(&is->doc, cmark_node_get_start_line(n),
						 cmark_node_get_start_column(n));
			outro_break = NULL;
			/* A "---" under a paragraph (no "#"): maybe a break. */
			if (cmark_node_get_heading_level(n) == 2 && d[s0] != '#') {
				block_span(is, n, &s0, &e0);
				outro_break = setext_break(b, n, s0, e0) ? n : NULL;
			}
		}
	}

	collect_defs(b);
	b->count_items = word_limit(is->schema, NULL);
	for (n = cmark_node_first_child(is->doc.root); n; n = cmark_node_next(n)) {
		size_t start, end, cur, gap_end, ul;
		block_span(is, n, &start, &end);
		/* Between blocks, cmark leaves blank lines and the link
		 * reference definitions it took out: those are no prose. */
		gap_end = start;
		if (gap_end > gap && dtw_count_words(d + gap, gap_end - gap))
			not_prose(is, gap, gap_end);
		if (end > gap)
			gap = end;
		if (n == cmark_node_first_child(is->doc.root) && fm_unopened(b, n, start, end)) {
			is->fm_unopened = 1;
			b->walked = 1;
			continue;
		}
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    (ul = setext_break(b, n, start, end))) {
			/* The writer's paragraph and thematic break. */
			struct dtw_slip *sl;
			size_t pend = ul;
			while (pend > start && (d[pend - 1] == '\n' || d[pend - 1] == '\r'))
				pend--;
			ARENA_GROW(&is->arena, is->slips, is->nslips + 1, is->aslips);
			sl = &is->slips[is->nslips++];
			memset(sl, 0, sizeof(*sl));
			sl->start = ul;
			sl->end = end;
			sl->setext = n == outro_break ? 2 : 1;
			b->walked = 1;
			setext_paragraph(b, n, start, pend);
			if (n == outro_break) {
				b->in_outro = 1;
				is->has_break = 1;
				is->break_start = ul;
				b->item = NULL;
			}
			continue;
		}
		if (n == outro_break) {
			b->in_outro = 1;
			is->has_break = 1;
			is->break_start = start;
			b->item = NULL;
			continue;
		}
		b->walked = 0;
		b->blocks++;
		top_block(b, n, start, end);
		if (!b->walked) {
			/* not text the model keeps, but its code, comments
			 * and links are the issue's */
			cur = start;
			plain(b, n, NULL, &cur, end, 0);
		}
	}
	if (is->src->len > gap && dtw_count_words(d + gap, is->src->len - gap))
		not_prose(is, gap, is->src->len);
}

/* A heading read as a section it misspells, where the document also has
 * that section written right, is no second copy of it: it names no
 * section (section-unknown's did-you-mean, not section-duplicate). */
static void unmap_misspelt(struct dtw_issue *is)
{
	const struct dtw_schema *schema = is->schema;
	unsigned char *right;
	size_t i;
	int any = 0;
	for (i = 0; i < is->nsections; i++)
		any |= is->sections[i].misspelt;
	if (!any)
		return;
	right = xcalloc(schema->nsections + 1, 1);
	for (i = 0; i < is->nsections; i++)
		if (is->sections[i].def && !is->sections[i].misspelt)
			right[is->sections[i].def - schema->sections] = 1;
	for (i = 0; i < is->nsections; i++) {
		struct dtw_section *m = &is->sections[i];
		if (m->misspelt && right[m->def - schema->sections]) {
			m->def = NULL;
			m->misspelt = 0;
		}
	}
	free(right);
}

/* The level of a section's listed groups is the one most of them are
 * at (of two as many, the first's): a group written at another is the
 * one heading-syntax names, not each of the others. The parents follow
 * the levels meant. */
static void settle_groups(struct dtw_issue *is)
{
	size_t i, j;
	for (i = 0; i < is->nsections; i++) {
		struct dtw_section *s = &is->sections[i];
		int sec_level = s->def ? s->def->level : is->schema->section_level;
		size_t cnt[7] = { 0 };
		int most = 0, l;
		for (j = 0; j < s->ngroups; j++) {
			const struct dtw_group *g = &s->groups[j];
			if (g->listed && g->level > sec_level && g->level <= 6) {
				if (!most)
					most = g->level;
				cnt[g->level]++;
			}
		}
		if (!most)
			continue;
		for (l = 1; l <= 6; l++)
			if (cnt[l] > cnt[most])
				most = l;
		/* (as many at two levels: the one below the section's) */
		if (sec_level < 6 && most != sec_level + 1 && cnt[sec_level + 1] == cnt[most])
			most = sec_level + 1;
		for (j = 0; j < s->ngroups; j++) {
			struct dtw_group *g = &s->groups[j];
			size_t p = j;
			int eff;
			if (g->level <= sec_level) {
				if (g->want_level)
					g->want_level = most;
			} else if (g->listed) {
				g->want_level = g->level != most ? most : 0;
			}
			eff = g->want_level ? g->want_level : g->level;
			g->parent = group_parent(s, p, eff);
		}
	}
}

/* Which sections are out of the schema's order: of the first section of
 * each definition, those outside the longest run that is in order (the
 * run keeping the earliest sections, of those as long), so that one
 * section moved is that one finding, not one for each it passed. Each
 * gets the sections of the run it belongs between (or before, or after).
 * O(k log k) in the k sections with a definition. */
static void order_sections(struct dtw_issue *is)
{
	const struct dtw_schema *schema = is->schema;
	unsigned char *seen;
	size_t *at, *val, *from, *tail, *kept;
	size_t k = 0, i, len = 0, need, nkept = 0;
	long last = -1;

	/* Most issues: each section once, in order. */
	for (i = 0; i < is->nsections; i++) {
		const struct dtw_section_def *d = is->sections[i].def;
		if (d && (long)(d - schema->sections) <= last)
			break;
		if (d)
			last = (long)(d - schema->sections);
	}
	if (i == is->nsections)
		return;
	last = -1;
	seen = xcalloc(schema->nsections + 1, 1);
	at = xmalloc(5 * (is->nsections + 1) * sizeof(*at));
	val = at + is->nsections + 1;   /* schema index */
	from = val + is->nsections + 1; /* run length from it */
	tail = from + is->nsections + 1;
	kept = tail + is->nsections + 1;

	for (i = 0; i < is->nsections; i++) {
		const struct dtw_section_def *d = is->sections[i].def;
		if (!d || seen[d - schema->sections])
			continue; /* a second copy is section-duplicate's */
		seen[d - schema->sections] = 1;
		at[k] = i;
		val[k++] = (size_t)(d - schema->sections);
	}
	/* from[j]: the longest increasing run starting at j, from the right
	 * (tail[] holds, per length, the largest first value: decreasing). */
	for (i = k; i-- > 0;) {
		size_t lo = 0, hi = len;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (tail[mid] > val[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		tail[lo] = val[i];
		if (lo == len)
			len++;
		from[i] = lo + 1;
	}
	/* With no intro, where the schema asks for one, a first section
	 * that runs as long left out is the one moved: above the intro, which
	 * is now its text. */
	i = 0;
	if (k > 1 && schema->intro.required && !is->intro_paras) {
		size_t j, rest = 0;
		for (j = 1; j < k; j++)
			if (from[j] > rest)
				rest = from[j];
		if (rest == len) {
			is->sections[at[0]].misplaced = 1;
			i = 1;
		}
	}
	for (need = len; i < k; i++) {
		if (need && (long)val[i] > last && from[i] == need) {
			kept[nkept++] = i;
			last = (long)val[i];
			need--;
		} else {
			is->sections[at[i]].misplaced = 1;
		}
	}
	for (i = 0; i < k; i++) {
		struct dtw_section *sec = &is->sections[at[i]];
		size_t lo = 0, hi = nkept;
		if (!sec->misplaced)
			continue;
		while (lo < hi) { /* the first kept with a later place */
			size_t mid = lo + (hi - lo) / 2;
			if (val[kept[mid]] < val[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < nkept)
			sec->goes_before = &is->sections[at[kept[lo]]];
		if (lo > 0)
			sec->goes_after = &is->sections[at[kept[lo - 1]]];
	}
	free(at);
	free(seen);
}

/* URL values of the front matter: no prose. */
/* NOLINTNEXTLINE(misc-no-recursion): 64 deep at most */
static void fm_urls(struct dtw_issue *is, const struct dtw_ynode *n, int depth)
{
	size_t i;
	if (!n || depth > 64)
		return;
	if (n->kind == DTW_Y_SCALAR) {
		size_t at;
		if (!dtw_url_is_http(n->value))
			return;
		at = dtw_source_offset(is->src, n->line, n->col);
		not_prose(is, at, at + n->vlen + (n->plain ? 0 : 2));
	} else if (n->kind == DTW_Y_SEQ) {
		for (i = 0; i < n->n; i++)
			fm_urls(is, n->items[i], depth + 1);
	} else if (n->kind == DTW_Y_MAP) {
		for (i = 0; i < n->n; i++)
			fm_urls(is, n->pairs[i].val, depth + 1);
	}
}

struct dtw_issue *dtw_issue_build(const struct dtw_source *src,
				  const struct dtw_schema *schema)
{
	struct dtw_issue *is = xcalloc(1, sizeof(*is));
	struct builder b;

	is->src = src;
	is->schema = schema;
	dtw_document_parse(&is->doc, src, &is->arena, schema->fm_syntax);
	if (is->doc.fm_root && is->doc.fm_root->kind == DTW_Y_MAP) {
		int r;
		for (r = 0; r < DTW_NROLES; r++)
			is->role[r] = dtw_ymap_get(is->doc.fm_root,
						   dtw_schema_role_key(schema, (enum dtw_fm_role)r));
	}
	fm_urls(is, is->doc.fm_root, 0);
	if (is->doc.state != DTW_DOC_OK) {
		is->nnot_prose = dtw_span_normalize(is->not_prose, is->nnot_prose);
		return is;
	}
	memset(&b, 0, sizeof(b));
	b.is = is;
	b.conflicts = -1;
	{
		size_t i;
		for (i = 0; i < schema->nsections; i++)
			if (schema->sections[i].nfields > b.nfield_max)
				b.nfield_max = schema->sections[i].nfields;
		b.has_field = xcalloc(b.nfield_max + 1, 1);
		b.seen_def = xcalloc(schema->nsections + 1, 1);
	}
	dtw_document_use(&is->doc);
	strbuf_init(&b.text);
	strbuf_init(&b.outro);
	strbuf_init(&b.label);
	build_body(&b);
	unmap_misspelt(is);
	settle_groups(is);
	order_sections(is);
	{
		size_t i, last = is->has_break ? is->break_start : src->len;
		for (i = 0; i < is->nsections; i++)
			is->sections[i].end_all = i + 1 < is->nsections ?
						  is->sections[i + 1].start : last;
	}
	strbuf_release(&b.label);
	free(b.has_field);
	free(b.seen_def);
	free(b.named);
	if (is->outro_paras)
		is->outro_text = adup(is, b.outro.buf, b.outro.len);
	strbuf_release(&b.outro);
	strbuf_release(&b.text);
	is->nnot_prose = dtw_span_normalize(is->not_prose, is->nnot_prose);
	/* Rules read the model only: the tree is not needed past here. */
	dtw_document_release(&is->doc);
	return is;
}

const char *dtw_issue_role(const struct dtw_issue *is, enum dtw_fm_role role)
{
	const struct dtw_ynode *n = is->role[role];
	return n && n->kind == DTW_Y_SCALAR ? n->value : NULL;
}

void dtw_issue_free(struct dtw_issue *is)
{
	if (!is)
		return;
	dtw_document_release(&is->doc);
	dtw_arena_release(&is->arena);
	free(is);
}

int dtw_issue_in_code(const struct dtw_issue *is, size_t off)
{
	/* in source order; a block's last byte is its own */
	size_t i = dtw_span_last_from(is->code, is->ncode, off);
	return i < is->ncode && off <= is->code[i].end;
}

const struct dtw_section *dtw_issue_section_at(const struct dtw_issue *is, size_t at)
{
	size_t lo = 0, hi = is->nsections;
	while (lo < hi) { /* the last section that starts at or before `at` */
		size_t mid = lo + (hi - lo) / 2;
		if (is->sections[mid].start <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo || at >= is->sections[lo - 1].end_all)
		return NULL;
	return &is->sections[lo - 1];
}

int dtw_in_prose(const struct dtw_issue *is, size_t at)
{
	return dtw_span_find(is->not_prose, is->nnot_prose, at) == is->nnot_prose;
}
