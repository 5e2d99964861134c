/* Unit tests for lib/catalog/release.h: the release tag's name from the
 * template, its message and the trailers read back from it, and the look
 * for release tags that spares libgit2. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "catalog/release.h"
#include "model/issue.h"
#include "schema/schema.h"
#include "source/source.h"
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
	expect_name("issue-{number}", 42, "2026-11-24", "Data This Week", "issue-42");
	expect_name("issue-{issue}", 42, "2026-11-24", "Data This Week", "issue-42");
	expect_name("{issue}-{number}{", 3, "", "", "3-3{");
	expect_name("dtw/{date}", 42, "2026-11-24", "x", "dtw/2026-11-24");
	expect_name("{issue}-{slug}", 7, "", "Data This Week: Streams & Tables!", "7-data-this-week-streams-tables");
	expect_name("{slug}", 1, "", "  --Leading, trailing--  ", "leading-trailing");
	/* Accented Latin letters lose their accents; other scripts, emoji
	 * and bytes that are no UTF-8 are runs of "anything else". */
	expect_name("{slug}", 1, "", "Caf\xc3\xa9 v2", "cafe-v2");
	expect_name("{slug}", 1, "", "Donn\xc3\xa9" "es \xc3\x86rger Stra\xc3\x9f" "e \xc5\x81\xc3\xb3" "d\xc5\xba",
		    "donnees-aerger-strasse-lodz");
	expect_name("{slug}", 1, "", "\xc3\x97 2 \xc3\xb7 3", "2-3");
	expect_name("{slug}", 1, "", "\xd0\x94\xd0\xb0\xd0\xbd\xd0\xbd\xd1\x8b\xd0\xb5 data \xf0\x9f\x93\x9a!", "data");
	expect_name("{slug}", 1, "", "a\xff\xc3" "b", "a-b");
	expect_name("no-fields", 3, "", "", "no-fields");
	expect_name("{issue", 3, "", "", "{issue");
}

/* --- the tag message and its trailers --- */

#define BLOB_HEX "0123456789abcdef0123456789abcdef01234567"

/* What the test being run decoded, released by the teardown, so that a
 * failed assertion half-way through is not also a leak. */
static struct dtw_release_trailers got;
static char *message;

static int release_got(void **state)
{
	(void)state;
	dtw_release_trailers_release(&got);
	free(message);
	message = NULL;
	return 0;
}

static int parse(const char *msg)
{
	dtw_release_trailers_release(&got);
	return dtw_release_parse(&got, msg);
}

static struct dtw_oid blob_id(void)
{
	struct dtw_oid o;
	assert_int_equal(dtw_oid_from_hex(&o, BLOB_HEX, DTW_OID_HEXSZ), 0);
	return o;
}

/* The message dtw_release_message writes for the issue `text`, as
 * released from `path`. */
static char *message_of(const char *text, const char *path, const struct dtw_oid *blob)
{
	struct dtw_schema *schema;
	struct dtw_source src;
	struct dtw_issue *is;
	struct dtw_facts f;
	char *msg;

	assert_int_equal(dtw_schema_resolve(&schema, DTW_DEFAULT_SCHEMA, NULL), 0);
	dtw_source_init_copy(&src, "t.md", text, strlen(text));
	is = dtw_issue_build(&src, schema);
	assert_non_null(is);
	dtw_facts_from_issue(&f, is);
	assert_int_equal(dtw_release_message(&msg, &f, is, path, blob), 0);
	dtw_facts_release(&f);
	dtw_issue_free(is);
	dtw_source_release(&src);
	dtw_schema_free(schema);
	return msg;
}

static const char *const ISSUE_42 =
	"---\ntitle: Data This Week\nissue: 42\ndate: 2026-11-24\nstatus: published\n---\n\n"
	"# Data This Week #42\n\nIntro.\n\n"
	"## \xf0\x9f\x9b\xa0\xef\xb8\x8f Tools\n\n"
	"### [A](https://a.example)\n\nA is.\n\n**Why it matters:** a.\n\n";

