/* Byte spans of a source, [start, end), as the model records them: code
 * spans, comments, the text that is not prose. */
#ifndef DTW_SPAN_H
#define DTW_SPAN_H

#include <stddef.h>

struct dtw_span {
	size_t start, end;
};

/* The index of the last span of v[0..n) (sorted by start) that starts at
 * or before `at`, or n when none does. O(log n). */
size_t dtw_span_last_from(const struct dtw_span *v, size_t n, size_t at);
/* The index of the span of v[0..n) that holds offset `at` (start <= at <
 * end), or n when none does. v is sorted by start and its spans do not
 * overlap (dtw_span_normalize makes them so). O(log n). */
size_t dtw_span_find(const struct dtw_span *v, size_t n, size_t at);
/* Sorts v[0..n) by start and merges the spans that overlap or touch;
 * empty spans go. Returns the new count. O(n log n). */
size_t dtw_span_normalize(struct dtw_span *v, size_t n);

#endif
