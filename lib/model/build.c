/* Model stage: the one builder that walks cmark-gfm's tree. It takes a
 * parsed document and a schema and gives struct dtw_issue: sections matched
 * to the schema, items, their fields and links, intro and outro, each with
 * the byte span computed from dtw's own offsets. */
#include "issue.h"

#include <cmark-gfm.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/strutil.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "source/mojibake.h"
#include "source/source.h"
#include "base/banned.h"

struct builder {
	struct dtw_issue *is;
	struct dtw_section *sec;     /* current section */
	struct dtw_item *item;       /* current item */
	struct dtw_field *last_field;/* a field a following list belongs to */
	struct strbuf text;          /* scratch */
	struct strbuf outro;         /* the outro's text, paragraph by paragraph */
};

static void block_span(const struct dtw_issue *is, cmark_node *n, size_t *start,
		       size_t *end)
{
	const struct dtw_document *d = &is->doc;
	int el = cmark_node_get_end_line(n);
	*start = dtw_document_offset(d, cmark_node_get_start_line(n),
				     cmark_node_get_start_column(n));
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

/* Appends the plain text of n's subtree to b->text; records links into
 * `item` (when given), searched in the source from *cursor on. */
static void collect(struct builder *b, cmark_node *n, struct dtw_item *item,
		    size_t *cursor, size_t end, int in_heading)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	size_t link_mark = 0;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(c);
		if (ev == CMARK_EVENT_ENTER) {
			switch (t) {
			case CMARK_NODE_TEXT:
			case CMARK_NODE_CODE:
			case CMARK_NODE_CODE_BLOCK: {
				const char *lit = cmark_node_get_literal(c);
				if (lit)
					strbuf_addstr(&b->text, lit);
				break;
			}
			case CMARK_NODE_SOFTBREAK:
			case CMARK_NODE_LINEBREAK:
				strbuf_addch(&b->text, ' ');
				break;
			case CMARK_NODE_LINK:
				link_mark = b->text.len;
				break;
			default:
				break;
			}
		} else if (t == CMARK_NODE_LINK && item) {
			const char *url = cmark_node_get_url(c);
			struct dtw_link *l;
			size_t at;
			if (!url)
				url = "";
			ARENA_GROW(&b->is->arena, item->links, item->nlinks + 1, item->alinks);
			l = &item->links[item->nlinks++];
			memset(l, 0, sizeof(*l));
			l->url = adup(b->is, url, strlen(url));
			l->text = adup(b->is, b->text.buf + link_mark,
				       b->text.len - link_mark);
			at = find_in_source(b->is, url, *cursor, end);
			l->start = at;
			l->end = at + (at == *cursor ? 0 : strlen(url));
			if (at != *cursor || l->end > *cursor)
				*cursor = l->end;
			l->cta = is_cta(b->sec ? b->sec->def : NULL, l->text);
			l->in_heading = in_heading;
		} else if (ev == CMARK_EVENT_EXIT &&
			   (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_ITEM ||
			    t == CMARK_NODE_HEADING)) {
			strbuf_addch(&b->text, ' ');
		}
	}
	cmark_iter_free(it);
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

static void match_section(struct builder *b, struct dtw_section *s)
{
	const struct dtw_schema *schema = b->is->schema;
	size_t el, to, rlen;
	char *rep;

	split_heading(s->heading, strlen(s->heading), &el, &to);
	s->emoji = adup(b->is, s->heading, el);
	s->title = s->heading + to;
	s->def = dtw_schema_section(schema, s->title, strlen(s->title));
	if (!s->def && to)
		s->def = dtw_schema_section(schema, s->heading, strlen(s->heading));
	if (s->def)
		return;
	/* A heading that names a section once its mis-encoding is repaired is
	 * that section: the mojibake finding says what is wrong with it. */
	rep = dtw_mojibake_repair(s->heading, strlen(s->heading), &rlen);
	if (rep) {
		split_heading(rep, rlen, &el, &to);
		s->def = dtw_schema_section(schema, rep + to, rlen - to);
		s->mojibake = s->def != NULL;
		free(rep);
	}
}

static void new_section(struct builder *b, cmark_node *n)
{
	struct dtw_issue *is = b->is;
	struct dtw_section *s;
	size_t cur;

	ARENA_GROW(&is->arena, is->sections, is->nsections + 1, is->asections);
	s = &is->sections[is->nsections++];
	memset(s, 0, sizeof(*s));
	block_span(is, n, &s->start, &s->end);
	cur = s->start;
	b->sec = s;
	plain(b, n, NULL, &cur, s->end, 1);
	s->heading = adup(is, b->text.buf, b->text.len);
	{
		const char *p = is->src->data + s->start;
		size_t i = 0, max = s->end - s->start;
		while (i < max && (p[i] == '#' || p[i] == ' ' || p[i] == '\t'))
			i++;
		s->title_start = s->start + i;
	}
	match_section(b, s);
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
	it->start = start;
	it->end = end;
	it->body_end = end;
	b->item = it;
	b->last_field = NULL;
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
	f->end = end;
	dtw_trim(&v, &vlen);
	f->value = adup(b->is, v, vlen);
	f->empty = vlen == 0;
	/* Counting is paid only where a limit will read it. */
	if (def->min_words || def->max_words)
		f->words = dtw_count_words(v, vlen);
	b->last_field = f;
}

