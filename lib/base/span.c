/* Sorted spans: found by binary search, merged once after building. */
#include "span.h"

#include <stdlib.h>

#include "base/banned.h"

size_t dtw_span_last_from(const struct dtw_span *v, size_t n, size_t at)
{
	size_t lo = 0, hi = n;
	/* the first span that starts after `at`, then the one before it */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].start <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? lo - 1 : n;
}

size_t dtw_span_find(const struct dtw_span *v, size_t n, size_t at)
{
	size_t i = dtw_span_last_from(v, n, at);
	return i < n && at < v[i].end ? i : n;
}

static int cmp_span(const void *a, const void *b)
{
	const struct dtw_span *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

size_t dtw_span_normalize(struct dtw_span *v, size_t n)
{
	size_t i, out = 0;
	/* Spans are mostly recorded in source order: sort only if not. */
	for (i = 1; i < n && cmp_span(&v[i - 1], &v[i]) <= 0; i++)
		;
	if (i < n)
		qsort(v, n, sizeof(*v), cmp_span);
	for (i = 0; i < n; i++) {
		if (v[i].end <= v[i].start)
			continue;
		if (out && v[i].start <= v[out - 1].end) {
			if (v[i].end > v[out - 1].end)
				v[out - 1].end = v[i].end;
			continue;
		}
		v[out++] = v[i];
	}
	return out;
}
