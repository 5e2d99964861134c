/* Unit tests for lib/base/strutil.h: edit distance and "did you mean",
 * case-insensitive comparison, trimming and word counts. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/strutil.h"
#include "base/banned.h"

static size_t dist(const char *a, const char *b)
{
	return dtw_edit_distance(a, strlen(a), b, strlen(b));
}

static void test_edit_distance_classic(void **state)
{
	(void)state;
	assert_int_equal(dist("kitten", "sitting"), 3);
	assert_int_equal(dist("flaw", "lawn"), 2);
	assert_int_equal(dist("Tols", "Tools"), 1);
	assert_int_equal(dist("sections", "section"), 1);
	assert_int_equal(dist("abc", "acb"), 2);
	assert_int_equal(dist("same", "same"), 0);
}

static void test_edit_distance_empty(void **state)
{
	(void)state;
	assert_int_equal(dist("", ""), 0);
	assert_int_equal(dist("", "abc"), 3);
	assert_int_equal(dist("abcd", ""), 4);
}

static void test_edit_distance_case(void **state)
{
	(void)state;
	/* ASCII letters compare without case... */
	assert_int_equal(dist("TOOLS", "tools"), 0);
	assert_int_equal(dist("Blogs To Read", "blogs to read"), 0);
	/* ...other bytes as they are: É (C3 89) and é (C3 A9) differ by one. */
	assert_int_equal(dist("\xC3\x89t\xC3\xA9", "\xC3\xA9t\xC3\xA9"), 1);
	/* '@' and '`' are 0x40 and 0x60 but not letters. */
	assert_int_equal(dist("@", "`"), 1);
	assert_int_equal(dist("[", "{"), 1);
}

static void test_edit_distance_respects_lengths(void **state)
{
	(void)state;
	assert_int_equal(dtw_edit_distance("abcXYZ", 3, "abc???", 3), 0);
	assert_int_equal(dtw_edit_distance("abc", 3, "abd", 2), 1);
	assert_int_equal(dtw_edit_distance("a\0b", 3, "a\0c", 3), 1);
}

static void test_edit_distance_symmetric(void **state)
{
	static const char *const words[] = { "schema", "paths", "rules",
					     "release", "reelase", "", "x" };
	size_t i, j, n = sizeof(words) / sizeof(words[0]);
	(void)state;
	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			assert_int_equal(dist(words[i], words[j]),
					 dist(words[j], words[i]));
}

/* The table, row by row, as the reference the bit-parallel version must
 * agree with (first 256 bytes of each, letters without case). */
static size_t table_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	static size_t row[257];
	size_t i, j;
	if (alen > 256)
		alen = 256;
	if (blen > 256)
		blen = 256;
	for (j = 0; j <= blen; j++)
		row[j] = j;
	for (i = 1; i <= alen; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (j = 1; j <= blen; j++) {
			size_t cur = row[j], best;
			int ca = a[i - 1] >= 'A' && a[i - 1] <= 'Z' ? a[i - 1] + 32 : a[i - 1];
			int cb = b[j - 1] >= 'A' && b[j - 1] <= 'Z' ? b[j - 1] + 32 : b[j - 1];
			best = prev + (ca != cb);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = cur;
		}
	}
	return row[blen];
}

static void test_edit_distance_agrees_with_table(void **state)
{
	/* Lengths around the word boundaries (63, 64, 65, 128...) and past
	 * the 256 cap, over small alphabets so that matches are frequent. */
	static const size_t lens[] = { 0, 1, 2, 7, 63, 64, 65, 127, 128, 129, 200, 255, 256, 257, 300 };
	static const char alpha[] = "abAB\xC3\xA9 c";
	char a[320], b[320];
	unsigned seed = 12345;
	size_t round, i, nl = sizeof(lens) / sizeof(lens[0]);
	(void)state;
	for (round = 0; round < 3000; round++) {
		size_t la = lens[round % nl], lb = lens[(round / nl) % nl];
		size_t span = 2 + round % (sizeof(alpha) - 2);
		if (round % 3 == 2) {
			seed = seed * 1103515245u + 12345u;
			la = (seed >> 16) % 300;
			seed = seed * 1103515245u + 12345u;
			lb = (seed >> 16) % 300;
		}
		for (i = 0; i < la; i++) {
			seed = seed * 1103515245u + 12345u;
			a[i] = alpha[(seed >> 16) % span];
		}
		for (i = 0; i < lb; i++) {
			seed = seed * 1103515245u + 12345u;
			/* Mostly a copy of a with edits, sometimes unrelated. */
			b[i] = i < la && (seed >> 16) % 4 ? a[i] : alpha[(seed >> 8) % span];
		}
		assert_int_equal(dtw_edit_distance(a, la, b, lb), table_distance(a, la, b, lb));
	}
}

