/* Unit tests for lib/catalog/catalog.h: the facts an issue gives (by
 * role, whatever the keys are called), their cache (kept per schema), and
 * finding an issue by number or date among a repository's files. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "catalog/catalog.h"
#include "git/git.h"
#include "model/issue.h"
#include "schema/schema.h"
#include "source/source.h"
#include "base/banned.h"

static struct dtw_schema *week; /* the built-in schema */
static struct dtw_schema *numbered; /* the same, its number read from "num" */

static const char ITEMS[] =
	"# Data This Week\n\nIntro.\n\n"
	"## 📚 Blogs to Read\n\n"
	"### One\n\n[Read more →](https://Example.org/a/)\n\n"
	"### Two\n\n[Read more →](https://example.org/a) and <mailto:x@y.org>\n\n"
	"### Three\n\n[Explore →](http://other.org/b?x=1)\n";

static int load_schemas(void **state)
{
	const char *t = dtw_builtin_schema_texts[0];
	size_t len = dtw_builtin_schema_lens[0];
	const char *at = strstr(t, "  issue:  { type: integer, required: true, min: 1 }\n");
	struct strbuf text = STRBUF_INIT;
	int r;
	(void)state;
	assert_string_equal(dtw_builtin_schema_names[0], DTW_DEFAULT_SCHEMA);
	if (dtw_schema_resolve(&week, DTW_DEFAULT_SCHEMA, NULL) || !at)
		return -1;
	/* A copy whose number is another key's. */
	strbuf_add(&text, t, (size_t)(at - t));
	strbuf_addstr(&text, "  num: { type: integer, role: number }\n");
	at = strchr(at, '\n') + 1;
	strbuf_add(&text, at, len - (size_t)(at - t));
	r = dtw_schema_load(&numbered, text.buf, text.len, "numbered.yaml");
	strbuf_release(&text);
	return r;
}

static int free_schemas(void **state)
{
	(void)state;
	dtw_schema_free(week);
	dtw_schema_free(numbered);
	return 0;
}

static void facts_of(struct dtw_facts *f, const struct dtw_schema *s, const char *text)
{
	struct dtw_source src;
	struct dtw_issue *is;
	dtw_source_init_copy(&src, "t.md", text, strlen(text));
	is = dtw_issue_build(&src, s);
	dtw_facts_from_issue(f, is);
	dtw_issue_free(is);
	dtw_source_release(&src);
}

static void test_facts_from_issue(void **state)
{
	struct dtw_facts f;
	(void)state;
	facts_of(&f, week, "---\nissue: 42\nnum: 7\ndate: 2026-11-24\ntitle: Hello\n---\n");
	assert_int_equal(f.issue, 42);
	assert_string_equal(f.date, "2026-11-24");
	assert_string_equal(f.title, "Hello");
	assert_string_equal(f.status, "draft"); /* the schema's default */
	assert_int_equal(f.nurls, 0);
	dtw_facts_release(&f);

	facts_of(&f, numbered, "---\nissue: 42\nnum: 7\ndate: 2026-11-24\ntitle: Hello\n---\n");
	assert_int_equal(f.issue, 7);
	dtw_facts_release(&f);

	/* What is not a number or a date reads as none. */
	facts_of(&f, week, "---\nissue: forty\ndate: 24 Nov\nstatus: ready\n---\n");
	assert_int_equal(f.issue, 0);
	assert_string_equal(f.date, "");
	assert_string_equal(f.title, "");
	assert_string_equal(f.status, "ready");
	assert_int_equal(f.unparsable, 0);
	dtw_facts_release(&f);

	/* An empty front matter is read: every key absent, the default. */
	facts_of(&f, week, "---\n---\nText.\n");
	assert_int_equal(f.unparsable, 0);
	assert_string_equal(f.status, "draft");
	dtw_facts_release(&f);
}

/* Front matter that cannot be read leaves the status unknown, not the
 * schema's default. */
static void test_facts_of_unparsable_front_matter(void **state)
{
	static const char *const bad[] = {
		"No front matter at all.\n",
		"---\ntitle: [unclosed\n---\n",
		"---\n- a list\n- not keys\n---\n",
		"---\nissue: 42\n",
		"",
	};
	struct dtw_facts f;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		facts_of(&f, week, bad[i]);
		assert_int_equal(f.unparsable, 1);
		assert_string_equal(f.status, "");
		dtw_facts_release(&f);
	}
}