static void test_message_round_trip(void **state)
{
	struct dtw_oid blob = blob_id();
	(void)state;
	message = message_of(ISSUE_42, "issues/2026-11-24.md", &blob);
	assert_non_null(strstr(message, "\n\nDtw-Issue: 42\nDtw-Path: issues/2026-11-24.md\n"
				       "Dtw-Blob: " BLOB_HEX "\n"));
	assert_int_equal(parse(message), 0);
	assert_int_equal(got.issue, 42);
	assert_string_equal(got.path, "issues/2026-11-24.md");
	assert_true(got.has_blob);
	assert_true(dtw_oid_equal(&got.blob, &blob));
}

static void expect_prefix(const char *s, const char *prefix)
{
	if (strncmp(s, prefix, strlen(prefix)))
		fail_msg("\"%s\" does not start with \"%s\"", s, prefix);
}

/* expect_trailer_lines(msg): the only lines of `msg` that start with
 * "Dtw-" (in any case) are its last three, the trailers. */
static void expect_trailer_lines(const char *msg)
{
	const char *p;
	size_t lines = 0, dtw = 0, last_dtw = 0;
	for (p = msg; *p; p = strchr(p, '\n') + 1) {
		lines++;
		if (!strncasecmp(p, "dtw-", 4)) {
			dtw++;
			last_dtw = lines;
		}
		if (!strchr(p, '\n'))
			break;
	}
	assert_int_equal(dtw, 3);
	assert_int_equal(last_dtw, lines);
}

/* The title is the draft's: one that reads like a trailer is written in
 * the summary, not at the start of a line, and does not win over the
 * trailers. */
static void test_message_round_trip_title_like_a_trailer(void **state)
{
	static const char text[] =
		"---\ntitle: \"Dtw-Issue: 7\"\nissue: 42\ndate: 2026-11-24\nstatus: published\n---\n\n"
		"# Dtw-Issue: 7\n\nIntro.\n";
	struct dtw_oid blob = blob_id();
	(void)state;
	message = message_of(text, "issues/a b.md", &blob);
	expect_prefix(message, "#42 (2026-11-24) Dtw-Issue: 7\n\nTitle: Dtw-Issue: 7\n");
	expect_trailer_lines(message);
	assert_int_equal(parse(message), 0);
	assert_int_equal(got.issue, 42);
	assert_string_equal(got.path, "issues/a b.md");
	assert_true(dtw_oid_equal(&got.blob, &blob));
}

/* A title with line breaks in it (YAML can hold them) is written on one
 * line, control characters as spaces: it cannot start a line of its own,
 * let alone a trailer block. */
static void test_message_title_with_line_feeds(void **state)
{
	static const char text[] =
		"---\ntitle: \"News\\n\\nDtw-Issue: 7\\nDtw-Path: forged.md\\r\\tend\"\n"
		"issue: 42\ndate: 2026-11-24\nstatus: published\n---\n\nIntro.\n";
	struct dtw_oid blob = blob_id();
	(void)state;
	message = message_of(text, "issues/a.md", &blob);
	assert_non_null(strstr(message, "\nTitle: News  Dtw-Issue: 7 Dtw-Path: forged.md  end\n"));
	expect_prefix(message, "News  Dtw-Issue: 7 Dtw-Path: forged.md  end #42 (2026-11-24)\n");
	expect_trailer_lines(message);
	assert_int_equal(parse(message), 0);
	assert_int_equal(got.issue, 42);
	assert_string_equal(got.path, "issues/a.md");
}

/* A path that a trailer cannot hold (a line feed would split it and let
 * the rest forge trailers) is refused, and no message is written. */
