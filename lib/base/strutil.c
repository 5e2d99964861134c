/* Base: comparisons and counts over byte strings. */
#include "strutil.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "utf8.h"
#include "xalloc.h"
#include "banned.h"

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Myers' bit-parallel algorithm, blocked as Hyyro describes: a column of
 * the distance table is kept as two bit vectors (where the value goes up
 * or down by one from the row above), and one text byte advances the
 * column in a few word operations per 64 rows, instead of a loop over
 * every row. Information flows from low rows to high ones only, so the
 * bits of the last word above the pattern's end are never read. */
#define ED_MAX 256
#define ED_WORDS (ED_MAX / 64)

size_t dtw_edit_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	uint64_t peq[256][ED_WORDS], pv[ED_WORDS], mv[ED_WORDS];
	uint64_t seen[4] = { 0, 0, 0, 0 }; /* which bytes the pattern has */
	size_t i, j, k, nw, score, top;

	if (alen > ED_MAX)
		alen = ED_MAX;
	if (blen > ED_MAX)
		blen = ED_MAX;
	if (!alen)
		return blen;
	nw = (alen + 63) / 64;
	top = (alen - 1) % 64;
	/* Only the rows of bytes the pattern has are set up; seen says
	 * which the others are (read as no match). */
	for (i = 0; i < alen; i++) {
		unsigned char c = (unsigned char)lower((unsigned char)a[i]);
		if (!(seen[c / 64] >> (c % 64) & 1)) {
			seen[c / 64] |= (uint64_t)1 << (c % 64);
			memset(peq[c], 0, sizeof(peq[0]));
		}
		peq[c][i / 64] |= (uint64_t)1 << (i % 64);
	}
	for (k = 0; k < nw; k++) {
		pv[k] = ~(uint64_t)0;
		mv[k] = 0;
	}
	score = alen;
	for (j = 0; j < blen; j++) {
		unsigned char c = (unsigned char)lower((unsigned char)b[j]);
		int in_used = (int)(seen[c / 64] >> (c % 64) & 1), hin = 1; /* row 0 grows by one a column */
		for (k = 0; k < nw; k++) {
			uint64_t eq = in_used ? peq[c][k] : 0, xv, xh, ph, mh;
			uint64_t neg = hin < 0;
			int hout;
			xv = eq | mv[k];
			eq |= neg;
			xh = (((eq & pv[k]) + pv[k]) ^ pv[k]) | eq;
			ph = mv[k] | ~(xh | pv[k]);
			mh = pv[k] & xh;
			if (k + 1 < nw)
				hout = (int)(ph >> 63) - (int)(mh >> 63);
			else
				hout = (int)((ph >> top) & 1) - (int)((mh >> top) & 1);
			ph <<= 1;
			mh <<= 1;
			mh |= neg;
			ph |= (uint64_t)(hin > 0);
			pv[k] = mh | ~(xv | ph);
			mv[k] = ph & xv;
			hin = hout;
		}
		score = (size_t)((long)score + hin);
	}
	return score;
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

/* Three rows of b's length; on the stack for a title, cut short once a
 * row is all over max. */
size_t dtw_osa_within(const char *a, size_t alen, const char *b, size_t blen, size_t max)
{
	size_t rows[3 * 129], *base = NULL, *r0, *r1, *r2, i, j, d;
	if ((alen > blen ? alen - blen : blen - alen) > max)
		return max + 1;
	r0 = blen < 129 ? rows : (base = xmalloc(3 * (blen + 1) * sizeof(*r0)));
	r1 = r0 + blen + 1;
	r2 = r1 + blen + 1;
	for (j = 0; j <= blen; j++)
		r1[j] = j;
	for (i = 1; i <= alen; i++) {
		size_t lo = (size_t)-1, *t;
		r2[0] = i;
		for (j = 1; j <= blen; j++) {
			int ca = lower((unsigned char)a[i - 1]), cb = lower((unsigned char)b[j - 1]);
			size_t v = r1[j - 1] + (ca != cb);
			if (r1[j] + 1 < v)
				v = r1[j] + 1;
			if (r2[j - 1] + 1 < v)
				v = r2[j - 1] + 1;
			if (i > 1 && j > 1 && ca == lower((unsigned char)b[j - 2]) &&
			    lower((unsigned char)a[i - 2]) == cb && r0[j - 2] + 1 < v)
				v = r0[j - 2] + 1;
			r2[j] = v;
			if (v < lo)
				lo = v;
		}
		if (r2[0] < lo)
			lo = r2[0];
		t = r0;
		r0 = r1;
		r1 = r2;
		r2 = t;
		if (lo > max) {
			free(base);
			return max + 1;
		}
	}
	d = r1[blen];
	free(base);
	return d > max ? max + 1 : d;
}

long dtw_suggest(const char *s, const char *const *cands, size_t n)
{
	/* One rule for every "did you mean": the nearest, a third of the
	 * word's length away at most (one edit up to five letters, two up
	 * to eight ...), a swap of two letters being one edit. */
	size_t len = strlen(s), chars = dtw_utf8_count(s, len), max, best, i;
	long near = -1;
	max = (chars < 3 ? 3 : chars) / 3;
	best = max + 1;
	for (i = 0; i < n; i++) {
		size_t d = dtw_osa_within(s, len, cands[i], strlen(cands[i]), best - 1 < max ? best - 1 : max);
		if (d < best) {
			best = d;
			near = (long)i;
			if (!d)
				break;
		}
	}
	return best <= max ? near : -1;
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
