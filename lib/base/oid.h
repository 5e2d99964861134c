/* Object ids: git's SHA-1 names of blobs, commits and tags, as one type
 * with its hex form, instead of bare 20-byte arrays. */
#ifndef DTW_OID_H
#define DTW_OID_H

#include <stddef.h>

#define DTW_OID_RAWSZ 20
#define DTW_OID_HEXSZ 40

struct dtw_oid {
	unsigned char id[DTW_OID_RAWSZ];
};

/* Writes the 40 lower-case hex digits and a NUL into `out`; returns out. */
char *dtw_oid_hex(char out[DTW_OID_HEXSZ + 1], const struct dtw_oid *oid);
/* Reads exactly DTW_OID_HEXSZ hex digits (either case) of hex[0..n):
 * 0, or -1 (nothing set) when they are not that. */
int dtw_oid_from_hex(struct dtw_oid *out, const char *hex, size_t n);
int dtw_oid_equal(const struct dtw_oid *a, const struct dtw_oid *b);
/* Whether every byte is 0 (no object). */
int dtw_oid_is_zero(const struct dtw_oid *oid);

#endif
