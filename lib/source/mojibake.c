/* Finds mojibake by mapping runs of non-ASCII text back to the bytes of a
 * legacy code page and checking whether those bytes are UTF-8 again, and
 * repairs it, peeling off up to three layers of double encoding. */
#include "mojibake.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/xalloc.h"
#include "base/banned.h"

#define MAX_LAYERS 3

/*
 * How many bytes past a run that is mojibake find() keeps scanning for a
 * longer run, of another code page, that would contain it. Unbounded, text
 * built so that such a run goes on and on and only fails at the end ("Â©Ăł"
 * repeated: cp1250 reads valid UTF-8 all along, cp1252 finds "Â©" every
 * eight bytes) would make calling find() from the end of each run it
 * returns quadratic. A longer run still open by then is cut at its last
 * character boundary and reported as it is.
 */
#define LOOKAHEAD 64

/*
 * How believable a code point is as the character a run of mojibake really
 * meant. Legitimate text can spell valid UTF-8 by accident: "ß“" read as
 * cp1252 is the NKo letter U+07D3, "l’été" read as mac-roman contains the
 * Armenian U+054E, Russian "Её" read as cp1251 is "Ÿ", Ukrainian "Ні" the
 * archaic Greek U+0373 and "дії" CJK extension A, Czech "píšťala" read as
 * cp1250 contains a Hangul syllable and "nové – " (with a no-break space)
 * a CJK ideograph. Such readings only ever produce one or two characters,
 * so rare characters are believed only in runs of three or more.
 */
enum plausibility {
	CP_COMMON,	/* believed anywhere */
	CP_MULTI,	/* believed next to another character (Korean words) */
	CP_RARE,	/* believed only in runs of three or more characters */
};

#define RUN_CERTAIN 3	/* characters from which any reading is believed */

/* What surrounds a run in the input. */
struct run_ctx {
	int letter_before;	/* an ASCII letter right before the run */
	int word_after;		/* a letter, digit or non-ASCII right after */
};

static int is_cyrillic(uint32_t cp)
{
	return (cp >= 0x400 && cp <= 0x45F) || (cp >= 0x490 && cp <= 0x491);
}

/* Two-byte code points that real text is made of. */
static int common_two_byte(uint32_t cp)
{
	if (cp >= 0xA0 && cp <= 0x17F)
		return cp != 0x132 && cp != 0x133 && cp != 0x138 &&
		       cp != 0x13F && cp != 0x140 && cp != 0x149 &&
		       cp != 0x178 && cp != 0x17F;
	return cp == 0x192 || (cp >= 0x1A0 && cp <= 0x1A1) ||
	       (cp >= 0x1AF && cp <= 0x1B0) || /* Vietnamese */
	       (cp >= 0x218 && cp <= 0x21B) || /* Romanian */
	       cp == 0x254 || cp == 0x259 || cp == 0x25B ||
	       (cp >= 0x2BB && cp <= 0x2BC) || (cp >= 0x2C6 && cp <= 0x2C7) ||
	       (cp >= 0x2D8 && cp <= 0x2DD) ||
	       (cp >= 0x386 && cp <= 0x3CE && cp != 0x38B && cp != 0x38D &&
		cp != 0x3A2) ||
	       is_cyrillic(cp) ||
	       (cp >= 0x5D0 && cp <= 0x5EA) || (cp >= 0x621 && cp <= 0x64A);
}

/* Accents that decomposed (NFD) text, as macOS writes it, is made of. */
static int common_combining(uint32_t cp)
{
	return (cp >= 0x300 && cp <= 0x30C && cp != 0x305 && cp != 0x309) ||
	       cp == 0x327 || cp == 0x328;
}

/*
 * `first` says cp is the first character the run decodes to; `nbsp` that
 * it is three bytes long and the second is A0, a no-break space in the run.
 */
