/* Diff stage: pairs the sections and items of two issue models and lists
 * what changed. Items pair by URL first, then by title similarity, then by
 * position in their section, so an edited title is one edit, not a
 * removal and an addition. Text that changed (an item's, a section's, the
 * intro's, the outro's) is compared word by word and shown as a word
 * diff. */
#include "diff.h"

#include <stdint.h>
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
	size_t sid;             /* its section's identity (see section_ids) */
	size_t gid;             /* its group's: its title's hash as groups
				 * compare (case, space, U+FE0F aside) */
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

/* The title of the group an item is under (the schema's when it lists
 * it), or "". */
static const char *group_of(const struct ref *r)
{
	const struct dtw_group *g;
	if (!r->it->group)
		return "";
	g = &r->sec->groups[r->it->group - 1];
	return g->listed ? g->listed : g->title;
}

/* Whether two items of one section are under the same group (an item
 * that changed group is moved, not also reordered). */
static int same_group(const struct ref *a, const struct ref *b)
{
	const char *ga = group_of(a), *gb = group_of(b);
	return dtw_title_eq(ga, strlen(ga), gb, strlen(gb));
}

static int same_section(const struct dtw_section *a, const struct dtw_section *b)
{
	if (a->def || b->def)
		return a->def == b->def;
	return dtw_eq_nocase(a->title, strlen(a->title), b->title, strlen(b->title));
}

static size_t group_id(const struct ref *r)
{
	struct strbuf sb = STRBUF_INIT;
	const char *t = group_of(r);
	size_t len = strlen(t), i, id;
	dtw_trim(&t, &len);
	for (i = 0; i < len; i++) {
		if (i + 3 <= len && !memcmp(t + i, "\xEF\xB8\x8F", 3)) {
			i += 2;
			continue;
		}
		strbuf_addch(&sb, t[i] >= 'A' && t[i] <= 'Z' ? (char)(t[i] + 32) : t[i]);
	}
	id = (size_t)dtw_hash64(sb.buf ? sb.buf : "", sb.len);
	strbuf_release(&sb);
	return id;
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
			r->gid = group_id(r);
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

/* Section identity as a number, so that pairing looks sections up rather
 * than comparing every pair: two sections get the same id exactly when
 * same_section holds (the same definition; or, both unknown, titles equal
 * without case). */
struct sec_ent {
	const struct dtw_section *s;
	size_t side, at;
};

static int cmp_nocase(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = *a >= 'A' && *a <= 'Z' ? *a + 32 : (unsigned char)*a;
		int y = *b >= 'A' && *b <= 'Z' ? *b + 32 : (unsigned char)*b;
		if (x != y || !x)
			return x - y;
	}
}

static int cmp_sec_ent(const void *pa, const void *pb)
{
	const struct sec_ent *a = pa, *b = pb;
	if (!a->s->def != !b->s->def)
		return a->s->def ? -1 : 1;
	if (a->s->def) {
		uintptr_t x = (uintptr_t)a->s->def, y = (uintptr_t)b->s->def;
		if (x != y)
			return x < y ? -1 : 1;
		return 0;
	}
	return cmp_nocase(a->s->title, b->s->title);
}

/* ids[0] for o's sections, ids[1] for n's; each xmalloc'd. */
static void section_ids(const struct dtw_issue *o, const struct dtw_issue *n, size_t *ids[2])
{
	const struct dtw_issue *side[2] = { o, n };
	const size_t cnt[2] = { o ? o->nsections : 0, n ? n->nsections : 0 };
	size_t total = cnt[0] + cnt[1], k = 0, i, id = 0;
	struct sec_ent *v = xmalloc((total + 1) * sizeof(*v));
	int t;

	for (t = 0; t < 2; t++) {
		ids[t] = xmalloc((cnt[t] + 1) * sizeof(*ids[t]));
		for (i = 0; i < cnt[t]; i++)
			v[k++] = (struct sec_ent){ &side[t]->sections[i], (size_t)t, i };
	}
	if (total > 1)
		qsort(v, total, sizeof(*v), cmp_sec_ent);
	for (i = 0; i < total; i++) {
		if (i && cmp_sec_ent(&v[i - 1], &v[i]))
			id++;
		ids[v[i].side][v[i].at] = id;
	}
	free(v);
}

/* An index of the old side's refs sorted by a key, in groups of equal
 * keys; each group has a cursor past its leading paired refs, which only
 * moves forward (a ref once paired stays paired), so the first unpaired
 * ref of a group is found in amortized constant time. */
struct ord {
	size_t item;            /* index into the old refs */
	size_t key[3];          /* compared in order */
};

