/* Diff stage: pairs the sections and items of two issue models and lists
 * what changed. Items pair by URL first, then by title similarity, then by
 * position in their section, so an edited title is one edit, not a
 * removal and an addition. */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/strutil.h"
#include "base/url.h"
#include "base/xalloc.h"
#include "parse/yaml.h"
#include "source/source.h"
#include "base/banned.h"

struct ref {
	const struct dtw_issue *is;
	const struct dtw_section *sec;
	const struct dtw_item *it;
	size_t pos;             /* index in its section */
	long pair;              /* index into the other side, or -1 */
	int reordered;          /* moved within its section */
	char **urls;
	size_t nurls;
};

static void add(struct dtw_diff *d, enum dtw_change_kind k, const char *section,
		const char *item, const char *name, const char *old_text,
		const char *new_text)
{
	struct dtw_change *c;
	ALLOC_GROW(d->v, d->n + 1, d->alloc);
	c = &d->v[d->n++];
	memset(c, 0, sizeof(*c));
	c->kind = k;
	c->section = section;
	c->item = item;
	c->name = name;
	c->old_text = old_text;
	c->new_text = new_text;
}

static const char *sec_name(const struct dtw_section *s)
{
	return s->def ? s->def->title : s->title;
}

static int same_section(const struct dtw_section *a, const struct dtw_section *b)
{
	if (a->def || b->def)
		return a->def == b->def;
	return dtw_eq_nocase(a->title, strlen(a->title), b->title, strlen(b->title));
}

static void refs_of(const struct dtw_issue *is, struct ref **out, size_t *n)
{
	size_t i, j, k, alloc = 0;
	*out = NULL;
	*n = 0;
	if (!is)
		return;
	for (i = 0; i < is->nsections; i++) {
		for (j = 0; j < is->sections[i].nitems; j++) {
			struct ref *r;
			size_t ualloc = 0;
			ALLOC_GROW(*out, *n + 1, alloc);
			r = &(*out)[(*n)++];
			memset(r, 0, sizeof(*r));
			r->is = is;
			r->sec = &is->sections[i];
			r->it = &is->sections[i].items[j];
			r->pos = j;
			r->pair = -1;
			for (k = 0; k < r->it->nlinks; k++) {
				if (!dtw_url_is_http(r->it->links[k].url))
					continue;
				ALLOC_GROW(r->urls, r->nurls + 1, ualloc);
				r->urls[r->nurls++] = dtw_url_normalize(r->it->links[k].url);
			}
		}
	}
}

static void refs_free(struct ref *v, size_t n)
{
	size_t i, k;
	for (i = 0; i < n; i++) {
		for (k = 0; k < v[i].nurls; k++)
			free(v[i].urls[k]);
		free(v[i].urls);
	}
	free(v);
}

/* 0..100: how alike two titles are. */
static int similarity(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), m = la > lb ? la : lb, d;
	if (!m)
		return 100;
	d = dtw_edit_distance(a, la, b, lb);
	return d >= m ? 0 : (int)(100 - d * 100 / m);
}

static void link(struct ref *o, size_t i, struct ref *n, size_t j)
{
	o[i].pair = (long)j;
	n[j].pair = (long)i;
}

struct url_ref {
	const char *url;
	size_t item;
};

static int cmp_url_ref(const void *a, const void *b)
{
	const struct url_ref *x = a, *y = b;
	int r = strcmp(x->url, y->url);
	return r ? r : (x->item < y->item ? -1 : x->item > y->item);
}

/* Pass one: items that share a URL, looked up in the old side's sorted
 * URLs rather than by comparing every pair. */
static void pair_by_url(struct ref *o, size_t no, struct ref *n, size_t nn)
{
	struct url_ref *idx = NULL;
	size_t nidx = 0, alloc = 0, i, j, k;
	int same;

	for (i = 0; i < no; i++)
		for (k = 0; k < o[i].nurls; k++) {
			ALLOC_GROW(idx, nidx + 1, alloc);
			idx[nidx].url = o[i].urls[k];
			idx[nidx++].item = i;
		}
	if (nidx > 1)
		qsort(idx, nidx, sizeof(*idx), cmp_url_ref);
	for (same = 1; same >= 0; same--) {
		for (j = 0; j < nn; j++) {
			for (k = 0; k < n[j].nurls && n[j].pair < 0; k++) {
				size_t lo = 0, hi = nidx;
				while (lo < hi) {
					size_t mid = (lo + hi) / 2;
					if (strcmp(idx[mid].url, n[j].urls[k]) < 0)
						lo = mid + 1;
					else
						hi = mid;
				}
				for (; lo < nidx && !strcmp(idx[lo].url, n[j].urls[k]); lo++) {
					struct ref *c = &o[idx[lo].item];
					if (c->pair < 0 && same == same_section(c->sec, n[j].sec)) {
						link(o, idx[lo].item, n, j);
						break;
					}
				}
			}
		}
	}
	free(idx);
}

