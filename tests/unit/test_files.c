/* Unit tests for lib/source/files.h: which files a directory walk or the
 * config's path patterns select. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "source/files.h"
#include "base/banned.h"

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void mkpath(const char *root, const char *rel, char *out, size_t n)
{
	int r = snprintf(out, n, "%s/%s", root, rel);
	assert_true(r > 0 && (size_t)r < n);
}

static void mkdir_in(const char *root, const char *rel)
{
	char p[512];
	mkpath(root, rel, p, sizeof(p));
	assert_int_equal(mkdir(p, 0700), 0);
}

static void touch_in(const char *root, const char *rel)
{
	char p[512];
	FILE *f;
	mkpath(root, rel, p, sizeof(p));
	f = fopen(p, "w");
	assert_non_null(f);
	fputs("# x\n", f);
	assert_int_equal(fclose(f), 0);
}

static void symlink_in(const char *root, const char *target, const char *rel)
{
	char p[512];
	mkpath(root, rel, p, sizeof(p));
	assert_int_equal(symlink(target, p), 0);
}

/* The tree every test walks:
 *
 *   a.md  b.markdown  c.txt  README.MD  .hidden.md  notes.md/ (a directory)
 *   .git/x.md  .drafts/y.md  sub/d.md  sub/deeper/e.md  sub/.f.md
 *   link.md -> a.md   dangling.md -> nowhere.md
 *   issues/2026-11-24.md  issues/2026-12-01.md  issues/notes.txt
 *   issues/.draft.md  issues/old/2025-01-01.md  issues/alias.md -> 2026-11-24.md
 *   archive/2025/x.md  archive/2025/q4/x.md  archive/x.md  other/x.md
 */
static int setup_tree(void **state)
{
	char *root = malloc(64);
	snprintf(root, 64, "/tmp/dtw-unit-files-XXXXXX");
	if (!mkdtemp(root)) {
		free(root);
		return -1;
	}
	touch_in(root, "a.md");
	touch_in(root, "b.markdown");
	touch_in(root, "c.txt");
	touch_in(root, "README.MD");
	touch_in(root, ".hidden.md");
	mkdir_in(root, "notes.md");
	touch_in(root, "notes.md/inner.txt");
	mkdir_in(root, ".git");
	touch_in(root, ".git/x.md");
	mkdir_in(root, ".drafts");
	touch_in(root, ".drafts/y.md");
	mkdir_in(root, "sub");
	touch_in(root, "sub/d.md");
	touch_in(root, "sub/.f.md");
	mkdir_in(root, "sub/deeper");
	touch_in(root, "sub/deeper/e.md");
	symlink_in(root, "a.md", "link.md");
	symlink_in(root, "nowhere.md", "dangling.md");
	mkdir_in(root, "issues");
	touch_in(root, "issues/2026-11-24.md");
	touch_in(root, "issues/2026-12-01.md");
	touch_in(root, "issues/notes.txt");
	touch_in(root, "issues/.draft.md");
	mkdir_in(root, "issues/old");
	touch_in(root, "issues/old/2025-01-01.md");
	symlink_in(root, "2026-11-24.md", "issues/alias.md");
	mkdir_in(root, "archive");
	touch_in(root, "archive/x.md");
	mkdir_in(root, "archive/2025");
	touch_in(root, "archive/2025/x.md");
	mkdir_in(root, "archive/2025/q4");
	touch_in(root, "archive/2025/q4/x.md");
	mkdir_in(root, "other");
	touch_in(root, "other/x.md");
	*state = root;
	return 0;
}

static int teardown_tree(void **state)
{
	char *root = *state;
	int r = nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(root);
	return r;
}

/* Compares the sorted list with `want` (NULL-terminated), each expected
 * path prefixed with `prefix` + "/" when prefix is given. */
static void assert_list(struct dtw_filelist *l, const char *prefix,
			const char *const *want)
{
	size_t i, n = 0;
	dtw_filelist_sort(l);
	while (want[n])
		n++;
	if (l->n != n) {
		for (i = 0; i < l->n; i++)
			print_message("got: %s\n", l->paths[i]);
		fail_msg("got %zu paths, want %zu", l->n, n);
	}
	for (i = 0; i < n; i++) {
		char exp[512];
		if (prefix)
			snprintf(exp, sizeof(exp), "%s/%s", prefix, want[i]);
		else
			snprintf(exp, sizeof(exp), "%s", want[i]);
		assert_string_equal(l->paths[i], exp);
	}
}

