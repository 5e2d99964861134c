/* Unit tests for lib/base/url.h: the normal form links are compared in,
 * the URL check (malformed, not http(s), placeholder), its repairs, and
 * tracking parameters. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/url.h"
#include "base/banned.h"

static void norm_is(const char *url, const char *want)
{
	char *got = dtw_url_normalize(url);
	assert_string_equal(got, want);
	free(got);
}

/* A heap copy of exactly the string's size, so that ASan sees a read past
 * its end (model URLs live in an arena, packed). */
static char *exact(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	assert_non_null(p);
	memcpy(p, s, n);
	return p;
}

/* The fault and the part of the URL it names. */
static void check_is(const char *url_lit, enum dtw_url_fault want, const char *part)
{
	size_t at = 99, len = 99;
	char *url = exact(url_lit);
	enum dtw_url_fault got = dtw_url_check(url, &at, &len);
	if (got != want)
		fail_msg("%s: fault %d, want %d", url, (int)got, (int)want);
	if (part) {
		assert_true(at + len <= strlen(url));
		if (len != strlen(part) || memcmp(url + at, part, len))
			fail_msg("%s: part \"%.*s\", want \"%s\"", url, (int)len, url + at, part);
	}
	free(url);
}

static void repair_is(const char *url_lit, enum dtw_url_fault f, const char *want)
{
	char *url = exact(url_lit), *got = dtw_url_repair(url, f);
	if (!want) {
		if (got)
			fail_msg("%s: repaired to \"%s\", want none", url, got);
		free(url);
		return;
	}
	if (!got)
		fail_msg("%s: no repair, want \"%s\"", url, want);
	assert_string_equal(got, want);
	free(got);
	free(url);
}

static void strip_is(const char *url, const char *want)
{
	char *got = dtw_url_strip_tracking(url);
	if (!want) {
		if (got)
			fail_msg("%s: stripped to \"%s\", want none", url, got);
		return;
	}
	if (!got)
		fail_msg("%s: nothing stripped, want \"%s\"", url, want);
	assert_string_equal(got, want);
	free(got);
}

static void test_is_http(void **state)
{
	(void)state;
	assert_true(dtw_url_is_http("https://a.io"));
	assert_true(dtw_url_is_http("HTTP://A.IO"));
	assert_false(dtw_url_is_http("mailto:a@b.io"));
	assert_false(dtw_url_is_http("https:/a.io"));
	assert_false(dtw_url_is_http(""));
}

static void test_normalize(void **state)
{
	(void)state;
	norm_is("HTTPS://Dataops.Guide/Backfills/", "https://dataops.guide/Backfills");
	norm_is("https://a.io/x#section", "https://a.io/x");
	norm_is("https://a.io/", "https://a.io");
	norm_is("https://a.io?utm_source=x", "https://a.io");
	norm_is("https://a.io/p?id=1&utm_medium=social&fbclid=AB&gclid=C",
		"https://a.io/p?id=1");
	/* query order and other parameters are kept: they name the page */
	norm_is("https://news.ycombinator.com/item?id=41234567",
		"https://news.ycombinator.com/item?id=41234567");
	norm_is("https://a.io/p?fbclidx=1", "https://a.io/p?fbclidx=1");
	/* a fragment that names a page stays: on the site's root, a route */
	norm_is("https://pod.example/#episode-5", "https://pod.example#episode-5");
	norm_is("https://pod.example#episode-6", "https://pod.example#episode-6");
	norm_is("https://app.example/x/#/episodes/5", "https://app.example/x#/episodes/5");
	norm_is("https://app.example/x#!/a", "https://app.example/x#!/a");
	norm_is("https://pod.example/?utm_source=x#episode-5", "https://pod.example#episode-5");
	norm_is("https://a.io/post#comments", "https://a.io/post");
	norm_is("https://a.io/#", "https://a.io");
}

static void test_normalize_into(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	/* appends, and trims trailing slashes of its own part only */
	strbuf_addstr(&sb, "x/");
	dtw_url_normalize_into(&sb, "HTTPS://A.io/p/");
	assert_string_equal(sb.buf, "x/https://a.io/p");
	strbuf_addch(&sb, '|');
	dtw_url_normalize_into(&sb, "/");
	assert_string_equal(sb.buf, "x/https://a.io/p|");
	strbuf_release(&sb);
}

