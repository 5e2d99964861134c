/* Unit tests for lib/base/utf8.h: strict decoding, encoding, validation,
 * counting and display width. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/utf8.h"
#include "base/banned.h"

static void check_decode(const char *s, size_t len, int32_t want_cp,
			 size_t want_adv)
{
	size_t adv = 12345;
	int32_t cp = dtw_utf8_decode(s, len, &adv);
	assert_int_equal(cp, want_cp);
	assert_int_equal(adv, want_adv);
}

#define CHECK_DECODE(lit, cp, adv) check_decode((lit), sizeof(lit) - 1, (cp), (adv))

static void test_decode_ascii(void **state)
{
	(void)state;
	CHECK_DECODE("A", 0x41, 1);
	CHECK_DECODE("Az", 0x41, 1);
	CHECK_DECODE("\x7F", 0x7F, 1);
	/* A NUL byte inside the range is a code point like any other. */
	check_decode("\0x", 2, 0, 1);
}

static void test_decode_two_bytes(void **state)
{
	(void)state;
	CHECK_DECODE("\xC3\xA9", 0xE9, 2);          /* é */
	CHECK_DECODE("\xC2\x80", 0x80, 2);          /* lowest */
	CHECK_DECODE("\xDF\xBF", 0x7FF, 2);         /* highest */
	CHECK_DECODE("\xC3\xA9tail", 0xE9, 2);
}

static void test_decode_three_bytes(void **state)
{
	(void)state;
	CHECK_DECODE("\xE2\x82\xAC", 0x20AC, 3);    /* € */
	CHECK_DECODE("\xE0\xA0\x80", 0x800, 3);     /* lowest */
	CHECK_DECODE("\xEF\xBF\xBF", 0xFFFF, 3);    /* highest */
	CHECK_DECODE("\xED\x9F\xBF", 0xD7FF, 3);    /* just below surrogates */
	CHECK_DECODE("\xEE\x80\x80", 0xE000, 3);    /* just above surrogates */
	CHECK_DECODE("\xEF\xB8\x8F", 0xFE0F, 3);    /* variation selector 16 */
	CHECK_DECODE("\xE4\xB8\xAD", 0x4E2D, 3);    /* 中 */
}

static void test_decode_four_bytes(void **state)
{
	(void)state;
	CHECK_DECODE("\xF0\x9F\x98\x80", 0x1F600, 4); /* 😀 */
	CHECK_DECODE("\xF0\x9F\x93\x9A", 0x1F4DA, 4); /* 📚 */
	CHECK_DECODE("\xF0\x90\x80\x80", 0x10000, 4); /* lowest */
	CHECK_DECODE("\xF4\x8F\xBF\xBF", 0x10FFFF, 4); /* highest */
}

static void test_decode_overlongs(void **state)
{
	(void)state;
	CHECK_DECODE("\xC0\x80", -1, 1);             /* NUL in two bytes */
	CHECK_DECODE("\xC0\xAF", -1, 1);             /* '/' in two bytes */
	CHECK_DECODE("\xC1\xBF", -1, 1);
	CHECK_DECODE("\xE0\x80\x80", -1, 1);
	CHECK_DECODE("\xE0\x9F\xBF", -1, 1);         /* U+07FF in three */
	CHECK_DECODE("\xF0\x80\x80\x80", -1, 1);
	CHECK_DECODE("\xF0\x8F\xBF\xBF", -1, 1);     /* U+FFFF in four */
}

static void test_decode_surrogates(void **state)
{
	(void)state;
	CHECK_DECODE("\xED\xA0\x80", -1, 1);         /* U+D800 */
	CHECK_DECODE("\xED\xAF\xBF", -1, 1);         /* U+DBFF */
	CHECK_DECODE("\xED\xB0\x80", -1, 1);         /* U+DC00 */
	CHECK_DECODE("\xED\xBF\xBF", -1, 1);         /* U+DFFF */
	/* A CESU-8 pair for U+1F600 is two surrogates, not one code point. */
	CHECK_DECODE("\xED\xA0\xBD\xED\xB8\x80", -1, 1);
}

static void test_decode_above_max(void **state)
{
	(void)state;
	CHECK_DECODE("\xF4\x90\x80\x80", -1, 1);     /* U+110000 */
	CHECK_DECODE("\xF5\x80\x80\x80", -1, 1);
	CHECK_DECODE("\xF7\xBF\xBF\xBF", -1, 1);
	CHECK_DECODE("\xF8\x88\x80\x80\x80", -1, 1); /* old 5-byte form */
	CHECK_DECODE("\xFC\x84\x80\x80\x80\x80", -1, 1);
	CHECK_DECODE("\xFE", -1, 1);
	CHECK_DECODE("\xFF", -1, 1);
}