static void test_markdown_walk(void **state)
{
	const char *root = *state;
	struct dtw_filelist l = { 0 };
	static const char *const want[] = {
		"a.md", "archive/2025/q4/x.md", "archive/2025/x.md", "archive/x.md",
		"b.markdown", "issues/2026-11-24.md", "issues/2026-12-01.md",
		"issues/old/2025-01-01.md", "other/x.md", "sub/d.md",
		"sub/deeper/e.md", NULL };
	assert_int_equal(dtw_files_markdown(&l, root), 0);
	assert_list(&l, root, want);
	/* link.md, dangling.md and issues/alias.md are Markdown names behind
	 * symbolic links: not followed, counted. */
	assert_int_equal(l.skipped_symlinks, 3);
	dtw_filelist_release(&l);
}

static void test_markdown_walk_does_not_follow_dir_link(void **state)
{
	const char *root = *state;
	struct dtw_filelist l = { 0 };
	char dir[512];
	static const char *const want[] = { "d.md", "deeper/e.md", NULL };
	/* sub/loop -> .. would list the whole tree again, and forever. */
	snprintf(dir, sizeof(dir), "%s/sub", root);
	symlink_in(root, "..", "sub/loop");
	symlink_in(root, "deeper", "sub/again");
	assert_int_equal(dtw_files_markdown(&l, dir), 0);
	assert_list(&l, dir, want);
	/* Whether links to directories count in skipped_symlinks is left to
	 * the report: the header says every link is counted, today only
	 * links with a Markdown name are. */
	dtw_filelist_release(&l);
}

static void test_markdown_walk_trailing_slash(void **state)
{
	const char *root = *state;
	struct dtw_filelist l = { 0 };
	char dir[512];
	static const char *const want[] = {
		"2026-11-24.md", "2026-12-01.md", "old/2025-01-01.md", NULL };
	char prefix[512];
	snprintf(dir, sizeof(dir), "%s/issues//", root);
	snprintf(prefix, sizeof(prefix), "%s/issues", root);
	assert_int_equal(dtw_files_markdown(&l, dir), 0);
	assert_list(&l, prefix, want);
	assert_int_equal(l.skipped_symlinks, 1);
	dtw_filelist_release(&l);
}

static void test_markdown_walk_subdir(void **state)
{
	const char *root = *state;
	struct dtw_filelist l = { 0 };
	char dir[512];
	static const char *const want[] = { "d.md", "deeper/e.md", NULL };
	snprintf(dir, sizeof(dir), "%s/sub", root);
	assert_int_equal(dtw_files_markdown(&l, dir), 0);
	assert_list(&l, dir, want);
	assert_int_equal(l.skipped_symlinks, 0);
	dtw_filelist_release(&l);
}

static void test_markdown_walk_appends(void **state)
{
	const char *root = *state;
	struct dtw_filelist l = { 0 };
	char dir[512];
	snprintf(dir, sizeof(dir), "%s/other", root);
	dtw_filelist_add(&l, "first.md");
	assert_int_equal(dtw_files_markdown(&l, dir), 0);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.paths[0], "first.md");
	dtw_filelist_release(&l);
}

static void test_markdown_walk_missing_dir(void **state)
{
	const char *root = *state;
	struct dtw_filelist l = { 0 };
	char dir[512], msg[600];
	snprintf(dir, sizeof(dir), "%s/absent", root);
	assert_int_equal(dtw_files_markdown(&l, dir), DTW_ERROR);
	snprintf(msg, sizeof(msg), "%s: cannot read directory: No such file or directory", dir);
	assert_string_equal(dtw_error_last(), msg);
	assert_int_equal(l.n, 0);
	dtw_filelist_release(&l);
}

