/* Base: comparisons and counts over byte strings. */
#include "strutil.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "xalloc.h"
#include "banned.h"

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

size_t dtw_edit_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t *row, i, j, r;
	if (alen > 256)
		alen = 256;
	if (blen > 256)
		blen = 256;
	row = xmalloc((blen + 1) * sizeof(*row));
	for (j = 0; j <= blen; j++)
		row[j] = j;
	for (i = 1; i <= alen; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (j = 1; j <= blen; j++) {
			size_t cur = row[j];
			size_t cost = lower((unsigned char)a[i - 1]) !=
				      lower((unsigned char)b[j - 1]);
			size_t best = prev + cost;
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	r = row[blen];
	free(row);
	return r;
}

long dtw_nearest(const char *s, const char *const *cands, size_t n)
{
	long best = -1;
	size_t bestd = (size_t)-1, i;
	for (i = 0; i < n; i++) {
		size_t d = dtw_edit_distance(s, strlen(s), cands[i],
					     strlen(cands[i]));
		if (d < bestd) {
			bestd = d;
			best = (long)i;
		}
	}
	return best;
}

long dtw_suggest(const char *s, const char *const *cands, size_t n)
{
	long near = dtw_nearest(s, cands, n);
	size_t len = strlen(s);
	if (near < 0 || dtw_edit_distance(s, len, cands[near], strlen(cands[near])) > 2 + len / 4)
		return -1;
	return near;
}

int dtw_eq_nocase(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i;
	if (alen != blen)
		return 0;
	for (i = 0; i < alen; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
	return 1;
}

int dtw_starts_nocase(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return n <= len && dtw_eq_nocase(s, n, prefix, n);
}

void dtw_trim(const char **s, size_t *len)
{
	while (*len && isspace((unsigned char)**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len && isspace((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

static const unsigned char is_space[256] = {
	[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1,
};

size_t dtw_count_words(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0, i = 0;
	unsigned prev = 1;   /* the text starts after a space */
#if defined(__SSE2__)
	/* Sixteen bytes at a time (SSE2 is in every x86-64): the model
	 * counts the words of every item and the intro. */
	const __m128i blank = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'),
		      four = _mm_set1_epi8(4);
	for (; i + 16 <= len; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		__m128i d = _mm_sub_epi8(v, tab);   /* \t \n \v \f \r: 0 to 4 */
		__m128i ws = _mm_or_si128(_mm_cmpeq_epi8(v, blank),
					  _mm_cmpeq_epi8(_mm_min_epu8(d, four), d));
		unsigned m = (unsigned)_mm_movemask_epi8(ws); /* bit k: byte k is a space */
		n += (size_t)__builtin_popcount(~m & ((m << 1) | prev) & 0xFFFFu);
		prev = (m >> 15) & 1u;
	}
#endif
	/* A word starts wherever a space is followed by a non-space. */
	for (; i < len; i++) {
		unsigned sp = is_space[p[i]];
		n += prev & (sp ^ 1);
		prev = sp;
	}
	return n;
}

unsigned long long dtw_hash64(const void *p, size_t n)
{
	const unsigned char *b = p;
	unsigned long long h = 0xcbf29ce484222325ULL;
	size_t i;
	for (i = 0; i < n; i++) {
		h ^= b[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}
