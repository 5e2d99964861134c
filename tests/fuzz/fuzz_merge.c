/* Fuzz target: the three-way merge of an issue (lib/merge). The first
 * byte chooses the mode, the schema and the marker size; in the raw mode
 * the rest is the ancestor, ours and theirs, split on lines "%%%%" (so
 * that the parser's edge cases reach the merge); else the bytes drive a
 * generator: a well-formed ancestor issue, and ours and theirs as edits
 * of it (items added, edited, retitled, deleted, moved; front-matter keys
 * changed and added; the intro changed). Every input checks that a side
 * merged with an unchanged other side is that side byte for byte, and a
 * side merged with itself too; the generated ones also that what one
 * side did and the other did not touch is in the result as it did it
 * (an item it added there once, one it moved where it moved it, one it
 * deleted gone), and that there are conflicts exactly where the edits
 * changed one piece two ways. DTW_FUZZ_DUMP=DIR writes out the versions
 * of an input to see a failure again with dtw merge-driver. */
#include <string.h>

#include "base/strbuf.h"
#include "fuzz.h"
#include "merge/merge.h"

/* byte 0: the mode (bits 0-1; 3 = raw), the link-roundup schema (bit
 * 2), the marker size 7 + bits 3-4, no schema at all (bits 5-7 all set:
 * the line merge). */
#define RAW_MODE 3

enum { O, A, B };

#define MAXSEC 4
#define MAXIT 10
#define MAXKEY 8
#define MAXURL 256

struct gitem {
	unsigned url;           /* https://u<url>.example/, unique */
	unsigned group;         /* link-roundup: its group + 1; 0 none */
	char title[48];
	char text[96];
};

struct gsec {
	int kind;               /* index into the schema's kinds below */
	size_t n;
	struct gitem it[MAXIT];
};

struct gissue {
	size_t nkeys;
	char key[MAXKEY][16];
	char val[MAXKEY][40];
	char intro[80];
	size_t nsec;
	struct gsec sec[MAXSEC];
};

/* How an issue is written out: the same for all three versions. */
struct gstyle {
	int roundup;            /* link-roundup's list items and groups */
	int crlf;               /* every line ends "\r\n" */
	int gap;                /* two blank lines between items, not one */
	int no_outro;           /* the last section runs to the end */
	int no_eol;             /* no newline at the end of the file */
	int tags;               /* a front-matter key whose value is a list */
};

struct kind {
	const char *heading;
	const char *const *groups;
	size_t ngroups;
};

static const char *const reading_groups[] = { "Kubernetes", "Observability", "Security" };
static const char *const release_groups[] = { "Major", "Minor" };

static const struct kind dtw_kinds[] = {
	{ "\xf0\x9f\x93\x9a Blogs to Read", NULL, 0 },
	{ "\xf0\x9f\x9b\xa0\xef\xb8\x8f Tools", NULL, 0 },
	{ "\xf0\x9f\x92\xac Community Sentiments", NULL, 0 },
	{ "Odd Notes", NULL, 0 }, /* none of the schema's */
};

/* (An unknown section is free text to link-roundup: no items.) */
static const struct kind roundup_kinds[] = {
	{ "\xf0\x9f\x93\xb0 Headlines", NULL, 0 },
	{ "\xf0\x9f\x93\x96 Reading List", reading_groups, 3 },
	{ "\xf0\x9f\x9a\x80 Releases", release_groups, 2 },
};

static const struct kind *kinds(const struct gstyle *st)
{
	return st->roundup ? roundup_kinds : dtw_kinds;
}

struct rd {
	const uint8_t *p;
	size_t n, i;
};

/* The next byte; 0 once they are used up, which ends every loop. */
static unsigned rb(struct rd *r)
{
	return r->i < r->n ? r->p[r->i++] : 0;
}

static void cpy(char *dst, size_t cap, const char *s)
{
	(void)snprintf(dst, cap, "%s", s);
}

/* --- writing an issue out --- */

static void line(struct strbuf *sb, const struct gstyle *st, const char *s)
{
	strbuf_addstr(sb, s);
	strbuf_addstr(sb, st->crlf ? "\r\n" : "\n");
}

