/* Unit tests for lib/format/: each output format writes the findings it
 * is given, counts them, and lets nothing from a draft (its path, the
 * text quoted in a message) out raw. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "diag/diag.h"
#include "format/format.h"
#include "source/source.h"
#include "base/banned.h"

static const char DOC[] = "# Title\n\nSome text, then 日本 and more.\n";

struct run {
	char *buf;
	size_t len;
};

static void diag(struct dtw_diag *d, const char *rule, enum dtw_severity sev,
		 uint32_t line, uint32_t col, uint32_t end_col, size_t start, size_t end,
		 const char *msg, const char *fix)
{
	memset(d, 0, sizeof(*d));
	d->rule = rule;
	d->severity = sev;
	d->line = d->end_line = line;
	d->col = col;
	d->end_col = end_col;
	d->start = start;
	d->end = end;
	d->message = (char *)msg;
	d->fix = (char *)fix;
}

/* Runs format `name` over one document `path` (holding DOC) with findings
 * d[0..n) and returns what it wrote (free run->buf). `color` 1: colour
 * and the source line (a terminal); 2: the source line alone (a terminal
 * under NO_COLOR). */
static void run(struct run *r, const char *name, int color, int quiet, const char *path,
		const struct dtw_diag *d, size_t n, struct dtw_fmt *counts)
{
	struct dtw_fmt f;
	struct dtw_source src;
	FILE *out = open_memstream(&r->buf, &r->len);
	assert_non_null(out);
	memset(&f, 0, sizeof(f));
	f.ops = dtw_formatter_find(name);
	assert_non_null(f.ops);
	f.out = out;
	f.color = color == 1;
	f.context = color != 0;
	f.quiet = quiet;
	dtw_source_init_copy(&src, path, DOC, strlen(DOC));
	dtw_fmt_begin(&f);
	dtw_fmt_emit(&f, &src, d, n);
	dtw_fmt_end(&f);
	fclose(out);
	dtw_source_release(&src);
	if (counts)
		*counts = f;
}

static void test_every_named_format_is_found(void **state)
{
	char *names = xstrdup(dtw_formatter_names()), *p, *save = NULL;
	size_t n = 0;
	(void)state;
	for (p = strtok_r(names, ", ", &save); p; p = strtok_r(NULL, ", ", &save)) {
		assert_non_null(dtw_formatter_find(p));
		assert_string_equal(dtw_formatter_find(p)->name, p);
		n++;
	}
	assert_int_equal(n, 5);
	assert_null(dtw_formatter_find("xml"));
	assert_null(dtw_formatter_find(""));
	free(names);
}

/* The same rule and message twice in a document: the second is the 1st
 * occurrence, and gets a fingerprint of its own; the line plays no part. */
static void test_fingerprints_count_occurrences_not_lines(void **state)
{
	struct dtw_diag d[3];
	char a[33], b[33], c[33];
	size_t *nth;
	(void)state;
	diag(&d[0], "whitespace", DTW_SEV_WARNING, 3, 1, 2, 0, 1, "trailing white space", NULL);
	diag(&d[1], "section-order", DTW_SEV_ERROR, 4, 1, 2, 0, 1, "out of order", NULL);
	diag(&d[2], "whitespace", DTW_SEV_WARNING, 9, 1, 2, 0, 1, "trailing white space", NULL);
	nth = dtw_fmt_occurrences(d, 3);
	assert_int_equal(nth[0], 0);
	assert_int_equal(nth[1], 0);
	assert_int_equal(nth[2], 1);
	dtw_fmt_fingerprint(a, "issues/a.md", &d[0], nth[0]);
	dtw_fmt_fingerprint(b, "issues/a.md", &d[2], nth[2]);
	assert_int_equal(strlen(a), 32);
	assert_string_not_equal(a, b);
	d[0].line = 40;
	dtw_fmt_fingerprint(c, "issues/a.md", &d[0], 0);
	assert_string_equal(a, c);
	dtw_fmt_fingerprint(c, "issues/b.md", &d[0], 0);
	assert_string_not_equal(a, c);
	free(nth);
}