/* Pairs items by URL, then by title similarity, then by position; within
 * a pass, a candidate in the same section wins over one elsewhere. */
static void pair_items(struct ref *o, size_t no, struct ref *n, size_t nn)
{
	size_t i, j;
	int pass, same;

	pair_by_url(o, no, n, nn);
	for (pass = 1; pass < 3; pass++) {
		for (same = 1; same >= 0; same--) {
			for (j = 0; j < nn; j++) {
				long best = -1;
				int best_score = 0;
				if (n[j].pair >= 0)
					continue;
				for (i = 0; i < no; i++) {
					int score;
					if (o[i].pair >= 0)
						continue;
					if (same != same_section(o[i].sec, n[j].sec))
						continue;
					if (pass == 1) {
						score = similarity(o[i].it->title, n[j].it->title);
						if (score < 60)
							score = 0;
					} else {
						score = same && o[i].pos == n[j].pos ? 100 : 0;
					}
					if (score > best_score) {
						best_score = score;
						best = (long)i;
					}
				}
				if (best >= 0)
					link(o, (size_t)best, n, j);
			}
		}
	}
}

static int label_of(const struct dtw_field_def *d, const char *label)
{
	size_t k, n = strlen(label);
	if (dtw_eq_nocase(d->label, strlen(d->label), label, n))
		return 1;
	for (k = 0; k < d->naliases; k++)
		if (dtw_eq_nocase(d->aliases[k], strlen(d->aliases[k]), label, n))
			return 1;
	return 0;
}

/* The field of `it` that `def` names: the same definition, or, for an
 * item that moved between sections, one whose label or aliases meet. */
static const struct dtw_field *field_of(const struct dtw_item *it,
					const struct dtw_field_def *def)
{
	size_t i;
	for (i = 0; i < it->nfields; i++)
		if (it->fields[i].def == def)
			return &it->fields[i];
	for (i = 0; i < it->nfields; i++)
		if (label_of(def, it->fields[i].def->label) || label_of(it->fields[i].def, def->label))
			return &it->fields[i];
	return NULL;
}

static int text_eq(const struct dtw_issue *a, size_t as, size_t ae,
		   const struct dtw_issue *b, size_t bs, size_t be)
{
	return ae - as == be - bs && !memcmp(a->src->data + as, b->src->data + bs, ae - as);
}

static void diff_links(struct dtw_diff *d, const char *sec, const struct ref *o,
		       const struct ref *n)
{
	size_t i, j;
	char *used_o = xcalloc(o->nurls + 1, 1), *used_n = xcalloc(n->nurls + 1, 1);
	size_t *rem = xcalloc(o->nurls + 1, sizeof(*rem)), *ad = xcalloc(n->nurls + 1, sizeof(*ad));
	size_t nrem = 0, nad = 0;

	for (i = 0; i < o->nurls; i++)
		for (j = 0; j < n->nurls; j++)
			if (!used_n[j] && !used_o[i] && !strcmp(o->urls[i], n->urls[j]))
				used_o[i] = used_n[j] = 1;
	for (i = 0; i < o->nurls; i++)
		if (!used_o[i])
			rem[nrem++] = i;
	for (j = 0; j < n->nurls; j++)
		if (!used_n[j])
			ad[nad++] = j;
	for (i = 0; i < nrem || i < nad; i++) {
		if (i < nrem && i < nad)
			add(d, DTW_CH_LINK_CHANGED, sec, n->it->title, NULL, o->urls[rem[i]],
			    n->urls[ad[i]]);
		else if (i < nrem)
			add(d, DTW_CH_LINK_REMOVED, sec, n->it->title, NULL, o->urls[rem[i]], NULL);
		else
			add(d, DTW_CH_LINK_ADDED, sec, n->it->title, NULL, NULL, n->urls[ad[i]]);
	}
	free(used_o);
	free(used_n);
	free(rem);
	free(ad);
}