static void render(struct strbuf *sb, const struct gissue *is, const struct gstyle *st)
{
	const struct kind *k = kinds(st);
	struct strbuf l = STRBUF_INIT;
	size_t i, j;
	line(sb, st, "---");
	for (i = 0; i < is->nkeys; i++) {
		strbuf_reset(&l);
		if (!strcmp(is->key[i], "tags")) {
			/* A list: one entry per word of the value. */
			const char *v = is->val[i];
			line(sb, st, "tags:");
			while (*v) {
				size_t w = strcspn(v, " ");
				strbuf_reset(&l);
				strbuf_addstr(&l, "  - ");
				strbuf_add(&l, v, w);
				line(sb, st, l.buf);
				v += w;
				v += strspn(v, " ");
			}
			continue;
		}
		strbuf_addf(&l, "%s: %s", is->key[i], is->val[i]);
		line(sb, st, l.buf);
	}
	line(sb, st, "---");
	line(sb, st, "");
	line(sb, st, st->roundup ? "# Platform Pulse 18" : "# Data This Week #42");
	line(sb, st, "");
	line(sb, st, is->intro);
	line(sb, st, "");
	for (i = 0; i < is->nsec; i++) {
		const struct gsec *s = &is->sec[i];
		unsigned group = 0;
		strbuf_reset(&l);
		strbuf_addf(&l, "## %s", k[s->kind].heading);
		line(sb, st, l.buf);
		line(sb, st, "");
		for (j = 0; j < s->n; j++) {
			const struct gitem *it = &s->it[j];
			if (st->roundup) {
				if (it->group && it->group != group) {
					if (j)
						line(sb, st, "");
					strbuf_reset(&l);
					strbuf_addf(&l, "### %s", k[s->kind].groups[it->group - 1]);
					line(sb, st, l.buf);
					line(sb, st, "");
				}
				group = it->group;
				strbuf_reset(&l);
				strbuf_addf(&l, "- [%s](https://u%u.example/) \xe2\x80\x94 %s", it->title,
					    it->url, it->text);
				line(sb, st, l.buf);
				if (st->gap)
					line(sb, st, "");
				continue;
			}
			strbuf_reset(&l);
			strbuf_addf(&l, "### %s", it->title);
			line(sb, st, l.buf);
			line(sb, st, "");
			line(sb, st, it->text);
			line(sb, st, "");
			strbuf_reset(&l);
			strbuf_addf(&l, "**Why it matters:** It does. [Read more \xe2\x86\x92](https://u%u.example/)",
				    it->url);
			line(sb, st, l.buf);
			line(sb, st, "");
			if (st->gap)
				line(sb, st, "");
		}
		if (st->roundup && s->n && !st->gap)
			line(sb, st, "");
	}
	if (!st->no_outro) {
		line(sb, st, "---");
		line(sb, st, "");
		line(sb, st, "That's all for this week.");
	}
	if (st->no_eol) {
		while (sb->len && (sb->buf[sb->len - 1] == '\n' || sb->buf[sb->len - 1] == '\r'))
			sb->len--;
		sb->buf[sb->len] = '\0';
	}
	strbuf_release(&l);
}

/* --- the ancestor and the edits --- */

/* What each side did to each URL's item (bits); the section and place it
 * ended in are read from the side's model. */
enum { T_ADDED = 1, T_EDITED = 2, T_DELETED = 4, T_MOVED = 8, T_RETITLED = 16 };

struct gen {
	struct rd r;
	struct gstyle st;
	unsigned next_url;
	unsigned char touched[3][MAXURL];
	int key_changed[3][MAXKEY];  /* by ancestor key index */
	int intro_changed[3];
	size_t nkeys_o;
};

static void new_item(struct gen *g, struct gitem *it, const struct kind *k, int side)
{
	static const char *const who[] = { "base", "ours", "theirs" };
	it->url = g->next_url++;
	it->group = k->ngroups ? rb(&g->r) % k->ngroups + 1 : 0;
	(void)snprintf(it->title, sizeof(it->title), "Item %u from %s", it->url, who[side]);
	(void)snprintf(it->text, sizeof(it->text), "The text of item %u, as it was written.",
		       it->url);
}