static void test_nearest(void **state)
{
	static const char *const keys[] = { "schema", "paths", "rules", "release" };
	(void)state;
	assert_int_equal(dtw_nearest("rulse", keys, 4), 2);
	assert_int_equal(dtw_nearest("releas", keys, 4), 3);
	assert_int_equal(dtw_nearest("SCHEMAS", keys, 4), 0);
	assert_int_equal(dtw_nearest("path", keys, 4), 1);
	assert_int_equal(dtw_nearest("rules", keys, 4), 2);
	/* No candidates: no answer. */
	assert_int_equal(dtw_nearest("rules", keys, 0), -1);
	/* Only the first n are considered. */
	assert_int_equal(dtw_nearest("release", keys, 3), 2);
	assert_int_equal(dtw_nearest("paths", keys, 1), 0);
}

static void test_nearest_tie_keeps_first(void **state)
{
	static const char *const c[] = { "ab", "ba", "aa" };
	(void)state;
	/* "xa" is one edit from "ba" and from "aa": the earlier wins. */
	assert_int_equal(dtw_nearest("xa", c, 3), 1);
	/* "a" is one edit from all three. */
	assert_int_equal(dtw_nearest("a", c, 3), 0);
}

/* One rule for every "did you mean": a third of the word's length at
 * most, a swap of two letters one edit; nonsense gets nothing. */
static void test_suggest(void **state)
{
	static const char *const rules[] = { "placeholder", "lint", "date", "link",
					     "data-this-week", "Tools", "Blogs to Read", "Jobs",
					     "whitespace" };
	static const char *const keys[] = { "title", "issue", "date", "status" };
	(void)state;
	/* real typos */
	assert_int_equal(dtw_suggest("placholder", rules, 9), 0);
	assert_int_equal(dtw_suggest("placeholdr", rules, 9), 0);
	assert_int_equal(dtw_suggest("lnt", rules, 9), 1);
	assert_int_equal(dtw_suggest("Tols", rules, 9), 5);
	assert_int_equal(dtw_suggest("Jbos", rules, 9), 7);     /* a swap */
	assert_int_equal(dtw_suggest("whitepsace", rules, 9), 8);
	assert_int_equal(dtw_suggest("stauts", keys, 4), 3);
	/* too far: no suggestion */
	assert_int_equal(dtw_suggest("tags", rules, 9), -1);
	assert_int_equal(dtw_suggest("heading", rules, 9), -1);
	assert_int_equal(dtw_suggest("links-weekly", rules, 9), -1);
	assert_int_equal(dtw_suggest("Sponsors", rules, 9), -1);
	assert_int_equal(dtw_suggest("Read more \xe2\x86\x92", rules, 9), -1);
	assert_int_equal(dtw_suggest("tags", keys, 4), -1);
	assert_int_equal(dtw_suggest("", keys, 4), -1);
	assert_int_equal(dtw_suggest("x", keys, 0), -1);
}

static void test_eq_nocase(void **state)
{
	(void)state;
	assert_int_equal(dtw_eq_nocase("Why It Matters:", 15, "why it matters:", 15), 1);
	assert_int_equal(dtw_eq_nocase("abc", 3, "abd", 3), 0);
	assert_int_equal(dtw_eq_nocase("abc", 3, "abcd", 4), 0);
	assert_int_equal(dtw_eq_nocase("", 0, "", 0), 1);
	/* Lengths, not NULs, bound the comparison. */
	assert_int_equal(dtw_eq_nocase("abcX", 3, "ABCY", 3), 1);
	/* Non-ASCII is not case-folded. */
	assert_int_equal(dtw_eq_nocase("\xC3\xA9", 2, "\xC3\x89", 2), 0);
	assert_int_equal(dtw_eq_nocase("\xC3\xA9", 2, "\xC3\xA9", 2), 1);
	/* '@' is not 'a' minus 32's twin: only letters fold. */
	assert_int_equal(dtw_eq_nocase("@", 1, "`", 1), 0);
	assert_int_equal(dtw_eq_nocase("[", 1, "{", 1), 0);
}

