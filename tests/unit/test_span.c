/* Unit tests for lib/base/span.h: finding an offset among sorted spans,
 * and sorting and merging them. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "base/span.h"
#include "base/banned.h"

static void test_find(void **state)
{
	static const struct dtw_span v[] = { { 2, 4 }, { 4, 5 }, { 10, 20 } };
	(void)state;
	assert_int_equal(dtw_span_find(v, 3, 0), 3);
	assert_int_equal(dtw_span_find(v, 3, 2), 0);
	assert_int_equal(dtw_span_find(v, 3, 3), 0);
	assert_int_equal(dtw_span_find(v, 3, 4), 1);   /* ends are open */
	assert_int_equal(dtw_span_find(v, 3, 5), 3);
	assert_int_equal(dtw_span_find(v, 3, 9), 3);
	assert_int_equal(dtw_span_find(v, 3, 19), 2);
	assert_int_equal(dtw_span_find(v, 3, 20), 3);
	assert_int_equal(dtw_span_find(v, 0, 3), 0);
}

static void test_normalize(void **state)
{
	struct dtw_span v[] = { { 10, 20 }, { 3, 3 }, { 0, 2 }, { 15, 30 }, { 2, 4 },
				{ 40, 41 }, { 12, 13 } };
	size_t n;
	(void)state;
	n = dtw_span_normalize(v, sizeof(v) / sizeof(v[0]));
	/* {0,2} and {2,4} touch: one span; the empty one goes; {12,13}
	 * is inside {10,20}, which {15,30} extends. */
	assert_int_equal(n, 3);
	assert_int_equal(v[0].start, 0);
	assert_int_equal(v[0].end, 4);
	assert_int_equal(v[1].start, 10);
	assert_int_equal(v[1].end, 30);
	assert_int_equal(v[2].start, 40);
	assert_int_equal(v[2].end, 41);
	assert_int_equal(dtw_span_normalize(v, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_normalize),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