static void test_facts_urls(void **state)
{
	struct dtw_facts f;
	char text[1024];
	(void)state;
	snprintf(text, sizeof(text), "---\nissue: 3\n---\n%s", ITEMS);
	facts_of(&f, week, text);
	/* http(s) only, normalised, each once, in the order featured. */
	assert_int_equal(f.nurls, 2);
	assert_string_equal(f.urls[0], "https://example.org/a");
	assert_string_equal(f.urls[1], "http://other.org/b?x=1");
	dtw_facts_release(&f);
}

static void test_arg_is_key(void **state)
{
	(void)state;
	assert_true(dtw_issue_arg_is_key("42"));
	assert_true(dtw_issue_arg_is_key("2026-11-24"));
	assert_false(dtw_issue_arg_is_key(""));
	assert_false(dtw_issue_arg_is_key("4a"));
	assert_false(dtw_issue_arg_is_key("2026-1-24"));
	assert_false(dtw_issue_arg_is_key("2026-11-245"));
	assert_false(dtw_issue_arg_is_key("issues/42.md"));
}

/* --- a repository --- */

static char dir[64];

static void sh(const char *fmt, ...)
{
	char cmd[1024];
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	assert_true(n > 0 && (size_t)n < sizeof(cmd));
	assert_int_equal(system(cmd), 0);
}

static int setup_repo(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/dtw-catalog-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	sh("cd '%s' && GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 git init -q . && mkdir issues && "
	   "printf -- '---\\nissue: 41\\ndate: 2026-11-17\\n---\\n' > issues/a.md && "
	   "printf -- '---\\nissue: 42\\ndate: 2026-11-24\\n---\\n' > issues/b.md && "
	   "printf -- '---\\nissue: 42\\ndate: 2026-12-01\\n---\\n' > issues/c.md && "
	   "GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 git add issues/a.md issues/b.md && "
	   "GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 git -c user.name=T -c user.email=t@e.org "
	   "commit -q -m one", dir);
	return 0;
}