static void test_path_match_single_star(void **state)
{
	(void)state;
	assert_int_equal(dtw_path_match("issues/*.md", "issues/2026-11-24.md"), 1);
	assert_int_equal(dtw_path_match("issues/*.md", "issues/.md"), 0);
	/* '*' does not cross '/' ... */
	assert_int_equal(dtw_path_match("issues/*.md", "issues/old/2025-01-01.md"), 0);
	/* ... nor match a leading dot. */
	assert_int_equal(dtw_path_match("issues/*.md", "issues/.draft.md"), 0);
	assert_int_equal(dtw_path_match("issues/*.md", "issues/notes.txt"), 0);
	assert_int_equal(dtw_path_match("issues/*.md", "other/x.md"), 0);
	assert_int_equal(dtw_path_match("issues/*.md", "x/issues/a.md"), 0);
	assert_int_equal(dtw_path_match("issues/*.md", "issues/a.md.bak"), 0);
	assert_int_equal(dtw_path_match("issues/2026-?" "?-?" "?.md", "issues/2026-11-24.md"), 1);
	assert_int_equal(dtw_path_match("issues/[0-9]*.md", "issues/x.md"), 0);
}

static void test_path_match_leading_double_star(void **state)
{
	(void)state;
	assert_int_equal(dtw_path_match("**/x.md", "x.md"), 1);
	assert_int_equal(dtw_path_match("**/x.md", "a/x.md"), 1);
	assert_int_equal(dtw_path_match("**/x.md", "a/b/c/x.md"), 1);
	assert_int_equal(dtw_path_match("**/x.md", "a/y.md"), 0);
	assert_int_equal(dtw_path_match("**/x.md", "ax.md"), 0);
	assert_int_equal(dtw_path_match("**/x.md", "a/x.md/b"), 0);
	assert_int_equal(dtw_path_match("**/*.md", "a/b/c.md"), 1);
	assert_int_equal(dtw_path_match("**/*.md", "c.md"), 1);
}

static void test_path_match_inner_double_star(void **state)
{
	(void)state;
	assert_int_equal(dtw_path_match("a/**/b.md", "a/b.md"), 1);
	assert_int_equal(dtw_path_match("a/**/b.md", "a/x/b.md"), 1);
	assert_int_equal(dtw_path_match("a/**/b.md", "a/x/y/z/b.md"), 1);
	assert_int_equal(dtw_path_match("a/**/b.md", "b.md"), 0);
	assert_int_equal(dtw_path_match("a/**/b.md", "ab.md"), 0);
	assert_int_equal(dtw_path_match("a/**/b.md", "a/xb.md"), 0);
	assert_int_equal(dtw_path_match("a/**/b.md", "c/a/b.md"), 0);
	assert_int_equal(dtw_path_match("a/**/b.md", "a/x/b.md.txt"), 0);
	assert_int_equal(dtw_path_match("a/**/b.md", "aa/x/b.md"), 0);
	assert_int_equal(dtw_path_match("archive/**/*.md", "archive/2025/q4/x.md"), 1);
}

static void test_files_match_single_pattern(void **state)
{
	const char *root = *state;
	struct dtw_filelist l = { 0 };
	static const char *const pats[] = { "issues/*.md" };
	static const char *const want[] = {
		"issues/2026-11-24.md", "issues/2026-12-01.md", NULL };
	assert_int_equal(dtw_files_match(&l, root, pats, 1), 0);
	assert_list(&l, NULL, want);
	/* issues/alias.md matches but is a symbolic link. */
	assert_int_equal(l.skipped_symlinks, 1);
	dtw_filelist_release(&l);
}

static void test_files_match_double_star(void **state)
{
	const char *root = *state;
	struct dtw_filelist l = { 0 };
	static const char *const pats[] = { "archive/**/x.md" };
	static const char *const want[] = {
		"archive/2025/q4/x.md", "archive/2025/x.md", "archive/x.md", NULL };
	assert_int_equal(dtw_files_match(&l, root, pats, 1), 0);
	assert_list(&l, NULL, want);
	assert_int_equal(l.skipped_symlinks, 0);
	dtw_filelist_release(&l);
}

static void test_files_match_from_root(void **state)
{
	const char *root = *state;
	struct dtw_filelist l = { 0 };
	static const char *const pats[] = { "**/x.md" };
	/* .git/x.md is hidden: never walked. */
	static const char *const want[] = {
		"archive/2025/q4/x.md", "archive/2025/x.md", "archive/x.md",
		"other/x.md", NULL };
	assert_int_equal(dtw_files_match(&l, root, pats, 1), 0);
	assert_list(&l, NULL, want);
	dtw_filelist_release(&l);
}