static enum plausibility classify(uint32_t cp, int codepage, int first,
				  int nbsp, const struct run_ctx *ctx)
{
	if (cp < 0x800) {
		/* Decomposed accents follow their letter, which is ASCII and
		 * so not part of the run. Only text from a Mac or Windows
		 * machine is decomposed: in cp1250, "NÁVĚŠTÍ" would be a
		 * ring above. */
		if (cp >= 0x300 && cp <= 0x36F)
			return common_combining(cp) &&
			       (codepage == DTW_CODEPAGE_CP1252 ||
				codepage == DTW_CODEPAGE_MAC_ROMAN) &&
			       (!first || ctx->letter_before) ?
			       CP_COMMON : CP_RARE;
		if (!common_two_byte(cp))
			return CP_RARE;
		/* Two Cyrillic letters ("Её", "В" and a no-break space)
		 * spell a two-byte sequence in cp1251; only Cyrillic is
		 * what cp1251 mojibake of two-byte characters usually is.
		 * mac-roman puts dashes and quotes on UTF-8 lead bytes and
		 * accented letters on continuation bytes: "—é" would be
		 * "ю". */
		if (codepage == DTW_CODEPAGE_CP1251)
			return is_cyrillic(cp) ? CP_COMMON : CP_MULTI;
		if (codepage == DTW_CODEPAGE_MAC_ROMAN)
			return cp <= 0x17F || (cp >= 0x218 && cp <= 0x21B) ?
			       CP_COMMON : CP_MULTI;
		return CP_COMMON;
	}
	/* A letter, a no-break space and a dash or guillemet ("é »"). */
	if (nbsp)
		return CP_MULTI;
	if (cp < 0x10000) {
		if ((cp >= 0x900 && cp <= 0xE7F) ||	/* Indic, Thai */
		    (cp >= 0x10A0 && cp <= 0x10FF) ||	/* Georgian */
		    (cp >= 0x1E00 && cp <= 0x2BFF) ||	/* punctuation, symbols */
		    (cp >= 0x3000 && cp <= 0x30FF) ||	/* kana */
		    (cp >= 0x4E00 && cp <= 0x9FFF) ||	/* CJK */
		    (cp >= 0xFF00 && cp <= 0xFFEF) || cp == 0xFEFF ||
		    cp == 0xFFFD)
			return CP_COMMON;
		if ((cp >= 0x1100 && cp <= 0x11FF) ||
		    (cp >= 0x3100 && cp <= 0x4DBF) ||
		    (cp >= 0xAC00 && cp <= 0xD7A3) ||
		    (cp >= 0xF900 && cp <= 0xFAFF) ||
		    (cp >= 0xFE00 && cp <= 0xFE4F))
			return CP_MULTI;
		return CP_RARE;
	}
	if (cp >= 0x1F000 && cp <= 0x1FAFF)
		return CP_COMMON;
	if ((cp >= 0x1D400 && cp <= 0x1D7FF) ||
	    (cp >= 0x20000 && cp <= 0x3FFFF) ||
	    (cp >= 0xE0000 && cp <= 0xE007F))
		return CP_MULTI;
	return CP_RARE;
}

/* Incremental UTF-8 validation of the bytes a run maps to, so that the
 * common case (a lone "é" that is not mojibake) allocates nothing. */
struct utf8_check {
	uint32_t cp, min;
	unsigned need;	/* continuation bytes still expected */
	int bad;
};

/* Returns 1 when b completes a valid sequence, its code point in c->cp. */
static int check_byte(struct utf8_check *c, unsigned char b)
{
	if (c->bad)
		return 0;
	if (c->need) {
		if ((b & 0xC0) != 0x80) {
			c->bad = 1;
			return 0;
		}
		c->cp = (c->cp << 6) | (b & 0x3F);
		if (--c->need)
			return 0;
		if (c->cp < c->min || c->cp > 0x10FFFF ||
		    (c->cp >= 0xD800 && c->cp <= 0xDFFF)) {
			c->bad = 1;
			return 0;
		}
		return 1;
	}
	if (b >= 0xC2 && b <= 0xDF) {
		c->need = 1; c->cp = b & 0x1F; c->min = 0x80;
	} else if (b >= 0xE0 && b <= 0xEF) {
		c->need = 2; c->cp = b & 0x0F; c->min = 0x800;
	} else if (b >= 0xF0 && b <= 0xF4) {
		c->need = 3; c->cp = b & 0x07; c->min = 0x10000;
	} else {
		c->bad = 1;
	}
	return 0;
}

