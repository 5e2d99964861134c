/* Diagnostics stage: collects findings for one document, positions them in
 * the original file, sorts them and removes echoes, so that one fault is
 * reported once. */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "source/source.h"
#include "base/banned.h"

const char *dtw_severity_name(enum dtw_severity s)
{
	switch (s) {
	case DTW_SEV_ERROR: return "error";
	case DTW_SEV_WARNING: return "warning";
	case DTW_SEV_OFF: return "off";
	}
	return "?";
}

int dtw_severity_parse(enum dtw_severity *out, const char *s)
{
	if (!strcmp(s, "error"))
		*out = DTW_SEV_ERROR;
	else if (!strcmp(s, "warning"))
		*out = DTW_SEV_WARNING;
	else if (!strcmp(s, "off"))
		*out = DTW_SEV_OFF;
	else
		return -1;
	return 0;
}

void dtw_sink_init(struct dtw_sink *sink, const struct dtw_source *src)
{
	memset(sink, 0, sizeof(*sink));
	sink->src = src;
}

void dtw_sink_add(struct dtw_sink *sink, const char *rule,
		  enum dtw_severity sev, int root_cause, int echo, size_t start,
		  size_t end, char *message, char *fix)
{
	struct dtw_diag *d;
	if (sev == DTW_SEV_OFF) {
		free(message);
		free(fix);
		return;
	}
	ALLOC_GROW(sink->diags, sink->n + 1, sink->alloc);
	d = &sink->diags[sink->n++];
	memset(d, 0, sizeof(*d));
	d->rule = rule;
	d->severity = sev;
	d->root_cause = root_cause ? 1 : 0;
	d->echo = echo ? 1 : 0;
	/* A range past the text (a position another parser counted, as
	 * libyaml counts a lone CR as a line end) is held to the text; its
	 * fix, made for other bytes, is dropped. */
	if (sink->src && (end > sink->src->len || start > sink->src->len)) {
		if (start > sink->src->len)
			start = sink->src->len;
		end = sink->src->len;
		free(fix);
		fix = NULL;
	}
	d->start = start;
	d->end = end < start ? start : end;
	d->message = message;
	d->fix = fix;
}

static int cmp_diag(const void *pa, const void *pb)
{
	const struct dtw_diag *a = pa, *b = pb;
	int r;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	r = strcmp(a->rule, b->rule);
	if (r)
		return r;
	return strcmp(a->message, b->message);
}

/* The root-cause rules seen on one line, each with the furthest end of
 * its findings so far. There are two such rules; more share the last. */
struct root_reach {
	const char *rule;
	size_t before;  /* furthest end of those starting before this column */
	size_t here;    /* furthest end of those starting at this column */
};

static struct root_reach *reach_of(struct root_reach *r, size_t *nr,
				   const char *rule)
{
	size_t i;
	for (i = 0; i < *nr; i++)
		if (!strcmp(r[i].rule, rule))
			return &r[i];
	if (*nr < 4)
		(*nr)++;
	r[*nr - 1] = (struct root_reach){ rule, 0, 0 };
	return &r[*nr - 1];
}

/* Within one line's findings (sorted by column), marks a root-cause
 * finding that lies inside a wider one of another rule: the control
 * character U+009D inside the mis-encoded "â€\u009D" is part of the
 * mojibake, whose fix repairs both. One pass, by column. */
static void mark_covered_roots(struct dtw_diag *d, size_t n)
{
	struct root_reach r[4];
	size_t nr = 0, i = 0, k, m;

	while (i < n) {
		size_t j = i;
		while (j < n && d[j].col == d[i].col)
			j++;
		for (k = 0; k < nr; k++) {
			if (r[k].here > r[k].before)
				r[k].before = r[k].here;
			r[k].here = 0;
		}
		for (k = i; k < j; k++) {
			if (d[k].root_cause) {
				struct root_reach *x = reach_of(r, &nr, d[k].rule);
				if (d[k].end > x->here)
					x->here = d[k].end;
			}
		}
		for (k = i; k < j; k++) {
			if (!d[k].root_cause)
				continue;
			for (m = 0; m < nr; m++) {
				if (!strcmp(r[m].rule, d[k].rule))
					continue;
				if (r[m].before >= d[k].end || r[m].here > d[k].end)
					d[k].covered = 1;
			}
		}
		i = j;
	}
}

void dtw_sink_finish(struct dtw_sink *sink)
{
	size_t i, j, out;
	struct dtw_pos_req *reqs = xmalloc((2 * sink->n + 1) * sizeof(*reqs));

	for (i = 0; i < sink->n; i++) {
		struct dtw_diag *d = &sink->diags[i];
		reqs[2 * i] = (struct dtw_pos_req){ d->start, &d->line, &d->col };
		reqs[2 * i + 1] = (struct dtw_pos_req){ d->end, &d->end_line, &d->end_col };
	}
	dtw_source_positions(sink->src, reqs, 2 * sink->n);
	free(reqs);
	if (sink->n > 1)
		qsort(sink->diags, sink->n, sizeof(*sink->diags), cmp_diag);

	/* Within one line, a root-cause finding (bad bytes, mojibake)
	 * explains the findings that read that line's text. Identical
	 * findings of one rule at one place are collapsed too. */
	for (i = 0, out = 0; i < sink->n; i = j) {
		int has_root = 0;
		const char *root_rule = NULL;
		size_t k;
		for (j = i; j < sink->n && sink->diags[j].line == sink->diags[i].line; j++) {
			if (sink->diags[j].root_cause && !has_root) {
				has_root = 1;
				root_rule = sink->diags[j].rule;
			}
		}
		if (has_root)
			mark_covered_roots(sink->diags + i, j - i);
		for (k = i; k < j; k++) {
			struct dtw_diag *d = &sink->diags[k];
			int drop = has_root && d->echo && !d->root_cause &&
				   strcmp(d->rule, root_rule);
			if (d->covered) {
				d->covered = 0;
				drop = 1;
			}
			if (!drop && out > 0) {
				/* out <= k: p is a finding kept, never one
				 * freed below, which the analyzer cannot tell. */
				struct dtw_diag *p = &sink->diags[out - 1];
				drop = p->line == d->line && p->col == d->col &&
				       !strcmp(p->rule, d->rule) &&
				       !strcmp(p->message, d->message); /* NOLINT(clang-analyzer-unix.Malloc) */
			}
			if (drop) {
				free(d->message);
				free(d->fix);
				continue;
			}
			sink->diags[out++] = *d;
		}
	}
	sink->n = out;
}