/* Changes inside one pair of items. The analyzer cannot tell that a pair
 * (ref.pair >= 0) exists only when both issues do, so o is never NULL. */
static void diff_pair(struct dtw_diff *d, const struct ref *o, const struct ref *n)
{
	const char *sec = sec_name(n->sec);
	size_t before = d->n, i;
	/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference): see above */
	const struct dtw_section_def *def = n->sec->def ? n->sec->def : o->sec->def;

	if (!same_section(o->sec, n->sec)) { /* NOLINT(clang-analyzer-core.NullDereference) */
		add(d, DTW_CH_ITEM_MOVED, sec, n->it->title, NULL, NULL, NULL);
		d->v[d->n - 1].from_section = sec_name(o->sec);
	}
	if (strcmp(o->it->title, n->it->title))
		add(d, DTW_CH_ITEM_RETITLED, sec, n->it->title, NULL, o->it->title, n->it->title);
	for (i = 0; def && i < def->nfields; i++) {
		const struct dtw_field_def *fd = &def->fields[i];
		const struct dtw_field *a = field_of(o->it, fd), *b = field_of(n->it, fd);
		if (a && b && strcmp(a->value, b->value)) {
			add(d, DTW_CH_FIELD_CHANGED, sec, n->it->title, fd->label, a->value, b->value);
			d->v[d->n - 1].words = dtw_word_diff(a->value, b->value);
		} else if (a && !b) {
			add(d, DTW_CH_FIELD_REMOVED, sec, n->it->title, fd->label, a->value, NULL);
		} else if (!a && b) {
			add(d, DTW_CH_FIELD_ADDED, sec, n->it->title, fd->label, NULL, b->value);
		}
	}
	/* Fields of the old section's kind that the new section has no
	 * name for. */
	if (o->sec->def && o->sec->def != def) {
		for (i = 0; i < o->it->nfields; i++) {
			const struct dtw_field *a = &o->it->fields[i];
			size_t k;
			int named = 0;
			for (k = 0; def && k < def->nfields && !named; k++)
				named = field_of(o->it, &def->fields[k]) == a;
			if (!named)
				add(d, DTW_CH_FIELD_REMOVED, sec, n->it->title, a->def->label, a->value, NULL);
		}
	}
	diff_links(d, sec, o, n);
	/* Whatever else moved in the item's text (a list, a description). */
	if (d->n == before && !text_eq(o->is, o->it->start, o->it->body_end, n->is,
				       n->it->start, n->it->body_end)) {
		size_t oh = o->it->end - o->it->start, nh = n->it->end - n->it->start;
		/* Not just the heading line, which a retitle already covers. */
		if (!text_eq(o->is, o->it->start + oh, o->it->body_end, n->is,
			     n->it->start + nh, n->it->body_end) || oh != nh)
			add(d, DTW_CH_BODY_CHANGED, sec, n->it->title, NULL, NULL, NULL);
	}
	if (d->n > before || n->reordered)
		d->items_changed++;
}

/* Marks in keep[] (set to 1) the longest strictly increasing run of
 * key[0..n), skipping the keys below 0 (not candidates). Where there are
 * several, the one a left-to-right scan finds first: it ends at the first
 * element that reaches the greatest length, and each element follows the
 * first earlier one of the length before with a smaller key. O(n log n):
 * the elements of one length have keys that do not increase left to
 * right, so that "first smaller" is a binary search. */
void dtw_diff_keep_increasing(const long *key, size_t n, char *keep)
{
	size_t *len = xcalloc(n + 1, sizeof(*len)), nlevels = 0, i;
	long *prev = xcalloc(n + 1, sizeof(*prev)), *tail = xcalloc(n + 1, sizeof(*tail));
	struct level { size_t *v; size_t n, alloc; } *levels = xcalloc(n + 1, sizeof(*levels));
	long end = -1;
	size_t best = 0;

	for (i = 0; i < n; i++) {
		size_t lo = 0, hi = nlevels, l;
		prev[i] = -1;
		if (key[i] < 0)
			continue;
		/* The first length whose smallest tail is not below key[i]. */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (tail[mid] < key[i])
				lo = mid + 1;
			else
				hi = mid;
		}
		l = lo;
		tail[l] = key[i];
		if (l == nlevels)
			nlevels++;
		len[i] = l + 1;
		if (l) {
			const struct level *b = &levels[l - 1];
			size_t a = 0, z = b->n;
			while (a < z) {
				size_t mid = a + (z - a) / 2;
				if (key[b->v[mid]] < key[i])
					z = mid;
				else
					a = mid + 1;
			}
			prev[i] = (long)b->v[a];
		}
		ALLOC_GROW(levels[l].v, levels[l].n + 1, levels[l].alloc);
		levels[l].v[levels[l].n++] = i;
		if (len[i] > best) {
			best = len[i];
			end = (long)i;
		}
	}
	for (; end >= 0; end = prev[end])
		keep[end] = 1;
	for (i = 0; i < nlevels; i++)
		free(levels[i].v);
	free(levels);
	free(tail);
	free(prev);
	free(len);
}

