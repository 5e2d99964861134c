/* Unit tests for lib/source/guard.h: each limit at the limit (accepted)
 * and one past it (refused, at the right offset, saying which), lines
 * ended as the parser ends them, and a document past a limit never
 * parsed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/strbuf.h"
#include "parse/document.h"
#include "source/guard.h"
#include "source/source.h"
#include "base/banned.h"

/* n copies of unit, then tail. */
static char *rep(const char *head, const char *unit, size_t n, const char *tail)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	strbuf_addstr(&sb, head);
	for (i = 0; i < n; i++)
		strbuf_addstr(&sb, unit);
	strbuf_addstr(&sb, tail);
	return strbuf_detach(&sb, NULL);
}

/* rep of a head that rep made, which it frees. */
static char *rep2(char *head, const char *unit, size_t n, const char *tail)
{
	char *r = rep(head, unit, n, tail);
	free(head);
	return r;
}

/* -1 when within the limits, else the offset; why holds the reason. */
static long check(const char *text, struct strbuf *why)
{
	size_t at = 0;
	strbuf_reset(why);
	return dtw_markdown_over_limits(text, strlen(text), &at, why) ? (long)at : -1;
}

static void expect(char *text, long at, const char *why_has)
{
	struct strbuf why = STRBUF_INIT;
	long got = check(text, &why);
	assert_int_equal(got, at);
	if (why_has)
		assert_non_null(strstr(why.buf, why_has));
	strbuf_release(&why);
	free(text);
}

static void test_ordinary_issue_within(void **state)
{
	(void)state;
	expect(rep("---\ntitle: T\n---\n\n# T\n\n## Tools\n\n",
		   "### [A *b* `c`](https://a.example)\n\nText & <b>x</b> www.a.example a@b.example\n\n"
		   "| a | b |\n|---|---|\n| 1 | 2 |\n\n",
		   1000, "---\n\nBye.\n"),
	       -1, NULL);
}

static void test_table_row_cells(void **state)
{
	(void)state;
	/* 256 cells, the limit, with and without the outer pipes. */
	expect(rep("", "|a", 256, "|\n|-|\nx\n"), -1, NULL);
	expect(rep("a", "|a", 255, "\n|-|\nx\n"), -1, NULL);
	expect(rep("", "|a", 257, "|\n|-|\nx\n"), 516, "a table header of 257 cells, over the limit of 256");
	/* A data row, and a delimiter row, as wide. */
	expect(rep("|a|b|\n|-|-|\n", "|x", 257, "\n"), 12, "a table row of 257 cells");
	expect(rep("a|b\n", "|-", 257, "\n"), 4, "a table header of 257 cells");
	/* Without a delimiter row, pipes are text. */
	expect(rep("", "|", 5000, "\nx\n"), -1, NULL);
}

static void test_table_cells(void **state)
{
	(void)state;
	/* A 100-column header, then rows each filled up to 100 cells:
	 * 2000 rows is 200,000 cells. */
	expect(rep2(rep("", "|a", 100, "\n|-|\n"), "x\n", 2000, ""), -1, NULL);
	expect(rep2(rep("", "|a", 100, "\n|-|\n"), "x\n", 2001, ""),
	       (long)(201 + 4 + 2000 * 2), "more than 200000 table cells");
	/* A blank line ends the table: the next rows are text. */
	{
		char *more = rep("\n", "x\n", 5000, "");
		expect(rep2(rep("", "|a", 100, "\n|-|\n"), "x\n", 1000, more), -1, NULL);
		free(more);
	}
}

static void test_www_in_one_paragraph(void **state)
{
	(void)state;
	expect(rep("", "www.a.b ", 250, "\n"), -1, NULL);
	expect(rep("", "www.a.b ", 251, "\n"), 250 * 8, "more than 250 links starting \"www.\"");
	/* Paragraphs apart, each within. */
	expect(rep("", "www.a.b www.a.b\n\n", 1000, ""), -1, NULL);
	/* Not where an autolink may start. */
	expect(rep("", "xwww.a.b ", 1000, "\n"), -1, NULL);
}

