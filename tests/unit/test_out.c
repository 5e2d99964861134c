/* Unit tests of the escaping writer (lib/format/out.c): what a line and a
 * text of many lines let through, and what they escape. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "base/strbuf.h"
#include "format/out.h"

/* --- dtw_escape: one line --- */

static void check_escaped(const char *in, size_t len, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	dtw_escape(&sb, in, len);
	assert_string_equal(sb.buf, want);
	assert_int_equal(sb.len, strlen(want));
	strbuf_release(&sb);
}

#define CHECK_ESC(lit, want) check_escaped((lit), sizeof(lit) - 1, (want))

static void test_escaped_plain_text_unchanged(void **state)
{
	(void)state;
	CHECK_ESC("Why it matters: it's fast ~ [x](y)",
		      "Why it matters: it's fast ~ [x](y)");
	CHECK_ESC("", "");
	/* Only len bytes are read. */
	check_escaped("abcdef", 3, "abc");
}

static void test_escaped_utf8_kept(void **state)
{
	(void)state;
	/* é, →, 📚 and U+FE0F pass through untouched. */
	CHECK_ESC("caf\xC3\xA9 \xE2\x86\x92 \xF0\x9F\x93\x9A \xF0\x9F\x9B\xA0\xEF\xB8\x8F",
		      "caf\xC3\xA9 \xE2\x86\x92 \xF0\x9F\x93\x9A \xF0\x9F\x9B\xA0\xEF\xB8\x8F");
}

static void test_escaped_c0_controls(void **state)
{
	(void)state;
	CHECK_ESC("\x1b[31mred\x1b[0m", "\\x1B[31mred\\x1B[0m");
	CHECK_ESC("a\nb\rc", "a\\x0Ab\\x0Dc");
	CHECK_ESC("\x07\x08\x7f", "\\x07\\x08\\x7F");
	CHECK_ESC("x\0y", "x\\x00y");
	CHECK_ESC("\x01\x1f", "\\x01\\x1F");
}

static void test_escaped_tab(void **state)
{
	(void)state;
	CHECK_ESC("a\tb", "a\\tb");
	CHECK_ESC("\t\t", "\\t\\t");
}

static void test_escaped_c1_controls(void **state)
{
	(void)state;
	/* U+0085 NEL and U+009B CSI, which some terminals obey. */
	CHECK_ESC("a\xC2\x85" "b", "a\\u{0085}b");
	CHECK_ESC("\xC2\x9B" "31m", "\\u{009B}31m");
	CHECK_ESC("\xC2\x80\xC2\x9F", "\\u{0080}\\u{009F}");
	/* U+00A0 is the first code point after C1: kept. */
	CHECK_ESC("\xC2\xA0", "\xC2\xA0");
}

static void test_escaped_bidi_and_invisible_formatting(void **state)
{
	(void)state;
	/* U+202E RIGHT-TO-LEFT OVERRIDE (the "Trojan Source" character). */
	CHECK_ESC("abc\xE2\x80\xAE" "def", "abc\\u{202E}def");
	CHECK_ESC("\xE2\x80\xAA\xE2\x80\xAB\xE2\x80\xAC\xE2\x80\xAD",
		      "\\u{202A}\\u{202B}\\u{202C}\\u{202D}");
	CHECK_ESC("\xE2\x81\xA6\xE2\x81\xA9", "\\u{2066}\\u{2069}");
	CHECK_ESC("\xE2\x80\x8E\xE2\x80\x8F", "\\u{200E}\\u{200F}");
	CHECK_ESC("\xE2\x80\xA8\xE2\x80\xA9", "\\u{2028}\\u{2029}");
	CHECK_ESC("\xEF\xBB\xBFx", "\\u{FEFF}x");
	/* Neighbours of those ranges are ordinary text. */
	CHECK_ESC("\xE2\x80\xAF\xE2\x81\xB0", "\xE2\x80\xAF\xE2\x81\xB0");
}

static void test_escaped_invalid_utf8(void **state)
{
	(void)state;
	CHECK_ESC("a\xFF" "b", "a\\xFFb");
	/* A truncated sequence is escaped byte by byte. */
	CHECK_ESC("\xE2\x80", "\\xE2\\x80");
	/* A lone continuation byte, an overlong '/', a surrogate. */
	CHECK_ESC("\x80", "\\x80");
	CHECK_ESC("\xC0\xAF", "\\xC0\\xAF");
	CHECK_ESC("\xED\xA0\x80", "\\xED\\xA0\\x80");
	/* Latin-1 text: é as a single byte before valid text. */
	CHECK_ESC("caf\xE9 ok", "caf\\xE9 ok");
	/* The sequence is cut by len, not by the bytes after it. */
	check_escaped("\xC3\xA9", 1, "\\xC3");
}

static void test_escaped_appends(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	strbuf_addstr(&sb, "msg: \"");
	dtw_escape(&sb, "\x1b]0;pwned\x07", 10);
	strbuf_addch(&sb, '"');
	assert_string_equal(sb.buf, "msg: \"\\x1B]0;pwned\\x07\"");
	strbuf_release(&sb);
}

