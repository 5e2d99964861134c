/* Unit tests for lib/links: the normal form URLs are asked and cached in,
 * which URLs are asked at all, the set, and the cache on disk (fresh,
 * stale, failures kept shorter, damaged lines, other runs' answers). The
 * network side is tested against a real server in tests/cli/t0110. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "links/links.h"
#include "schema/schema.h"
#include "base/banned.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/dtw-links-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static void key_is(const char *url, const char *want)
{
	char *k = dtw_link_key(url);
	assert_string_equal(k, want);
	free(k);
}

static void test_key(void **state)
{
	(void)state;
	key_is("HTTPS://Blog.Example.ORG/Post?A=B#frag", "https://blog.example.org/Post?A=B");
	key_is("https://a.io", "https://a.io/");
	key_is("https://a.io?q=1", "https://a.io/?q=1");
	key_is("https://a.io:443/x", "https://a.io/x");
	key_is("http://a.io:80/x", "http://a.io/x");
	key_is("https://a.io:8443/x", "https://a.io:8443/x");
	key_is("http://a.io:443/x", "http://a.io:443/x");
	key_is("https://User:Pw@A.io/x", "https://User:Pw@a.io/x");
	key_is("https://[::1]:8080/x", "https://[::1]:8080/x");
	/* the trailing slash and the query are the page's: kept */
	key_is("https://a.io/x/", "https://a.io/x/");
}

static void test_askable(void **state)
{
	(void)state;
	assert_true(dtw_link_askable("https://blog.streamfold.dev/post"));
	assert_true(dtw_link_askable("http://127.0.0.1:8080/x"));
	assert_true(dtw_link_askable("http://localhost:3000/"));
	assert_false(dtw_link_askable("mailto:ed@streamfold.dev"));
	assert_false(dtw_link_askable("https://example.com/post"));
	assert_false(dtw_link_askable("https://blog.streamfold.dev/TODO"));
	assert_false(dtw_link_askable("ftp://files.streamfold.dev/x"));
	assert_false(dtw_link_askable("https:/a.io/x"));
	assert_false(dtw_link_askable("#tools"));
	assert_false(dtw_link_askable(""));
}

static void test_set(void **state)
{
	struct dtw_links set;
	char url[64];
	size_t i;
	(void)state;
	dtw_links_init(&set);
	assert_null(dtw_links_find(&set, "https://a.io/"));
	for (i = 0; i < 5000; i++) {
		snprintf(url, sizeof(url), "https://h%zu.io/p", i % 2500);
		(void)dtw_links_add(&set, url);
	}
	assert_int_equal(set.n, 2500);
	/* one URL however it is written */
	(void)dtw_links_add(&set, "HTTPS://H7.IO:443/p#x");
	assert_int_equal(set.n, 2500);
	assert_non_null(dtw_links_find(&set, "https://h7.io/p"));
	assert_string_equal(dtw_links_find(&set, "https://h7.io/p#top")->url, "https://h7.io/p");
	assert_null(dtw_links_find(&set, "https://h7.io/p/"));
	dtw_links_release(&set);
}

static void answer(struct dtw_links *set, const char *url, enum dtw_link_verdict v, int status,
		   int64_t checked)
{
	struct dtw_link_answer *a = dtw_links_add(set, url);
	a->verdict = v;
	a->status = status;
	a->checked = checked;
}

#define HOUR (3600 * 1000LL)
#define DAY (24 * HOUR)

