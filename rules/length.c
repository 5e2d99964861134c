/* Rule length: item bodies, item titles, fields, intro and outro within
 * the schema's word and character limits. */
#include "rules.h"

#include <stdint.h>
#include <string.h>
#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#endif

#include "base/strutil.h"
#include "base/utf8.h"
#include "source/source.h"
#include "base/banned.h"

static const char *s_if(size_t n)
{
	return n == 1 ? "" : "s";
}

static int space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' ||
	       ch == '\f';
}

/* Whether s[i..n) opens with a block marker followed by white space (or
 * the end): "#", ">", "-", "*", "+", "1." or "1)". Sets *after. */
static int block_marker(const char *s, size_t i, size_t n, size_t *after)
{
	size_t j = i;
	char ch = s[i];
	if (ch == '#' || ch == '>' || ch == '-' || ch == '*' || ch == '+') {
		while (j < n && (s[j] == '#' || s[j] == '>' || s[j] == '-' ||
				 s[j] == '*' || s[j] == '+'))
			j++;
	} else if (ch >= '0' && ch <= '9') {
		while (j < n && j - i < 9 && s[j] >= '0' && s[j] <= '9')
			j++;
		if (j >= n || (s[j] != '.' && s[j] != ')'))
			return 0;
		j++;
	} else {
		return 0;
	}
	if (j < n && !space(s[j]))
		return 0;
	*after = j;
	return 1;
}

/* How many fewer words s[0..n) has once s[a..b) is cut out: the words in
 * it, less the ones it shared with its neighbours, plus one if cutting it
 * joins them. */
static size_t cut_words(const char *s, size_t n, size_t a, size_t b)
{
	int left = a > 0 && !space(s[a - 1]), right = b < n && !space(s[b]);
	long w = (long)dtw_count_words(s + a, b - a);
	w -= left && !space(s[a]);
	w -= right && !space(s[b - 1]);
	w += left && right;
	return w > 0 ? (size_t)w : 0;
}

/* Markers at the line that starts at s[i]: words to take off. */
static size_t line_markers(const char *s, size_t n, size_t i)
{
	size_t off = 0, after;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (i < n && block_marker(s, i, n, &after)) {
		off += cut_words(s, n, i, after);
		i = after;
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
	}
	return off;
}

/* HTML comments in a text: rare, so a few are kept in place (past
 * MAX_COMMENTS, a list bullet inside a comment would be taken off twice). */
#define MAX_COMMENTS 16
struct comments {
	size_t start[MAX_COMMENTS], end[MAX_COMMENTS];
	size_t n;
};

static int in_comment(const struct comments *cm, size_t at)
{
	size_t k;
	for (k = 0; k < cm->n; k++)
		if (at >= cm->start[k] && at < cm->end[k])
			return 1;
	return 0;
}

/* The newline at s[at - 1] opens a line: its markers come off. */
static void newline(const char *s, size_t n, size_t at, const struct comments *cm,
		    size_t *off)
{
	/* what a line may open with before a marker: most open with a
	 * letter, and are done here */
	static const unsigned char may_mark[256] = {
		[' '] = 1, ['\t'] = 1, ['#'] = 1, ['>'] = 1, ['-'] = 1, ['*'] = 1,
		['+'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
		['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	};
	if (at < n && may_mark[(unsigned char)s[at]] && !in_comment(cm, at))
		*off += line_markers(s, n, at);
}

#if defined(__SSE2__) && defined(__x86_64__)
/* Runs of bytes above 0x20 in s[0..n) (control characters count as space
 * here: they are encoding errors anyway), sixteen bytes at a time; at
 * each newline, the next line's block markers go into *off. SSE2 is in
 * every x86-64. */
static size_t runs(const char *s, size_t n, const struct comments *cm, size_t *off)
{
	const __m128i blank = _mm_set1_epi8(0x20), nlv = _mm_set1_epi8('\n'),
		      zero = _mm_setzero_si128();
	__m128i prev = _mm_set1_epi8(-1);   /* the text starts after a space */
	__m128i acc = zero, sum = zero;
	size_t i, k = 0;
	char tail[16];

	for (i = 0; i < n; i += 16) {
		__m128i v, space, starts;
		unsigned nl;
		if (n - i >= 16) {
			v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		} else {
			memset(tail, 0, sizeof(tail));   /* zeros: spaces */
			memcpy(tail, s + i, n - i);
			v = _mm_loadu_si128((const __m128i *)(const void *)tail);
		}
		/* 0xFF where the byte is at most 0x20 */
		space = _mm_cmpeq_epi8(_mm_subs_epu8(v, blank), zero);
		/* a word starts at a non-space byte after a space byte */
		starts = _mm_andnot_si128(space, _mm_or_si128(_mm_slli_si128(space, 1),
							      _mm_srli_si128(prev, 15)));
		prev = space;
		acc = _mm_sub_epi8(acc, starts);     /* +1 per start */
		if (++k == 255) {                     /* before a byte overflows */
			sum = _mm_add_epi64(sum, _mm_sad_epu8(acc, zero));
			acc = zero;
			k = 0;
		}
		for (nl = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, nlv)); nl; nl &= nl - 1)
			newline(s, n, i + (size_t)__builtin_ctz(nl) + 1, cm, off);
	}
	sum = _mm_add_epi64(sum, _mm_sad_epu8(acc, zero));
	return (size_t)_mm_cvtsi128_si64(sum) +
	       (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sum, sum));
}
#else
#define ONES 0x0101010101010101ULL
#define HIGH 0x8080808080808080ULL
#define LOW7 0x7F7F7F7F7F7F7F7FULL