static void test_check_good(void **state)
{
	(void)state;
	check_is("https://blog.streamfold.dev/postgres-cdc-to-kafka", DTW_URL_OK, NULL);
	check_is("HTTPS://GitHub.com/koala-io/koala", DTW_URL_OK, NULL);
	check_is("https://news.ycombinator.com/item?id=41234567", DTW_URL_OK, NULL);
	check_is("http://a.io:8080/x", DTW_URL_OK, NULL);
	check_is("https://a.io:/x", DTW_URL_OK, NULL);
	check_is("https://user@a.io/x", DTW_URL_OK, NULL);
	check_is("https://[2001:db8::1]:443/x", DTW_URL_OK, NULL);
	check_is("https://b\xC3\xBC" "cher.de/", DTW_URL_OK, NULL);
	check_is("https://a.io./x", DTW_URL_OK, NULL);
	check_is("https://github.com/acme/todo", DTW_URL_OK, NULL);
	check_is("https://github.com/acme/app/blob/main/TODO.md", DTW_URL_OK, NULL);
	check_is("https://todoist.com/", DTW_URL_OK, NULL);
	check_is("https://myexample.com/", DTW_URL_OK, NULL);
	check_is("https://example.com.au/", DTW_URL_OK, NULL);
	check_is("https://www.testing.io/", DTW_URL_OK, NULL);
	/* only the example domains people paste; the .example TLD stands for
	 * "any URL" in tests */
	check_is("https://a.example/", DTW_URL_OK, NULL);
	check_is("https://128.0.0.1/", DTW_URL_OK, NULL);
	/* an anchor in the issue itself */
	check_is("#tools", DTW_URL_OK, NULL);
	/* tracking parameters are not a fault of the URL */
	check_is("https://a.io/?utm_source=x", DTW_URL_OK, NULL);
}

static void test_check_empty_and_placeholders(void **state)
{
	(void)state;
	check_is("", DTW_URL_EMPTY, "");
	check_is("  ", DTW_URL_EMPTY, NULL);
	check_is("#", DTW_URL_PLACEHOLDER, "#");
	check_is("TODO", DTW_URL_PLACEHOLDER, "TODO");
	check_is("todo", DTW_URL_PLACEHOLDER, NULL);
	check_is("URL", DTW_URL_PLACEHOLDER, NULL);
	check_is("\xE2\x80\xA6", DTW_URL_PLACEHOLDER, NULL);
	check_is("https://example.com/post", DTW_URL_PLACEHOLDER, "example.com");
	check_is("https://EXAMPLE.ORG", DTW_URL_PLACEHOLDER, "EXAMPLE.ORG");
	check_is("http://blog.example.net/x", DTW_URL_PLACEHOLDER, "blog.example.net");
	check_is("https://example.com./", DTW_URL_PLACEHOLDER, "example.com.");
	check_is("http://localhost:3000/x", DTW_URL_PLACEHOLDER, "localhost");
	check_is("http://app.localhost/", DTW_URL_PLACEHOLDER, "app.localhost");
	check_is("http://127.0.0.1/", DTW_URL_PLACEHOLDER, "127.0.0.1");
	check_is("http://[::1]:8080/", DTW_URL_PLACEHOLDER, "[::1]");
	check_is("https://TODO", DTW_URL_PLACEHOLDER, "TODO");
	check_is("https://TODO.dev/post", DTW_URL_PLACEHOLDER, "TODO.dev");
	check_is("https://blog.acme.io/TODO", DTW_URL_PLACEHOLDER, "TODO");
	check_is("https://blog.acme.io/posts/TODO-slug", DTW_URL_PLACEHOLDER, "TODO");
	check_is("https://blog.acme.io/?p=TBD", DTW_URL_PLACEHOLDER, "TBD");
	check_is("#TODO", DTW_URL_PLACEHOLDER, "TODO");
	/* without a scheme, the placeholder is still the finding */
	check_is("example.com/post", DTW_URL_PLACEHOLDER, "example.com");
	check_is("localhost:3000", DTW_URL_PLACEHOLDER, "localhost");
	check_is("127.0.0.1:8080/x", DTW_URL_PLACEHOLDER, "127.0.0.1");
	check_is("/posts/TODO", DTW_URL_PLACEHOLDER, "TODO");
}