static void test_cache_round_trip(void **state)
{
	struct dtw_links set, again;
	const struct dtw_link_answer *a;
	int64_t now = 1800000000;
	(void)state;
	dtw_links_init(&set);
	answer(&set, "https://a.io/ok", DTW_LINK_OK, 200, now - 600);
	answer(&set, "https://a.io/gone", DTW_LINK_GONE, 404, now - 600);
	answer(&set, "https://a.io/old-gone", DTW_LINK_GONE, 404, now - 2 * 3600);
	answer(&set, "https://a.io/late", DTW_LINK_OUT_OF_TIME, 0, now);
	answer(&set, "https://a.io/moved", DTW_LINK_MOVED, 200, now - 600);
	dtw_links_add(&set, "https://a.io/moved")->target = strdup("https://a.io/new\there");
	dtw_links_add(&set, "https://a.io/gone")->detail = strdup("line\none");
	dtw_links_cache_save(&set, dir, now, DAY, HOUR);
	dtw_links_release(&set);

	dtw_links_init(&again);
	dtw_links_add(&again, "https://a.io/ok");
	dtw_links_add(&again, "https://a.io/gone");
	dtw_links_add(&again, "https://a.io/old-gone");
	dtw_links_add(&again, "https://a.io/late");
	dtw_links_add(&again, "https://a.io/moved");
	dtw_links_add(&again, "https://a.io/never");
	dtw_links_cache_load(&again, dir, now, DAY, HOUR);
	a = dtw_links_find(&again, "https://a.io/ok");
	assert_int_equal(a->verdict, DTW_LINK_OK);
	assert_int_equal(a->status, 200);
	assert_true(a->cached);
	a = dtw_links_find(&again, "https://a.io/gone");
	assert_int_equal(a->verdict, DTW_LINK_GONE);
	assert_string_equal(a->detail, "line one");
	/* a failure is kept an hour at most */
	assert_int_equal(dtw_links_find(&again, "https://a.io/old-gone")->verdict, DTW_LINK_UNASKED);
	/* what ran out of time was never an answer */
	assert_int_equal(dtw_links_find(&again, "https://a.io/late")->verdict, DTW_LINK_UNASKED);
	a = dtw_links_find(&again, "https://a.io/moved");
	assert_int_equal(a->verdict, DTW_LINK_MOVED);
	assert_string_equal(a->target, "https://a.io/new here");
	assert_int_equal(dtw_links_find(&again, "https://a.io/never")->verdict, DTW_LINK_UNASKED);
	dtw_links_release(&again);

	/* a day later the good answer is stale too */
	dtw_links_init(&again);
	dtw_links_add(&again, "https://a.io/ok");
	dtw_links_cache_load(&again, dir, now + 24 * 3600, DAY, HOUR);
	assert_int_equal(dtw_links_find(&again, "https://a.io/ok")->verdict, DTW_LINK_UNASKED);
	/* and an answer from the future is no answer */
	dtw_links_cache_load(&again, dir, now - 3600, DAY, HOUR);
	assert_int_equal(dtw_links_find(&again, "https://a.io/ok")->verdict, DTW_LINK_UNASKED);
	dtw_links_release(&again);
}

static void test_cache_keeps_other_runs(void **state)
{
	struct dtw_links one, two, both;
	int64_t now = 1800000000;
	(void)state;
	dtw_links_init(&one);
	answer(&one, "https://a.io/1", DTW_LINK_OK, 200, now);
	dtw_links_cache_save(&one, dir, now, DAY, HOUR);
	dtw_links_init(&two);
	answer(&two, "https://a.io/2", DTW_LINK_OK, 200, now);
	dtw_links_cache_save(&two, dir, now, DAY, HOUR);
	dtw_links_init(&both);
	dtw_links_add(&both, "https://a.io/1");
	dtw_links_add(&both, "https://a.io/2");
	dtw_links_cache_load(&both, dir, now, DAY, HOUR);
	assert_int_equal(dtw_links_find(&both, "https://a.io/1")->verdict, DTW_LINK_OK);
	assert_int_equal(dtw_links_find(&both, "https://a.io/2")->verdict, DTW_LINK_OK);
	dtw_links_release(&one);
	dtw_links_release(&two);
	dtw_links_release(&both);
}