/* Items that stayed in their section but changed places: within each
 * section, those outside the longest run of old positions that increases
 * moved. They are marked with from_section equal to their section. */
static void mark_reordered(struct dtw_diff *d, struct ref *o, struct ref *n, size_t nn)
{
	size_t i, j, k, m;
	long *key = xcalloc(nn + 1, sizeof(*key));
	size_t *at = xcalloc(nn + 1, sizeof(*at));
	char *cand = xcalloc(nn + 1, 1), *in = xcalloc(nn + 1, 1);

	for (j = 0; j < nn; j++) {
		/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference): a pair implies o, see diff_pair */
		cand[j] = (char)(n[j].pair >= 0 && same_section(o[n[j].pair].sec, n[j].sec));
	}
	/* One section at a time: refs_of lists a section's items together,
	 * so each run of one section is read once. */
	for (j = 0; j < nn; j = i) {
		for (i = j, m = 0; i < nn && n[i].sec == n[j].sec; i++)
			if (cand[i]) {
				at[m] = i;
				key[m] = (long)o[n[i].pair].pos;
				in[m++] = 0;
			}
		dtw_diff_keep_increasing(key, m, in);
		for (k = 0; k < m; k++) {
			if (in[k])
				continue;
			add(d, DTW_CH_ITEM_MOVED, sec_name(n[at[k]].sec), n[at[k]].it->title, NULL, NULL,
			    NULL);
			d->v[d->n - 1].from_section = sec_name(n[at[k]].sec);
			n[at[k]].reordered = 1;
		}
	}
	free(key);
	free(at);
	free(cand);
	free(in);
}

static void diff_front_matter(struct dtw_diff *d, const struct dtw_issue *o,
			      const struct dtw_issue *n)
{
	const struct dtw_ynode *a = o ? o->doc.fm_root : NULL, *b = n ? n->doc.fm_root : NULL;
	size_t i;
	if (a && a->kind != DTW_Y_MAP)
		a = NULL;
	if (b && b->kind != DTW_Y_MAP)
		b = NULL;
	for (i = 0; b && i < b->n; i++) {
		const struct dtw_ynode *k = b->pairs[i].key, *nv = b->pairs[i].val;
		const struct dtw_ynode *ov = k->kind == DTW_Y_SCALAR ? dtw_ymap_get(a, k->value) : NULL;
		const char *ot = ov && ov->kind == DTW_Y_SCALAR ? ov->value : NULL;
		const char *nt = nv->kind == DTW_Y_SCALAR ? nv->value : NULL;
		if (k->kind != DTW_Y_SCALAR || !nt || (ot && !strcmp(ot, nt)))
			continue;
		if (dtw_ymap_get(b, k->value) != nv)
			continue; /* a repeated key: the first one is the value */
		if (!a && !o)
			continue; /* a new file: its front matter is not a change */
		add(d, DTW_CH_FRONT_MATTER, NULL, NULL, k->value, ot, nt);
	}
	for (i = 0; a && i < a->n; i++) {
		const struct dtw_ynode *k = a->pairs[i].key;
		if (k->kind == DTW_Y_SCALAR && !dtw_ymap_get(b, k->value) && n &&
		    a->pairs[i].val->kind == DTW_Y_SCALAR)
			add(d, DTW_CH_FRONT_MATTER, NULL, NULL, k->value, a->pairs[i].val->value, NULL);
	}
}

