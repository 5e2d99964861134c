/* Unit tests for lib/catalog/release.h: the release tag's name from the
 * template, and the look for release tags that spares libgit2. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog/release.h"
#include "base/banned.h"

static void expect_name(const char *tmpl, long issue, const char *date, const char *title,
			const char *want)
{
	struct dtw_facts f;
	char *got;
	memset(&f, 0, sizeof(f));
	f.issue = issue;
	memcpy(f.date, date, strlen(date) + 1); /* at most "YYYY-MM-DD" */
	f.title = (char *)title;
	got = dtw_release_tag_name(tmpl, &f);
	assert_string_equal(got, want);
	free(got);
}

static void test_tag_name_fields(void **state)
{
	(void)state;
	expect_name("issue-{issue}", 42, "2026-11-24", "Data This Week", "issue-42");
	expect_name("dtw/{date}", 42, "2026-11-24", "x", "dtw/2026-11-24");
	expect_name("{issue}-{slug}", 7, "", "Data This Week: Streams & Tables!", "7-data-this-week-streams-tables");
	expect_name("{slug}", 1, "", "  --Leading, trailing--  ", "leading-trailing");
	expect_name("{slug}", 1, "", "Caf\xc3\xa9 v2", "caf-v2");
	expect_name("no-fields", 3, "", "", "no-fields");
	expect_name("{issue", 3, "", "", "{issue");
}

static char dir[64];

static int setup(void **state)
{
	char path[128];
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/dtw-release-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/.git", dir);
	assert_int_equal(mkdir(path, 0777), 0);
	snprintf(path, sizeof(path), "%s/.git/refs", dir);
	assert_int_equal(mkdir(path, 0777), 0);
	snprintf(path, sizeof(path), "%s/.git/refs/tags", dir);
	assert_int_equal(mkdir(path, 0777), 0);
	return 0;
}

static int teardown(void **state)
{
	char cmd[160];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void put(const char *rel, const char *text)
{
	char path[160];
	FILE *f;
	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_tags_possible_loose_and_packed(void **state)
{
	(void)state;
	assert_false(dtw_release_tags_possible(dir, "issue-{issue}"));
	put(".git/refs/tags/v1.0", "0000\n");
	assert_false(dtw_release_tags_possible(dir, "issue-{issue}"));
	put(".git/refs/tags/issue-3", "0000\n");
	assert_true(dtw_release_tags_possible(dir, "issue-{issue}"));
	assert_false(dtw_release_tags_possible(dir, "dtw-{date}"));
	put(".git/packed-refs", "# pack-refs with: peeled\n"
				"1111 refs/tags/dtw-2026-11-24\n");
	assert_true(dtw_release_tags_possible(dir, "dtw-{date}"));
	/* A template with a directory: any tag may be one. */
	assert_true(dtw_release_tags_possible(dir, "releases/{issue}"));
}

static void test_tags_possible_linked_worktree(void **state)
{
	char path[128];
	(void)state;
	snprintf(path, sizeof(path), "rm -rf '%s/.git'", dir);
	assert_int_equal(system(path), 0);
	put(".git", "gitdir: /elsewhere\n");
	assert_true(dtw_release_tags_possible(dir, "issue-{issue}"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tag_name_fields),
		cmocka_unit_test_setup_teardown(test_tags_possible_loose_and_packed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tags_possible_linked_worktree, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