/* The high bit of each byte of x that equals the byte b (exact, no
 * borrow between bytes). */
static uint64_t bytes_eq(uint64_t x, unsigned char b)
{
	uint64_t y = x ^ (ONES * b);
	return ~(((y & LOW7) + LOW7) | y | LOW7);
}

/* The same, eight bytes at a time in a 64-bit word. */
static size_t runs(const char *s, size_t n, const struct comments *cm, size_t *off)
{
	size_t words = 0, i;
	uint64_t carry = 0x80;  /* the text starts after a space */

	for (i = 0; i < n; i += 8) {
		uint64_t x = 0, nonspace, spaces, starts, nl;
		if (n - i >= 8)
			memcpy(&x, s + i, 8);
		else
			memcpy(&x, s + i, n - i);  /* zeros: spaces here */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		x = __builtin_bswap64(x);      /* byte i first, as below */
#endif
		/* a byte above 0x20 (or any byte of a multibyte character) */
		nonspace = (((x & LOW7) + ONES * (0x80 - 0x21)) | x) & HIGH;
		spaces = ~nonspace & HIGH;
		starts = nonspace & ((spaces << 8) | carry);
		carry = spaces >> 56;
		words += ((starts >> 7) * ONES) >> 56;
		for (nl = bytes_eq(x, '\n'); nl; nl &= nl - 1)
			newline(s, n, i + (size_t)(__builtin_ctzll(nl) >> 3) + 1, cm, off);
	}
	return words;
}
#endif

/* Words of the Markdown source s[0..n) as its plain text has them: runs
 * of non-space (as dtw_count_words counts them; a control character is a
 * space here, and an encoding error anyway), less HTML comments, link
 * destinations ("](…)") and the block markers that open a line
 * (headings, quotes, list bullets). Item bodies are most of an issue, so
 * this goes eight bytes at a time, finding the newlines on the way; the
 * rarer markup is found with memchr and taken off as it is found. */
static size_t source_words(const char *s, size_t n)
{
	struct comments cm;
	size_t words, off = 0;
	const char *p, *end = s + n;

	/* HTML comments first: what is inside one is not markup either */
	cm.n = 0;
	for (p = memchr(s, '<', n); p; p = memchr(p, '<', (size_t)(end - p))) {
		const char *e;
		if ((size_t)(end - p) < 4 || memcmp(p, "<!--", 4)) {
			p++;
			continue;
		}
		e = memmem(p + 4, (size_t)(end - p - 4), "-->", 3);
		e = e ? e + 3 : end;
		off += cut_words(s, n, (size_t)(p - s), (size_t)(e - s));
		if (cm.n < MAX_COMMENTS) {
			cm.start[cm.n] = (size_t)(p - s);
			cm.end[cm.n++] = (size_t)(e - s);
		}
		p = e;
	}
	if (!in_comment(&cm, 0))
		off += line_markers(s, n, 0);
	words = runs(s, n, &cm, &off);
	/* link destinations and titles: "](" to the matching ")" on its
	 * line; only one with white space in it changes the count */
	for (p = memchr(s, ']', n); p; p = memchr(p, ']', (size_t)(end - p))) {
		const char *q;
		int depth = 1;
		p++;
		if (p >= end || *p != '(' || in_comment(&cm, (size_t)(p - s)))
			continue;
		/* the usual URL has no parenthesis of its own */
		q = memchr(p + 1, ')', (size_t)(end - p - 1));
		if (q && !memchr(p + 1, '(', (size_t)(q - p - 1)) &&
		    !memchr(p + 1, '\n', (size_t)(q - p - 1))) {
			depth = 0;
			q++;
		} else {
			for (q = p + 1; q < end && *q != '\n' && depth; q++)
				depth += (*q == '(') - (*q == ')');
		}
		if (depth)
			continue;
		if (memchr(p, ' ', (size_t)(q - p)) || memchr(p, '\t', (size_t)(q - p)))
			off += cut_words(s, n, (size_t)(p - s), (size_t)(q - s));
		p = q;
	}
	return off < words ? words - off : 0;
}

