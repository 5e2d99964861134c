/* Unit tests for lib/diff/diff.h: which items and sections count as
 * moved (the longest increasing run, chosen as a left-to-right scan
 * would), and item changes between two issue models. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff/diff.h"
#include "model/issue.h"
#include "schema/schema.h"
#include "source/source.h"
#include "base/banned.h"

/* The quadratic scan the fast one must agree with, choice for choice. */
static void reference(const long *key, size_t n, char *keep)
{
	long *lis = calloc(n + 1, sizeof(*lis)), *prev = calloc(n + 1, sizeof(*prev));
	long best = 0, end = -1;
	size_t i, k;
	assert_non_null(lis);
	assert_non_null(prev);
	for (i = 0; i < n; i++) {
		lis[i] = key[i] < 0 ? 0 : 1;
		prev[i] = -1;
		for (k = 0; key[i] >= 0 && k < i; k++)
			if (key[k] >= 0 && key[k] < key[i] && lis[k] + 1 > lis[i]) {
				lis[i] = lis[k] + 1;
				prev[i] = (long)k;
			}
		if (lis[i] > best) {
			best = lis[i];
			end = (long)i;
		}
	}
	for (; end >= 0; end = prev[end])
		keep[end] = 1;
	free(lis);
	free(prev);
}

static void expect_keep(const long *key, size_t n, const char *want)
{
	char got[16] = { 0 };
	size_t i;
	dtw_diff_keep_increasing(key, n, got);
	for (i = 0; i < n; i++)
		assert_int_equal(got[i], want[i] == 'k');
}

static void test_keep_increasing_small(void **state)
{
	static const long swap[] = { 2, 1 }, same[] = { 0, 1, 2 }, rot[] = { 1, 2, 0 };
	static const long gaps[] = { 3, -1, 0, 1, -1, 2 }, rev[] = { 3, 2, 1, 0 };
	(void)state;
	expect_keep(swap, 2, "k.");
	expect_keep(same, 3, "kkk");
	expect_keep(rot, 3, "kk.");
	expect_keep(gaps, 6, "..kk.k");
	expect_keep(rev, 4, "k...");
	expect_keep(NULL, 0, "");
}

static void test_keep_increasing_agrees_with_the_scan(void **state)
{
	unsigned seed = 12345;
	int round;
	(void)state;
	for (round = 0; round < 2000; round++) {
		long key[40];
		char a[40], b[40];
		size_t n = (size_t)(round % 40), i;
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			/* Few distinct values, so ties and gaps are common. */
			key[i] = (long)((seed >> 16) % 12) - 2;
		}
		memset(a, 0, sizeof(a));
		memset(b, 0, sizeof(b));
		dtw_diff_keep_increasing(key, n, a);
		reference(key, n, b);
		assert_memory_equal(a, b, sizeof(a));
	}
}

static struct dtw_issue *build(const struct dtw_schema *s, const char *text,
			       struct dtw_source *src)
{
	dtw_source_init_copy(src, "t.md", text, strlen(text));
	return dtw_issue_build(src, s);
}

static const char *const OLD =
	"---\ntitle: T\nissue: 1\ndate: 2026-11-24\nstatus: draft\n---\n\n# T\n\nIntro.\n\n"
	"## \xf0\x9f\x9b\xa0\xef\xb8\x8f Tools\n\n"
	"### [A](https://a.example)\n\nA is.\n\n**Why it matters:** a.\n\n"
	"### [B](https://b.example)\n\nB is.\n\n**Why it matters:** b.\n\n";
static const char *const NEW =
	"---\ntitle: T\nissue: 1\ndate: 2026-11-24\nstatus: ready\n---\n\n# T\n\nIntro.\n\n"
	"## \xf0\x9f\x9b\xa0\xef\xb8\x8f Tools\n\n"
	"### [B](https://b.example)\n\nB is.\n\n**Why it matters:** b.\n\n"
	"### [A](https://a.example/v2)\n\nA is.\n\n**Why it matters:** a.\n\n"
	"### [C](https://c.example)\n\nC is.\n\n**Why it matters:** c.\n\n";