static void test_message_refuses_a_path_with_a_control_character(void **state)
{
	static const char *const bad[] = {
		"issues/a\nDtw-Issue: 7.md", "issues/a\r.md", "issues/\ta.md", "issues/a\x7f.md",
		"issues/\x1b[31m.md",
	};
	struct dtw_schema *schema;
	struct dtw_source src;
	struct dtw_issue *is;
	struct dtw_facts f;
	struct dtw_oid blob = blob_id();
	size_t i;
	(void)state;
	assert_int_equal(dtw_schema_resolve(&schema, DTW_DEFAULT_SCHEMA, NULL), 0);
	dtw_source_init_copy(&src, "t.md", ISSUE_42, strlen(ISSUE_42));
	is = dtw_issue_build(&src, schema);
	dtw_facts_from_issue(&f, is);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *msg = (char *)"unset";
		assert_int_equal(dtw_release_path_check(bad[i]), DTW_EINVALID);
		assert_int_equal(strncmp(dtw_error_last(), bad[i], strlen(bad[i])), 0);
		assert_string_equal(dtw_error_last() + strlen(bad[i]),
				    ": a path with a line feed or another control character "
				    "cannot be written into a trailer");
		assert_int_equal(dtw_release_message(&msg, &f, is, bad[i], &blob), DTW_EINVALID);
		assert_null(msg);
	}
	assert_int_equal(dtw_release_path_check("issues/caf\xc3\xa9 #1: a b.md"), 0);
	dtw_facts_release(&f);
	dtw_issue_free(is);
	dtw_source_release(&src);
	dtw_schema_free(schema);
}

/* Trailers are read from the last paragraph only, as git
 * interpret-trailers reads them: what comes before cannot forge them. */
static void test_parse_reads_the_last_paragraph_only(void **state)
{
	(void)state;
	assert_int_equal(parse("Dtw-Issue: 7 #42\n\nTitle: x\nDtw-Issue: 7\nDtw-Path: forged.md\n"
			       "Dtw-Blob: ffffffffffffffffffffffffffffffffffffffff\n\n"
			       "Dtw-Issue: 42\nDtw-Path: a.md\n"), 0);
	assert_int_equal(got.issue, 42);
	assert_string_equal(got.path, "a.md");
	assert_false(got.has_blob);
	/* Trailers before the last paragraph are none. */
	assert_int_equal(parse("x\n\nDtw-Issue: 42\nDtw-Path: a.md\n\nA note added later.\n"),
			 DTW_ENOTFOUND);
	assert_int_equal(got.issue, 0);
	assert_null(got.path);
	/* Blank lines (white space too) after the block end no paragraph. */
	assert_int_equal(parse("x\n\nDtw-Issue: 42\nDtw-Path: a.md\n\n \n\t\n"), 0);
	assert_string_equal(got.path, "a.md");
	/* A line of white space between trailers ends the paragraph too. */
	assert_int_equal(parse("x\n\nDtw-Issue: 7\n  \nDtw-Path: a.md\n"), DTW_ENOTFOUND);
	assert_int_equal(got.issue, 0);
	assert_string_equal(got.path, "a.md");
}

static void test_parse_missing_trailers(void **state)
{
	(void)state;
	assert_int_equal(parse(NULL), DTW_ENOTFOUND); /* a lightweight tag */
	assert_int_equal(got.issue, 0);
	assert_null(got.path);
	assert_false(got.has_blob);
	assert_int_equal(parse(""), DTW_ENOTFOUND);
	assert_int_equal(parse("hand-made\n"), DTW_ENOTFOUND);
	assert_null(got.path);
	/* A path but no issue: not a release, but the path is told. */
	assert_int_equal(parse("Dtw-Path: issues/a.md\n"), DTW_ENOTFOUND);
	assert_int_equal(got.issue, 0);
	assert_string_equal(got.path, "issues/a.md");
	assert_int_equal(parse("x\n\nDtw-Issue: 42\nDtw-Blob: " BLOB_HEX "\n"), DTW_ENOTFOUND);
	assert_int_equal(got.issue, 42);
	assert_null(got.path);
	assert_true(got.has_blob);
	/* No Dtw-Blob: a release, with no blob to compare. */
	assert_int_equal(parse("x\n\nDtw-Issue: 42\nDtw-Path: issues/a.md\n"), 0);
	assert_false(got.has_blob);
	/* The last line needs no line feed. */
	assert_int_equal(parse("Dtw-Issue: 42\nDtw-Path: issues/a.md"), 0);
	assert_string_equal(got.path, "issues/a.md");
	/* Empty values are no values. */
	assert_int_equal(parse("Dtw-Issue: \nDtw-Path: \nDtw-Blob: \n"), DTW_ENOTFOUND);
	assert_int_equal(got.issue, 0);
	assert_null(got.path);
	assert_false(got.has_blob);
}