static void test_email_run(void **state)
{
	(void)state;
	expect(rep("", "aaaaaaa@", 128, " x\n"), -1, NULL);
	expect(rep("", "aaaaaaa@", 128, "a x\n"), 0, "more than 1024 characters with an @");
	/* As long without an @, or cut by white space. */
	expect(rep("", "a", 100000, "\n"), -1, NULL);
	expect(rep("", "aaaaaaa@ ", 10000, "\n"), -1, NULL);
}

static void test_elements(void **state)
{
	(void)state;
	/* One line and 999,999 markup characters: exactly the limit. */
	expect(rep("a", "-", 999999, "\n"), -1, NULL);
	expect(rep("a", "-", 1000000, "\n"), 0, "more than 1000000 Markdown elements");
	/* Lines count, ended by LF, CRLF or a lone CR alike. */
	expect(rep("", "x\n", 1000000, ""), -1, NULL);
	expect(rep("", "x\r", 1000001, ""), 2000000, "Markdown elements");
	expect(rep("", "x\r\n", 1000001, ""), 3000000, "Markdown elements");
}

static void test_fast_searches_agree_with_the_full_scan(void **state)
{
	/* Texts the fast searches decide (no pipe, small): the same answer,
	 * offset and reason as the scan of every byte. */
	static const char *parts[] = { "a", "@", "www.", " ", "\n", "\r", "\r\n", "\n\n",
					     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
					     "(www.", "xwww.", "*", ".",
					     NULL, NULL };
	unsigned seed = 4242;
	int round, over = 0, within = 0;
	char *many_www = rep("", "www.a ", 60, ""), *long_run = rep("", "aaaaaaa@", 65, "");
	(void)state;
	parts[sizeof(parts) / sizeof(parts[0]) - 2] = many_www;
	parts[sizeof(parts) / sizeof(parts[0]) - 1] = long_run;
	for (round = 0; round < 400; round++) {
		struct strbuf t = STRBUF_INIT, w1 = STRBUF_INIT, w2 = STRBUF_INIT;
		size_t at1 = 0, at2 = 0, k, n = (size_t)(round % 50) * 20;
		int r1, r2;
		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			strbuf_addstr(&t, parts[(seed >> 16) % (sizeof(parts) / sizeof(parts[0]))]);
		}
		r1 = dtw_markdown_over_limits(t.buf ? t.buf : "", t.len, &at1, &w1);
		r2 = dtw_markdown_over_limits_full(t.buf ? t.buf : "", t.len, &at2, &w2);
		assert_int_equal(r1, r2);
		over += r1;
		within += !r1;
		if (r1) {
			assert_int_equal(at1, at2);
			assert_string_equal(w1.buf, w2.buf);
		}
		strbuf_release(&t);
		strbuf_release(&w1);
		strbuf_release(&w2);
	}
	/* Both answers came up often enough to compare. */
	assert_true(over > 40 && within > 40);
	free(many_www);
	free(long_run);
}

static void test_document_not_parsed(void **state)
{
	struct dtw_source src;
	struct dtw_document doc;
	struct dtw_arena arena;
	char *text = rep("---\ntitle: T\n---\n\n", "|a", 300, "|\n|-|\n");
	(void)state;
	memset(&arena, 0, sizeof(arena));
	dtw_source_init_copy(&src, "t.md", text, strlen(text));
	dtw_document_parse(&doc, &src, &arena, DTW_FM_SYNTAX_YAML);
	assert_int_equal(doc.state, DTW_DOC_OVER_LIMIT);
	assert_null(doc.root);
	assert_int_equal(doc.limit_at, 18 + 602);
	assert_non_null(strstr(doc.limit_msg, "300 cells"));
	dtw_document_release(&doc);
	dtw_arena_release(&arena);
	dtw_source_release(&src);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ordinary_issue_within),
		cmocka_unit_test(test_table_row_cells),
		cmocka_unit_test(test_table_cells),
		cmocka_unit_test(test_www_in_one_paragraph),
		cmocka_unit_test(test_email_run),
		cmocka_unit_test(test_elements),
		cmocka_unit_test(test_fast_searches_agree_with_the_full_scan),
		cmocka_unit_test(test_document_not_parsed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