static int cmp_ord(const void *pa, const void *pb)
{
	const struct ord *a = pa, *b = pb;
	int k;
	for (k = 0; k < 3; k++)
		if (a->key[k] != b->key[k])
			return a->key[k] < b->key[k] ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

/* The first index of v[0..n) whose first nk keys are not below key. */
static size_t ord_lower(const struct ord *v, size_t n, const size_t *key, int nk)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int k, below = 0;
		for (k = 0; k < nk; k++)
			if (v[mid].key[k] != key[k]) {
				below = v[mid].key[k] < key[k];
				break;
			}
		if (below)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The first unpaired ref of the group keyed key, or -1. cur[] is the
 * index's cursors, kept at each group's first entry. */
static long ord_first_free(const struct ord *v, size_t n, size_t *cur, const size_t *key,
			   int nk, const struct ref *o)
{
	size_t g = ord_lower(v, n, key, nk), at;
	int k;
	if (g >= n)
		return -1;
	for (k = 0; k < nk; k++)
		if (v[g].key[k] != key[k])
			return -1;
	for (at = cur[g] > g ? cur[g] : g; at < n; at++) {
		for (k = 0; k < nk; k++)
			if (v[at].key[k] != key[k])
				break;
		if (k < nk)
			break;
		if (o[v[at].item].pair < 0) {
			cur[g] = at;
			return (long)v[at].item;
		}
	}
	cur[g] = at;
	return -1;
}

/* URL ids: each distinct normalized URL of either side gets a number. */
struct url_ent {
	const char *url;
	size_t *id;
};

static int cmp_url_ent(const void *a, const void *b)
{
	return strcmp(((const struct url_ent *)a)->url, ((const struct url_ent *)b)->url);
}

static size_t *url_ids(const struct ref *r, size_t nr, size_t *ids, size_t *k,
		       struct url_ent *v)
{
	size_t i, u;
	for (i = 0; i < nr; i++)
		for (u = 0; u < r[i].nurls; u++) {
			v[*k].url = r[i].urls[u];
			v[*k].id = ids++;
			(*k)++;
		}
	return ids;
}

/* Pass one: items that share a URL, an item in the same section first.
 * For a new item, each of its URLs in turn: the first unpaired old item
 * (in order) with that URL, in its section; then, for those left, in
 * any other section. */
static void pair_by_url(struct ref *o, size_t no, struct ref *n, size_t nn)
{
	size_t nuo = 0, nun = 0, i, u, k = 0, id = 0;
	size_t *uid, *nid, *cur;
	struct url_ent *v;
	struct ord *byurl, *bysec, *bygrp;
	size_t nidx = 0;

	for (i = 0; i < no; i++)
		nuo += o[i].nurls;
	for (i = 0; i < nn; i++)
		nun += n[i].nurls;
	if (!nuo || !nun)
		return;
	uid = xmalloc((nuo + nun) * sizeof(*uid));
	v = xmalloc((nuo + nun) * sizeof(*v));
	nid = url_ids(o, no, uid, &k, v);
	url_ids(n, nn, nid, &k, v);
	qsort(v, k, sizeof(*v), cmp_url_ent);
	for (i = 0; i < k; i++) {
		if (i && strcmp(v[i - 1].url, v[i].url))
			id++;
		*v[i].id = id;
	}
	free(v);
	byurl = xmalloc(nuo * sizeof(*byurl));
	bysec = xmalloc(nuo * sizeof(*bysec));
	bygrp = xmalloc(nuo * sizeof(*bygrp));
	for (i = 0, k = 0; i < no; i++)
		for (u = 0; u < o[i].nurls; u++, k++) {
			byurl[nidx] = (struct ord){ i, { uid[k], 0, 0 } };
			bygrp[nidx] = (struct ord){ i, { uid[k], o[i].sid, o[i].gid } };
			bysec[nidx++] = (struct ord){ i, { uid[k], o[i].sid, 0 } };
		}
	qsort(byurl, nidx, sizeof(*byurl), cmp_ord);
	qsort(bysec, nidx, sizeof(*bysec), cmp_ord);
	qsort(bygrp, nidx, sizeof(*bygrp), cmp_ord);
	cur = xcalloc(nidx, sizeof(*cur));
	/* In its section's same group first: of an event listed under two
	 * groups, the copy removed is the one of its group. */
	for (i = 0, k = 0; i < nn; k += n[i].nurls, i++)
		for (u = 0; u < n[i].nurls && n[i].pair < 0; u++) {
			size_t key[3] = { nid[k + u], n[i].sid, n[i].gid };
			long c = ord_first_free(bygrp, nidx, cur, key, 3, o);
			if (c >= 0)
				link(o, (size_t)c, n, i);
		}
	memset(cur, 0, nidx * sizeof(*cur));
	for (i = 0, k = 0; i < nn; k += n[i].nurls, i++)
		for (u = 0; u < n[i].nurls && n[i].pair < 0; u++) {
			size_t key[2] = { nid[k + u], n[i].sid };
			long c = ord_first_free(bysec, nidx, cur, key, 2, o);
			if (c >= 0)
				link(o, (size_t)c, n, i);
		}
	/* After the pass above, an unpaired new item has no unpaired old
	 * one of its section with any of its URLs: the first unpaired old
	 * item with the URL is in another section. */
	memset(cur, 0, nidx * sizeof(*cur));
	for (i = 0, k = 0; i < nn; k += n[i].nurls, i++)
		for (u = 0; u < n[i].nurls && n[i].pair < 0; u++) {
			size_t key[1] = { nid[k + u] };
			long c = ord_first_free(byurl, nidx, cur, key, 1, o);
			if (c >= 0 && o[c].sid != n[i].sid)
				link(o, (size_t)c, n, i);
		}
	free(cur);
	free(byurl);
	free(bysec);
	free(bygrp);
	free(uid);
}

/* Pass two: titles alike (similarity 60 or more), the most alike first.
 * When scoring every pair costs less than EXACT_COST steps of
 * dtw_edit_distance (a 64-byte block of one title against a byte of the
 * other; a few million for an issue of hundreds of items), every pair is
 * scored. Above, the old titles
 * scored for a new one are the CANDIDATES that share the most
 * three-byte grams with it (grams that more than GRAM_CAP old titles
 * share tell nothing and are skipped), so the cost is linear in the
 * number of items; a title alike only in ways no gram shows goes to the
 * pass by position. */
#define EXACT_COST 20000000
#define GRAM_CAP 64
#define CANDIDATES 8
#define GRAM_SPAN 256 /* bytes of a title read, as dtw_edit_distance does */

static size_t grams_of(const char *t, uint32_t *out)
{
	size_t len = strlen(t), i, n = 0, k;
	if (len > GRAM_SPAN)
		len = GRAM_SPAN;
	for (i = 0; i + 3 <= len; i++) {
		uint32_t g = 0;
		for (k = 0; k < 3; k++) {
			unsigned char c = (unsigned char)t[i + k];
			g = g << 8 | (uint32_t)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
		out[n++] = g;
	}
	return n;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static size_t capped(size_t len)
{
	return len > GRAM_SPAN ? GRAM_SPAN : len;
}

static int title_score(const struct ref *a, const struct ref *b)
{
	return dtw_diff_title_score(a->it->title, b->it->title);
}

int dtw_diff_title_score(const char *x, const char *y)
{
	size_t lx = strlen(x), ly = strlen(y), m = lx > ly ? lx : ly;
	size_t cx = capped(lx), cy = capped(ly);
	int score;
	/* The distance is at least the difference of the lengths read: when
	 * that alone puts the score under 60, the distance is not needed. */
	if (m && (cx > cy ? cx - cy : cy - cx) * 100 / m > 40)
		return 0;
	score = similarity(x, y);
	return score < 60 ? 0 : score;
}

struct gram_ent {
	uint32_t g;
	uint32_t item;
};

static int cmp_gram_ent(const void *pa, const void *pb)
{
	const struct gram_ent *a = pa, *b = pb;
	if (a->g != b->g)
		return a->g < b->g ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

static void pair_by_title(struct ref *o, size_t no, struct ref *n, size_t nn)
{
	struct gram_ent *idx = NULL;
	size_t nidx = 0, alloc = 0, i, j, t, c;
	uint32_t grams[GRAM_SPAN], *count = NULL;
	size_t *touched = NULL;
	uint64_t blocks = 0, bytes = 0;
	int same, exact;

	for (i = 0; i < no; i++) {
		size_t l = strlen(o[i].it->title);
		blocks += (l > GRAM_SPAN ? GRAM_SPAN : l) / 64 + 1;
	}
	for (j = 0; j < nn; j++) {
		size_t l = strlen(n[j].it->title);
		bytes += l > GRAM_SPAN ? GRAM_SPAN : l;
	}
	exact = blocks * bytes <= EXACT_COST;

	if (!exact) {
		for (i = 0; i < no; i++) {
			size_t ng = grams_of(o[i].it->title, grams);
			for (t = 0; t < ng; t++) {
				ALLOC_GROW(idx, nidx + 1, alloc);
				idx[nidx++] = (struct gram_ent){ grams[t], (uint32_t)i };
			}
		}
		if (nidx > 1)
			qsort(idx, nidx, sizeof(*idx), cmp_gram_ent);
		count = xcalloc(no, sizeof(*count));
		touched = xmalloc((GRAM_SPAN * GRAM_CAP + 1) * sizeof(*touched));
	}
	for (same = 1; same >= 0; same--) {
		for (j = 0; j < nn; j++) {
			long best = -1;
			int best_score = 0;
			size_t cand[CANDIDATES], ncand = 0, ntouched = 0, ng;
			if (n[j].pair >= 0)
				continue;
			if (exact) {
				for (i = 0; i < no; i++) {
					int score;
					if (o[i].pair >= 0 || same != (o[i].sid == n[j].sid))
						continue;
					score = title_score(&o[i], &n[j]);
					if (score > best_score) {
						best_score = score;
						best = (long)i;
					}
				}
				if (best >= 0)
					link(o, (size_t)best, n, j);
				continue;
			}
			ng = grams_of(n[j].it->title, grams);
			if (ng > 1)
				qsort(grams, ng, sizeof(*grams), cmp_u32);
			for (t = 0; t < ng; t++) {
				size_t lo = 0, hi = nidx, e;
				if (t && grams[t] == grams[t - 1])
					continue;
				while (lo < hi) {
					size_t mid = lo + (hi - lo) / 2;
					if (idx[mid].g < grams[t])
						lo = mid + 1;
					else
						hi = mid;
				}
				for (e = lo; e < nidx && idx[e].g == grams[t] && e - lo <= GRAM_CAP; e++)
					;
				if (e - lo > GRAM_CAP)
					continue;
				for (e = lo; e < nidx && idx[e].g == grams[t]; e++) {
					size_t it = idx[e].item;
					if (o[it].pair >= 0 || same != (o[it].sid == n[j].sid))
						continue;
					if (!count[it]++)
						touched[ntouched++] = it;
				}
			}
			/* The CANDIDATES with the most grams in common, the
			 * first in order among equals. */
			for (t = 0; t < ntouched; t++) {
				size_t it = touched[t], at;
				for (at = ncand; at > 0; at--) {
					size_t p = cand[at - 1];
					if (count[p] > count[it] || (p < it && count[p] == count[it]))
						break;
				}
				if (at >= CANDIDATES)
					continue;
				if (ncand < CANDIDATES)
					ncand++;
				memmove(cand + at + 1, cand + at, (ncand - 1 - at) * sizeof(*cand));
				cand[at] = it;
			}
			for (t = 0; t < ntouched; t++)
				count[touched[t]] = 0;
			/* Scored in order, so that among equal scores the first
			 * old item wins, as in the exact pass. */
			if (ncand > 1)
				qsort(cand, ncand, sizeof(*cand), cmp_size);
			for (c = 0; c < ncand; c++) {
				int score = title_score(&o[cand[c]], &n[j]);
				if (score > best_score) {
					best_score = score;
					best = (long)cand[c];
				}
			}
			if (best >= 0)
				link(o, (size_t)best, n, j);
		}
	}
	free(idx);
	free(count);
	free(touched);
}

/* Pass three: what is left, by position in the same section. */
static void pair_by_position(struct ref *o, size_t no, struct ref *n, size_t nn)
{
	struct ord *v = xmalloc((no + 1) * sizeof(*v));
	size_t *cur = xcalloc(no + 1, sizeof(*cur)), i;

	for (i = 0; i < no; i++)
		v[i] = (struct ord){ i, { o[i].sid, o[i].pos, 0 } };
	if (no > 1)
		qsort(v, no, sizeof(*v), cmp_ord);
	for (i = 0; i < nn; i++) {
		size_t key[2] = { n[i].sid, n[i].pos };
		long c;
		if (n[i].pair >= 0)
			continue;
		c = ord_first_free(v, no, cur, key, 2, o);
		if (c >= 0)
			link(o, (size_t)c, n, i);
	}
	free(v);
	free(cur);
}

/* Pairs items by URL, then by title similarity, then by position; within
 * a pass, a candidate in the same section wins over one elsewhere. */
static void pair_items(struct ref *o, size_t no, struct ref *n, size_t nn)
{
	if (!no || !nn)
		return;
	pair_by_url(o, no, n, nn);
	pair_by_title(o, no, n, nn);
	pair_by_position(o, no, n, nn);
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

/* The next character of s[*i..e), CR LF read as LF: a file checked out
 * with CRLF (core.autocrlf, eol=crlf) is the same text as the LF blob it
 * came from. (A lone CR is no line ending: the encoding rule reports it.)
 * -1 at the end. */
static int next_char(const char *s, size_t *i, size_t e)
{
	char c;
	if (*i >= e)
		return -1;
	c = s[(*i)++];
	if (c == '\r' && *i < e && s[*i] == '\n')
		c = s[(*i)++];
	return (unsigned char)c;
}

static int text_eq(const struct dtw_issue *a, size_t as, size_t ae,
		   const struct dtw_issue *b, size_t bs, size_t be)
{
	int ca, cb;
	if (ae - as == be - bs && !memcmp(a->src->data + as, b->src->data + bs, ae - as))
		return 1;
	do {
		ca = next_char(a->src->data, &as, ae);
		cb = next_char(b->src->data, &bs, be);
	} while (ca == cb && ca >= 0);
	return ca == cb;
}

/* A span of the source a text is read without: a field's paragraph (its
 * own change tells it), a URL (a link change does), an item (in its
 * section's text). */
struct cut {
	size_t start, end;
};

static int cmp_cut(const void *pa, const void *pb)
{
	const struct cut *a = pa, *b = pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end < b->end ? -1 : a->end > b->end;
}

/* Text to compare: src[from, to) less cut[] (read without) and, in the
 * comparison only, less also[] too (what another change already
 * reports). */
struct span_text {
	const struct dtw_issue *is;
	size_t from, to;
	struct cut *cut, *key;  /* key: cut and also, sorted; xmalloc'd */
	size_t ncut, nkey;
};

static void span_cut(struct cut **v, size_t *n, size_t *alloc, size_t start, size_t end)
{
	if (start >= end)
		return;
	ALLOC_GROW(*v, *n + 1, *alloc);
	(*v)[(*n)++] = (struct cut){ start, end };
}

static void span_sort(struct span_text *t)
{
	if (t->ncut > 1)
		qsort(t->cut, t->ncut, sizeof(*t->cut), cmp_cut);
	if (t->nkey > 1)
		qsort(t->key, t->nkey, sizeof(*t->key), cmp_cut);
}

static void span_release(struct span_text *t)
{
	free(t->cut);
	free(t->key);
}

static int blank(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* The words of src[from, to) less cut[0..n) (sorted by start; they may
 * overlap) into sb, one space between (a cut parts words as a blank
 * does): the text as dtw_word_diff reads it, so that texts that differ
 * only in blanks or line endings (CR LF) are the same text. */
static void gather(struct strbuf *sb, const char *data, size_t from, size_t to,
		   const struct cut *cut, size_t n)
{
	size_t i = from, k = 0;
	int gap = 0;
	while (i < to) {
		while (k < n && cut[k].end <= i)
			k++;
		if (k < n && cut[k].start <= i) {
			i = cut[k].end;
			gap = 1;
		} else if (blank(data[i])) {
			i++;
			gap = 1;
		} else {
			if (gap && sb->len)
				strbuf_addch(sb, ' ');
			gap = 0;
			strbuf_addch(sb, data[i++]);
		}
	}
}

/* Adds a change of kind k, with the two texts and their word diff, when
 * the words of a and b differ (less their keys' cuts). Returns whether
 * it did. */
static int text_change(struct dtw_diff *d, enum dtw_change_kind k, const char *sec,
		       const char *item, const struct span_text *a, const struct span_text *b)
{
	struct strbuf x = STRBUF_INIT, y = STRBUF_INIT, h = STRBUF_INIT;
	struct dtw_change *c;
	int differ;

	gather(&x, a->is->src->data, a->from, a->to, a->key, a->nkey);
	gather(&y, b->is->src->data, b->from, b->to, b->key, b->nkey);
	differ = x.len != y.len || memcmp(x.buf, y.buf, x.len);
	if (differ && (a->nkey != a->ncut || b->nkey != b->ncut)) {
		/* Shown as written, the URLs in it too. */
		strbuf_reset(&x);
		strbuf_reset(&y);
		gather(&x, a->is->src->data, a->from, a->to, a->cut, a->ncut);
		gather(&y, b->is->src->data, b->from, b->to, b->cut, b->ncut);
	}
	if (differ) {
		strbuf_add(&h, x.buf, x.len);
		strbuf_addch(&h, 0);
		strbuf_add(&h, y.buf, y.len);
		add(d, k, sec, item, NULL, NULL, NULL);
		c = &d->v[d->n - 1];
		c->held = strbuf_detach(&h, NULL);
		c->old_text = c->held;
		c->new_text = c->held + x.len + 1;
		c->words = dtw_word_diff(c->old_text, c->new_text);
	}
	strbuf_release(&x);
	strbuf_release(&y);
	return differ;
}

/* An item's text below its heading, read without its fields' paragraphs
 * (a field's list stays: its value does not hold it) (with_fields 0) and compared without its URLs; or (with_fields 1) the
 * whole item, heading and fields, as written. */
static void item_span(struct span_text *t, const struct ref *r, int with_fields)
{
	const struct dtw_item *it = r->it;
	size_t i, ac = 0, ak = 0;
	memset(t, 0, sizeof(*t));
	t->is = r->is;
	t->from = with_fields ? it->start : it->end;
	t->to = it->body_end > t->from ? it->body_end : t->from;
	if (with_fields)
		return;
	for (i = 0; i < it->nfields; i++) {
		/* (A one-line entry's field is the entry: not cut.) */
		if (it->fields[i].start < it->end)
			continue;
		span_cut(&t->cut, &t->ncut, &ac, it->fields[i].start, it->fields[i].para_end);
		span_cut(&t->key, &t->nkey, &ak, it->fields[i].start, it->fields[i].para_end);
	}
	for (i = 0; i < it->nlinks; i++)
		span_cut(&t->key, &t->nkey, &ak, it->links[i].start, it->links[i].end);
	span_sort(t);
}

/* The text of a section outside its items and group headings: a
 * free-text section's, a group's, the words before the first item; with
 * `heading`, its heading's line too. */
static void section_span(struct span_text *t, const struct dtw_issue *is,
			 const struct dtw_section *s, int heading)
{
	size_t i, ac = 0, ak = 0;
	memset(t, 0, sizeof(*t));
	t->is = is;
	t->from = heading ? s->start : s->end;
	t->to = s->end_all > s->end ? s->end_all : s->end;
	for (i = 0; i < s->nitems; i++) {
		span_cut(&t->cut, &t->ncut, &ac, s->items[i].start, s->items[i].body_end);
		span_cut(&t->key, &t->nkey, &ak, s->items[i].start, s->items[i].body_end);
	}
	for (i = 0; i < s->ngroups; i++) {
		span_cut(&t->cut, &t->ncut, &ac, s->groups[i].start, s->groups[i].end);
		span_cut(&t->key, &t->nkey, &ak, s->groups[i].start, s->groups[i].end);
	}
	span_sort(t);
}

/* The end of the line at `at`, past its newline. */
static size_t line_end(const struct dtw_issue *is, size_t at)
{
	const char *nl = at < is->src->len ? memchr(is->src->data + at, '\n', is->src->len - at) : NULL;
	return nl ? (size_t)(nl - is->src->data) + 1 : is->src->len;
}

/* The intro: the text between the front matter and the first section
 * (or item, or the outro's break), the title's line left out (its own
 * change tells it) — paragraphs, a subtitle, a list. */
static void intro_span(struct span_text *t, const struct dtw_issue *is)
{
	size_t to = is->has_break ? is->break_start : is->src->len, ac = 0, ak = 0;
	memset(t, 0, sizeof(*t));
	t->is = is;
	if (is->nsections && is->sections[0].start < to)
		to = is->sections[0].start;
	if (is->nstray && is->stray[0].start < to)
		to = is->stray[0].start;
	t->from = is->doc.body < to ? is->doc.body : to;
	t->to = to;
	if (is->has_title) {
		size_t e = is->title_end > is->title_start ? is->title_end :
			   line_end(is, is->title_start);
		span_cut(&t->cut, &t->ncut, &ac, is->title_start, e);
		span_cut(&t->key, &t->nkey, &ak, is->title_start, e);
	}
}

/* The outro: everything under its break. */
static void outro_span(struct span_text *t, const struct dtw_issue *is)
{
	memset(t, 0, sizeof(*t));
	t->is = is;
	t->from = t->to = is->src->len;
	if (is->has_break)
		t->from = line_end(is, is->break_start);
}

/* The issue's title heading, when it has one, as a text change. */
static void title_change(struct dtw_diff *d, const struct dtw_issue *o,
			 const struct dtw_issue *n)
{
	const char *a = o->has_title ? o->title : "", *b = n->has_title ? n->title : "";
	struct dtw_change *c;
	struct strbuf h = STRBUF_INIT;
	if (!strcmp(a, b))
		return;
	strbuf_addf(&h, "%s%c%s", a, 0, b);
	add(d, DTW_CH_TITLE_CHANGED, NULL, NULL, NULL, NULL, NULL);
	c = &d->v[d->n - 1];
	c->held = strbuf_detach(&h, NULL);
	c->old_text = o->has_title ? c->held : NULL;
	c->new_text = n->has_title ? c->held + strlen(a) + 1 : NULL;
	c->words = dtw_word_diff(a, b);
}

/* The item's text besides its fields and links: a description, a
 * field's list. When nothing else told how the item changed, the whole
 * item is compared (a heading's level, a label's spelling). */
static void item_text(struct dtw_diff *d, const char *sec, const struct ref *o,
		      const struct ref *n, size_t before)
{
	struct span_text a, b;
	int told;
	item_span(&a, o, 0);
	item_span(&b, n, 0);
	told = text_change(d, DTW_CH_BODY_CHANGED, sec, n->it->title, &a, &b);
	span_release(&a);
	span_release(&b);
	if (told || d->n != before)
		return;
	item_span(&a, o, 1);
	item_span(&b, n, 1);
	text_change(d, DTW_CH_BODY_CHANGED, sec, n->it->title, &a, &b);
}

struct url_at {
	const char *url;
	size_t at;
};

static int cmp_url_at(const void *pa, const void *pb)
{
	const struct url_at *a = pa, *b = pb;
	int r = strcmp(a->url, b->url);
	return r ? r : (a->at < b->at ? -1 : a->at > b->at);
}

static struct url_at *sorted_urls(const struct ref *r)
{
	struct url_at *v = xmalloc((r->nurls + 1) * sizeof(*v));
	size_t i;
	for (i = 0; i < r->nurls; i++)
		v[i] = (struct url_at){ r->urls[i], i };
	if (r->nurls > 1)
		qsort(v, r->nurls, sizeof(*v), cmp_url_at);
	return v;
}

/* The URLs the two items share are kept, one old with one new, in order;
 * the others are changed (in pairs, in order), removed or added. Sorted
 * on both sides, so an item with thousands of links costs n log n. */
static void diff_links(struct dtw_diff *d, const char *sec, const struct ref *o,
		       const struct ref *n)
{
	size_t i, j;
	char *used_o = xcalloc(o->nurls + 1, 1), *used_n = xcalloc(n->nurls + 1, 1);
	size_t *rem = xcalloc(o->nurls + 1, sizeof(*rem)), *ad = xcalloc(n->nurls + 1, sizeof(*ad));
	size_t nrem = 0, nad = 0;
	struct url_at *so = sorted_urls(o), *sn = sorted_urls(n);

	for (i = 0, j = 0; i < o->nurls && j < n->nurls;) {
		int r = strcmp(so[i].url, sn[j].url);
		if (r < 0) {
			i++;
		} else if (r > 0) {
			j++;
		} else {
			used_o[so[i++].at] = used_n[sn[j++].at] = 1;
		}
	}
	free(so);
	free(sn);
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
	} else if (!same_group(o, n)) {
		add(d, DTW_CH_ITEM_MOVED, sec, n->it->title, NULL, NULL, NULL);
		d->v[d->n - 1].from_section = sec;
		d->v[d->n - 1].from_group = group_of(o);
		d->v[d->n - 1].group = group_of(n);
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
	if (!text_eq(o->is, o->it->start, o->it->body_end, n->is, n->it->start, n->it->body_end))
		item_text(d, sec, o, n, before);
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
		cand[j] = (char)(n[j].pair >= 0 && same_section(o[n[j].pair].sec, n[j].sec) &&
				 same_group(&o[n[j].pair], &n[j]));
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
			  const struct dtw_issue *n, size_t *const ids[2])
{
	size_t no = o ? o->nsections : 0, nn = n ? n->nsections : 0, i, j;
	long *map = xcalloc(nn + 1, sizeof(*map));
	char *used = xcalloc(no + 1, 1), *in_lis = xcalloc(nn + 1, 1);
	/* The first unused old section of each identity, by a cursor over
	 * the old sections sorted by identity. */
	struct ord *v = xmalloc((no + 1) * sizeof(*v));
	size_t *cur = xcalloc(no + 1, sizeof(*cur));
	struct ref *flag = xcalloc(no + 1, sizeof(*flag));

	for (i = 0; i < no; i++) {
		v[i] = (struct ord){ i, { ids[0][i], 0, 0 } };
		flag[i].pair = -1;
	}
	if (no > 1)
		qsort(v, no, sizeof(*v), cmp_ord);
	for (j = 0; j < nn; j++) {
		size_t key[1] = { ids[1][j] };
		long c = ord_first_free(v, no, cur, key, 1, flag);
		map[j] = c;
		if (c >= 0) {
			used[c] = 1;
			flag[c].pair = (long)j;
		} else {
			add(d, DTW_CH_SECTION_ADDED, sec_name(&n->sections[j]), NULL, NULL, NULL, NULL);
		}
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
	/* The text of each section that is in both, outside its items. */
	for (j = 0; j < nn; j++) {
		struct span_text a, b;
		int heading;
		if (map[j] < 0)
			continue;
		/* NOLINTNEXTLINE(clang-analyzer-core.NullDereference): a section paired implies o */
		/* Its heading too, when that changed (an emoji, an alias). */
		heading = strcmp(o->sections[map[j]].heading, n->sections[j].heading) != 0;
		section_span(&a, o, &o->sections[map[j]], heading);
		section_span(&b, n, &n->sections[j], heading);
		text_change(d, DTW_CH_SECTION_TEXT_CHANGED, sec_name(&n->sections[j]), NULL, &a, &b);
		span_release(&a);
		span_release(&b);
	}
	free(map);
	free(used);
	free(in_lis);
	free(v);
	free(cur);
	free(flag);
}

/* The items of o and of n as refs, each paired with its partner on the
 * other side (pair_items). */
static void paired_refs(struct ref **ro, size_t *no, struct ref **rn, size_t *nn,
			const struct dtw_issue *o, const struct dtw_issue *n)
{
	size_t i, *ids[2];

	section_ids(o, n, ids);
	refs_of(o, ro, no);
	refs_of(n, rn, nn);
	for (i = 0; i < *no; i++)
		(*ro)[i].sid = ids[0][(*ro)[i].sec - o->sections];
	for (i = 0; i < *nn; i++)
		(*rn)[i].sid = ids[1][(*rn)[i].sec - n->sections];
	free(ids[0]);
	free(ids[1]);
	pair_items(*ro, *no, *rn, *nn);
}

void dtw_diff_issues(struct dtw_diff *out, const struct dtw_issue *o,
		     const struct dtw_issue *n)
{
	struct ref *ro, *rn;
	size_t no, nn, i, *ids[2];

	memset(out, 0, sizeof(*out));
	section_ids(o, n, ids);
	diff_front_matter(out, o, n);
	if (o && n) {
		struct span_text a, b;
		title_change(out, o, n);
		intro_span(&a, o);
		intro_span(&b, n);
		text_change(out, DTW_CH_INTRO_CHANGED, NULL, NULL, &a, &b);
		span_release(&a);
		span_release(&b);
	}
	diff_sections(out, o, n, ids);
	free(ids[0]);
	free(ids[1]);
	paired_refs(&ro, &no, &rn, &nn, o, n);
	mark_reordered(out, ro, rn, nn);
	for (i = 0; i < nn; i++) {
		if (rn[i].pair < 0) {
			add(out, DTW_CH_ITEM_ADDED, sec_name(rn[i].sec), rn[i].it->title, NULL, NULL, NULL);
			out->v[out->n - 1].group = group_of(&rn[i]);
			out->items_added++;
		} else {
			diff_pair(out, &ro[rn[i].pair], &rn[i]);
		}
	}
	for (i = 0; i < no; i++) {
		if (ro[i].pair < 0) {
			add(out, DTW_CH_ITEM_REMOVED, sec_name(ro[i].sec), ro[i].it->title, NULL, NULL, NULL);
			out->v[out->n - 1].group = group_of(&ro[i]);
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
			c->held = strbuf_detach(&sb, NULL);
			c->old_text = c->old_text ? c->held : NULL;
			c->new_text = c->new_text ? c->held + strlen(c->held) + 1 : NULL;
		}
	}
	if (o && n) {
		struct span_text a, b;
		outro_span(&a, o);
		outro_span(&b, n);
		text_change(out, DTW_CH_OUTRO_CHANGED, NULL, NULL, &a, &b);
	}
	refs_free(ro, no);
	refs_free(rn, nn);
	for (i = 0; i < out->n; i++) {
		switch (out->v[i].kind) {
		case DTW_CH_FRONT_MATTER:
			out->fm_changed++;
			break;
		case DTW_CH_SECTION_ADDED:
			out->sections_added++;
			break;
		case DTW_CH_SECTION_REMOVED:
			out->sections_removed++;
			break;
		case DTW_CH_SECTION_MOVED:
			out->sections_moved++;
			break;
		case DTW_CH_SECTION_TEXT_CHANGED:
			out->sections_changed++;
			break;
		case DTW_CH_TITLE_CHANGED:
			out->title_changed = 1;
			break;
		case DTW_CH_INTRO_CHANGED:
			out->intro_changed = 1;
			break;
		case DTW_CH_OUTRO_CHANGED:
			out->outro_changed = 1;
			break;
		default:
			break;
		}
	}
}

void dtw_diff_pair_items(long **out_o, long **out_n, const struct dtw_issue *o,
			 const struct dtw_issue *n)
{
	struct ref *ro, *rn;
	size_t no, nn, i;

	paired_refs(&ro, &no, &rn, &nn, o, n);
	*out_o = xmalloc((no + 1) * sizeof(**out_o));
	*out_n = xmalloc((nn + 1) * sizeof(**out_n));
	for (i = 0; i < no; i++)
		(*out_o)[i] = ro[i].pair;
	for (i = 0; i < nn; i++)
		(*out_n)[i] = rn[i].pair;
	refs_free(ro, no);
	refs_free(rn, nn);
}

void dtw_diff_release(struct dtw_diff *d)
{
	size_t i;
	for (i = 0; i < d->n; i++) {
		free(d->v[i].words);
		free(d->v[i].held);
	}
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
		"outro-changed", "section-text-changed", "title-changed",
	};
	return (size_t)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}
