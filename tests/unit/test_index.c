/* lib/git/index.c: one path looked up in the index file, checked against
 * what git itself recorded, and the kinds of index left to libgit2. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "git/git.h"

static char dir[] = "/tmp/dtw-unit-index-XXXXXX";

static int sh(const char *cmd)
{
	char buf[2048];
	snprintf(buf, sizeof(buf),
		 "cd %s && GIT_CONFIG_NOSYSTEM=1 HOME=%s git -c init.defaultBranch=main %s >/dev/null 2>&1",
		 dir, dir, cmd);
	return system(buf);
}

/* The blob id git records for `path`, from git ls-files -s. */
static void git_oid_of(const char *path, struct dtw_oid *out)
{
	char cmd[512], hex[DTW_OID_HEXSZ + 1];
	FILE *f;
	snprintf(cmd, sizeof(cmd), "cd %s && git ls-files -s -- '%s' | cut -d' ' -f2", dir, path);
	f = popen(cmd, "r");
	assert_non_null(f);
	assert_non_null(fgets(hex, sizeof(hex), f));
	pclose(f);
	assert_int_equal(dtw_oid_from_hex(out, hex, strlen(hex)), 0);
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(dir))
		return -1;
	return sh("init -q") || sh("config user.name T") || sh("config user.email t@x");
}

static int teardown(void **state)
{
	char cmd[256];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

static void index_path(char *out, size_t n)
{
	snprintf(out, n, "%s/.git/index", dir);
}

static void test_finds_each_path_as_git_records_it(void **state)
{
	static const char *const names[] = { "a.md", "issues/b.md", "issues/c d.md",
					     "issues/café.md", "zz/deep/e.md" };
	char idx[512], cmd[512];
	struct dtw_oid got, want;
	size_t i;
	(void)state;
	for (i = 0; i < 5; i++) {
		snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\" && echo %zu > '%s'",
			 names[i], i, names[i]);
		char full[1024];
		snprintf(full, sizeof(full), "cd %s && %s", dir, cmd);
		assert_int_equal(system(full), 0);
	}
	assert_int_equal(sh("add -A"), 0);
	index_path(idx, sizeof(idx));
	for (i = 0; i < 5; i++) {
		git_oid_of(names[i], &want);
		assert_int_equal(dtw_index_lookup(idx, names[i], &got), 1);
		assert_true(dtw_oid_equal(&got, &want));
	}
	assert_int_equal(dtw_index_lookup(idx, "issues/missing.md", &got), 0);
	assert_int_equal(dtw_index_lookup(idx, "issues", &got), 0);
	assert_int_equal(dtw_index_lookup(idx, "issues/b.m", &got), 0);
}

static void test_version_3_extended_flags(void **state)
{
	char idx[512];
	struct dtw_oid got, want;
	(void)state;
	/* An intent-to-add entry is written with the extended flags (v3). */
	{
		char full[512];
		snprintf(full, sizeof(full), "cd %s && echo new > later.md", dir);
		assert_int_equal(system(full), 0);
	}
	assert_int_equal(sh("add -N later.md"), 0);
	index_path(idx, sizeof(idx));
	git_oid_of("issues/b.md", &want);
	assert_int_equal(dtw_index_lookup(idx, "issues/b.md", &got), 1);
	assert_true(dtw_oid_equal(&got, &want));
	assert_int_equal(dtw_index_lookup(idx, "later.md", &got), 1);
}

static void test_version_4_and_split_left_to_libgit2(void **state)
{
	char idx[512];
	struct dtw_oid got;
	(void)state;
	index_path(idx, sizeof(idx));
	assert_int_equal(sh("update-index --index-version 4"), 0);
	assert_int_equal(dtw_index_lookup(idx, "a.md", &got), -1);
	assert_int_equal(sh("update-index --index-version 2"), 0);
	assert_int_equal(dtw_index_lookup(idx, "a.md", &got), 1);
	assert_int_equal(sh("update-index --split-index"), 0);
	assert_int_equal(dtw_index_lookup(idx, "a.md", &got), -1);
	assert_int_equal(sh("update-index --no-split-index"), 0);
	assert_int_equal(dtw_index_lookup(idx, "a.md", &got), 1);
}

static void test_not_an_index(void **state)
{
	char path[512];
	struct dtw_oid got;
	FILE *f;
	(void)state;
	snprintf(path, sizeof(path), "%s/not-an-index", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("DIRC but not really", f);
	fclose(f);
	assert_int_equal(dtw_index_lookup(path, "a.md", &got), -1);
	snprintf(path, sizeof(path), "%s/missing-index", dir);
	assert_int_equal(dtw_index_lookup(path, "a.md", &got), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_finds_each_path_as_git_records_it),
		cmocka_unit_test(test_version_3_extended_flags),
		cmocka_unit_test(test_version_4_and_split_left_to_libgit2),
		cmocka_unit_test(test_not_an_index),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