static void gen_ancestor(struct gen *g, struct gissue *is)
{
	static const char *const keys[][2] = {
		{ "title", "Data This Week" }, { "issue", "42" }, { "date", "2026-11-24" },
		{ "status", "draft" },
	};
	const struct kind *k = kinds(&g->st);
	unsigned mask = rb(&g->r) & (g->st.roundup ? 7 : 15), s;
	memset(is, 0, sizeof(*is));
	if (!mask)
		mask = 1;
	for (s = 0; s < 4; s++) {
		cpy(is->key[s], sizeof(is->key[s]), keys[s][0]);
		cpy(is->val[s], sizeof(is->val[s]), keys[s][1]);
	}
	is->nkeys = 4;
	if (g->st.tags) {
		cpy(is->key[is->nkeys], sizeof(is->key[0]), "tags");
		cpy(is->val[is->nkeys], sizeof(is->val[0]), "kafka iceberg");
		is->nkeys++;
	}
	g->nkeys_o = is->nkeys;
	cpy(is->intro, sizeof(is->intro), "Welcome back. This week: streams, tables and tests.");
	for (s = 0; s < (g->st.roundup ? 3u : 4u); s++) {
		struct gsec *sec;
		size_t n, i;
		if (!(mask & (1u << s)))
			continue;
		sec = &is->sec[is->nsec++];
		sec->kind = (int)s;
		n = rb(&g->r) % 6;
		for (i = 0; i < n; i++)
			new_item(g, &sec->it[sec->n++], &k[s], O);
	}
}

/* Where an item is: -1 when the issue has none. */
static int pick(struct gen *g, const struct gissue *is, size_t *sec, size_t *at)
{
	size_t total = 0, i, k;
	for (i = 0; i < is->nsec; i++)
		total += is->sec[i].n;
	if (!total)
		return -1;
	k = rb(&g->r) % total;
	for (i = 0; k >= is->sec[i].n; i++)
		k -= is->sec[i].n;
	*sec = i;
	*at = k;
	return 0;
}

static void insert(struct gsec *s, size_t at, const struct gitem *it)
{
	memmove(&s->it[at + 1], &s->it[at], (s->n - at) * sizeof(*it));
	s->it[at] = *it;
	s->n++;
}