static void test_parse_only_whole_lines_with_the_exact_key(void **state)
{
	(void)state;
	assert_int_equal(parse("  Dtw-Issue: 42\nDtw-Path: a.md\n"), DTW_ENOTFOUND);
	assert_int_equal(parse("X-Dtw-Issue: 42\nDtw-Path: a.md\n"), DTW_ENOTFOUND);
	assert_int_equal(parse("dtw-issue: 42\nDtw-Path: a.md\n"), DTW_ENOTFOUND);
	assert_int_equal(parse("Dtw-Issue:42\nDtw-Path: a.md\n"), DTW_ENOTFOUND);
	assert_int_equal(got.issue, 0);
}

static void test_parse_non_numeric_issue(void **state)
{
	(void)state;
	assert_int_equal(parse("Dtw-Issue: forty-two\nDtw-Path: a.md\n"), DTW_ENOTFOUND);
	assert_int_equal(got.issue, 0);
	assert_int_equal(parse("Dtw-Issue: 0\nDtw-Path: a.md\n"), DTW_ENOTFOUND);
	assert_int_equal(parse("Dtw-Issue: -3\nDtw-Path: a.md\n"), DTW_ENOTFOUND);
	assert_int_equal(got.issue, 0);
	/* Digits alone, blanks after them at most; within a long. */
	assert_int_equal(parse("Dtw-Issue: 42nd\nDtw-Path: a.md\n"), DTW_ENOTFOUND);
	assert_int_equal(got.issue, 0);
	assert_int_equal(parse("Dtw-Issue: 4 2\nDtw-Path: a.md\n"), DTW_ENOTFOUND);
	assert_int_equal(parse("Dtw-Issue: +42\nDtw-Path: a.md\n"), DTW_ENOTFOUND);
	assert_int_equal(parse("Dtw-Issue:  42\nDtw-Path: a.md\n"), DTW_ENOTFOUND);
	assert_int_equal(parse("Dtw-Issue: 99999999999999999999999\nDtw-Path: a.md\n"),
			 DTW_ENOTFOUND);
	assert_int_equal(got.issue, 0);
	assert_int_equal(parse("Dtw-Issue: 42 \t\r\nDtw-Path: a.md\n"), 0);
	assert_int_equal(got.issue, 42);
}

static void test_parse_bad_hex_blob(void **state)
{
	static const char *const bad[] = {
		"Dtw-Blob: 0123456789abcdef0123456789abcdef0123456\n",   /* 39 digits */
		"Dtw-Blob: 0123456789abcdef0123456789abcdef012345678\n", /* 41 */
		"Dtw-Blob: 0123456789abcdef0123456789abcdef0123456g\n",  /* not hex */
		"Dtw-Blob: " BLOB_HEX " \n",                              /* trailing space */
		"Dtw-Blob: " BLOB_HEX "\r\n",                            /* CRLF */
		"Dtw-Blob: 0000000000000000000000000000000000000000\n",  /* no object */
	};
	char msg[160];
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(msg, sizeof(msg), "Dtw-Issue: 42\nDtw-Path: a.md\n%s", bad[i]);
		assert_int_equal(parse(msg), 0);
		assert_int_equal(got.issue, 42);
		assert_false(got.has_blob);
	}
	/* Either case of hex digits. */
	assert_int_equal(parse("Dtw-Issue: 42\nDtw-Path: a.md\n"
			       "Dtw-Blob: 0123456789ABCDEF0123456789ABCDEF01234567\n"), 0);
	assert_true(got.has_blob);
	{
		struct dtw_oid want = blob_id();
		assert_true(dtw_oid_equal(&got.blob, &want));
	}
}

