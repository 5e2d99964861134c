/* Suppression stage: takes the findings every rule appended to a sink and
 * the document's comments (the model found them: none in code or front
 * matter), and leaves in the sink the findings
 * the author did not silence, plus findings about the comments themselves
 * (unknown rules, unknown directives, and, when asked, unused ones). */
#include "suppress.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/strutil.h"
#include "base/xalloc.h"
#include "source/source.h"
#include "base/banned.h"

enum kind { K_DISABLE, K_ENABLE, K_NEXT_LINE, K_FILE, K_UNKNOWN };

/* Indexed by enum kind, K_UNKNOWN excluded. */
static const char *const keywords[] = {
	"dtw-disable", "dtw-enable", "dtw-disable-next-line", "dtw-disable-file",
};
#define NKEYWORDS (sizeof(keywords) / sizeof(keywords[0]))

/* An id as written in a comment: bytes of the source, not a copy. */
struct sid {
	size_t off, len;
	unsigned unknown : 1;
	unsigned used : 1;
};

struct directive {
	enum kind kind;
	size_t start, end;      /* the comment, "<!--" through "-->" */
	size_t kw, kwlen;       /* the "dtw-..." word */
	size_t line;            /* 0-based line the comment starts on */
	size_t target;          /* K_NEXT_LINE: the 0-based line it covers */
	size_t id0, nids;       /* its ids: ids[id0 .. id0 + nids) */
	int used;               /* suppressed at least one finding */
};

struct state {
	const struct dtw_source *src;
	struct directive *dirs;
	size_t ndirs, adirs;
	struct sid *ids;
	size_t nids, aids;
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

static int is_sep(char c)
{
	return is_space(c) || c == ',';
}

static enum kind keyword_kind(const char *s, size_t len)
{
	size_t k;
	for (k = 0; k < NKEYWORDS; k++)
		if (dtw_eq_nocase(s, len, keywords[k], strlen(keywords[k])))
			return (enum kind)k;
	return K_UNKNOWN;
}

/* Reads the comment whose text is data[t, tend) if it is a directive.
 * Returns 0 when it is an ordinary comment. */
static int parse_directive(struct state *st, size_t start, size_t t,
			   size_t tend, size_t end)
{
	const char *d = st->src->data;
	struct directive *dir;
	size_t kw, i;

	while (t < tend && is_space(d[t]))
		t++;
	/* cppcheck 2.10 wrongly finds this always true. */
	/* cppcheck-suppress knownConditionTrueFalse */
	if (tend - t < 5 || !dtw_starts_nocase(d + t, tend - t, "dtw-"))
		return 0;
	kw = t;
	while (t < tend && !is_sep(d[t]))
		t++;
	/* "<!-- dtw-2026 draft -->" is a note, not a misspelt directive. */
	for (i = kw + 4; i < t; i++)
		if (!((d[i] >= 'a' && d[i] <= 'z') || (d[i] >= 'A' && d[i] <= 'Z') ||
		      d[i] == '-'))
			return 0;
	if (t == kw + 4)
		return 0;

	ALLOC_GROW(st->dirs, st->ndirs + 1, st->adirs);
	dir = &st->dirs[st->ndirs];
	memset(dir, 0, sizeof(*dir));
	dir->kind = keyword_kind(d + kw, t - kw);
	dir->start = start;
	dir->end = end;
	dir->kw = kw;
	dir->kwlen = t - kw;
	dir->line = dtw_source_line_of(st->src, start);
	dir->target = dtw_source_line_of(st->src, end - 1) + 1;
	dir->id0 = st->nids;
	for (;;) {
		size_t id;
		while (t < tend && is_sep(d[t]))
			t++;
		if (t == tend)
			break;
		id = t;
		while (t < tend && !is_sep(d[t]))
			t++;
		ALLOC_GROW(st->ids, st->nids + 1, st->aids);
		memset(&st->ids[st->nids], 0, sizeof(st->ids[0]));
		st->ids[st->nids].off = id;
		st->ids[st->nids].len = t - id;
		st->nids++;
	}
	dir->nids = st->nids - dir->id0;
	st->ndirs++;
	return 1;
}

/* Reads the directives among the comments, each "<!--" to "-->". */
static void scan(struct state *st, const struct dtw_span *comments, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		const struct dtw_span *c = &comments[i];
		if (c->end >= c->start + 7 && c->end <= st->src->len)
			parse_directive(st, c->start, c->start + 4, c->end - 3, c->end);
	}
}