static void test_check_schemes(void **state)
{
	(void)state;
	check_is("mailto:editor@streamfold.dev", DTW_URL_NOT_HTTP, "mailto:");
	check_is("ftp://files.acme.io/a.csv", DTW_URL_NOT_HTTP, "ftp:");
	check_is("javascript:alert(1)", DTW_URL_NOT_HTTP, "javascript:");
	check_is("FILE:///etc/passwd", DTW_URL_NOT_HTTP, "FILE:");
	check_is("sftp://a.io/x", DTW_URL_NOT_HTTP, "sftp:");
	check_is("ws://a.io/x", DTW_URL_NOT_HTTP, "ws:");
	check_is("https:/a.io/x", DTW_URL_BAD_SCHEME, "https:/");
	check_is("https//a.io/x", DTW_URL_BAD_SCHEME, "https//");
	check_is("http:a.io", DTW_URL_BAD_SCHEME, "http:");
	check_is("https:///a.io/x", DTW_URL_BAD_SCHEME, "https:///");
	check_is("http:\\\\a.io", DTW_URL_BAD_SCHEME, NULL);
	check_is("htps://a.io/x", DTW_URL_BAD_SCHEME, "htps:");
	check_is("htttps://a.io/x", DTW_URL_BAD_SCHEME, "htttps:");
	check_is("ttps://a.io/x", DTW_URL_BAD_SCHEME, "ttps:");
	check_is("https:", DTW_URL_NO_HOST, "");
	check_is("https://", DTW_URL_NO_HOST, "");
	check_is("https://user@/x", DTW_URL_NO_HOST, "");
}

static void test_check_relative(void **state)
{
	(void)state;
	check_is("www.acme.io/post", DTW_URL_RELATIVE, NULL);
	check_is("/2026/11/post", DTW_URL_RELATIVE, NULL);
	check_is("post.html", DTW_URL_RELATIVE, NULL);
	check_is("//acme.io/post", DTW_URL_RELATIVE, NULL);
	/* "http/2" is not a botched scheme */
	check_is("http/2", DTW_URL_RELATIVE, NULL);
	check_is("httpbin.org/get", DTW_URL_RELATIVE, NULL);
	/* short ones are read no further than their end */
	check_is("ab", DTW_URL_RELATIVE, NULL);
	check_is("h", DTW_URL_RELATIVE, NULL);
	check_is("http", DTW_URL_RELATIVE, NULL);
	check_is("a:", DTW_URL_NOT_HTTP, "a:");
	/* a template's stand-in is a placeholder, not a page of the site */
	check_is("INSERT_LINK_HERE", DTW_URL_PLACEHOLDER, "INSERT_LINK_HERE");
	check_is("YOUR-URL", DTW_URL_PLACEHOLDER, "YOUR-URL");
	check_is("LINK_1", DTW_URL_PLACEHOLDER, "LINK_1");
	check_is("{{url}}", DTW_URL_PLACEHOLDER, "{{url}}");
	check_is("README", DTW_URL_RELATIVE, NULL);
	check_is("CHANGELOG.md", DTW_URL_RELATIVE, NULL);
	check_is("A_B", DTW_URL_RELATIVE, NULL);
	check_is("docs/INSERT_HERE", DTW_URL_RELATIVE, NULL);
}

