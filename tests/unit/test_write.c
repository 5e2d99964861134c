/* Unit tests for lib/source/write.h and lib/diag/fix.h: replacing a file
 * whole or not at all, --fix's guarded write, and applying fixes that
 * never fight. */
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

#include "base/error.h"
#include "diag/diag.h"
#include "diag/fix.h"
#include "source/source.h"
#include "source/write.h"
#include "base/banned.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/dtw-write-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[256];
	(void)state;
	snprintf(cmd, sizeof(cmd), "chmod -R u+w '%s'; rm -rf '%s'", dir, dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void path_of(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
}

static void expect_content(const char *path, const char *want)
{
	struct dtw_source s;
	assert_int_equal(dtw_source_read_file(&s, path, path), 0);
	assert_int_equal(s.len, strlen(want));
	assert_memory_equal(s.data, want, s.len);
	dtw_source_release(&s);
}

static void test_atomic_write_and_mode_kept(void **state)
{
	char p[128];
	struct stat st;
	(void)state;
	path_of(p, sizeof(p), "a.md");
	assert_int_equal(dtw_write_atomic(p, "one\n", 4, 0640), 0);
	expect_content(p, "one\n");
	assert_int_equal(chmod(p, 0600), 0);
	assert_int_equal(dtw_write_atomic(p, "two\n", 4, 0666), 0);
	expect_content(p, "two\n");
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
}

static void test_write_over_refuses_a_changed_file(void **state)
{
	char p[128];
	(void)state;
	path_of(p, sizeof(p), "b.md");
	assert_int_equal(dtw_write_atomic(p, "theirs\n", 7, 0644), 0);
	assert_int_equal(dtw_write_atomic_over(p, "mine\n", 5, "what I read\n", 12), DTW_ECHANGED);
	expect_content(p, "theirs\n");
	assert_int_equal(dtw_write_atomic_over(p, "mine\n", 5, "theirs\n", 7), 0);
	expect_content(p, "mine\n");
}

static void test_write_fixed(void **state)
{
	char p[128];
	(void)state;
	path_of(p, sizeof(p), "c.md");
	assert_int_equal(dtw_write_atomic(p, "old\n", 4, 0644), 0);
	/* Written over what was read. */
	assert_int_equal(dtw_write_fixed(p, "c.md", dir, "new\n", 4, "old\n", 4), 0);
	expect_content(p, "new\n");
	/* Someone wrote the same meanwhile: nothing to do, and it says so. */
	assert_int_equal(dtw_write_fixed(p, "c.md", dir, "new\n", 4, "old\n", 4), 1);
	/* Someone wrote something else: refused, kept. */
	assert_int_equal(dtw_write_fixed(p, "c.md", dir, "fix\n", 4, "old\n", 4), DTW_ECHANGED);
	assert_string_equal(dtw_error_last(), "c.md: changed on disk while it was linted; not fixed");
	expect_content(p, "new\n");
	/* Read-only by its mode, even for root. */
	assert_int_equal(chmod(p, 0444), 0);
	assert_int_equal(dtw_write_fixed(p, "c.md", dir, "fix\n", 4, "new\n", 4), DTW_EREADONLY);
	assert_string_equal(dtw_error_last(), "c.md: read-only; not fixed");
	expect_content(p, "new\n");
}

/* --fix through a symbolic link writes the file it leads to, when that
 * lies in the repository, and keeps the link. */
static void test_write_fixed_through_a_link(void **state)
{
	char repo[128], target[160], link[160], out[160], outlink[160], buf[64];
	struct stat st;
	ssize_t n;
	(void)state;
	path_of(repo, sizeof(repo), "repo");
	assert_int_equal(mkdir(repo, 0755), 0);
	snprintf(target, sizeof(target), "%s/target.md", repo);
	snprintf(link, sizeof(link), "%s/link.md", repo);
	assert_int_equal(dtw_write_atomic(target, "old\n", 4, 0644), 0);
	assert_int_equal(symlink("target.md", link), 0);
	assert_int_equal(dtw_write_fixed(link, "link.md", repo, "new\n", 4, "old\n", 4), 0);
	expect_content(target, "new\n");
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	n = readlink(link, buf, sizeof(buf) - 1);
	assert_int_equal(n, 9);
	buf[n] = '\0';
	assert_string_equal(buf, "target.md");
	/* One that leads out of the repository is not written through. */
	path_of(out, sizeof(out), "outside.md");
	snprintf(outlink, sizeof(outlink), "%s/out.md", repo);
	assert_int_equal(dtw_write_atomic(out, "old\n", 4, 0644), 0);
	assert_int_equal(symlink("../outside.md", outlink), 0);
	assert_int_equal(dtw_write_fixed(outlink, "out.md", repo, "new\n", 4, "old\n", 4),
			 DTW_ESYMLINK);
	assert_string_equal(dtw_error_last(),
			    "out.md: symbolic link to a file outside the repository, not fixed");
	expect_content(out, "old\n");
	assert_int_equal(lstat(outlink, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
}

static void test_mkdirs(void **state)
{
	char p[128];
	struct stat st;
	(void)state;
	path_of(p, sizeof(p), "x/y/z");
	assert_int_equal(dtw_mkdirs(p), 0);
	assert_int_equal(stat(p, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(dtw_mkdirs(p), 0);
}

static struct dtw_diag fix_at(size_t start, size_t end, const char *text)
{
	struct dtw_diag d;
	memset(&d, 0, sizeof(d));
	d.rule = "t";
	d.start = start;
	d.end = end;
	d.fix = (char *)text;
	return d;
}

static void test_fixes_applied_in_order_overlaps_left(void **state)
{
	struct dtw_source src;
	struct dtw_diag d[4];
	char *out = NULL;
	size_t len = 0;
	(void)state;
	dtw_source_init_copy(&src, "t.md", "abcdefghij", 10);
	d[0] = fix_at(8, 10, "IJ");  /* given out of order */
	d[1] = fix_at(0, 1, "A");
	d[2] = fix_at(2, 5, "");     /* deletes cde */
	d[3] = fix_at(4, 6, "X");    /* overlaps the one before: next run */
	assert_int_equal(dtw_fix_apply(&out, &len, &src, d, 4), 3);
	assert_int_equal(len, 7);
	assert_string_equal(out, "AbfghIJ");
	free(out);
	/* No fix at all: nothing built. */
	d[0].fix = NULL;
	out = NULL;
	assert_int_equal(dtw_fix_apply(&out, &len, &src, d, 1), 0);
	assert_null(out);
	dtw_source_release(&src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_atomic_write_and_mode_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_over_refuses_a_changed_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_fixed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_fixed_through_a_link, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mkdirs, setup, teardown),
		cmocka_unit_test(test_fixes_applied_in_order_overlaps_left),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