static void edit(struct gen *g, struct gissue *is, int side)
{
	static const char *const who[] = { "base", "ours", "theirs" };
	const struct kind *k = kinds(&g->st);
	unsigned op = rb(&g->r) % 10, v = rb(&g->r);
	size_t s, at, t;
	struct gitem it;

	switch (op) {
	case 0: /* add an item */
		s = v % is->nsec;
		if (is->sec[s].n >= MAXIT || g->next_url >= MAXURL)
			return;
		new_item(g, &it, &k[is->sec[s].kind], side);
		insert(&is->sec[s], rb(&g->r) % (is->sec[s].n + 1), &it);
		g->touched[side][it.url] |= T_ADDED;
		return;
	case 1: /* edit an item's text */
	case 2: /* the same rewrite on either side */
		if (pick(g, is, &s, &at))
			return;
		if (op == 1)
			(void)snprintf(is->sec[s].it[at].text, sizeof(it.text),
				       "The text of item %u, edited by %s (%u).",
				       is->sec[s].it[at].url, who[side], v);
		else
			(void)snprintf(is->sec[s].it[at].text, sizeof(it.text),
				       "The text of item %u, rewritten.", is->sec[s].it[at].url);
		g->touched[side][is->sec[s].it[at].url] |= T_EDITED;
		return;
	case 3: /* delete an item */
		if (pick(g, is, &s, &at))
			return;
		g->touched[side][is->sec[s].it[at].url] |= T_DELETED;
		memmove(&is->sec[s].it[at], &is->sec[s].it[at + 1],
			(is->sec[s].n - at - 1) * sizeof(it));
		is->sec[s].n--;
		return;
	case 4: /* move an item to another section (or in its own) */
		if (pick(g, is, &s, &at))
			return;
		it = is->sec[s].it[at];
		memmove(&is->sec[s].it[at], &is->sec[s].it[at + 1],
			(is->sec[s].n - at - 1) * sizeof(it));
		is->sec[s].n--;
		t = v % is->nsec;
		if (is->sec[t].n >= MAXIT)
			t = s;
		it.group = k[is->sec[t].kind].ngroups ? rb(&g->r) % k[is->sec[t].kind].ngroups + 1 : 0;
		insert(&is->sec[t], rb(&g->r) % (is->sec[t].n + 1), &it);
		g->touched[side][it.url] |= T_MOVED;
		return;
	case 5: /* retitle an item */
		if (pick(g, is, &s, &at))
			return;
		(void)snprintf(is->sec[s].it[at].title, sizeof(it.title), "Item %u renamed by %s",
			       is->sec[s].it[at].url, who[side]);
		g->touched[side][is->sec[s].it[at].url] |= T_RETITLED;
		return;
	case 6: /* change a front-matter key */
		t = v % is->nkeys;
		if (!strcmp(is->key[t], "tags"))
			(void)snprintf(is->val[t], sizeof(is->val[t]), "kafka %s", who[side]);
		else if (!strcmp(is->key[t], "status"))
			(void)snprintf(is->val[t], sizeof(is->val[t]), "%s",
				       side == A ? "ready" : "published");
		else {
			char was[sizeof(is->val[t])];
			cpy(was, sizeof(was), is->val[t]);
			(void)snprintf(is->val[t], sizeof(is->val[t]), "%.24s, %s", was, who[side]);
		}
		if (t < g->nkeys_o)
			g->key_changed[side][t] = 1;
		return;
	case 7: /* add a front-matter key */
		if (is->nkeys >= MAXKEY)
			return;
		/* "editor" both sides may add, with one value or two. */
		if (v & 1)
			cpy(is->key[is->nkeys], sizeof(is->key[0]), "editor");
		else
			(void)snprintf(is->key[is->nkeys], sizeof(is->key[0]), "x%s%u", who[side], v);
		for (t = 0; t < is->nkeys; t++)
			if (!strcmp(is->key[t], is->key[is->nkeys]))
				return;
		cpy(is->val[is->nkeys], sizeof(is->val[0]), v & 2 ? "Dana" : who[side]);
		is->nkeys++;
		return;
	case 8: /* change the intro */
		(void)snprintf(is->intro, sizeof(is->intro), "Welcome back, from %s.%s", who[side],
			       v & 1 ? " Two things this week." : "");
		g->intro_changed[side] = 1;
		return;
	default: /* move an item within its section */
		if (pick(g, is, &s, &at) || is->sec[s].n < 2)
			return;
		it = is->sec[s].it[at];
		memmove(&is->sec[s].it[at], &is->sec[s].it[at + 1],
			(is->sec[s].n - at - 1) * sizeof(it));
		is->sec[s].n--;
		insert(&is->sec[s], v % (is->sec[s].n + 1), &it);
		g->touched[side][it.url] |= T_MOVED;
		return;
	}
}

/* --- the checks --- */

static size_t count_url(const struct strbuf *out, unsigned url)
{
	char needle[40];
	const char *p = out->buf, *end = out->buf + out->len;
	size_t n = 0, len;
	len = (size_t)snprintf(needle, sizeof(needle), "(https://u%u.example/)", url);
	while ((p = memmem(p, (size_t)(end - p), needle, len))) {
		n++;
		p += len;
	}
	return n;
}

/* The heading of the section the URL's item is in, in the result: the
 * last line "## " above it; NULL when there is none. */
static const char *section_of(const struct strbuf *out, unsigned url, size_t *len)
{
	char needle[40];
	const char *p, *h = NULL;
	size_t n = (size_t)snprintf(needle, sizeof(needle), "(https://u%u.example/)", url), k;
	p = memmem(out->buf, out->len, needle, n);
	if (!p)
		return NULL;
	for (k = 0; out->buf + k < p; k++)
		if ((k == 0 || out->buf[k - 1] == '\n') && !strncmp(out->buf + k, "## ", 3))
			h = out->buf + k + 3;
	if (h)
		*len = strcspn(h, "\r\n");
	return h;
}

