/* Unit tests for lib/base/oid.h: object ids and their hex form. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/oid.h"
#include "base/banned.h"

static const char HEX[] = "0123456789abcdef0123456789ABCDEFfedcba98";

static void test_hex_round_trip(void **state)
{
	struct dtw_oid a, b;
	char out[DTW_OID_HEXSZ + 1];
	(void)state;
	assert_int_equal(dtw_oid_from_hex(&a, HEX, strlen(HEX)), 0);
	assert_int_equal(a.id[0], 0x01);
	assert_int_equal(a.id[19], 0x98);
	assert_string_equal(dtw_oid_hex(out, &a), "0123456789abcdef0123456789abcdeffedcba98");
	assert_int_equal(dtw_oid_from_hex(&b, out, DTW_OID_HEXSZ), 0);
	assert_true(dtw_oid_equal(&a, &b));
	assert_false(dtw_oid_is_zero(&a));
}

static void test_bad_hex_sets_nothing(void **state)
{
	struct dtw_oid a, keep;
	(void)state;
	memset(&a, 0x5a, sizeof(a));
	keep = a;
	assert_int_equal(dtw_oid_from_hex(&a, HEX, 39), -1);
	assert_int_equal(dtw_oid_from_hex(&a, "0123456789abcdef0123456789abcdefedcba9g8", 40), -1);
	assert_int_equal(dtw_oid_from_hex(&a, "", 0), -1);
	assert_true(dtw_oid_equal(&a, &keep));
}

static void test_zero(void **state)
{
	struct dtw_oid z;
	(void)state;
	memset(&z, 0, sizeof(z));
	assert_true(dtw_oid_is_zero(&z));
	z.id[19] = 1;
	assert_false(dtw_oid_is_zero(&z));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hex_round_trip),
		cmocka_unit_test(test_bad_hex_sets_nothing),
		cmocka_unit_test(test_zero),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