/* Whether id names `rule`: the rule itself, or a family above it. */
static int id_names(const char *data, const struct sid *id, const char *rule)
{
	size_t rl = strlen(rule);
	return id->len <= rl && !memcmp(rule, data + id->off, id->len) &&
	       (rl == id->len || rule[id->len] == '/');
}

/* Whether directive dir applies to rule. */
static int applies(const struct state *st, const struct directive *dir,
		   const char *rule)
{
	size_t i;
	if (!dir->nids)
		return 1;
	for (i = dir->id0; i < dir->id0 + dir->nids; i++)
		if (!st->ids[i].unknown && id_names(st->src->data, &st->ids[i], rule))
			return 1;
	return 0;
}

/* Records that dir suppressed a finding of rule: the directive, and each of
 * its ids that names the rule. */
static void mark(struct state *st, struct directive *dir, const char *rule)
{
	size_t i;
	dir->used = 1;
	for (i = dir->id0; i < dir->id0 + dir->nids; i++)
		if (!st->ids[i].unknown && id_names(st->src->data, &st->ids[i], rule))
			st->ids[i].used = 1;
}

/* Appends s[0..len) for a message, cut short when long (at a code point,
 * so the cut adds no invalid byte). The writer escapes it on the way out. */
static void add_text(struct strbuf *sb, const char *s, size_t len)
{
	if (len > 64) {
		size_t n = 60;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		strbuf_add(sb, s, n);
		strbuf_addstr(sb, "...");
	} else {
		strbuf_add(sb, s, len);
	}
}

static void report(struct dtw_sink *sink, enum dtw_severity sev, size_t start,
		   size_t end, struct strbuf *sb)
{
	dtw_sink_add(sink, DTW_SUPPRESS_RULE, sev, 0, 0, start, end,
		     strbuf_detach(sb, NULL), NULL);
}

/* Marks the ids no rule answers to: they suppress nothing, and are
 * reported as unknown rather than as unused. */
static void mark_unknown(struct state *st, int (*known)(const char *id))
{
	struct strbuf name = STRBUF_INIT;
	size_t i;

	if (!known)
		return;
	for (i = 0; i < st->nids; i++) {
		struct sid *id = &st->ids[i];
		strbuf_reset(&name);
		strbuf_add(&name, st->src->data + id->off, id->len);
		if (strlen(name.buf) != id->len || !known(name.buf))
			id->unknown = 1;
	}
	strbuf_release(&name);
}

static void report_unknown_ids(struct state *st, struct dtw_sink *sink,
			       int (*known)(const char *id), const char *(*near)(const char *id),
			       enum dtw_severity sev)
{
	struct strbuf name = STRBUF_INIT, sb = STRBUF_INIT;
	size_t i, k;

	for (i = 0; i < st->ndirs; i++) {
		struct directive *dir = &st->dirs[i];
		if (dir->kind == K_UNKNOWN)
			continue;
		for (k = dir->id0; k < dir->id0 + dir->nids; k++) {
			struct sid *id = &st->ids[k];
			const char *text = st->src->data + id->off;
			size_t j;
			if (!id->unknown)
				continue;
			strbuf_reset(&name);
			strbuf_add(&name, text, id->len);
			strbuf_addstr(&sb, "unknown rule \"");
			add_text(&sb, text, id->len);
			strbuf_addf(&sb, "\" in %s", keywords[dir->kind]);
			/* "Whitespace" or "section_order": the near miss is
			 * cheap to find without a list of rules. */
			for (j = 0; j < name.len; j++) {
				char c = name.buf[j];
				if (c >= 'A' && c <= 'Z')
					name.buf[j] = (char)(c - 'A' + 'a');
				else if (c == '_')
					name.buf[j] = '-';
			}
			if (strlen(name.buf) == name.len && known(name.buf))
				strbuf_addf(&sb, "; did you mean \"%s\"?", name.buf);
			else if (strlen(name.buf) == name.len && near && near(name.buf))
				strbuf_addf(&sb, "; did you mean \"%s\"?", near(name.buf));
			else
				strbuf_addstr(&sb, "; `dtw rules` lists the rule ids");
			report(sink, sev, id->off, id->off + id->len, &sb);
		}
	}
	strbuf_release(&name);
	strbuf_release(&sb);
}