static void test_files_match_several_patterns(void **state)
{
	const char *root = *state;
	struct dtw_filelist l = { 0 };
	/* Overlapping patterns: each file listed once after sorting; a
	 * pattern whose directory does not exist adds nothing. */
	static const char *const pats[] = {
		"issues/*.md", "**/2026-11-24.md", "missing/*.md", "sub/deeper/e.md" };
	static const char *const want[] = {
		"issues/2026-11-24.md", "issues/2026-12-01.md", "sub/deeper/e.md", NULL };
	assert_int_equal(dtw_files_match(&l, root, pats, 4), 0);
	assert_list(&l, NULL, want);
	dtw_filelist_release(&l);
}

static void test_files_match_nothing(void **state)
{
	const char *root = *state;
	struct dtw_filelist l = { 0 };
	static const char *const pats[] = { "issues/*.rst", "nowhere/**/*.md" };
	assert_int_equal(dtw_files_match(&l, root, pats, 2), 0);
	assert_int_equal(l.n, 0);
	dtw_filelist_release(&l);
}

static void test_filelist_sort_dedups(void **state)
{
	struct dtw_filelist l = { 0 };
	(void)state;
	dtw_filelist_add(&l, "b.md");
	dtw_filelist_add(&l, "a.md");
	dtw_filelist_add(&l, "b.md");
	dtw_filelist_add(&l, "a/z.md");
	dtw_filelist_add(&l, "a.md");
	dtw_filelist_sort(&l);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.paths[0], "a.md");
	assert_string_equal(l.paths[1], "a/z.md");
	assert_string_equal(l.paths[2], "b.md");
	dtw_filelist_release(&l);
	assert_int_equal(l.n, 0);
	assert_null(l.paths);
	assert_int_equal(l.skipped_symlinks, 0);
	/* Sorting an empty list is fine. */
	dtw_filelist_sort(&l);
	assert_int_equal(l.n, 0);
}

static void test_filelist_add_copies(void **state)
{
	struct dtw_filelist l = { 0 };
	char name[32];
	size_t i;
	(void)state;
	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "%03zu.md", 99 - i);
		dtw_filelist_add(&l, name);
	}
	snprintf(name, sizeof(name), "changed");
	assert_int_equal(l.n, 100);
	assert_string_equal(l.paths[99], "000.md");
	dtw_filelist_sort(&l);
	assert_string_equal(l.paths[0], "000.md");
	assert_string_equal(l.paths[99], "099.md");
	dtw_filelist_release(&l);
}


static void expect_display(const char *cwd, const char *abs, const char *want)
{
	char *got = dtw_path_display(cwd, abs);
	assert_string_equal(got, want);
	free(got);
}

static void test_path_display_as_git_prints(void **state)
{
	(void)state;
	expect_display("/r", "/r/issues/a.md", "issues/a.md");
	expect_display("/r/issues", "/r/issues/a.md", "a.md");
	expect_display("/r/issues/x", "/r/issues/a.md", "../a.md");
	expect_display("/r/doc", "/r/issues/a.md", "../issues/a.md");
	expect_display("/r", "/r", ".");
	expect_display("/rb", "/r/a.md", "../r/a.md");
	expect_display("/", "/etc/x", "etc/x");
	expect_display("/r", "rel/a.md", "rel/a.md");
}