static void diff_sections(struct dtw_diff *d, const struct dtw_issue *o,
			  const struct dtw_issue *n)
{
	size_t no = o ? o->nsections : 0, nn = n ? n->nsections : 0, i, j;
	long *map = xcalloc(nn + 1, sizeof(*map));
	char *used = xcalloc(no + 1, 1), *in_lis = xcalloc(nn + 1, 1);

	for (j = 0; j < nn; j++) {
		map[j] = -1;
		for (i = 0; i < no; i++)
			if (!used[i] && same_section(&o->sections[i], &n->sections[j])) {
				used[i] = 1;
				map[j] = (long)i;
				break;
			}
		if (map[j] < 0)
			add(d, DTW_CH_SECTION_ADDED, sec_name(&n->sections[j]), NULL, NULL, NULL, NULL);
	}
	for (i = 0; i < no; i++)
		if (!used[i] && n)
			add(d, DTW_CH_SECTION_REMOVED, sec_name(&o->sections[i]), NULL, NULL, NULL, NULL);
	/* The sections that kept their order are the longest run of old
	 * positions that increases; the others moved. */
	dtw_diff_keep_increasing(map, nn, in_lis);
	for (j = 0; j < nn; j++)
		if (map[j] >= 0 && !in_lis[j])
			add(d, DTW_CH_SECTION_MOVED, sec_name(&n->sections[j]), NULL, NULL, NULL, NULL);
	free(map);
	free(used);
	free(in_lis);
}

void dtw_diff_issues(struct dtw_diff *out, const struct dtw_issue *o,
		     const struct dtw_issue *n)
{
	struct ref *ro, *rn;
	size_t no, nn, i;

	memset(out, 0, sizeof(*out));
	diff_front_matter(out, o, n);
	if (o && n && o->intro_paras + n->intro_paras &&
	    !text_eq(o, o->intro_start, o->intro_end, n, n->intro_start, n->intro_end))
		add(out, DTW_CH_INTRO_CHANGED, NULL, NULL, NULL, NULL, NULL);
	diff_sections(out, o, n);
	refs_of(o, &ro, &no);
	refs_of(n, &rn, &nn);
	pair_items(ro, no, rn, nn);
	mark_reordered(out, ro, rn, nn);
	for (i = 0; i < nn; i++) {
		if (rn[i].pair < 0) {
			add(out, DTW_CH_ITEM_ADDED, sec_name(rn[i].sec), rn[i].it->title, NULL, NULL, NULL);
			out->items_added++;
		} else {
			diff_pair(out, &ro[rn[i].pair], &rn[i]);
		}
	}
	for (i = 0; i < no; i++) {
		if (ro[i].pair < 0) {
			add(out, DTW_CH_ITEM_REMOVED, sec_name(ro[i].sec), ro[i].it->title, NULL, NULL, NULL);
			out->items_removed++;
		}
	}
	/* Changes borrow URL strings: keep them in a text the diff owns. */
	for (i = 0; i < out->n; i++) {
		struct dtw_change *c = &out->v[i];
		if (c->kind == DTW_CH_LINK_CHANGED || c->kind == DTW_CH_LINK_ADDED ||
		    c->kind == DTW_CH_LINK_REMOVED) {
			struct strbuf sb = STRBUF_INIT;
			strbuf_addf(&sb, "%s%c%s", c->old_text ? c->old_text : "", 0,
				    c->new_text ? c->new_text : "");
			c->words = strbuf_detach(&sb, NULL);
			c->old_text = c->old_text ? c->words : NULL;
			c->new_text = c->new_text ? c->words + strlen(c->words) + 1 : NULL;
		}
	}
	if (o && n && (o->outro_paras || n->outro_paras) &&
	    (!o->outro_text || !n->outro_text || strcmp(o->outro_text, n->outro_text)))
		add(out, DTW_CH_OUTRO_CHANGED, NULL, NULL, NULL, NULL, NULL);
	refs_free(ro, no);
	refs_free(rn, nn);
}

void dtw_diff_release(struct dtw_diff *d)
{
	size_t i;
	for (i = 0; i < d->n; i++)
		free(d->v[i].words);
	free(d->v);
	memset(d, 0, sizeof(*d));
}

struct words {
	const char **w;
	size_t *len;
	size_t n;
};

static void split_words(struct words *ws, const char *s)
{
	size_t cap = dtw_count_words(s, strlen(s));
	memset(ws, 0, sizeof(*ws));
	ws->w = xmalloc((cap + 1) * sizeof(*ws->w));
	ws->len = xmalloc((cap + 1) * sizeof(*ws->len));
	while (*s) {
		const char *e;
		while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r' || *s == '\v' || *s == '\f')
			s++;
		if (!*s)
			break;
		for (e = s; *e && *e != ' ' && *e != '\n' && *e != '\t' && *e != '\r' &&
			    *e != '\v' && *e != '\f'; e++)
			;
		ws->w[ws->n] = s;
		ws->len[ws->n++] = (size_t)(e - s);
		s = e;
	}
}