static void report_unknown_directive(struct dtw_sink *sink, const char *data,
				     const struct directive *dir, enum dtw_severity sev)
{
	struct strbuf sb = STRBUF_INIT;
	/* All four are named: the nearest by spelling misleads ("disable-line"
	 * is one letter from "disable-file", which silences the whole file). */
	strbuf_addstr(&sb, "unknown suppression comment \"");
	add_text(&sb, data + dir->kw, dir->kwlen);
	strbuf_addstr(&sb, "\"; use dtw-disable, dtw-enable, dtw-disable-next-line or dtw-disable-file");
	report(sink, sev, dir->kw, dir->kw + dir->kwlen, &sb);
}

static void report_unused_dirs(struct state *st, struct dtw_sink *sink,
			       enum dtw_severity sev)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i, k;

	for (i = 0; i < st->ndirs; i++) {
		const struct directive *dir = &st->dirs[i];
		if (dir->kind == K_ENABLE || dir->kind == K_UNKNOWN)
			continue;
		if (!dir->nids) {
			if (dir->used)
				continue;
			strbuf_addf(&sb, "%s suppresses nothing", keywords[dir->kind]);
			report(sink, sev, dir->start, dir->end, &sb);
			continue;
		}
		for (k = dir->id0; k < dir->id0 + dir->nids; k++) {
			const struct sid *id = &st->ids[k];
			if (id->used || id->unknown)
				continue;
			strbuf_addf(&sb, "%s \"", keywords[dir->kind]);
			add_text(&sb, st->src->data + id->off, id->len);
			strbuf_addstr(&sb, "\" suppresses nothing");
			report(sink, sev, id->off, id->off + id->len, &sb);
		}
	}
	strbuf_release(&sb);
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/* A finding as the filter sees it. */
struct fref {
	const char *rule;
	size_t line;
	size_t idx;         /* in sink->diags */
};

static int cmp_fref(const void *a, const void *b)
{
	const struct fref *x = a, *y = b;
	int r = strcmp(x->rule, y->rule);
	if (r)
		return r;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The directives that apply to one rule, each kind in source order (so
 * next-line targets and stretch lines ascend). */
struct view {
	size_t *nl, nnl, anl;   /* dtw-disable-next-line */
	size_t *rg, nrg, arg;   /* dtw-disable, dtw-enable */
	size_t *fl, nfl, afl;   /* dtw-disable-file */
};

static void build_view(struct view *v, const struct state *st, const char *rule)
{
	size_t i;
	v->nnl = v->nrg = v->nfl = 0;
	for (i = 0; i < st->ndirs; i++) {
		const struct directive *dir = &st->dirs[i];
		if (dir->kind == K_UNKNOWN || !applies(st, dir, rule))
			continue;
		switch (dir->kind) {
		case K_NEXT_LINE:
			ALLOC_GROW(v->nl, v->nnl + 1, v->anl);
			v->nl[v->nnl++] = i;
			break;
		case K_DISABLE:
		case K_ENABLE:
			ALLOC_GROW(v->rg, v->nrg + 1, v->arg);
			v->rg[v->nrg++] = i;
			break;
		case K_FILE:
			ALLOC_GROW(v->fl, v->nfl + 1, v->afl);
			v->fl[v->nfl++] = i;
			break;
		case K_UNKNOWN:
			break;
		}
	}
}

/* Decides, rule by rule, which findings are suppressed (drop[idx] = 1).
 * Each rule's findings are visited in line order against that rule's own
 * directives, by binary search: no finding walks past directives about
 * other rules, and each directive is marked used once per rule. */
static void decide(struct state *st, const struct fref *f, size_t n, char *drop)
{
	struct view v;
	size_t i, j, k, stamp = 0;
	size_t *marked_for = xcalloc(st->ndirs + 1, sizeof(*marked_for));

	memset(&v, 0, sizeof(v));
	for (i = 0; i < n; i = j) {
		const char *rule = f[i].rule;
		size_t prev_line = (size_t)-1;
		int prev_next = 0, file_marked = 0;

		for (j = i; j < n && !strcmp(f[j].rule, rule); j++)
			;
		stamp++;
		build_view(&v, st, rule);
		if (!v.nnl && !v.nrg && !v.nfl)
			continue;
		for (k = i; k < j; k++) {
			size_t L = f[k].line, lo, hi;
			int supp = 0;

			/* dtw-disable-next-line aimed at this line. */
			if (L == prev_line) {
				supp = prev_next;
			} else {
				lo = 0;
				hi = v.nnl;
				while (lo < hi) {
					size_t mid = lo + (hi - lo) / 2;
					if (st->dirs[v.nl[mid]].target < L)
						lo = mid + 1;
					else
						hi = mid;
				}
				for (; lo < v.nnl && st->dirs[v.nl[lo]].target == L; lo++) {
					supp = 1;
					if (marked_for[v.nl[lo]] != stamp) {
						marked_for[v.nl[lo]] = stamp;
						mark(st, &st->dirs[v.nl[lo]], rule);
					}
				}
				prev_line = L;
				prev_next = supp;
			}

			/* The last dtw-disable or dtw-enable on or before it. */
			lo = 0;
			hi = v.nrg;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;
				if (st->dirs[v.rg[mid]].line <= L)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo > 0) {
				size_t d = v.rg[lo - 1];
				if (st->dirs[d].kind == K_DISABLE) {
					supp = 1;
					if (marked_for[d] != stamp) {
						marked_for[d] = stamp;
						mark(st, &st->dirs[d], rule);
					}
				}
			} else if (v.nfl) {
				/* None: the state the file starts in. */
				supp = 1;
				if (!file_marked) {
					size_t m;
					for (m = 0; m < v.nfl; m++)
						mark(st, &st->dirs[v.fl[m]], rule);
					file_marked = 1;
				}
			}
			if (supp)
				drop[f[k].idx] = 1;
		}
	}
	free(v.nl);
	free(v.rg);
	free(v.fl);
	free(marked_for);
}