static int has(const struct dtw_diff *d, enum dtw_change_kind k, const char *item)
{
	size_t i;
	for (i = 0; i < d->n; i++)
		if (d->v[i].kind == k && (!item || (d->v[i].item && !strcmp(d->v[i].item, item))))
			return 1;
	return 0;
}

static void test_item_changes(void **state)
{
	struct dtw_schema *s = NULL;
	struct dtw_source a, b;
	struct dtw_issue *o, *n;
	struct dtw_diff d;
	(void)state;
	assert_int_equal(dtw_schema_resolve(&s, "data-this-week", NULL), 0);
	o = build(s, OLD, &a);
	n = build(s, NEW, &b);
	dtw_diff_issues(&d, o, n);
	assert_true(has(&d, DTW_CH_FRONT_MATTER, NULL));
	assert_true(has(&d, DTW_CH_ITEM_ADDED, "C"));
	assert_true(has(&d, DTW_CH_LINK_CHANGED, "A"));
	assert_true(has(&d, DTW_CH_ITEM_MOVED, "A") != has(&d, DTW_CH_ITEM_MOVED, "B"));
	assert_false(has(&d, DTW_CH_ITEM_REMOVED, NULL));
	assert_int_equal(d.items_added, 1);
	assert_int_equal(d.items_removed, 0);
	dtw_diff_release(&d);
	/* Against itself: nothing. */
	dtw_diff_issues(&d, n, n);
	assert_int_equal(d.n, 0);
	dtw_diff_release(&d);
	dtw_issue_free(o);
	dtw_issue_free(n);
	dtw_source_release(&a);
	dtw_source_release(&b);
	dtw_schema_free(s);
}

/* An issue of n items under "Tools", item i titled "Item number i about
 * streaming <tail>" and linked
 * to https://i.example/<tag>, in the order perm gives (or as is). */
static char *many_items(size_t n, const char *tail, const char *tag, const size_t *perm)
{
	size_t cap = 256 + n * 200, len, i;
	char *t = malloc(cap);
	assert_non_null(t);
	len = (size_t)snprintf(t, cap, "---\ntitle: T\nissue: 1\ndate: 2026-11-24\n---\n\n# T\n\n"
				       "Intro.\n\n## \xf0\x9f\x9b\xa0\xef\xb8\x8f Tools\n\n");
	for (i = 0; i < n; i++) {
		size_t k = perm ? perm[i] : i;
		char title[96];
		(void)snprintf(title, sizeof(title), "Item number %zu about streaming %s", k, tail);
		len += (size_t)snprintf(t + len, cap - len,
					"### %s\n\nBody %zu.\n\n**Why it matters:** w. "
					"[Read more](https://%zu.example/%s)\n\n",
					title, k, k, tag);
	}
	(void)snprintf(t + len, cap - len, "---\n\nBye.\n");
	return t;
}

static void test_many_items_pair_by_title(void **state)
{
	/* Enough items that pairing looks titles up instead of scoring every
	 * pair: each retitled item still finds its old self. */
	enum { N = 3000 };
	size_t *perm = malloc(N * sizeof(*perm)), i, retitled = 0;
	struct dtw_schema *s = NULL;
	struct dtw_source a, b;
	struct dtw_issue *o, *n;
	struct dtw_diff d;
	char *ot, *nt;
	unsigned seed = 7;
	(void)state;
	assert_non_null(perm);
	for (i = 0; i < N; i++)
		perm[i] = i;
	for (i = N - 1; i > 0; i--) {
		size_t j, t;
		seed = seed * 1103515245u + 12345u;
		j = (seed >> 8) % (i + 1);
		t = perm[i];
		perm[i] = perm[j];
		perm[j] = t;
	}
	ot = many_items(N, "things", "old", NULL);
	nt = many_items(N, "stuff now", "new", perm);
	assert_int_equal(dtw_schema_resolve(&s, "data-this-week", NULL), 0);
	o = build(s, ot, &a);
	n = build(s, nt, &b);
	dtw_diff_issues(&d, o, n);
	assert_int_equal(d.items_added, 0);
	assert_int_equal(d.items_removed, 0);
	for (i = 0; i < d.n; i++) {
		const struct dtw_change *c = &d.v[i];
		unsigned long x, y;
		if (c->kind != DTW_CH_ITEM_RETITLED)
			continue;
		retitled++;
		assert_int_equal(sscanf(c->old_text, "Item number %lu", &x), 1);
		assert_int_equal(sscanf(c->new_text, "Item number %lu", &y), 1);
		assert_int_equal(x, y);
	}
	assert_int_equal(retitled, N);
	dtw_diff_release(&d);
	dtw_issue_free(o);
	dtw_issue_free(n);
	dtw_source_release(&a);
	dtw_source_release(&b);
	dtw_schema_free(s);
	free(ot);
	free(nt);
	free(perm);
}