static const struct dtw_codepage_rev *lookup(uint32_t cp)
{
	size_t lo = 128, hi = dtw_codepage_rev_count;

	if (cp < 0x80 || cp > 0xFFFF)
		return NULL;
	if (cp < 0x100)
		return &dtw_codepage_rev[cp - 0x80];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (dtw_codepage_rev[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < dtw_codepage_rev_count && dtw_codepage_rev[lo].cp == cp)
		return &dtw_codepage_rev[lo];
	return NULL;
}

/*
 * Maps all of s[0..len) (valid, non-ASCII UTF-8) to bytes of `codepage` in
 * out (room for len bytes). Returns 1 when every character maps and the
 * bytes are valid UTF-8, setting *plausible.
 */
static int unmap(const char *s, size_t len, int codepage,
		 const struct run_ctx *ctx, char *out, size_t *out_len,
		 int *plausible)
{
	struct utf8_check c = { 0, 0, 0, 0 };
	size_t i = 0, n = 0, chars = 0, multi = 0, rare = 0, adv;
	int32_t cp = 0;
	int nbsp = 0;

	while (i < len) {
		const struct dtw_codepage_rev *e;
		unsigned char b;

		cp = dtw_utf8_decode(s + i, len - i, &adv);
		e = cp < 0 ? NULL : lookup((uint32_t)cp);
		b = e ? e->byte[codepage] : 0;
		if (!b)
			return 0;
		out[n++] = (char)b;
		nbsp |= b == 0xA0 && n >= 2 &&
			((unsigned char)out[n - 2] & 0xF0) == 0xE0;
		if (!check_byte(&c, b)) {
			if (c.bad)
				return 0;
		} else {
			switch (classify(c.cp, codepage, !chars, nbsp, ctx)) {
			case CP_COMMON: break;
			case CP_MULTI: multi++; break;
			case CP_RARE: rare++; break;
			}
			chars++;
			nbsp = 0;
		}
		i += adv;
	}
	if (c.bad || c.need || !chars)
		return 0;
	/* An upper-case word that ends in "Ã" or "Ă" before a closing quote
	 * ("COMANDĂ”") spells "Ô"; mojibake of "Ô" rarely ends a word. */
	if (chars == 1 && c.cp < 0x800 && ctx->letter_before &&
	    !ctx->word_after && (cp == 0x2019 || cp == 0x201C || cp == 0x201D))
		rare++;
	*out_len = n;
	*plausible = chars >= RUN_CERTAIN || (!rare && (!multi || chars >= 2));
	return 1;
}

/*
 * Undoes up to `layers` layers of mis-decoding of all of s[0..len), deepest
 * first, so that doubly encoded text comes out whole. Returns the xmalloc'd,
 * NUL-terminated result and sets *depth to the layers undone, or returns
 * NULL. A layer that is not plausible on its own is still taken when a
 * deeper one is: latin-1 read twice leaves C1 controls in between.
 */
/* NOLINTNEXTLINE(misc-no-recursion): `layers` deep at most */
static char *peel(const char *s, size_t len, int layers,
		  const struct run_ctx *ctx, size_t *out_len, int *depth)
{
	char *t;
	int k;

	if (!layers)
		return NULL;
	t = xmalloc(len + 1);
	for (k = 0; k < DTW_CODEPAGE_COUNT; k++) {
		size_t tlen;
		int plausible;
		char *deeper;

		if (!unmap(s, len, k, ctx, t, &tlen, &plausible))
			continue;
		deeper = peel(t, tlen, layers - 1, ctx, out_len, depth);
		if (deeper) {
			free(t);
			++*depth;
			return deeper;
		}
		if (plausible) {
			t[tlen] = '\0';
			*out_len = tlen;
			*depth = 1;
			return t;
		}
	}
	free(t);
	return NULL;
}

static size_t skip_ascii(const char *s, size_t i, size_t len)
{
	while (len - i >= 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		if (w & UINT64_C(0x8080808080808080))
			break;
		i += 8;
	}
	while (i < len && !((unsigned char)s[i] & 0x80))
		i++;
	return i;
}

static int is_ascii_letter(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_ascii_alnum(unsigned char c)
{
	return is_ascii_letter(c) || (c >= '0' && c <= '9');
}

/* A maximal run of characters one code page maps, still being scanned. */
struct subrun {
	size_t start;
	size_t boundary;	/* end of the last complete UTF-8 sequence */
	int open;
	struct utf8_check check;
};

/* The run find() will report, while it looks for a better one. */
struct pick {
	struct dtw_mojibake m;
	int codepage;		/* -1 while there is none */
};

/* Whether run [start, end) of code page k is preferred over the pick: the
 * earliest start wins, then the longest run (cp1252 explains "ä¸­" but
 * cp1250 all of "ä¸­ć–‡"), then the code page order. */
static int better(size_t start, size_t end, int k, const struct pick *p)
{
	if (p->codepage < 0 || start != p->m.start)
		return p->codepage < 0 || start < p->m.start;
	if (end != p->m.end)
		return end > p->m.end;
	return k < p->codepage;
}

/* Offset in s of the end of the first n characters of s[start..] (valid
 * UTF-8). */
static size_t skip_chars(const char *s, size_t start, size_t n)
{
	while (n--) {
		start++;
		while (((unsigned char)s[start] & 0xC0) == 0x80)
			start++;
	}
	return start;
}

/*
 * Makes run s[start, end) of code page k the pick if it is mojibake and
 * preferred. A run `cut` short can end inside a character of a deeper
 * layer, which then fails to decode; it is shortened by up to
 * MAX_CUT_BACKOFF characters to the end that lets most layers decode.
 */
#define MAX_CUT_BACKOFF 32
static void consider(struct pick *p, const char *s, size_t len,
		     size_t start, size_t end, int k, int cut)
{
	struct run_ctx ctx;
	size_t rlen, dlen, keep, best_keep = 0, best_len = 0;
	int plausible, tries, depth, best_depth = 0;
	char *bytes, *deeper, *best = NULL;

	if (!better(start, end, k, p))
		return;
	ctx.letter_before = start && is_ascii_letter((unsigned char)s[start - 1]);
	ctx.word_after = end < len && (is_ascii_alnum((unsigned char)s[end]) ||
				       ((unsigned char)s[end] & 0x80));
	bytes = xmalloc(end - start + 1);
	if (!unmap(s + start, end - start, k, &ctx, bytes, &rlen, &plausible)) {
		free(bytes);
		return;
	}
	keep = rlen;
	for (tries = 0; keep && tries <= (cut ? MAX_CUT_BACKOFF : 0); tries++) {
		deeper = peel(bytes, keep, MAX_LAYERS - 1, &ctx, &dlen, &depth);
		if (deeper && depth > best_depth) {
			free(best);
			best = deeper;
			best_len = dlen;
			best_keep = keep;
			best_depth = depth;
		} else {
			free(deeper);
		}
		if (best_depth == MAX_LAYERS - 1)
			break;
		/* Each byte of `bytes` is one character of the run. */
		while (keep && ((unsigned char)bytes[--keep] & 0xC0) == 0x80)
			;
	}
	if (best) {
		free(bytes);
		bytes = best;
		if (best_keep < rlen) {
			end = skip_chars(s, start, best_keep);
			if (!better(start, end, k, p)) {
				free(bytes);
				return;
			}
		}
		rlen = best_len;
	} else if (!plausible) {
		free(bytes);
		return;
	}
	bytes[rlen] = '\0';
	if (p->codepage >= 0)
		free(p->m.repaired);
	p->m.start = start;
	p->m.end = end;
	p->m.codepage = dtw_codepage_names[k];
	p->m.repaired = bytes;
	p->m.repaired_len = rlen;
	p->codepage = k;
}

/* Closes the runs marked in `closing`, which end at `end` (before a
 * character their code page lacks, ASCII, invalid UTF-8 or the end of the
 * input). */
static void close_runs(struct subrun *runs, const int *closing,
		       struct pick *p, const char *s, size_t len, size_t end)
{
	int k;

	for (k = 0; k < DTW_CODEPAGE_COUNT; k++) {
		if (!closing[k] || !runs[k].open)
			continue;
		runs[k].open = 0;
		if (!runs[k].check.bad && !runs[k].check.need)
			consider(p, s, len, runs[k].start, end, k, 0);
	}
}

/* Whether a run still open, and still valid UTF-8, could be preferred over
 * the pick once it closes: it will be longer, so it only has to start no
 * later. */
static int may_be_preceded(const struct subrun *runs, const struct pick *p)
{
	int k;

	for (k = 0; k < DTW_CODEPAGE_COUNT; k++)
		if (runs[k].open && !runs[k].check.bad &&
		    runs[k].start <= p->m.start)
			return 1;
	return 0;
}

/* Gives up waiting for the runs that may_be_preceded: they are cut at their
 * last character boundary and considered as they are. */
static void cut_runs(struct subrun *runs, struct pick *p, const char *s,
		     size_t len)
{
	size_t start = p->m.start;
	int k;

	for (k = 0; k < DTW_CODEPAGE_COUNT; k++)
		if (runs[k].open && !runs[k].check.bad &&
		    runs[k].start <= start && runs[k].boundary > runs[k].start)
			consider(p, s, len, runs[k].start, runs[k].boundary, k,
				 1);
}

/*
 * One pass that follows, for every code page at once, the maximal run of
 * characters it maps. A run of one code page can nest inside a longer run
 * of another ("â‚¬" is cp1250 mojibake inside the cp1252 "Ã¢â‚¬Å“"), so a
 * run that is mojibake is only reported once no run that would be preferred
 * over it can still turn out to be mojibake too, or LOOKAHEAD bytes later.
 * Runs start at `from` at the earliest, as if the text began there.
 */
int dtw_mojibake_find(struct dtw_mojibake *out, const char *s, size_t len,
		      size_t from)
{
	static const int all[DTW_CODEPAGE_COUNT] = { 1, 1, 1, 1, 1, 1 };
	struct subrun runs[DTW_CODEPAGE_COUNT];
	struct pick p;
	size_t i = from;
	int k, any_open = 0;

	memset(runs, 0, sizeof(runs));
	memset(&p, 0, sizeof(p));
	p.codepage = -1;
	while (i < len) {
		const struct dtw_codepage_rev *e;
		int closing[DTW_CODEPAGE_COUNT] = { 0 }, closes = 0;
		int32_t cp;
		size_t adv;

		if (!((unsigned char)s[i] & 0x80)) {
			if (any_open)
				close_runs(runs, all, &p, s, len, i);
			if (p.codepage >= 0)
				break;
			any_open = 0;
			i = skip_ascii(s, i, len);
			continue;
		}
		cp = dtw_utf8_decode(s + i, len - i, &adv);
		e = cp < 0 ? NULL : lookup((uint32_t)cp);
		for (k = 0; k < DTW_CODEPAGE_COUNT; k++) {
			if (e && e->byte[k])
				continue;
			closing[k] = runs[k].open;
			closes |= closing[k];
		}
		if (closes)
			close_runs(runs, closing, &p, s, len, i);
		if (p.codepage >= 0) {
			if (!may_be_preceded(runs, &p))
				break;
			if (i - p.m.end > LOOKAHEAD) {
				cut_runs(runs, &p, s, len);
				break;
			}
		}
		for (k = 0; e && k < DTW_CODEPAGE_COUNT; k++) {
			if (!e->byte[k])
				continue;
			if (!runs[k].open) {
				memset(&runs[k], 0, sizeof(runs[k]));
				runs[k].open = 1;
				runs[k].start = i;
				any_open = 1;
			}
			if (check_byte(&runs[k].check, e->byte[k]))
				runs[k].boundary = i + adv;
		}
		i += adv;
	}
	if (i >= len && any_open)
		close_runs(runs, all, &p, s, len, len);
	if (p.codepage < 0)
		return 0;
	*out = p.m;
	return 1;
}

char *dtw_mojibake_repair(const char *s, size_t len, size_t *out_len)
{
	struct dtw_mojibake m;
	char *out = NULL;
	size_t n = 0, at = 0;

	while (dtw_mojibake_find(&m, s, len, at)) {
		/* Every repaired character is shorter than its mojibake, so
		 * the result never outgrows the input. */
		if (!out)
			out = xmalloc(len + 1);
		memcpy(out + n, s + at, m.start - at);
		n += m.start - at;
		memcpy(out + n, m.repaired, m.repaired_len);
		n += m.repaired_len;
		free(m.repaired);
		at = m.end;
	}
	if (!out)
		return NULL;
	memcpy(out + n, s + at, len - at);
	n += len - at;
	out[n] = '\0';
	*out_len = n;
	return out;
}