/* Removes the suppressed findings, and the echoes that a suppressed
 * root-cause finding explains. */
static void filter(struct state *st, struct dtw_sink *sink)
{
	struct fref *f = xmalloc(st_mult(sink->n + 1, sizeof(*f)));
	size_t *line = xmalloc(st_mult(sink->n + 1, sizeof(*line)));
	char *drop = xcalloc(sink->n + 1, 1);
	size_t *roots = NULL, nroots = 0, aroots = 0;
	size_t i, out;

	for (i = 0; i < sink->n; i++) {
		const struct dtw_diag *d = &sink->diags[i];
		line[i] = dtw_source_line_of(st->src, d->start < st->src->len ? d->start : st->src->len);
		f[i].rule = d->rule;
		f[i].line = line[i];
		f[i].idx = i;
	}
	if (sink->n > 1)
		qsort(f, sink->n, sizeof(*f), cmp_fref);
	decide(st, f, sink->n, drop);

	for (i = 0; i < sink->n; i++) {
		if (drop[i] && sink->diags[i].root_cause) {
			ALLOC_GROW(roots, nroots + 1, aroots);
			roots[nroots++] = line[i];
		}
	}
	if (nroots > 1)
		qsort(roots, nroots, sizeof(*roots), cmp_size);
	for (i = 0, out = 0; i < sink->n; i++) {
		struct dtw_diag *d = &sink->diags[i];
		if (!drop[i] && nroots && d->echo && !d->root_cause &&
		    bsearch(&line[i], roots, nroots, sizeof(*roots), cmp_size))
			drop[i] = 1;
		if (drop[i]) {
			free(d->message);
			free(d->fix);
			continue;
		}
		sink->diags[out++] = *d;
	}
	sink->n = out;
	free(roots);
	free(drop);
	free(line);
	free(f);
}

void dtw_suppress(struct dtw_sink *sink, const struct dtw_source *src,
		  const struct dtw_span *comments, size_t ncomments,
		  int (*known)(const char *id), const char *(*near)(const char *id),
		  enum dtw_severity sev, int report_unused)
{
	struct state st;
	size_t i;

	if (!ncomments || (!sink->n && sev == DTW_SEV_OFF))
		return;
	memset(&st, 0, sizeof(st));
	st.src = src;
	scan(&st, comments, ncomments);
	if (!st.ndirs)
		return;

	mark_unknown(&st, known);
	if (sink->n)
		filter(&st, sink);
	/* Appended after filtering: no comment can silence these. */
	if (sev != DTW_SEV_OFF) {
		report_unknown_ids(&st, sink, known, near, sev);
		for (i = 0; i < st.ndirs; i++)
			if (st.dirs[i].kind == K_UNKNOWN)
				report_unknown_directive(sink, src->data, &st.dirs[i], sev);
		if (report_unused)
			report_unused_dirs(&st, sink, sev);
	}
	free(st.dirs);
	free(st.ids);
}