static void test_decode_truncated(void **state)
{
	(void)state;
	CHECK_DECODE("\xC3", -1, 1);
	CHECK_DECODE("\xE2\x82", -1, 1);
	CHECK_DECODE("\xF0\x9F\x98", -1, 1);
	/* The range ends the sequence even when more bytes follow in memory. */
	check_decode("\xF0\x9F\x98\x80", 3, -1, 1);
	check_decode("\xC3\xA9", 1, -1, 1);
}

static void test_decode_bad_continuation(void **state)
{
	(void)state;
	CHECK_DECODE("\x80", -1, 1);                 /* lone continuation */
	CHECK_DECODE("\xBF\x80", -1, 1);
	CHECK_DECODE("\xC3\x41", -1, 1);
	CHECK_DECODE("\xE2\x28\xA1", -1, 1);
	CHECK_DECODE("\xE2\x82\x28", -1, 1);
	CHECK_DECODE("\xF0\x9F\x98\x41", -1, 1);
	CHECK_DECODE("\xC3\xC3\xA9", -1, 1);
}

static void test_decode_empty(void **state)
{
	size_t adv = 7;
	(void)state;
	assert_int_equal(dtw_utf8_decode("x", 0, &adv), -1);
	assert_int_equal(adv, 0);
}

static void test_encode_bytes(void **state)
{
	char out[4];
	(void)state;
	assert_int_equal(dtw_utf8_encode(out, 0x41), 1);
	assert_memory_equal(out, "A", 1);
	assert_int_equal(dtw_utf8_encode(out, 0), 1);
	assert_int_equal(out[0], 0);
	assert_int_equal(dtw_utf8_encode(out, 0x7F), 1);
	assert_memory_equal(out, "\x7F", 1);
	assert_int_equal(dtw_utf8_encode(out, 0x80), 2);
	assert_memory_equal(out, "\xC2\x80", 2);
	assert_int_equal(dtw_utf8_encode(out, 0xE9), 2);
	assert_memory_equal(out, "\xC3\xA9", 2);
	assert_int_equal(dtw_utf8_encode(out, 0x7FF), 2);
	assert_memory_equal(out, "\xDF\xBF", 2);
	assert_int_equal(dtw_utf8_encode(out, 0x800), 3);
	assert_memory_equal(out, "\xE0\xA0\x80", 3);
	assert_int_equal(dtw_utf8_encode(out, 0x2192), 3);
	assert_memory_equal(out, "\xE2\x86\x92", 3);
	assert_int_equal(dtw_utf8_encode(out, 0xFFFF), 3);
	assert_memory_equal(out, "\xEF\xBF\xBF", 3);
	assert_int_equal(dtw_utf8_encode(out, 0x10000), 4);
	assert_memory_equal(out, "\xF0\x90\x80\x80", 4);
	assert_int_equal(dtw_utf8_encode(out, 0x1F6E0), 4);
	assert_memory_equal(out, "\xF0\x9F\x9B\xA0", 4);
	assert_int_equal(dtw_utf8_encode(out, 0x10FFFF), 4);
	assert_memory_equal(out, "\xF4\x8F\xBF\xBF", 4);
}

/* Every scalar value survives encode then decode, with the same length. */
static void test_encode_decode_round_trip(void **state)
{
	uint32_t cp;
	size_t bad = 0;
	(void)state;
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		char out[4];
		size_t n, adv = 0, want;
		int32_t back;
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		n = dtw_utf8_encode(out, cp);
		want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
		back = dtw_utf8_decode(out, n, &adv);
		if (n != want || back != (int32_t)cp || adv != n)
			bad++;
	}
	assert_int_equal(bad, 0);
}

static void test_invalid_at(void **state)
{
	(void)state;
	assert_int_equal(dtw_utf8_invalid_at("", 0), 0);
	assert_int_equal(dtw_utf8_invalid_at("abc", 3), 3);
	assert_int_equal(dtw_utf8_invalid_at("caf\xC3\xA9 \xF0\x9F\x93\x9A", 10), 10);
	assert_int_equal(dtw_utf8_invalid_at("ab\xFF" "c", 4), 2);
	assert_int_equal(dtw_utf8_invalid_at("\xC3\xA9\xC3", 3), 2);     /* truncated at end */
	assert_int_equal(dtw_utf8_invalid_at("\xE2\x82\xAC\xED\xA0\x80", 6), 3); /* surrogate */
	assert_int_equal(dtw_utf8_invalid_at("x\xC0\x80", 3), 1);        /* overlong */
	assert_int_equal(dtw_utf8_invalid_at("\xF4\x90\x80\x80", 4), 0);
	/* A NUL is valid UTF-8. */
	assert_int_equal(dtw_utf8_invalid_at("a\0b", 3), 3);
	/* Only len bytes are checked. */
	assert_int_equal(dtw_utf8_invalid_at("ok\xFF", 2), 2);
	/* Latin-1 "café" fails at the é byte. */
	assert_int_equal(dtw_utf8_invalid_at("caf\xE9", 4), 3);
}