static void test_text_lines_and_summary(void **state)
{
	struct dtw_diag d[2];
	struct dtw_fmt c;
	struct run r;
	(void)state;
	diag(&d[0], "section-order", DTW_SEV_ERROR, 1, 3, 8, 2, 7, "out of order", NULL);
	diag(&d[1], "length", DTW_SEV_WARNING, 3, 1, 5, 9, 13, "too long", NULL);
	run(&r, "text", 0, 0, "issues/a.md", d, 2, &c);
	assert_string_equal(r.buf,
			    "issues/a.md:1:3: error: out of order [section-order]\n"
			    "issues/a.md:3:1: warning: too long [length]\n"
			    "1 error, 1 warning in 1 file\n");
	assert_int_equal(c.errors, 1);
	assert_int_equal(c.warnings, 1);
	assert_int_equal(c.files_with, 1);
	free(r.buf);

	/* Quiet: errors only, and only they are counted; the summary says
	 * how many warnings it left out. */
	run(&r, "text", 0, 1, "issues/a.md", d, 2, &c);
	assert_string_equal(r.buf,
			    "issues/a.md:1:3: error: out of order [section-order]\n"
			    "1 error in 1 file; 1 warning not shown (--quiet)\n");
	assert_int_equal(c.warnings, 0);
	assert_int_equal(c.hidden, 1);
	free(r.buf);
	run(&r, "text", 0, 1, "issues/a.md", d + 1, 1, &c);
	assert_string_equal(r.buf, "0 errors in 1 file; 1 warning not shown (--quiet)\n");
	free(r.buf);

	run(&r, "text", 0, 0, "issues/a.md", d, 0, &c);
	assert_string_equal(r.buf, "no problems in 1 file\n");
	assert_int_equal(c.files_with, 0);
	free(r.buf);
}

static void test_text_escapes_path_and_message(void **state)
{
	struct dtw_diag d;
	struct run r;
	(void)state;
	diag(&d, "placeholder", DTW_SEV_ERROR, 1, 1, 2, 0, 1,
	     "says \"\033]8;;https://evil/\007x\" \xe2\x80\xae", NULL);
	run(&r, "text", 0, 0, "b\n::error file=y::X.md", &d, 1, NULL);
	assert_string_equal(r.buf,
			    "b\\x0A::error file=y::X.md:1:1: error: says \"\\x1B]8;;https://evil/\\x07x\" "
			    "\\u{202E} [placeholder]\n"
			    "1 error, 0 warnings in 1 file\n");
	assert_null(memchr(r.buf, '\033', r.len));
	free(r.buf);
}

/* On a terminal: colour, and the line with a caret under the finding,
 * counted in columns as the escaped line shows them (日本 is four). */
static void test_text_caret_under_the_finding(void **state)
{
	struct dtw_diag d;
	struct run r;
	size_t at = (size_t)(strstr(DOC, "and") - DOC);
	(void)state;
	diag(&d, "length", DTW_SEV_WARNING, 3, 1, 1, at, at + 3, "here", NULL);
	run(&r, "text", 1, 0, "a.md", &d, 1, NULL);
	assert_non_null(strstr(r.buf, "\n    Some text, then 日本 and more.\n"));
	/* "    " + "Some text, then " (16) + "日本 " (5 columns) = 25 spaces. */
	assert_non_null(strstr(r.buf, "\n\033[1;32m                         ^~~\033[0m\n"));
	assert_non_null(strstr(r.buf, "\033[1;33mwarning:"));
	free(r.buf);
}

/* On a terminal without colour (NO_COLOR, --color=never): the same line
 * and caret, and not one escape sequence. */
static void test_text_caret_without_colour(void **state)
{
	struct dtw_diag d;
	struct run r;
	size_t at = (size_t)(strstr(DOC, "and") - DOC);
	(void)state;
	diag(&d, "length", DTW_SEV_WARNING, 3, 1, 1, at, at + 3, "here", NULL);
	run(&r, "text", 2, 0, "a.md", &d, 1, NULL);
	assert_string_equal(r.buf, "a.md:3:1: warning: here [length]\n"
			    "    Some text, then 日本 and more.\n"
			    "                         ^~~\n"
			    "0 errors, 1 warning in 1 file\n");
	free(r.buf);
}

