/* Unit tests for lib/base/opts.h: the option parser every command uses. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/opts.h"
#include "base/banned.h"

static const char *const colors[] = { "auto", "always", "never", NULL };

struct vals {
	int staged, quiet, mode, color;
	const char *rev;
	long count;
	struct dtw_opt_list rules;
};

/* Parses argv (NULL-terminated) into *v; returns the parser's result
 * and the arguments left. */
static int parse(struct vals *v, size_t *nargs, const char **argv)
{
	struct dtw_option opts[] = {
		{ .type = DTW_OPT_FLAG, .name = "staged", .alias = "cached", .value = &v->staged,
		  .set = 1 },
		DTW_OPT_FLAG_("quiet", 'q', &v->quiet),
		DTW_OPT_SET_("items", &v->mode, 1, 1),
		DTW_OPT_SET_("patch", &v->mode, 2, 1),
		DTW_OPT_STRING_("rev", &v->rev),
		{ .type = DTW_OPT_COUNT, .name = "max", .value = &v->count },
		{ .type = DTW_OPT_END },
	};
	struct dtw_option more[] = {
		{ .type = DTW_OPT_LIST, .name = "rule", .value = &v->rules },
		{ .type = DTW_OPT_CHOICE, .name = "color", .value = &v->color, .choices = colors },
		{ .type = DTW_OPT_END },
	};
	int argc = 0;
	while (argv[argc])
		argc++;
	memset(v, 0, sizeof(*v));
	v->count = -1;
	return dtw_opts_parse(nargs, argc, argv, opts, more);
}

static void test_flags_values_and_arguments_in_order(void **state)
{
	const char *argv[] = { "a.md", "--cached", "-q", "--rev", "HEAD~1", "b.md",
			       "--max=7", "--patch", NULL };
	struct vals v;
	size_t n;
	(void)state;
	assert_int_equal(parse(&v, &n, argv), 0);
	assert_int_equal(v.staged, 1);
	assert_int_equal(v.quiet, 1);
	assert_int_equal(v.mode, 2);
	assert_string_equal(v.rev, "HEAD~1");
	assert_int_equal(v.count, 7);
	assert_int_equal(n, 2);
	assert_string_equal(argv[0], "a.md");
	assert_string_equal(argv[1], "b.md");
}

static void test_dashdash_and_dash_are_arguments(void **state)
{
	const char *argv[] = { "-", "--", "--staged", "-q", NULL };
	struct vals v;
	size_t n;
	(void)state;
	assert_int_equal(parse(&v, &n, argv), 0);
	assert_int_equal(n, 3);
	assert_string_equal(argv[0], "-");
	assert_string_equal(argv[1], "--staged");
	assert_string_equal(argv[2], "-q");
	assert_int_equal(v.staged, 0);
	assert_int_equal(v.quiet, 0);
}

static void test_help_wins(void **state)
{
	const char *a1[] = { "--bogus-after", NULL }, *a2[] = { "x", "-h", "--bogus", NULL };
	const char *a3[] = { "--", "--help", NULL };
	struct vals v;
	size_t n;
	(void)state;
	assert_int_equal(parse(&v, &n, a2), 1);
	assert_int_equal(parse(&v, &n, a1), DTW_EUNKNOWN);
	assert_int_equal(parse(&v, &n, a3), 0);
	assert_int_equal(n, 1);
}

static void expect_error(const char **argv, const char *msg)
{
	struct vals v;
	size_t n;
	assert_int_equal(parse(&v, &n, argv),
			 strncmp(msg, "unknown option", 14) ? DTW_EINVALID : DTW_EUNKNOWN);
	assert_string_equal(dtw_error_last(), msg);
	free(v.rules.v);
}

static void test_usage_errors_name_the_option(void **state)
{
	const char *a1[] = { "--frob", NULL }, *a2[] = { "--rev", NULL };
	const char *a3[] = { "--rev=", NULL }, *a4[] = { "--staged=yes", NULL };
	const char *a5[] = { "--max", "many", NULL }, *a6[] = { "--max=-1", NULL };
	const char *a7[] = { "--color=sometimes", NULL }, *a8[] = { "-x", NULL };
	const char *a9[] = { "-qq", NULL }, *a10[] = { "--rev", "", NULL };
	const char *a11[] = { "--sta", NULL };
	(void)state;
	expect_error(a1, "unknown option \"--frob\"");
	expect_error(a2, "option --rev needs a value");
	expect_error(a3, "option --rev needs a value");
	expect_error(a4, "option --staged takes no value");
	expect_error(a5, "--max takes a number, not \"many\"");
	expect_error(a6, "--max takes a number, not \"-1\"");
	expect_error(a7, "--color must be auto, always or never, not \"sometimes\"");
	expect_error(a8, "unknown option \"-x\"");
	expect_error(a9, "unknown option \"-qq\"");
	expect_error(a10, "option --rev needs a value");
	/* No abbreviations: a prefix is not the option. */
	expect_error(a11, "unknown option \"--sta\"");
}