static void test_shared_urls_and_sections(void **state)
{
	/* Items that all share one URL pair in order; an item's repeated
	 * link is kept once per copy; unknown sections match without case. */
	static const char *const O =
		"---\ntitle: T\nissue: 1\ndate: 2026-11-24\n---\n\n# T\n\nIntro.\n\n"
		"## Odd Notes\n\n"
		"### One\n\nx\n\n**Why it matters:** w. [a](https://s.example) [b](https://s.example)\n\n"
		"### Two\n\nx\n\n**Why it matters:** w. [a](https://s.example)\n\n"
		"## Other\n\n### Three\n\nx\n\n**Why it matters:** w. [a](https://s.example)\n\n";
	static const char *const N =
		"---\ntitle: T\nissue: 1\ndate: 2026-11-24\n---\n\n# T\n\nIntro.\n\n"
		"## odd notes\n\n"
		"### Uno\n\nx\n\n**Why it matters:** w. [a](https://s.example) [c](https://t.example)\n\n"
		"### Dos\n\nx\n\n**Why it matters:** w. [a](https://s.example)\n\n"
		"## Other\n\n### Tres\n\nx\n\n**Why it matters:** w. [a](https://s.example)\n\n";
	struct dtw_schema *s = NULL;
	struct dtw_source a, b;
	struct dtw_issue *o, *n;
	struct dtw_diff d;
	size_t i, changed = 0;
	(void)state;
	assert_int_equal(dtw_schema_resolve(&s, "data-this-week", NULL), 0);
	o = build(s, O, &a);
	n = build(s, N, &b);
	dtw_diff_issues(&d, o, n);
	assert_false(has(&d, DTW_CH_SECTION_ADDED, NULL));
	assert_false(has(&d, DTW_CH_SECTION_REMOVED, NULL));
	assert_false(has(&d, DTW_CH_ITEM_ADDED, NULL));
	assert_false(has(&d, DTW_CH_ITEM_MOVED, NULL));
	for (i = 0; i < d.n; i++) {
		const struct dtw_change *c = &d.v[i];
		if (c->kind == DTW_CH_ITEM_RETITLED) {
			changed++;
			assert_true((!strcmp(c->old_text, "One") && !strcmp(c->new_text, "Uno")) ||
				    (!strcmp(c->old_text, "Two") && !strcmp(c->new_text, "Dos")) ||
				    (!strcmp(c->old_text, "Three") && !strcmp(c->new_text, "Tres")));
		}
		if (c->kind == DTW_CH_LINK_CHANGED) {
			assert_string_equal(c->item, "Uno");
			assert_string_equal(c->old_text, "https://s.example");
			assert_string_equal(c->new_text, "https://t.example");
		}
	}
	assert_int_equal(changed, 3);
	assert_true(has(&d, DTW_CH_LINK_CHANGED, "Uno"));
	dtw_diff_release(&d);
	dtw_issue_free(o);
	dtw_issue_free(n);
	dtw_source_release(&a);
	dtw_source_release(&b);
	dtw_schema_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keep_increasing_small),
		cmocka_unit_test(test_keep_increasing_agrees_with_the_scan),
		cmocka_unit_test(test_item_changes),
		cmocka_unit_test(test_many_items_pair_by_title),
		cmocka_unit_test(test_shared_urls_and_sections),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
