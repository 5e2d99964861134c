/* Small string helpers shared by the schema loader, the model and rules. */
#ifndef DTW_STRUTIL_H
#define DTW_STRUTIL_H

#include <stddef.h>

/* Edit distance between a[0..alen) and b[0..blen), ASCII letters compared
 * without case; other bytes compared as they are. */
size_t dtw_edit_distance(const char *a, size_t alen, const char *b, size_t blen);
/* Index of the candidate nearest to s (by edit distance), or -1 if none. */
long dtw_nearest(const char *s, const char *const *cands, size_t n);
/* The one rule for "did you mean": the nearest candidate when it is
 * within 2 + len(s)/4 edits (a slip, not another word), else -1. */
long dtw_suggest(const char *s, const char *const *cands, size_t n);
/* The optimal string alignment distance of a[0, alen) and b[0, blen) —
 * a byte inserted, dropped or changed, or two next to each other swapped,
 * ASCII case ignored — when it is at most max; else max + 1. */
size_t dtw_osa_within(const char *a, size_t alen, const char *b, size_t blen, size_t max);
/* Compares ignoring ASCII case. Returns 1 when equal. */
int dtw_eq_nocase(const char *a, size_t alen, const char *b, size_t blen);
/* Trims ASCII white space from both ends of [*s, *s + *len). */
void dtw_trim(const char **s, size_t *len);
/* Words (runs of non-space) in s[0..len). */
size_t dtw_count_words(const char *s, size_t len);
/* Whether s[0..len) starts with prefix, ignoring ASCII case. */
int dtw_starts_nocase(const char *s, size_t len, const char *prefix);
/* A 64-bit FNV-1a hash of p[0..n): a fingerprint, not a defence. */
unsigned long long dtw_hash64(const void *p, size_t n);

#endif