static void expect_relative(const char *root, const char *cwd, const char *arg,
			    const char *want)
{
	char *got = dtw_path_relative(root, cwd, arg);
	if (!want) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_path_relative_resolves_lexically(void **state)
{
	(void)state;
	expect_relative("/r", "/r", "issues/a.md", "issues/a.md");
	expect_relative("/r", "/r/issues", "a.md", "issues/a.md");
	expect_relative("/r", "/r/issues", "../doc/./b.md", "doc/b.md");
	expect_relative("/r", "/r/issues", "..", "");
	expect_relative("/r", "/r", "/r//issues/", "issues");
	expect_relative("/r", "/r", "..", NULL);
	expect_relative("/r", "/r", "../rb/a.md", NULL);
	expect_relative("/r", "/x", "/etc/passwd", NULL);
}

static void test_path_in_repo(void **state)
{
	char *out = NULL;
	(void)state;
	assert_int_equal(dtw_path_in_repo(&out, NULL, "/anywhere", "./././issues/a.md"), 0);
	assert_string_equal(out, "issues/a.md");
	free(out);
	assert_int_equal(dtw_path_in_repo(&out, NULL, "/anywhere", "."), 0);
	assert_string_equal(out, "");
	free(out);
	assert_int_equal(dtw_path_in_repo(&out, "/r", "/r/issues", "a.md"), 0);
	assert_string_equal(out, "issues/a.md");
	free(out);
	assert_int_equal(dtw_path_in_repo(&out, "/r", "/r", "/etc/hostname"), DTW_EINVALID);
	assert_string_equal(dtw_error_last(), "/etc/hostname: outside the repository (/r)");
}

static void test_pattern_dir_len(void **state)
{
	(void)state;
	assert_int_equal(dtw_pattern_dir_len("issues/*.md"), 6);
	assert_int_equal(dtw_pattern_dir_len("news/2026/**/*.md"), 9);
	assert_int_equal(dtw_pattern_dir_len("*.md"), 0);
	assert_int_equal(dtw_pattern_dir_len("a/b?c/d.md"), 1);
	assert_int_equal(dtw_pattern_dir_len("issues/a.md"), 6);
	assert_int_equal(dtw_pattern_dir_len("x/[ab]/y.md"), 1);
	assert_int_equal(dtw_pattern_dir_len("x\\*/y.md"), 0);
}

static void test_is_markdown(void **state)
{
	(void)state;
	assert_true(dtw_path_is_markdown("a.md"));
	assert_true(dtw_path_is_markdown("dir/a.markdown"));
	assert_false(dtw_path_is_markdown(".md"));
	assert_false(dtw_path_is_markdown("a.mdx"));
	assert_false(dtw_path_is_markdown("a.txt"));
}

/* A directory past the depth limit is named, not skipped silently, and
 * the walk goes on: the files above it, and beside it, are found. */
static void test_walk_names_a_directory_too_deep(void **state)
{
	const char *root = *state;
	struct dtw_filelist l = { 0 };
	char rel[400] = "deep", want[400];
	const char *pats[] = { "deep/**/*.md" };
	size_t len = 4;
	int i;
	mkdir_in(root, rel);
	for (i = 1; i <= DTW_WALK_MAX_DEPTH + 1; i++) {
		if (i == DTW_WALK_MAX_DEPTH) {
			char f[420];
			snprintf(f, sizeof(f), "%s/last.md", rel);
			touch_in(root, f);
		}
		len += (size_t)snprintf(rel + len, sizeof(rel) - len, "/d");
		mkdir_in(root, rel);
	}
	{
		char f[420];
		snprintf(f, sizeof(f), "%s/too-deep.md", rel);
		touch_in(root, f);
	}
	touch_in(root, "deep/top.md");
	assert_int_equal(dtw_files_match(&l, root, pats, 1), 0);
	dtw_filelist_sort(&l);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.nunwalked, 1);
	assert_string_equal(l.unwalked[0].path, rel);
	assert_string_equal(l.unwalked[0].why, "directory deeper than 64 levels, not linted");
	snprintf(want, sizeof(want), "%.*s/last.md", (int)(strlen(rel) - 4), rel);
	assert_string_equal(l.paths[0], want);
	assert_string_equal(l.paths[1], "deep/top.md");
	dtw_filelist_release(&l);
}

#define TREE(f) cmocka_unit_test_setup_teardown(f, setup_tree, teardown_tree)

int main(void)
{
	const struct CMUnitTest tests[] = {
		TREE(test_markdown_walk),
		TREE(test_markdown_walk_does_not_follow_dir_link),
		TREE(test_markdown_walk_trailing_slash),
		TREE(test_markdown_walk_subdir),
		TREE(test_markdown_walk_appends),
		TREE(test_markdown_walk_missing_dir),
		TREE(test_walk_names_a_directory_too_deep),
		cmocka_unit_test(test_path_match_single_star),
		cmocka_unit_test(test_path_match_leading_double_star),
		cmocka_unit_test(test_path_match_inner_double_star),
		TREE(test_files_match_single_pattern),
		TREE(test_files_match_double_star),
		TREE(test_files_match_from_root),
		TREE(test_files_match_several_patterns),
		TREE(test_files_match_nothing),
		cmocka_unit_test(test_filelist_sort_dedups),
		cmocka_unit_test(test_filelist_add_copies),
		cmocka_unit_test(test_path_display_as_git_prints),
		cmocka_unit_test(test_path_relative_resolves_lexically),
		cmocka_unit_test(test_path_in_repo),
		cmocka_unit_test(test_pattern_dir_len),
		cmocka_unit_test(test_is_markdown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