static void test_alias_is_named_as_written(void **state)
{
	const char *a1[] = { "--cached=1", NULL };
	(void)state;
	expect_error(a1, "option --cached takes no value");
}

static void test_list_and_choice_and_given(void **state)
{
	const char *argv[] = { "--rule", "a=off", "--color=never", "--rule=b=error", NULL };
	struct vals v;
	size_t n;
	(void)state;
	assert_int_equal(parse(&v, &n, argv), 0);
	assert_int_equal(v.rules.n, 2);
	assert_string_equal(v.rules.v[0], "a=off");
	assert_string_equal(v.rules.v[1], "b=error");
	assert_int_equal(v.color, 2);
	free(v.rules.v);
}

static void test_given_marks_what_was_seen(void **state)
{
	int a = 0, b = 0;
	struct dtw_option opts[] = {
		DTW_OPT_FLAG_("a", 0, &a),
		DTW_OPT_FLAG_("b", 0, &b),
		{ .type = DTW_OPT_END },
	};
	const char *argv[] = { "--b", NULL };
	size_t n;
	(void)state;
	assert_int_equal(dtw_opts_parse(&n, 1, argv, opts, NULL), 0);
	assert_int_equal(opts[0].given, 0);
	assert_int_equal(opts[1].given, 1);
	assert_int_equal(b, 1);
}

static void test_options_that_exclude_each_other(void **state)
{
	const char *a1[] = { "--items", "x.md", "--patch", NULL };
	const char *a2[] = { "--patch", "--patch", "--cached", NULL };
	struct vals v;
	size_t n;
	(void)state;
	expect_error(a1, "--items and --patch cannot be used together");
	/* The same option twice is no conflict. */
	assert_int_equal(parse(&v, &n, a2), 0);
	assert_int_equal(v.mode, 2);
	assert_int_equal(v.staged, 1);
}

static void test_exclusion_names_each_option_as_written(void **state)
{
	const char *s = NULL, *t = NULL;
	int q = 0, r = 0;
	struct dtw_option opts[] = {
		{ .type = DTW_OPT_STRING, .name = "since", .alias = "after", .value = &s,
		  .excl = 1 },
		{ .type = DTW_OPT_STRING, .name = "tag", .value = &t, .excl = 2 },
		{ .type = DTW_OPT_FLAG, .name = "quick", .short_name = 'q', .value = &q,
		  .set = 1, .excl = 1 | 2 },
		DTW_OPT_FLAG_("raw", 0, &r),
		{ .type = DTW_OPT_END },
	};
	const char *a1[] = { "--after=HEAD", "-q", NULL };
	const char *a2[] = { "--since", "HEAD", "--tag=v1", "--raw", NULL };
	const char *a3[] = { "--tag", "v1", "--quick", NULL };
	size_t n;
	(void)state;
	assert_int_equal(dtw_opts_parse(&n, 2, a1, opts, NULL), DTW_EINVALID);
	assert_string_equal(dtw_error_last(), "--after and -q cannot be used together");
	opts[0].given = opts[1].given = opts[2].given = opts[3].given = 0;
	/* No bit in common: allowed. */
	assert_int_equal(dtw_opts_parse(&n, 4, a2, opts, NULL), 0);
	assert_string_equal(s, "HEAD");
	assert_string_equal(t, "v1");
	opts[0].given = opts[1].given = opts[2].given = opts[3].given = 0;
	assert_int_equal(dtw_opts_parse(&n, 3, a3, opts, NULL), DTW_EINVALID);
	assert_string_equal(dtw_error_last(), "--tag and --quick cannot be used together");
}

static void test_choices_text(void **state)
{
	static const char *const two[] = { "text", "json", NULL };
	static const char *const one[] = { "only", NULL };
	(void)state;
	assert_string_equal(dtw_opts_choices(two), "text or json");
	assert_string_equal(dtw_opts_choices(one), "only");
	assert_string_equal(dtw_opts_choices(colors), "auto, always or never");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flags_values_and_arguments_in_order),
		cmocka_unit_test(test_dashdash_and_dash_are_arguments),
		cmocka_unit_test(test_help_wins),
		cmocka_unit_test(test_usage_errors_name_the_option),
		cmocka_unit_test(test_alias_is_named_as_written),
		cmocka_unit_test(test_list_and_choice_and_given),
		cmocka_unit_test(test_given_marks_what_was_seen),
		cmocka_unit_test(test_options_that_exclude_each_other),
		cmocka_unit_test(test_exclusion_names_each_option_as_written),
		cmocka_unit_test(test_choices_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
