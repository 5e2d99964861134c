/* Unit tests for lib/source/hook.h: the pre-commit hook installed,
 * reinstalled, refused over someone else's, forced (theirs kept as .bak),
 * and removed only when it is dtw's, with the .bak put back. */
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
#include "source/hook.h"
#include "source/source.h"
#include "source/write.h"
#include "base/banned.h"

static const char ours[] = "#!/bin/sh\n# Installed by `dtw hook install`\nexec dtw lint --staged\n";
static const char theirs[] = "#!/bin/sh\nexec make test\n";
static char dir[64], hooks[96], hook[128], bak[136];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/dtw-hook-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(hooks, sizeof(hooks), "%s/a/hooks", dir);
	snprintf(hook, sizeof(hook), "%s/pre-commit", hooks);
	snprintf(bak, sizeof(bak), "%s.bak", hook);
	return 0;
}

static int teardown(void **state)
{
	char cmd[256];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void expect_content(const char *path, const char *want)
{
	struct dtw_source s;
	assert_int_equal(dtw_source_read_file(&s, path, path), 0);
	assert_int_equal(s.len, strlen(want));
	assert_memory_equal(s.data, want, s.len);
	dtw_source_release(&s);
}

static void test_install_and_uninstall(void **state)
{
	struct dtw_hook_done d;
	struct stat st;
	(void)state;
	assert_int_equal(dtw_hook_is_ours(ours, strlen(ours)), 1);
	assert_int_equal(dtw_hook_is_ours(theirs, strlen(theirs)), 0);

	/* Into directories that do not exist yet, executable. */
	assert_int_equal(dtw_hook_install(&d, hooks, hook, ours, strlen(ours), 0), 0);
	assert_int_equal(d.same + d.kept, 0);
	expect_content(hook, ours);
	assert_int_equal(stat(hook, &st), 0);
	assert_true(st.st_mode & S_IXUSR);
	/* Again: nothing to do. */
	assert_int_equal(dtw_hook_install(&d, hooks, hook, ours, strlen(ours), 0), 0);
	assert_int_equal(d.same, 1);

	assert_int_equal(dtw_hook_uninstall(&d, hook), 0);
	assert_int_equal(d.absent + d.restored, 0);
	assert_int_equal(access(hook, F_OK), -1);
	assert_int_equal(dtw_hook_uninstall(&d, hook), 0);
	assert_int_equal(d.absent, 1);
}

static void test_someone_elses_hook(void **state)
{
	struct dtw_hook_done d;
	(void)state;
	assert_int_equal(dtw_mkdirs(hooks), 0);
	assert_int_equal(dtw_write_atomic(hook, theirs, strlen(theirs), 0755), 0);

	/* Refused, untouched, both ways. */
	assert_int_equal(dtw_hook_install(&d, hooks, hook, ours, strlen(ours), 0), DTW_EEXISTS);
	assert_non_null(strstr(dtw_error_last(), "is not dtw's"));
	expect_content(hook, theirs);
	assert_int_equal(dtw_hook_uninstall(&d, hook), DTW_EEXISTS);
	expect_content(hook, theirs);

	/* Forced: theirs is kept, and comes back on uninstall. */
	assert_int_equal(dtw_hook_install(&d, hooks, hook, ours, strlen(ours), 1), 0);
	assert_int_equal(d.kept, 1);
	expect_content(bak, theirs);
	expect_content(hook, ours);
	assert_int_equal(dtw_hook_uninstall(&d, hook), 0);
	assert_int_equal(d.restored, 1);
	expect_content(hook, theirs);
	assert_int_equal(access(bak, F_OK), -1);

	/* A .bak already there: --force does not move theirs onto it. */
	assert_int_equal(dtw_write_atomic(bak, "old\n", 4, 0644), 0);
	assert_int_equal(dtw_hook_install(&d, hooks, hook, ours, strlen(ours), 1), DTW_EEXISTS);
	assert_int_equal(d.kept, 0);
	expect_content(hook, theirs);
	expect_content(bak, "old\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_install_and_uninstall),
		cmocka_unit_test(test_someone_elses_hook),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