static void test_escaped_backslash_is_unambiguous(void **state)
{
	(void)state;
	/* The text "\x1B[31m" and an escaped ESC must not look alike. */
	CHECK_ESC("\\x1B[31m", "\\\\x1B[31m");
	CHECK_ESC("\x1b[31m", "\\x1B[31m");
	/* A backslash before what would read as an escape is doubled: before
	 * x, u, t, another backslash, or a byte that is itself escaped. */
	CHECK_ESC("\\u{202E}", "\\\\u{202E}");
	CHECK_ESC("\\t", "\\\\t");
	/* The first of two is doubled (a backslash follows it); the last
	 * stays single: "\\" then "\" reads back as two. */
	CHECK_ESC("\\\\", "\\\\\\");
	CHECK_ESC("\\\x1b", "\\\\\\x1B");
	CHECK_ESC("\\\xE2\x80\xAE", "\\\\\\u{202E}");
	/* Elsewhere it stays as it is, so a pattern reads as written. */
	CHECK_ESC("/^Until\\b\\d+\\./", "/^Until\\b\\d+\\./");
	CHECK_ESC("end\\", "end\\");
}

static void test_escaped_invisible_characters(void **state)
{
	(void)state;
	/* U+061C ARABIC LETTER MARK, U+200B ZERO WIDTH SPACE, U+2060 WORD
	 * JOINER, U+00AD SOFT HYPHEN, U+180E MONGOLIAN VOWEL SEPARATOR. */
	CHECK_ESC("a\xD8\x9C" "b", "a\\u{061C}b");
	CHECK_ESC("a\xE2\x80\x8B" "b", "a\\u{200B}b");
	CHECK_ESC("a\xE2\x81\xA0" "b", "a\\u{2060}b");
	CHECK_ESC("a\xC2\xAD" "b", "a\\u{00AD}b");
	CHECK_ESC("a\xE1\xA0\x8E" "b", "a\\u{180E}b");
	/* Tag characters (U+E0000-E007F), which spell hidden ASCII. */
	CHECK_ESC("x\xF3\xA0\x81\x81\xF3\xA0\x81\xBF", "x\\u{E0041}\\u{E007F}");
	/* U+E0080, past the tags, is ordinary text; so are ZWJ and ZWNJ,
	 * which emoji sequences and many scripts need. */
	CHECK_ESC("\xF3\xA0\x82\x80", "\xF3\xA0\x82\x80");
	CHECK_ESC("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB",
		  "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB");
	CHECK_ESC("a\xE2\x80\x8C" "b", "a\xE2\x80\x8C" "b");
}

/* --- dtw_escape_text: many lines --- */

static void check_text(const char *in, size_t len, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	dtw_escape_text(&sb, in, len);
	assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
}

#define CHECK_TEXT(lit, want) check_text((lit), sizeof(lit) - 1, (want))

static void test_text_keeps_lines_tabs_and_backslashes(void **state)
{
	(void)state;
	CHECK_TEXT("a\n\tb\\c\n", "a\n\tb\\c\n");
	CHECK_TEXT("-old\n+new\n", "-old\n+new\n");
}

static void test_text_escapes_the_rest(void **state)
{
	(void)state;
	CHECK_TEXT("a\rb\n", "a\\x0Db\n");
	CHECK_TEXT("\x1b]8;;https://e.org\x07x\x1b]8;;\x07\n",
		   "\\x1B]8;;https://e.org\\x07x\\x1B]8;;\\x07\n");
	CHECK_TEXT("\xE2\x80\xAE\xFF\n", "\\u{202E}\\xFF\n");
}

/* --- the writers --- */

/* What `write` printed into a temporary FILE. */
static char *captured(FILE *f)
{
	long n;
	char *buf;
	fflush(f);
	n = ftell(f);
	buf = calloc(1, (size_t)n + 1);
	rewind(f);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	return buf;
}

static void test_out_line_escapes_format_and_arguments(void **state)
{
	FILE *f = tmpfile();
	char *got;
	(void)state;
	assert_non_null(f);
	dtw_out_line(f, "dtw: %s: fixed %d problems", "b\n::error file=y::X.md", 2);
	got = captured(f);
	assert_string_equal(got, "dtw: b\\x0A::error file=y::X.md: fixed 2 problems\n");
	free(got);
	fclose(f);
}

static void test_out_text_and_literal(void **state)
{
	FILE *f = tmpfile();
	char *got;
	(void)state;
	assert_non_null(f);
	dtw_out_text(f, "x\x1b[2J\n", 6);
	dtw_out_literal(f, "usage\n", 6);
	got = captured(f);
	assert_string_equal(got, "x\\x1B[2J\nusage\n");
	free(got);
	fclose(f);
}

/* A document given back (dtw lint --fix -) into a file or a pipe keeps
 * every byte: ESC, CR and BOM included. */
static void test_out_document_is_byte_for_byte_off_a_terminal(void **state)
{
	static const char doc[] = "\xEF\xBB\xBF---\r\nodd \x1b byte\r\n";
	FILE *f = tmpfile();
	char *got;
	(void)state;
	assert_non_null(f);
	dtw_out_document(f, doc, sizeof(doc) - 1);
	got = captured(f);
	assert_string_equal(got, doc);
	free(got);
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escaped_plain_text_unchanged),
		cmocka_unit_test(test_escaped_utf8_kept),
		cmocka_unit_test(test_escaped_c0_controls),
		cmocka_unit_test(test_escaped_tab),
		cmocka_unit_test(test_escaped_c1_controls),
		cmocka_unit_test(test_escaped_bidi_and_invisible_formatting),
		cmocka_unit_test(test_escaped_invalid_utf8),
		cmocka_unit_test(test_escaped_appends),
		cmocka_unit_test(test_escaped_backslash_is_unambiguous),
		cmocka_unit_test(test_escaped_invisible_characters),
		cmocka_unit_test(test_text_keeps_lines_tabs_and_backslashes),
		cmocka_unit_test(test_text_escapes_the_rest),
		cmocka_unit_test(test_out_line_escapes_format_and_arguments),
		cmocka_unit_test(test_out_text_and_literal),
		cmocka_unit_test(test_out_document_is_byte_for_byte_off_a_terminal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
