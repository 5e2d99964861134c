/* Base: object ids and their hex form (oid.h). */
#include "base/oid.h"

#include <string.h>

#include "base/banned.h"

char *dtw_oid_hex(char out[DTW_OID_HEXSZ + 1], const struct dtw_oid *oid)
{
	static const char dig[] = "0123456789abcdef";
	size_t i;
	for (i = 0; i < DTW_OID_RAWSZ; i++) {
		out[2 * i] = dig[oid->id[i] >> 4];
		out[2 * i + 1] = dig[oid->id[i] & 15];
	}
	out[DTW_OID_HEXSZ] = '\0';
	return out;
}

static int nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int dtw_oid_from_hex(struct dtw_oid *out, const char *hex, size_t n)
{
	struct dtw_oid id;
	size_t i;
	if (n != DTW_OID_HEXSZ)
		return -1;
	for (i = 0; i < DTW_OID_RAWSZ; i++) {
		int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		id.id[i] = (unsigned char)(hi << 4 | lo);
	}
	*out = id;
	return 0;
}

int dtw_oid_equal(const struct dtw_oid *a, const struct dtw_oid *b)
{
	return !memcmp(a->id, b->id, DTW_OID_RAWSZ);
}

int dtw_oid_is_zero(const struct dtw_oid *oid)
{
	static const struct dtw_oid zero;
	return dtw_oid_equal(oid, &zero);
}