static void test_count(void **state)
{
	(void)state;
	assert_int_equal(dtw_utf8_count("", 0), 0);
	assert_int_equal(dtw_utf8_count("hello", 5), 5);
	assert_int_equal(dtw_utf8_count("h\xC3\xA9llo", 6), 5);
	assert_int_equal(dtw_utf8_count("\xE2\x82\xAC" "5", 4), 2);
	assert_int_equal(dtw_utf8_count("\xF0\x9F\x98\x80\xF0\x9F\x98\x80", 8), 2);
	/* 🛠️ is two code points: U+1F6E0 and U+FE0F. */
	assert_int_equal(dtw_utf8_count("\xF0\x9F\x9B\xA0\xEF\xB8\x8F", 7), 2);
	/* Invalid bytes count one each. */
	assert_int_equal(dtw_utf8_count("a\xFF" "b", 3), 3);
	assert_int_equal(dtw_utf8_count("\xE2\x82", 2), 2);
	assert_int_equal(dtw_utf8_count("\xED\xA0\x80", 3), 3);
	/* A sequence cut by len counts its bytes. */
	assert_int_equal(dtw_utf8_count("\xC3\xA9", 1), 1);
}

static void test_cp_width(void **state)
{
	(void)state;
	/* ASCII and ordinary letters. */
	assert_int_equal(dtw_cp_width('A'), 1);
	assert_int_equal(dtw_cp_width(' '), 1);
	assert_int_equal(dtw_cp_width(0xE9), 1);     /* é */
	assert_int_equal(dtw_cp_width(0x2192), 1);   /* → */
	assert_int_equal(dtw_cp_width(0x201C), 1);   /* “ */
	/* Emoji. */
	assert_int_equal(dtw_cp_width(0x1F600), 2);
	assert_int_equal(dtw_cp_width(0x1F4DA), 2);  /* 📚 */
	assert_int_equal(dtw_cp_width(0x1F6E0), 2);  /* 🛠 */
	assert_int_equal(dtw_cp_width(0x1F4AC), 2);  /* 💬 */
	assert_int_equal(dtw_cp_width(0x2615), 2);   /* ☕ */
	/* CJK, Hangul, full-width forms. */
	assert_int_equal(dtw_cp_width(0x4E2D), 2);   /* 中 */
	assert_int_equal(dtw_cp_width(0x3042), 2);   /* あ */
	assert_int_equal(dtw_cp_width(0xAC00), 2);   /* 가 */
	assert_int_equal(dtw_cp_width(0xFF21), 2);   /* Ａ */
	assert_int_equal(dtw_cp_width(0x20000), 2);
	/* Zero width: variation selectors, combining marks, ZWJ, skin tones. */
	assert_int_equal(dtw_cp_width(0xFE0F), 0);
	assert_int_equal(dtw_cp_width(0xFE0E), 0);
	assert_int_equal(dtw_cp_width(0x0301), 0);
	assert_int_equal(dtw_cp_width(0x200D), 0);
	assert_int_equal(dtw_cp_width(0x1F3FB), 0);
	assert_int_equal(dtw_cp_width(0xE0100), 0);
}

static void test_utf8_width(void **state)
{
	(void)state;
	assert_int_equal(dtw_utf8_width("", 0), 0);
	assert_int_equal(dtw_utf8_width("Week 42", 7), 7);
	/* "Café" is five bytes, four columns; "📚 Blogs" eleven bytes, eight. */
	assert_int_equal(dtw_utf8_width("Caf\xC3\xA9", 5), 4);
	assert_int_equal(dtw_utf8_width("\xF0\x9F\x93\x9A Blogs", 10), 8);
	/* 🛠️ with its variation selector: two columns. */
	assert_int_equal(dtw_utf8_width("\xF0\x9F\x9B\xA0\xEF\xB8\x8F", 7), 2);
	assert_int_equal(dtw_utf8_width("\xE4\xB8\xAD\xE6\x96\x87", 6), 4);  /* 中文 */
	/* An invalid byte is one column. */
	assert_int_equal(dtw_utf8_width("a\xFF" "b", 3), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_width),
		cmocka_unit_test(test_decode_ascii),
		cmocka_unit_test(test_decode_two_bytes),
		cmocka_unit_test(test_decode_three_bytes),
		cmocka_unit_test(test_decode_four_bytes),
		cmocka_unit_test(test_decode_overlongs),
		cmocka_unit_test(test_decode_surrogates),
		cmocka_unit_test(test_decode_above_max),
		cmocka_unit_test(test_decode_truncated),
		cmocka_unit_test(test_decode_bad_continuation),
		cmocka_unit_test(test_decode_empty),
		cmocka_unit_test(test_encode_bytes),
		cmocka_unit_test(test_encode_decode_round_trip),
		cmocka_unit_test(test_invalid_at),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_cp_width),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
