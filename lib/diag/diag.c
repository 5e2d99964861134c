/* Diagnostics stage: collects findings for one document, positions them in
 * the original file, sorts them and removes echoes, so that one fault is
 * reported once. */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

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
		for (k = i; k < j; k++) {
			struct dtw_diag *d = &sink->diags[k];
			int drop = has_root && d->echo && !d->root_cause &&
				   strcmp(d->rule, root_rule);
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

/* Compares messages with every run of digits taken as equal: a line
 * number or a count in a message does not make a finding new. */
static int same_message(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			while (*a >= '0' && *a <= '9')
				a++;
			while (*b >= '0' && *b <= '9')
				b++;
			continue;
		}
		if (*a != *b)
			return 0;
		a++;
		b++;
	}
	return *a == *b;
}

void dtw_sink_drop_known(struct dtw_sink *now, const struct dtw_sink *before)
{
	char *used = xcalloc(before->n + 1, 1);
	size_t i, j, out = 0;
	for (i = 0; i < now->n; i++) {
		struct dtw_diag *d = &now->diags[i];
		int known = 0;
		for (j = 0; j < before->n && !known; j++) {
			const struct dtw_diag *b = &before->diags[j];
			if (!used[j] && !strcmp(b->rule, d->rule) &&
			    same_message(b->message, d->message)) {
				used[j] = 1;
				known = 1;
			}
		}
		if (known) {
			free(d->message);
			free(d->fix);
			continue;
		}
		now->diags[out++] = *d;
	}
	now->n = out;
	free(used);
}