static void test_json_document(void **state)
{
	struct dtw_diag d[2];
	struct run r;
	(void)state;
	diag(&d[0], "link-url", DTW_SEV_ERROR, 1, 3, 8, 2, 7, "bad \"x\"\\ \xff \xe2\x80\xa8", "https://e.org");
	diag(&d[1], "length", DTW_SEV_WARNING, 3, 1, 5, 9, 13, "tag \xf3\xa0\x80\x81", NULL);
	run(&r, "json", 0, 0, "a\tb.md", d, 2, NULL);
	assert_string_equal(r.buf,
			    "{\"version\":1,\"diagnostics\":[\n"
			    "{\"path\":\"a\\tb.md\",\"line\":1,\"column\":3,\"endLine\":1,\"endColumn\":8,"
			    "\"rule\":\"link-url\",\"severity\":\"error\",\"message\":\"bad \\\"x\\\"\\\\ \\ufffd \\u2028\","
			    "\"fix\":{\"line\":1,\"column\":3,\"endLine\":1,\"endColumn\":8,\"replacement\":\"https://e.org\"}},\n"
			    "{\"path\":\"a\\tb.md\",\"line\":3,\"column\":1,\"endLine\":3,\"endColumn\":5,"
			    "\"rule\":\"length\",\"severity\":\"warning\",\"message\":\"tag \\udb40\\udc01\"}\n"
			    "],\"files\":1,\"errors\":1,\"warnings\":1,\"unread\":0}\n");
	free(r.buf);
}

static void test_github_workflow_commands(void **state)
{
	struct dtw_diag d[2];
	struct run r;
	(void)state;
	diag(&d[0], "link-url", DTW_SEV_ERROR, 1, 3, 8, 2, 7, "100% bad\r\n::error::x", NULL);
	diag(&d[1], "length", DTW_SEV_WARNING, 3, 1, 5, 9, 13, "a, b: c", NULL);
	/* Colour asked for, never used: the log is read as text. */
	run(&r, "github", 1, 0, "x,y:z%.md", d, 2, NULL);
	assert_string_equal(r.buf,
			    "::error file=x%2Cy%3Az%25.md,line=1,col=3,endLine=1,endColumn=8,"
			    "title=link-url::100%25 bad%0D%0A::error::x\n"
			    "::warning file=x%2Cy%3Az%25.md,line=3,col=1,endLine=3,endColumn=5,"
			    "title=length::a, b: c\n"
			    "1 error, 1 warning in 1 file\n");
	free(r.buf);
}

static void test_sarif_results(void **state)
{
	struct dtw_diag d;
	struct run r;
	(void)state;
	diag(&d, "link-url", DTW_SEV_ERROR, 1, 3, 8, 2, 7, "see [x](https://evil) {0}", "https://e.org");
	run(&r, "sarif", 0, 0, "my issues/a.md", &d, 1, NULL);
	assert_non_null(strstr(r.buf, "\"version\":\"2.1.0\""));
	assert_non_null(strstr(r.buf, "\"columnKind\":\"unicodeCodePoints\""));
	assert_non_null(strstr(r.buf, "\n{\"id\":\"link-url\",\"shortDescription\":{\"text\":"));
	assert_non_null(strstr(r.buf, "{\"ruleId\":\"link-url\",\"ruleIndex\":"));
	/* No embedded link, no placeholder from the draft's text. */
	assert_non_null(strstr(r.buf, "\"message\":{\"text\":\"see [x\\\\](https://evil) {{0}}\"}"));
	assert_non_null(strstr(r.buf, "\"artifactLocation\":{\"uri\":\"my%20issues/a.md\"}"));
	assert_non_null(strstr(r.buf, "\"region\":{\"startLine\":1,\"startColumn\":3,\"endLine\":1,\"endColumn\":8}"));
	assert_non_null(strstr(r.buf, "\"insertedContent\":{\"text\":\"https://e.org\"}"));
	assert_int_equal(r.buf[r.len - 1], '\n');
	free(r.buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_named_format_is_found),
		cmocka_unit_test(test_fingerprints_count_occurrences_not_lines),
		cmocka_unit_test(test_text_lines_and_summary),
		cmocka_unit_test(test_text_escapes_path_and_message),
		cmocka_unit_test(test_text_caret_under_the_finding),
		cmocka_unit_test(test_text_caret_without_colour),
		cmocka_unit_test(test_json_document),
		cmocka_unit_test(test_github_workflow_commands),
		cmocka_unit_test(test_sarif_results),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