static int where(const struct gissue *is, unsigned url, size_t *sec, size_t *at)
{
	size_t i, j;
	for (i = 0; i < is->nsec; i++)
		for (j = 0; j < is->sec[i].n; j++)
			if (is->sec[i].it[j].url == url) {
				*sec = i;
				*at = j;
				return 1;
			}
	return 0;
}

/* Whether side x kept the ancestor's order in the section where the
 * ancestor has `url`: else what the merge sees as moved there may be
 * another item than the one the edits moved (moving one item before
 * another is moving the other after it). */
static int order_kept(const struct gissue *o, const struct gissue *x, unsigned url)
{
	size_t sec, at, j, k;
	long last = -1;
	if (!where(o, url, &sec, &at))
		return 1;
	for (j = 0; j < x->sec[sec].n; j++)
		for (k = 0; k < o->sec[sec].n; k++)
			if (o->sec[sec].it[k].url == x->sec[sec].it[j].url) {
				if ((long)k < last)
					return 0;
				last = (long)k;
			}
	return 1;
}

static void merge3(struct dtw_merge *m, const struct dtw_source *a, const struct dtw_source *b,
		   const struct dtw_source *c, const struct dtw_schema *schema, unsigned marker)
{
	const struct dtw_source *in[3] = { a, b, c };
	int r = dtw_merge_issues(m, in, schema, marker);
	FUZZ_ASSERT(r == 0, "the merge failed (%d)", r);
	FUZZ_ASSERT(m->out.len == strlen(m->out.buf) || memchr(a->data, 0, a->len) ||
			    memchr(b->data, 0, b->len) || memchr(c->data, 0, c->len),
		    "a NUL in the result that no version has");
}

static void expect_same(const struct dtw_source *o, const struct dtw_source *x, int x_ours,
			const struct dtw_schema *schema, unsigned marker)
{
	struct dtw_merge m;
	if (x_ours)
		merge3(&m, o, x, o, schema, marker);
	else
		merge3(&m, o, o, x, schema, marker);
	FUZZ_ASSERT(m.out.len == x->len && !memcmp(m.out.buf, x->data, x->len),
		    "merge(O, %s) is not %s (fallback: %s; %zu bytes, not %zu)",
		    x_ours ? "A, O" : "O, B", x_ours ? "A" : "B",
		    m.fallback ? m.fallback : "none", m.out.len, x->len);
	FUZZ_ASSERT(m.conflicts == 0, "%zu conflicts merging %s against an unchanged side",
		    m.conflicts, x_ours ? "ours" : "theirs");
	dtw_merge_release(&m);
}

/* The properties every input has: a side against an unchanged one, and
 * a side against itself. */
static void check_identities(const struct dtw_source *v, const struct dtw_schema *schema,
			     unsigned marker)
{
	struct dtw_merge m;
	expect_same(&v[O], &v[A], 1, schema, marker);
	expect_same(&v[O], &v[B], 0, schema, marker);
	merge3(&m, &v[O], &v[A], &v[A], schema, marker);
	FUZZ_ASSERT(m.out.len == v[A].len && !memcmp(m.out.buf, v[A].data, v[A].len),
		    "merge(O, A, A) is not A (fallback: %s)", m.fallback ? m.fallback : "none");
	FUZZ_ASSERT(m.conflicts == 0, "%zu conflicts merging a side with itself", m.conflicts);
	dtw_merge_release(&m);
}

static int has_marker_line(const struct strbuf *out, unsigned marker)
{
	size_t k, n;
	for (k = 0; k < out->len; k++) {
		if (k && out->buf[k - 1] != '\n')
			continue;
		for (n = 0; k + n < out->len && out->buf[k + n] == '<'; n++)
			;
		if (n == marker && k + n < out->len && out->buf[k + n] == ' ')
			return 1;
	}
	return 0;
}

static int same_item(const struct gitem *x, const struct gitem *y)
{
	return !strcmp(x->title, y->title) && !strcmp(x->text, y->text);
}

/* Whether the edits make a conflict: one piece (an item, a key, the
 * intro) changed two ways, or an item changed on one side and deleted on
 * the other. Moves, additions and changes on one side make none. */