static void test_check_hosts_and_spaces(void **state)
{
	(void)state;
	check_is("https://a b.io/", DTW_URL_SPACE, " ");
	check_is("https://a.io/my post", DTW_URL_SPACE, " ");
	check_is("https://a.io/\x01x", DTW_URL_SPACE, "\x01");
	check_is("https://a.io/\xC2\xA0x", DTW_URL_SPACE, "\xC2\xA0");
	check_is("https://a..io/", DTW_URL_BAD_HOST, "a..io");
	check_is("https://.a.io/", DTW_URL_BAD_HOST, ".a.io");
	check_is("https://a,io.com/", DTW_URL_BAD_HOST, "a,io.com");
	check_is("https://[::1/", DTW_URL_BAD_HOST, NULL);
	check_is("https://intranet/wiki", DTW_URL_NO_DOMAIN, "intranet");
	check_is("https://go./x", DTW_URL_NO_DOMAIN, "go.");
	check_is("https://a.io:80a/", DTW_URL_BAD_PORT, ":80a");
	check_is("https://a.io:99999/", DTW_URL_BAD_PORT, ":99999");
	/* the part named is within the URL even for the last byte */
	check_is("https://a.io/x ", DTW_URL_SPACE, " ");
}

static void test_repair(void **state)
{
	(void)state;
	repair_is("https:/a.io/x", DTW_URL_BAD_SCHEME, "https://a.io/x");
	repair_is("HTTPS//a.io/x", DTW_URL_BAD_SCHEME, "https://a.io/x");
	repair_is("http:a.io", DTW_URL_BAD_SCHEME, "http://a.io");
	repair_is("https:///a.io", DTW_URL_BAD_SCHEME, "https://a.io");
	/* no repair into another fault: the host may be what was lost */
	repair_is("https:///docs", DTW_URL_BAD_SCHEME, NULL);
	repair_is("https:/example.com/x", DTW_URL_BAD_SCHEME, NULL);
	repair_is("htps://a.io/x", DTW_URL_BAD_SCHEME, "https://a.io/x");
	repair_is("htp://a.io/x", DTW_URL_BAD_SCHEME, "http://a.io/x");
	repair_is("www.acme.io/post", DTW_URL_RELATIVE, "https://www.acme.io/post");
	repair_is("//acme.io/post", DTW_URL_RELATIVE, "https://acme.io/post");
	/* no guess at what a relative path was meant to be */
	repair_is("/2026/11/post", DTW_URL_RELATIVE, NULL);
	repair_is("post.html", DTW_URL_RELATIVE, NULL);
	repair_is("www.", DTW_URL_RELATIVE, NULL);
	repair_is("https://a.io/my post?q=a b", DTW_URL_SPACE, "https://a.io/my%20post?q=a%20b");
	/* a space in the host, or a tab, has no safe repair */
	repair_is("https://a b.io/x", DTW_URL_SPACE, NULL);
	repair_is("https://a.io/a\tb", DTW_URL_SPACE, NULL);
	repair_is("mailto:a@b.io", DTW_URL_NOT_HTTP, NULL);
	repair_is("https://example.com/", DTW_URL_PLACEHOLDER, NULL);
}

static void test_tracking(void **state)
{
	(void)state;
	assert_true(dtw_url_tracking_param("utm_source=x", 12));
	assert_true(dtw_url_tracking_param("fbclid", 6));
	assert_true(dtw_url_tracking_param("gclid=1", 7));
	assert_false(dtw_url_tracking_param("fbclidx=1", 9));
	assert_false(dtw_url_tracking_param("id=1", 4));
	strip_is("https://a.io/p", NULL);
	strip_is("https://news.ycombinator.com/item?id=41234567", NULL);
	strip_is("https://a.io/p?utm_source=x", "https://a.io/p");
	strip_is("https://a.io/p/?utm_source=x&utm_medium=y#top", "https://a.io/p/#top");
	strip_is("https://a.io/p?id=1&utm_source=x&b=2", "https://a.io/p?id=1&b=2");
	strip_is("https://a.io/p?fbclid=AB&id=1", "https://a.io/p?id=1");
	strip_is("https://A.io/P?gclid", "https://A.io/P");
	/* a "?" in the fragment is not a query */
	strip_is("https://a.io/p#x?utm_source=y", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_is_http),
		cmocka_unit_test(test_normalize),
		cmocka_unit_test(test_normalize_into),
		cmocka_unit_test(test_check_good),
		cmocka_unit_test(test_check_empty_and_placeholders),
		cmocka_unit_test(test_check_schemes),
		cmocka_unit_test(test_check_relative),
		cmocka_unit_test(test_check_hosts_and_spaces),
		cmocka_unit_test(test_repair),
		cmocka_unit_test(test_tracking),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