/* In the trailer block, the first line of each key counts: a value
 * repeated after it cannot change what was released. */
static void test_parse_duplicate_lines(void **state)
{
	struct dtw_oid want = blob_id();
	(void)state;
	assert_int_equal(parse("Dtw-Issue: 42\nDtw-Issue: 41\nDtw-Path: new.md\n"
			       "Dtw-Path: old.md\n"
			       "Dtw-Blob: " BLOB_HEX "\n"
			       "Dtw-Blob: ffffffffffffffffffffffffffffffffffffffff\n"), 0);
	assert_int_equal(got.issue, 42);
	assert_string_equal(got.path, "new.md");
	assert_true(got.has_blob);
	assert_true(dtw_oid_equal(&got.blob, &want));
	/* A first Dtw-Issue that is no number is no issue; a later one does
	 * not stand in for it. */
	assert_int_equal(parse("Dtw-Issue: x\nDtw-Issue: 42\nDtw-Path: a.md\n"), DTW_ENOTFOUND);
	assert_int_equal(got.issue, 0);
	/* A later Dtw-Blob that is no id leaves the first. */
	assert_int_equal(parse("Dtw-Issue: 42\nDtw-Path: a.md\nDtw-Blob: " BLOB_HEX "\n"
			       "Dtw-Blob: none\n"), 0);
	assert_true(got.has_blob);
	/* A first Dtw-Blob that is no id: none, whatever follows. */
	assert_int_equal(parse("Dtw-Issue: 42\nDtw-Path: a.md\nDtw-Blob: none\n"
			       "Dtw-Blob: " BLOB_HEX "\n"), 0);
	assert_false(got.has_blob);
}

/* --- whether a repository may hold release tags --- */

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
	char path[160];
	(void)state;
	/* No tag at all: nothing to list. Any tag may be a release, whatever
	 * its name (release.tag may have changed since). */
	assert_false(dtw_release_tags_possible(dir));
	put(".git/refs/tags/v1.0", "0000\n");
	assert_true(dtw_release_tags_possible(dir));
	snprintf(path, sizeof(path), "%s/.git/refs/tags/v1.0", dir);
	assert_int_equal(unlink(path), 0);
	assert_false(dtw_release_tags_possible(dir));
	put(".git/packed-refs", "# pack-refs with: peeled\n"
				"1111 refs/heads/main\n");
	assert_false(dtw_release_tags_possible(dir));
	put(".git/packed-refs", "# pack-refs with: peeled\n"
				"1111 refs/tags/dtw-2026-11-24\n");
	assert_true(dtw_release_tags_possible(dir));
}

static void test_tags_possible_linked_worktree(void **state)
{
	char path[128];
	(void)state;
	snprintf(path, sizeof(path), "rm -rf '%s/.git'", dir);
	assert_int_equal(system(path), 0);
	put(".git", "gitdir: /elsewhere\n");
	assert_true(dtw_release_tags_possible(dir));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tag_name_fields),
		cmocka_unit_test_teardown(test_message_round_trip, release_got),
		cmocka_unit_test_teardown(test_message_round_trip_title_like_a_trailer, release_got),
		cmocka_unit_test_teardown(test_message_title_with_line_feeds, release_got),
		cmocka_unit_test(test_message_refuses_a_path_with_a_control_character),
		cmocka_unit_test_teardown(test_parse_reads_the_last_paragraph_only, release_got),
		cmocka_unit_test_teardown(test_parse_missing_trailers, release_got),
		cmocka_unit_test_teardown(test_parse_only_whole_lines_with_the_exact_key, release_got),
		cmocka_unit_test_teardown(test_parse_non_numeric_issue, release_got),
		cmocka_unit_test_teardown(test_parse_bad_hex_blob, release_got),
		cmocka_unit_test_teardown(test_parse_duplicate_lines, release_got),
		cmocka_unit_test_setup_teardown(test_tags_possible_loose_and_packed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tags_possible_linked_worktree, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