static int conflict_expected(const struct gen *g, const struct gissue *v)
{
	size_t i, j, k, sa, aa, sb, ab;
	for (i = 0; i < v[O].nsec; i++)
		for (j = 0; j < v[O].sec[i].n; j++) {
			const struct gitem *o = &v[O].sec[i].it[j], *a = NULL, *b = NULL;
			int ca, cb;
			if (where(&v[A], o->url, &sa, &aa))
				a = &v[A].sec[sa].it[aa];
			if (where(&v[B], o->url, &sb, &ab))
				b = &v[B].sec[sb].it[ab];
			ca = a && !same_item(o, a);
			cb = b && !same_item(o, b);
			if ((!a && cb) || (!b && ca) || (ca && cb && !same_item(a, b)))
				return 1;
		}
	for (i = 0; i < g->nkeys_o; i++)
		if (strcmp(v[A].val[i], v[O].val[i]) && strcmp(v[B].val[i], v[O].val[i]) &&
		    strcmp(v[A].val[i], v[B].val[i]))
			return 1;
	for (i = g->nkeys_o; i < v[A].nkeys; i++)
		for (k = g->nkeys_o; k < v[B].nkeys; k++)
			if (!strcmp(v[A].key[i], v[B].key[k]) && strcmp(v[A].val[i], v[B].val[k]))
				return 1;
	return strcmp(v[A].intro, v[O].intro) && strcmp(v[B].intro, v[O].intro) &&
	       strcmp(v[A].intro, v[B].intro);
}