static int teardown_repo(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int every_md(const char *path, void *data)
{
	size_t n = strlen(path);
	(void)data;
	return n > 3 && !strcmp(path + n - 3, ".md");
}

static struct dtw_catalog *open_catalog(struct dtw_repo **repo, const struct dtw_schema *s)
{
	struct dtw_catalog *cat;
	assert_int_equal(dtw_repo_open(repo, dir), 0);
	assert_int_equal(dtw_catalog_open(&cat, *repo, s), 0);
	return cat;
}

static void test_find_by_number_and_date(void **state)
{
	struct dtw_repo *repo;
	struct dtw_catalog *cat = open_catalog(&repo, week);
	struct dtw_git_files files = { 0 };
	size_t idx = 99;
	(void)state;
	assert_int_equal(dtw_repo_rev_files(&files, repo, "HEAD", NULL, 0, every_md, NULL), 0);
	assert_int_equal(files.n, 2);
	assert_int_equal(dtw_catalog_find(&idx, cat, &files, "42"), 0);
	assert_string_equal(files.v[idx].path, "issues/b.md");
	assert_int_equal(dtw_catalog_find(&idx, cat, &files, "2026-11-17"), 0);
	assert_string_equal(files.v[idx].path, "issues/a.md");
	assert_int_equal(dtw_catalog_find(&idx, cat, &files, "43"), DTW_ENOTFOUND);
	assert_string_equal(dtw_error_last(), "no newsletter issue numbered 43");
	assert_int_equal(dtw_catalog_find(&idx, cat, &files, "2026-12-08"), DTW_ENOTFOUND);
	assert_string_equal(dtw_error_last(), "no newsletter issue dated 2026-12-08");
	dtw_error_clear();
	dtw_git_files_release(&files);

	/* Staged, the third file claims 42 too: both are named. */
	sh("cd '%s' && git add issues/c.md", dir);
	assert_int_equal(dtw_repo_index_files(&files, repo, NULL, 0, every_md, NULL), 0);
	assert_int_equal(files.n, 3);
	assert_int_equal(dtw_catalog_find(&idx, cat, &files, "42"), DTW_EINVALID);
	assert_string_equal(dtw_error_last(),
			    "issue 42 is claimed by two files: issues/b.md and issues/c.md");
	dtw_error_clear();
	assert_int_equal(dtw_catalog_find(&idx, cat, &files, "2026-12-01"), 0);
	assert_string_equal(files.v[idx].path, "issues/c.md");
	dtw_git_files_release(&files);
	dtw_catalog_free(cat);
	dtw_repo_free(repo);
}

/* Facts learnt are kept across runs once saved, and only for the schema
 * they were read with: a blob that is in no repository can only be
 * answered from the cache. */
static void test_facts_cached_per_schema(void **state)
{
	static const char text[] =
		"---\nissue: 5\nnum: 7\ndate: 2026-11-24\ntitle: \"a\\tb\\\\n\\nc\"\n---\n";
	struct dtw_repo *repo;
	struct dtw_catalog *cat;
	struct dtw_facts f;
	struct dtw_oid ghost;
	(void)state;
	memset(&ghost, 0xab, sizeof(ghost));

	cat = open_catalog(&repo, week);
	assert_int_not_equal(dtw_catalog_facts(&f, cat, &ghost), 0);
	dtw_error_clear();
	dtw_facts_release(&f);
	assert_int_equal(dtw_catalog_facts_data(&f, cat, &ghost, text, strlen(text)), 0);
	assert_int_equal(f.issue, 5);
	dtw_facts_release(&f);
	dtw_catalog_save(cat);
	dtw_catalog_free(cat);
	dtw_repo_free(repo);

	cat = open_catalog(&repo, week);
	assert_int_equal(dtw_catalog_facts(&f, cat, &ghost), 0);
	assert_int_equal(f.issue, 5);
	assert_string_equal(f.date, "2026-11-24");
	assert_string_equal(f.title, "a\tb\\n\nc"); /* tab, backslash, line feed kept */
	dtw_facts_release(&f);
	dtw_catalog_free(cat);
	dtw_repo_free(repo);

	/* Another schema reads the number elsewhere: the cache has nothing
	 * for it, and what it learns does not replace the first reading. */
	cat = open_catalog(&repo, numbered);
	assert_int_not_equal(dtw_catalog_facts(&f, cat, &ghost), 0);
	dtw_error_clear();
	dtw_facts_release(&f);
	assert_int_equal(dtw_catalog_facts_data(&f, cat, &ghost, text, strlen(text)), 0);
	assert_int_equal(f.issue, 7);
	dtw_facts_release(&f);
	dtw_catalog_save(cat);
	dtw_catalog_free(cat);
	dtw_repo_free(repo);

	cat = open_catalog(&repo, week);
	assert_int_equal(dtw_catalog_facts(&f, cat, &ghost), 0);
	assert_int_equal(f.issue, 5);
	dtw_facts_release(&f);
	dtw_catalog_free(cat);
	dtw_repo_free(repo);
}

static void test_resolve(void **state)
{
	struct dtw_repo *repo;
	struct dtw_catalog *cat = open_catalog(&repo, week);
	struct dtw_config *cfg = dtw_config_default();
	char *path, sub[96];
	(void)state;
	snprintf(sub, sizeof(sub), "%s/issues", dir);
	assert_int_equal(dtw_catalog_resolve(&path, repo, cat, cfg, sub, "HEAD", "41"), 0);
	assert_string_equal(path, "issues/a.md");
	free(path);
	/* A path is taken relative to the current directory. */
	assert_int_equal(dtw_catalog_resolve(&path, repo, cat, cfg, sub, NULL, "b.md"), 0);
	assert_string_equal(path, "issues/b.md");
	free(path);
	assert_int_equal(dtw_catalog_resolve(&path, repo, cat, cfg, sub, NULL, "../../x.md"),
			 DTW_EINVALID);
	assert_null(path);
	assert_int_equal(dtw_catalog_resolve(&path, repo, cat, cfg, sub, NULL, ".."), DTW_EINVALID);
	assert_null(path);
	assert_int_equal(dtw_catalog_resolve(&path, repo, cat, cfg, sub, "HEAD", "40"),
			 DTW_ENOTFOUND);
	assert_null(path);
	assert_int_equal(dtw_catalog_resolve(&path, repo, cat, cfg, sub, "no-such-rev", "41"),
			 DTW_ENOREV);
	assert_null(path);
	dtw_error_clear();
	dtw_config_free(cfg);
	dtw_catalog_free(cat);
	dtw_repo_free(repo);
}

#define R(fn) cmocka_unit_test_setup_teardown(fn, setup_repo, teardown_repo)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_facts_from_issue),
		cmocka_unit_test(test_facts_of_unparsable_front_matter),
		cmocka_unit_test(test_facts_urls),
		cmocka_unit_test(test_arg_is_key),
		R(test_find_by_number_and_date),
		R(test_facts_cached_per_schema),
		R(test_resolve),
	};
	return cmocka_run_group_tests(tests, load_schemas, free_schemas);
}
