/* Unit tests for dtw_tag_name_valid (lib/git/git.h): git's rules for a
 * reference name, applied without libgit2, agree with libgit2's own
 * git_reference_name_is_valid on refs/tags/NAME, and with git tag, which
 * also refuses a name starting with "-". */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <git2.h>
#include <stdio.h>
#include <string.h>

#include "git/git.h"
#include "base/banned.h"

static int git_says(const char *name)
{
	char full[300];
	int valid = 0;
	(void)snprintf(full, sizeof(full), "refs/tags/%s", name);
	if (git_reference_name_is_valid(&valid, full) < 0)
		valid = 0;
	return valid && *name && *name != '-';
}

static void test_known_names(void **state)
{
	static const char *const good[] = { "issue-42", "dtw/2026-11-24", "news/2026-11-24-a-b",
					    "v1.0", "caf\xc3\xa9", "a.b.c", "x@y", "a/b/c", "a-", "a/-b" };
	static const char *const bad[] = { "", "issue 42", "issue-42.lock", "a..b", "a/", "/a",
					   "a//b", ".a", "a/.b", "a.", "a@{b", "a~b", "a^b",
					   "a:b", "a?b", "a*b", "a[b", "a\\b", "a\x01" "b", "a\x7f",
					   "a/b.lock/c", "-42", "-" };
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(dtw_tag_name_valid(good[i]));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(dtw_tag_name_valid(bad[i]));
}

static void test_agrees_with_libgit2(void **state)
{
	/* Not DEL: git refuses it, libgit2 1.5 lets it through. */
	static const char alphabet[] = "ab./@{}~^:?*[\\ -x\x01" "lock";
	unsigned seed = 99;
	int round;
	char name[16];
	(void)state;
	git_libgit2_init();
	for (round = 0; round < 50000; round++) {
		size_t n, i;
		seed = seed * 1103515245u + 12345u;
		n = 1 + (seed >> 16) % 10;
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			name[i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
		}
		name[n] = '\0';
		if (dtw_tag_name_valid(name) != git_says(name))
			fail_msg("\"%s\": dtw says %d, libgit2 %d", name, dtw_tag_name_valid(name),
				 git_says(name));
	}
	git_libgit2_shutdown();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_names),
		cmocka_unit_test(test_agrees_with_libgit2),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