static void check_item(struct dtw_check *c, const struct dtw_section *sec,
		       const struct dtw_item *it)
{
	const struct dtw_schema *sc = c->schema;
	const struct dtw_section_def *d = sec ? sec->def : NULL;
	uint32_t max = d && d->item_max_words ? d->item_max_words : sc->item_max_words;
	size_t k;

	if (sc->title_max_chars) {
		/* no more characters than bytes: most titles need no count */
		size_t bytes = strlen(it->title);
		size_t chars = bytes > sc->title_max_chars ? dtw_utf8_count(it->title, bytes) : 0;
		if (chars > sc->title_max_chars)
			dtw_report(c, it->start, it->end, NULL,
				   "title of item \"%s\" is %zu characters long; shorten it to %u or fewer",
				   it->title, chars, (unsigned)sc->title_max_chars);
	}
	if (max) {
		/* A heading item's body follows its heading line; a list
		 * entry is all body. */
		size_t from = d && d->items == DTW_ITEMS_LIST ? it->start : it->end;
		size_t words = it->body_end > from ?
			       source_words(c->src->data + from, it->body_end - from) : 0;
		if (words > max)
			dtw_report(c, it->start, it->end, NULL,
				   "item \"%s\" is %zu words long; cut it to %u or fewer",
				   it->title, words, (unsigned)max);
	}
	for (k = 0; k < it->nfields; k++) {
		const struct dtw_field *f = &it->fields[k];
		const struct dtw_field_def *fd = f->def;
		if (!fd)
			continue;
		if (fd->max_words && f->words > fd->max_words)
			dtw_report(c, f->start, f->end, NULL,
				   "field \"%s\" in item \"%s\" is %zu words long; cut it to %u or fewer",
				   fd->label, it->title, f->words, (unsigned)fd->max_words);
		/* An empty field is why-it-matters' or item-fields' finding. */
		else if (fd->min_words && f->words && f->words < fd->min_words)
			dtw_report(c, f->start, f->end, NULL,
				   "field \"%s\" in item \"%s\" is %zu word%s long; write at least %u",
				   fd->label, it->title, f->words, s_if(f->words),
				   (unsigned)fd->min_words);
	}
}

/* The intro or the outro: absent is the intro and outro rules' finding. */
static void check_text(struct dtw_check *c, const char *what,
		       const struct dtw_text_def *def, size_t words,
		       size_t start, size_t end)
{
	if (def->max_words && words > def->max_words)
		dtw_report(c, start, end, NULL, "%s is %zu words long; cut it to %u or fewer",
			   what, words, (unsigned)def->max_words);
	else if (def->min_words && words < def->min_words)
		dtw_report(c, start, end, NULL, "%s is %zu word%s long; write at least %u",
			   what, words, s_if(words), (unsigned)def->min_words);
}

static void check_length(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	size_t i, j;

	if (is->intro_paras)
		check_text(c, "intro", &c->schema->intro,
			   source_words(c->src->data + is->intro_start,
					is->intro_end - is->intro_start),
			   is->intro_start, is->intro_end);
	for (i = 0; i < is->nstray; i++)
		check_item(c, NULL, &is->stray[i]);
	for (i = 0; i < is->nsections; i++)
		for (j = 0; j < is->sections[i].nitems; j++)
			check_item(c, &is->sections[i], &is->sections[i].items[j]);
	if (is->outro_paras && is->outro_text)
		check_text(c, "outro", &c->schema->outro,
			   dtw_count_words(is->outro_text, strlen(is->outro_text)),
			   is->outro_start, is->outro_end);
}

const struct dtw_rule rule_length = {
	.id = "length",
	.severity = DTW_SEV_WARNING,
	.needs = DTW_NEEDS_MODEL,
	.summary = "an item body, field, title, intro or outro outside the schema's word/character limits",
	.explain =
	"Checks the limits the schema sets:\n"
	"\n"
	"- an item's body over its section's max_words, or else the schema's\n"
	"  limits.item_max_words (words of the text readers see: link targets,\n"
	"  list bullets and HTML comments do not count; the heading does not\n"
	"  either);\n"
	"- an item title over limits.title_max_chars characters (characters,\n"
	"  not bytes: \"é\" and \"→\" are one each);\n"
	"- a field over or under its max_words or min_words (the list that\n"
	"  belongs to a field counts with it; an empty field is left to\n"
	"  why-it-matters and item-fields);\n"
	"- the intro or the outro over or under its max_words or min_words.\n"
	"\n"
	"The message gives the count and the limit. In the Data This Week\n"
	"schema: titles 100 characters, items 200 words, \"Why it matters:\" 80\n"
	"words, the intro 150 words.\n"
	"\n"
	"Why: a digest is read in minutes; an item that runs to a blog post of\n"
	"its own, or a title that wraps three times in a mail client, is one\n"
	"readers skip.\n"
	"\n"
	"Example: a \"Why it matters:\" of 120 words, when the schema allows 80.\n"
	"\n"
	"Fix: cut the text to the limit (say why it matters, not what the\n"
	"article says), or raise the limit in the schema if the newsletter's\n"
	"shape has changed.",
	.check = check_length,
};