/* A block inside the current heading-style item. */
static void item_block(struct builder *b, cmark_node *n, size_t start, size_t end)
{
	struct dtw_item *it = b->item;
	cmark_node_type t = cmark_node_get_type(n);
	size_t cur = start, llen = 0;
	struct dtw_field *prev = b->last_field;

	plain(b, n, it, &cur, end, 0);
	it->text_len += b->text.len;
	it->body_end = end;
	b->last_field = NULL;
	if (t == CMARK_NODE_PARAGRAPH) {
		const struct dtw_field_def *def =
			find_label(b->sec ? b->sec->def : NULL, b->text.buf,
				   b->text.len, &llen);
		if (def) {
			cmark_node *fc = cmark_node_first_child(n);
			int bold = fc && cmark_node_get_type(fc) == CMARK_NODE_STRONG;
			add_field(b, it, def, b->text.buf, b->text.len, llen,
				  start, end, bold);
		}
	} else if (t == CMARK_NODE_LIST && prev) {
		prev->has_list = 1;
		prev->empty = 0;
		if (prev->def->min_words || prev->def->max_words)
			prev->words += dtw_count_words(b->text.buf, b->text.len);
		prev->end = end;
	}
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
		it->text_len = b->text.len;
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

static void add_code(struct dtw_issue *is, size_t start, size_t end)
{
	ARENA_GROW(&is->arena, is->code, is->ncode + 1, is->acode);
	is->code[is->ncode].start = start;
	is->code[is->ncode].end = end;
	is->ncode++;
}

static void build_body(struct builder *b)
{
	struct dtw_issue *is = b->is;
	cmark_node *n, *outro_break = NULL;
	int in_outro = 0;

	/* The outro opens at the last thematic break after the last heading
	 * of level 3 or less. */
	for (n = cmark_node_first_child(is->doc.root); n; n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);
		if (t == CMARK_NODE_THEMATIC_BREAK)
			outro_break = n;
		else if (t == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) <= 3)
			outro_break = NULL;
	}

	for (n = cmark_node_first_child(is->doc.root); n; n = cmark_node_next(n)) {
		cmark_node_type t = cmark_node_get_type(n);
		size_t start, end, cur;
		block_span(is, n, &start, &end);
		cur = start;
		if (t == CMARK_NODE_CODE_BLOCK)
			add_code(is, start, end);
		if (n == outro_break) {
			in_outro = 1;
			is->has_break = 1;
			is->break_start = start;
			b->item = NULL;
			continue;
		}
		if (in_outro) {
			if (t == CMARK_NODE_PARAGRAPH) {
				plain(b, n, NULL, &cur, end, 0);
				/* Gathered here, copied once at the end: linear in
				 * the number of closing paragraphs. */
				if (!is->outro_paras++)
					is->outro_start = start;
				else
					strbuf_addch(&b->outro, ' ');
				strbuf_add(&b->outro, b->text.buf, b->text.len);
				if (end > is->outro_end)
					is->outro_end = end;
			}
			continue;
		}
		if (t == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(n);
			if (level == 1 && !is->has_title && !b->sec && !is->intro_paras) {
				plain(b, n, NULL, &cur, end, 1);
				is->has_title = 1;
				is->title = adup(is, b->text.buf, b->text.len);
				is->title_start = start;
				continue;
			}
			if (level == 2) {
				new_section(b, n);
				continue;
			}
			if (level == 3) {
				struct dtw_item *it = new_item(b, start, end);
				plain(b, n, it, &cur, end, 1);
				it->title = adup(is, b->text.buf, b->text.len);
				continue;
			}
		}
		if (b->item) {
			item_block(b, n, start, end);
		} else if (b->sec) {
			if (b->sec->def && b->sec->def->items == DTW_ITEMS_LIST &&
			    t == CMARK_NODE_LIST)
				list_items(b, n);
		} else if (t == CMARK_NODE_PARAGRAPH) {
			plain(b, n, NULL, &cur, end, 0);
			/* (A paragraph cmark-gfm made up, as the rest of a
			 * table's text, may have no position: line 0.) */
			if (!is->intro_paras++)
				is->intro_start = start;
			if (end > is->intro_end)
				is->intro_end = end;
		}
	}
}

struct dtw_issue *dtw_issue_build(const struct dtw_source *src,
				  const struct dtw_schema *schema)
{
	struct dtw_issue *is = xcalloc(1, sizeof(*is));
	struct builder b;

	is->src = src;
	is->schema = schema;
	dtw_document_parse(&is->doc, src, &is->arena);
	if (is->doc.fm_root && is->doc.fm_root->kind == DTW_Y_MAP) {
		int r;
		for (r = 0; r < DTW_NROLES; r++)
			is->role[r] = dtw_ymap_get(is->doc.fm_root,
						   dtw_schema_role_key(schema, (enum dtw_fm_role)r));
	}
	if (is->doc.state != DTW_DOC_OK)
		return is;
	memset(&b, 0, sizeof(b));
	b.is = is;
	dtw_document_use(&is->doc);
	strbuf_init(&b.text);
	strbuf_init(&b.outro);
	build_body(&b);
	if (is->outro_paras)
		is->outro_text = adup(is, b.outro.buf, b.outro.len);
	strbuf_release(&b.outro);
	strbuf_release(&b.text);
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
	size_t i;
	for (i = 0; i < is->ncode; i++)
		if (off >= is->code[i].start && off <= is->code[i].end)
			return 1;
	return 0;
}