static int weq(const struct words *a, size_t i, const struct words *b, size_t j)
{
	return a->len[i] == b->len[j] && !memcmp(a->w[i], b->w[j], a->len[i]);
}

static void emit_run(struct strbuf *sb, const struct words *ws, size_t from,
		     size_t to, const char *open, const char *close)
{
	size_t k;
	if (from >= to)
		return;
	if (sb->len)
		strbuf_addch(sb, ' ');
	strbuf_addstr(sb, open);
	for (k = from; k < to; k++) {
		if (k > from)
			strbuf_addch(sb, ' ');
		strbuf_add(sb, ws->w[k], ws->len[k]);
	}
	strbuf_addstr(sb, close);
}

char *dtw_word_diff(const char *a, const char *b)
{
	struct words x, y;
	struct strbuf sb = STRBUF_INIT;
	size_t i, j, n, m, pre, suf;
	unsigned *lcs;

	split_words(&x, a);
	split_words(&y, b);
	/* The words both ends share are kept as they are; only the middle
	 * is aligned (an edit is usually a few words in a long field). */
	for (pre = 0; pre < x.n && pre < y.n && weq(&x, pre, &y, pre); pre++) {
		if (sb.len)
			strbuf_addch(&sb, ' ');
		strbuf_add(&sb, x.w[pre], x.len[pre]);
	}
	for (suf = 0; suf < x.n - pre && suf < y.n - pre &&
		      weq(&x, x.n - 1 - suf, &y, y.n - 1 - suf); suf++)
		;
	if (pre) {
		x.w += pre;
		x.len += pre;
		y.w += pre;
		y.len += pre;
	}
	n = x.n - pre - suf;
	m = y.n - pre - suf;
	if ((n + 1) * (m + 1) > 4000000) {
		/* Too long to align word by word: all out, all in. */
		emit_run(&sb, &x, 0, n, "[-", "-]");
		emit_run(&sb, &y, 0, m, "{+", "+}");
	} else {
		lcs = xcalloc((n + 1) * (m + 1), sizeof(*lcs));
		for (i = n; i-- > 0;)
			for (j = m; j-- > 0;)
				lcs[i * (m + 1) + j] = weq(&x, i, &y, j) ?
					lcs[(i + 1) * (m + 1) + j + 1] + 1 :
					(lcs[(i + 1) * (m + 1) + j] > lcs[i * (m + 1) + j + 1] ?
					 lcs[(i + 1) * (m + 1) + j] : lcs[i * (m + 1) + j + 1]);
		/* Walk the table: between two kept words, the removed run
		 * comes first, then the added one. */
		i = j = 0;
		while (i < n || j < m) {
			size_t i0 = i, j0 = j;
			while (i < n || j < m) {
				if (i < n && j < m && weq(&x, i, &y, j))
					break;
				if (j >= m || (i < n && lcs[(i + 1) * (m + 1) + j] >=
						       lcs[i * (m + 1) + j + 1]))
					i++;
				else
					j++;
			}
			emit_run(&sb, &x, i0, i, "[-", "-]");
			emit_run(&sb, &y, j0, j, "{+", "+}");
			while (i < n && j < m && weq(&x, i, &y, j)) {
				if (sb.len)
					strbuf_addch(&sb, ' ');
				strbuf_add(&sb, x.w[i], x.len[i]);
				i++;
				j++;
			}
		}
		free(lcs);
	}
	emit_run(&sb, &x, n, n + suf, "", "");
	if (pre) {
		x.w -= pre;
		x.len -= pre;
		y.w -= pre;
		y.len -= pre;
	}
	free(x.w);
	free(x.len);
	free(y.w);
	free(y.len);
	return strbuf_detach(&sb, NULL);
}

const char *dtw_change_kind_name(enum dtw_change_kind k)
{
	static const char *const names[] = {
		"front-matter", "section-added", "section-removed", "section-moved",
		"item-added", "item-removed", "item-moved", "item-retitled",
		"field-changed", "field-added", "field-removed", "link-changed",
		"link-added", "link-removed", "body-changed", "intro-changed",
		"outro-changed",
	};
	return (size_t)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}