void dtw_sink_release(struct dtw_sink *sink)
{
	size_t i;
	for (i = 0; i < sink->n; i++) {
		free(sink->diags[i].message);
		free(sink->diags[i].fix);
	}
	free(sink->diags);
	sink->diags = NULL;
	sink->n = sink->alloc = 0;
}

/* A finding's identity for --new-since: its rule and its message with
 * every run of digits taken as one digit (a line number or a count in a
 * message does not make a finding new). */
static char *known_key(const struct dtw_diag *d)
{
	struct strbuf sb = STRBUF_INIT;
	const char *m = d->message;
	strbuf_addstr(&sb, d->rule);
	strbuf_addch(&sb, '\n');
	while (*m) {
		if (*m >= '0' && *m <= '9') {
			strbuf_addch(&sb, '0');
			while (*m >= '0' && *m <= '9')
				m++;
			continue;
		}
		strbuf_addch(&sb, *m++);
	}
	return strbuf_detach(&sb, NULL);
}

struct known {
	char *key;
	size_t at;
};

static int cmp_known(const void *pa, const void *pb)
{
	const struct known *a = pa, *b = pb;
	int r = strcmp(a->key, b->key);
	return r ? r : (a->at < b->at ? -1 : a->at > b->at);
}

/* Each finding of now is known when an unmatched one of before has its
 * identity; the first such (in before's order) is matched. Sorted by
 * identity with one cursor a group, so n log n whatever the counts. */
/* The key of a finding with the text of its line: a finding on a line
 * written the same way before and now is the same finding. */
static char *line_key(const struct dtw_sink *sink, const struct dtw_diag *d)
{
	struct strbuf sb = STRBUF_INIT;
	char *k = known_key(d);
	strbuf_addstr(&sb, k);
	free(k);
	strbuf_addch(&sb, '\n');
	if (sink->src && d->line >= 1 && d->line <= sink->src->nlines) {
		size_t ls = dtw_source_line_start(sink->src, d->line);
		size_t le = dtw_source_line_end(sink->src, d->line);
		strbuf_add(&sb, sink->src->data + ls, le - ls);
	}
	return strbuf_detach(&sb, NULL);
}

/* Matches each finding of now[] (not yet matched) with an unused one of
 * before[] of the same key, in order: marks both. Sorting and bisection,
 * O((n + m) log m). */
static void match_keys(char **nowk, unsigned char *now_done, size_t n,
		       char **bk, unsigned char *b_done, size_t m)
{
	struct known *v = xmalloc((m + 1) * sizeof(*v));
	size_t *cur = xcalloc(m + 1, sizeof(*cur));
	size_t i, nv = 0;

	for (i = 0; i < m; i++) {
		if (b_done[i])
			continue;
		v[nv].key = bk[i];
		v[nv++].at = i;
	}
	if (nv > 1)
		qsort(v, nv, sizeof(*v), cmp_known);
	for (i = 0; i < n; i++) {
		size_t lo = 0, hi = nv;
		if (now_done[i])
			continue;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(v[mid].key, nowk[i]) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		/* cur[lo] counts the group's entries already matched. */
		if (lo < nv && lo + cur[lo] < nv && !strcmp(v[lo + cur[lo]].key, nowk[i])) {
			b_done[v[lo + cur[lo]].at] = 1;
			cur[lo]++;
			now_done[i] = 1;
		}
	}
	free(v);
	free(cur);
}

void dtw_sink_drop_known(struct dtw_sink *now, const struct dtw_sink *before)
{
	size_t n = now->n, m = before->n, i, out = 0;
	char **nk = xmalloc((n + 1) * sizeof(*nk)), **bk = xmalloc((m + 1) * sizeof(*bk));
	unsigned char *nd = xcalloc(n + 1, 1), *bd = xcalloc(m + 1, 1);

	/* First a finding whose line reads as it did (the TODO that was
	 * there), then any of the same rule and message: so a second TODO
	 * added elsewhere is the new one, on its own line. */
	for (i = 0; i < n; i++)
		nk[i] = line_key(now, &now->diags[i]);
	for (i = 0; i < m; i++)
		bk[i] = line_key(before, &before->diags[i]);
	match_keys(nk, nd, n, bk, bd, m);
	for (i = 0; i < n; i++) {
		free(nk[i]);
		nk[i] = known_key(&now->diags[i]);
	}
	for (i = 0; i < m; i++) {
		free(bk[i]);
		bk[i] = known_key(&before->diags[i]);
	}
	match_keys(nk, nd, n, bk, bd, m);
	for (i = 0; i < n; i++) {
		struct dtw_diag *d = &now->diags[i];
		free(nk[i]);
		if (nd[i]) {
			free(d->message);
			free(d->fix);
			continue;
		}
		now->diags[out++] = *d;
	}
	now->n = out;
	for (i = 0; i < m; i++)
		free(bk[i]);
	free(nk);
	free(bk);
	free(nd);
	free(bd);
}