static void write_file(const char *text, size_t len)
{
	char path[96];
	FILE *f;
	snprintf(path, sizeof(path), "%s/links", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
}

static void test_cache_damaged(void **state)
{
	static const char text[] =
		"dtw-links 1\n"
		"nonsense\n"
		"1799999999\tok\t200\n"
		"17999x9999\tok\t200\thttps://a.io/1\t\t\n"
		"1799999999\tbogus\t200\thttps://a.io/2\t\t\n"
		"1799999999\tok\t2000\thttps://a.io/3\t\t\n"
		"1799999999\tok\t200\t\t\t\n"
		"1799999999\tok\t200\thttps://a.io/4\t\t\n"
		"\0\377\n"
		"1799999999\tok\t200\thttps://a.io/5\t\t";
	struct dtw_links set;
	char url[32];
	int i;
	(void)state;
	write_file(text, sizeof(text) - 1);
	dtw_links_init(&set);
	for (i = 1; i <= 5; i++) {
		snprintf(url, sizeof(url), "https://a.io/%d", i);
		dtw_links_add(&set, url);
	}
	dtw_links_cache_load(&set, dir, 1800000000, DAY, HOUR);
	for (i = 1; i <= 5; i++) {
		snprintf(url, sizeof(url), "https://a.io/%d", i);
		/* only the one good line, ended by its line feed, reads */
		assert_int_equal(dtw_links_find(&set, url)->verdict,
				 i == 4 ? DTW_LINK_OK : DTW_LINK_UNASKED);
	}
	dtw_links_release(&set);
	write_file("dtw-links 0\n1799999999\tok\t200\thttps://a.io/4\t\t\n", 47);
	dtw_links_init(&set);
	dtw_links_add(&set, "https://a.io/4");
	dtw_links_cache_load(&set, dir, 1800000000, DAY, HOUR);
	assert_int_equal(dtw_links_find(&set, "https://a.io/4")->verdict, DTW_LINK_UNASKED);
	dtw_links_release(&set);
}

static void test_no_dir_keeps_nothing(void **state)
{
	struct dtw_links set;
	(void)state;
	dtw_links_init(&set);
	answer(&set, "https://a.io/1", DTW_LINK_OK, 200, 1800000000);
	dtw_links_cache_save(&set, NULL, 1800000000, DAY, HOUR);
	dtw_links_cache_load(&set, NULL, 1800000000, DAY, HOUR);
	assert_int_equal(set.n, 1);
	dtw_links_release(&set);
}

static void duration_is(int64_t ms, const char *want)
{
	char b[32];
	dtw_duration_name(b, ms);
	assert_string_equal(b, want);
}

static void test_durations(void **state)
{
	static const struct { const char *text; int ok; const char *shown; } cases[] = {
		{ "1d", 1, "1d" }, { "1h30m", 1, "1h30m" }, { "500ms", 1, "500ms" },
		{ "90", 1, "1m30s" }, { "1m30s", 1, "1m30s" }, { "0", 1, "0s" },
		{ "2d3h4m5s6ms", 1, "2d3h4m5s6ms" },
		{ "5x", 0, NULL }, { "m", 0, NULL }, { "1s1m", 0, NULL }, { "1h1h", 0, NULL },
		{ "1h30", 0, NULL }, { "-1s", 0, NULL }, { "999999999999d", 0, NULL },
	};
	size_t i;
	(void)state;
	duration_is(24 * 3600 * 1000LL, "1d");
	duration_is(1001, "1s1ms");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[96];
		struct dtw_config *c = NULL;
		int r;
		snprintf(text, sizeof(text), "links: { cache_ttl: \"%s\" }\n", cases[i].text);
		r = dtw_config_load(&c, text, strlen(text), ".dtw.yaml", NULL);
		if (!cases[i].ok) {
			assert_int_not_equal(r, 0);
			continue;
		}
		assert_int_equal(r, 0);
		duration_is(c->links.cache_ttl, cases[i].shown);
		dtw_config_free(c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key),
		cmocka_unit_test(test_askable),
		cmocka_unit_test(test_set),
		cmocka_unit_test_setup_teardown(test_cache_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_keeps_other_runs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cache_damaged, setup, teardown),
		cmocka_unit_test(test_no_dir_keeps_nothing),
		cmocka_unit_test(test_durations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