/* What one side did and the other did not touch is in the result. */
static void check_generated(const struct gen *g, const struct gissue *v, const struct dtw_merge *m,
			    unsigned marker)
{
	const struct kind *k = kinds(&g->st);
	unsigned url;
	int s;

	FUZZ_ASSERT(!m->fallback, "a generated issue merged line by line: %s", m->fallback);
	FUZZ_ASSERT(!m->conflicts == !has_marker_line(&m->out, marker),
		    "%zu conflicts, and %s marker of %u", m->conflicts,
		    has_marker_line(&m->out, marker) ? "a" : "no", marker);
	for (url = 0; url < g->next_url; url++) {
		size_t n = count_url(&m->out, url), sec = 0, at = 0, hl = 0;
		const char *h;
		for (s = A; s <= B; s++) {
			int o = s == A ? B : A;
			unsigned mine = g->touched[s][url], theirs = g->touched[o][url];
			int kept = where(&v[s], url, &sec, &at);
			if ((mine & T_ADDED) && kept) {
				FUZZ_ASSERT(n >= 1, "item %u, added by %s, is not in the result", url,
					    s == A ? "ours" : "theirs");
				FUZZ_ASSERT(n == 1 || m->conflicts, "item %u, added by %s, is there %zu times",
					    url, s == A ? "ours" : "theirs", n);
			}
			if (m->conflicts || (mine & T_ADDED) || theirs)
				continue;
			if (mine & T_DELETED) {
				FUZZ_ASSERT(n == 0, "item %u, deleted by %s only, is still there",
					    url, s == A ? "ours" : "theirs");
				continue;
			}
			if ((mine & T_MOVED) && order_kept(&v[O], &v[o], url)) {
				FUZZ_ASSERT(n == 1, "item %u, moved by %s only, is there %zu times", url,
					    s == A ? "ours" : "theirs", n);
				h = section_of(&m->out, url, &hl);
				FUZZ_ASSERT(h && hl == strlen(k[v[s].sec[sec].kind].heading) &&
						    !memcmp(h, k[v[s].sec[sec].kind].heading, hl),
					    "item %u, moved by %s only, is not where it moved it", url,
					    s == A ? "ours" : "theirs");
			}
			if (mine & T_EDITED)
				FUZZ_ASSERT(strstr(m->out.buf, v[s].sec[sec].it[at].text),
					    "item %u: the edit of %s only is lost", url,
					    s == A ? "ours" : "theirs");
			if (mine & T_RETITLED)
				FUZZ_ASSERT(strstr(m->out.buf, v[s].sec[sec].it[at].title),
					    "item %u: the new title of %s only is lost", url,
					    s == A ? "ours" : "theirs");
		}
		if (!g->touched[A][url] && !g->touched[B][url] && url < MAXURL &&
		    where(&v[O], url, &sec, &at))
			FUZZ_ASSERT(n == 1 || (n >= 1 && m->conflicts),
				    "item %u, which neither side touched, is there %zu times", url, n);
		/* Moved by one side, edited by the other: one copy, where it
		 * went, with the edit. */
		for (s = A; s <= B; s++) {
			int o = s == A ? B : A;
			size_t os, oa;
			if (m->conflicts || g->touched[s][url] != T_MOVED ||
			    g->touched[o][url] != T_EDITED || !where(&v[s], url, &sec, &at) ||
			    !where(&v[o], url, &os, &oa) || !order_kept(&v[O], &v[o], url))
				continue;
			FUZZ_ASSERT(n == 1, "item %u, moved by one side and edited by the other, is there %zu times",
				    url, n);
			h = section_of(&m->out, url, &hl);
			FUZZ_ASSERT(h && hl == strlen(k[v[s].sec[sec].kind].heading) &&
					    !memcmp(h, k[v[s].sec[sec].kind].heading, hl),
				    "item %u, moved by one side and edited by the other, is not where it moved", url);
			FUZZ_ASSERT(strstr(m->out.buf, v[o].sec[os].it[oa].text),
				    "item %u, moved by one side and edited by the other, lost the edit", url);
		}
	}
	/* Front-matter keys and the intro: a change on one side only is
	 * kept; two different changes are a conflict. */
	{
		size_t i;
		for (i = 0; i < g->nkeys_o; i++) {
			int ca = g->key_changed[A][i], cb = g->key_changed[B][i];
			char l[64];
			if (ca && cb && strcmp(v[A].val[i], v[B].val[i]))
				FUZZ_ASSERT(m->conflicts, "key %s changed differently on each side: no conflict",
					    v[O].key[i]);
			if (m->conflicts || ca == cb || !strcmp(v[O].key[i], "tags"))
				continue;
			(void)snprintf(l, sizeof(l), "\n%s: %s%s", v[O].key[i], v[ca ? A : B].val[i],
				       g->st.crlf ? "\r\n" : "\n");
			FUZZ_ASSERT(strstr(m->out.buf, l), "key %s: the change of %s only is lost",
				    v[O].key[i], ca ? "ours" : "theirs");
		}
		if (g->intro_changed[A] && g->intro_changed[B] && strcmp(v[A].intro, v[B].intro))
			FUZZ_ASSERT(m->conflicts, "the intro changed differently on each side: no conflict");
		if (!m->conflicts && g->intro_changed[A] != g->intro_changed[B])
			FUZZ_ASSERT(strstr(m->out.buf, v[g->intro_changed[A] ? A : B].intro),
				    "the intro's change of one side only is lost");
	}
	if (conflict_expected(g, v))
		FUZZ_ASSERT(m->conflicts, "no conflict, where the edits make one");
	else
		FUZZ_ASSERT(!m->conflicts, "%zu conflicts, where the edits make none", m->conflicts);
}

static const struct dtw_schema *roundup(void)
{
	static struct dtw_schema *s;
	if (!s && dtw_schema_resolve(&s, "link-roundup", NULL)) {
		fprintf(stderr, "fuzz: no link-roundup schema\n");
		abort();
	}
	return s;
}

/* With DTW_FUZZ_DUMP=DIR in the environment, each input's three
 * versions and their merge are written to DIR (base.md, ours.md,
 * theirs.md, merged.md): what to hand `dtw merge-driver` to see a
 * failure again. */
static void dump(const struct dtw_source *v, const struct dtw_merge *m)
{
	static const char *const names[] = { "base.md", "ours.md", "theirs.md", "merged.md" };
	const char *dir = getenv("DTW_FUZZ_DUMP");
	int k;
	if (!dir)
		return;
	for (k = 0; k < 4; k++) {
		char path[4096];
		FILE *f;
		(void)snprintf(path, sizeof(path), "%s/%s", dir, names[k]);
		if (!(f = fopen(path, "wb")))
			continue;
		if (k < 3)
			fwrite(v[k].data, 1, v[k].len, f);
		else
			fwrite(m->out.buf, 1, m->out.len, f);
		(void)fclose(f);
	}
}