static void test_starts_nocase(void **state)
{
	const char *s = "**Why it matters:** it does";
	(void)state;
	assert_int_equal(dtw_starts_nocase("Why it matters: x", 17, "why IT matters:"), 1);
	assert_int_equal(dtw_starts_nocase("Why it matters", 14, "why it matters:"), 0);
	assert_int_equal(dtw_starts_nocase(s, strlen(s), "Why"), 0);
	assert_int_equal(dtw_starts_nocase(s + 2, strlen(s) - 2, "why"), 1);
	assert_int_equal(dtw_starts_nocase("abc", 3, ""), 1);
	assert_int_equal(dtw_starts_nocase("", 0, "a"), 0);
	/* The prefix must fit in len even when more bytes follow. */
	assert_int_equal(dtw_starts_nocase("abcdef", 2, "abc"), 0);
}

static void check_trim(const char *in, size_t skip, size_t want_len)
{
	const char *s = in;
	size_t len = strlen(in);
	dtw_trim(&s, &len);
	assert_ptr_equal(s, in + skip);
	assert_int_equal(len, want_len);
}

static void test_trim(void **state)
{
	const char *s;
	size_t len;
	(void)state;
	check_trim("  \t hello world \r\n", 4, 11);
	check_trim("hello", 0, 5);
	check_trim("\v\fx\v\f", 2, 1);
	check_trim("   ", 3, 0);
	check_trim("", 0, 0);
	/* Only ASCII white space: U+00A0 (C2 A0) stays. */
	check_trim("\xC2\xA0x ", 0, 3);
	/* Works on a range inside a longer string. */
	s = "xx  mid  yy";
	s += 2;
	len = 7;
	dtw_trim(&s, &len);
	assert_int_equal(len, 3);
	assert_memory_equal(s, "mid", 3);
}

/* Byte by byte, as the definition says: the fast count must agree. */
static size_t words_ref(const char *s, size_t len)
{
	size_t i, n = 0;
	int prev = 1;
	for (i = 0; i < len; i++) {
		int sp = s[i] && strchr(" \t\n\v\f\r", s[i]);
		n += prev && !sp;
		prev = sp;
	}
	return n;
}

static void test_count_words_agrees(void **state)
{
	/* Spaces of every kind, the bytes next to them, and UTF-8. */
	static const char alphabet[] = " \t\n\v\f\r\x08\x0e\x1f!a\x80\xc3\xff";
	char buf[300];
	unsigned seed = 12345;
	size_t len, k;
	int round;
	(void)state;
	for (round = 0; round < 2000; round++) {
		len = (size_t)round % sizeof(buf);
		for (k = 0; k < len; k++) {
			seed = seed * 1103515245u + 12345u;
			buf[k] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		assert_int_equal(dtw_count_words(buf, len), words_ref(buf, len));
		/* and from another alignment */
		if (len > 17)
			assert_int_equal(dtw_count_words(buf + 3, len - 3),
					 words_ref(buf + 3, len - 3));
	}
}

static void test_count_words(void **state)
{
	(void)state;
	assert_int_equal(dtw_count_words("", 0), 0);
	assert_int_equal(dtw_count_words("   \t\n", 5), 0);
	assert_int_equal(dtw_count_words("one", 3), 1);
	assert_int_equal(dtw_count_words("one two  three", 14), 3);
	assert_int_equal(dtw_count_words("  lead and trail  ", 18), 3);
	assert_int_equal(dtw_count_words("a\tb\nc\r\nd", 8), 4);
	/* Punctuation belongs to its word; a dash alone is a word. */
	assert_int_equal(dtw_count_words("Why it matters: fast - cheap.", 29), 6);
	/* Multibyte text counts by white space, not bytes. */
	assert_int_equal(dtw_count_words("caf\xC3\xA9 \xE2\x86\x92 \xF0\x9F\x93\x9A", 14), 3);
	/* Only len bytes. */
	assert_int_equal(dtw_count_words("one two three", 5), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edit_distance_classic),
		cmocka_unit_test(test_edit_distance_empty),
		cmocka_unit_test(test_edit_distance_case),
		cmocka_unit_test(test_edit_distance_respects_lengths),
		cmocka_unit_test(test_edit_distance_symmetric),
		cmocka_unit_test(test_edit_distance_agrees_with_table),
		cmocka_unit_test(test_nearest),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_nearest_tie_keeps_first),
		cmocka_unit_test(test_eq_nocase),
		cmocka_unit_test(test_starts_nocase),
		cmocka_unit_test(test_trim),
		cmocka_unit_test(test_count_words),
		cmocka_unit_test(test_count_words_agrees),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