static void run_raw(const uint8_t *data, size_t size, const struct dtw_schema *schema,
		    unsigned marker)
{
	static const char sep[] = "\n%%%%\n";
	static const char *const names[] = { "base.md", "ours.md", "theirs.md" };
	const char *text = (const char *)data, *end = text + size, *at[3];
	size_t len[3], k;
	struct dtw_source v[3];
	struct dtw_merge m;

	at[0] = text;
	for (k = 0; k < 2; k++) {
		const char *cut = memmem(at[k], (size_t)(end - at[k]), sep, sizeof(sep) - 1);
		if (!cut) {
			break;
		}
		len[k] = (size_t)(cut - at[k]);
		at[k + 1] = cut + sizeof(sep) - 1;
	}
	if (k == 0) {
		/* No separator: the three thirds. */
		len[0] = len[1] = size / 3;
		at[1] = text + len[0];
		at[2] = at[1] + len[1];
		len[2] = size - 2 * len[0];
	} else if (k == 1) {
		/* One: theirs is the ancestor again. */
		len[1] = (size_t)(end - at[1]);
		at[2] = at[0];
		len[2] = len[0];
	} else {
		len[2] = (size_t)(end - at[2]);
	}
	for (k = 0; k < 3; k++)
		dtw_source_init_copy(&v[k], names[k], at[k], len[k]);
	merge3(&m, &v[O], &v[A], &v[B], schema, marker);
	dump(v, &m);
	dtw_merge_release(&m);
	check_identities(v, schema, marker);
	for (k = 0; k < 3; k++)
		dtw_source_release(&v[k]);
}

static void run_generated(const struct rd *r, const struct dtw_schema *schema, unsigned marker,
			  int roundup_style)
{
	static const char *const names[] = { "base.md", "ours.md", "theirs.md" };
	struct gen *g = calloc(1, sizeof(*g));
	struct gissue *v = calloc(3, sizeof(*v));
	struct strbuf text[3] = { STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
	struct dtw_source src[3];
	struct dtw_merge m;
	unsigned style, n;
	int s;

	FUZZ_ASSERT(g && v, "out of memory");
	g->r = *r;
	style = rb(&g->r);
	g->st.roundup = roundup_style;
	g->st.crlf = (style & 0x07) == 0x07;
	g->st.gap = (style >> 3 & 1) != 0;
	g->st.no_outro = ((style >> 4) & 3) == 3;
	g->st.no_eol = ((style >> 6) & 3) == 3;
	g->st.tags = (style >> 5 & 1) != 0;
	gen_ancestor(g, &v[O]);
	for (s = A; s <= B; s++) {
		v[s] = v[O];
		for (n = rb(&g->r) % 6; n > 0; n--)
			edit(g, &v[s], s);
	}
	for (s = O; s <= B; s++) {
		render(&text[s], &v[s], &g->st);
		dtw_source_init_copy(&src[s], names[s], text[s].buf, text[s].len);
	}
	merge3(&m, &src[O], &src[A], &src[B], schema, marker);
	dump(src, &m);
	check_identities(src, schema, marker);
	check_generated(g, v, &m, marker);
	dtw_merge_release(&m);
	for (s = O; s <= B; s++) {
		dtw_source_release(&src[s]);
		strbuf_release(&text[s]);
	}
	free(v);
	free(g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct fuzz_env *e = fuzz_env();
	const struct dtw_schema *schema;
	struct rd r = { data, size, 1 };
	unsigned mode, marker;

	if (!size)
		return 0;
	mode = data[0] & 3;
	schema = data[0] & 4 ? roundup() : e->schema;
	marker = 7 + ((data[0] >> 3) & 3);
	if (mode == RAW_MODE) {
		run_raw(data + 1, size - 1, (data[0] >> 5) == 7 ? NULL : schema, marker);
		return 0;
	}
	run_generated(&r, schema, marker, (data[0] & 4) != 0);
	return 0;
}
