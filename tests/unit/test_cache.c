/* Unit tests for lib/catalog/cache.h: the object-id keyed cache, saved
 * only when asked, rebuilt from nothing when damaged. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/oid.h"
#include "catalog/cache.h"
#include "base/banned.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/dtw-cache-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct dtw_oid oid_n(unsigned n)
{
	struct dtw_oid o;
	memset(&o, 0, sizeof(o));
	o.id[0] = (unsigned char)n;
	o.id[19] = (unsigned char)(n >> 8);
	return o;
}

/* Ids whose first 8 bytes are all the same; n tells them apart in the
 * last bytes. */
static struct dtw_oid shared_prefix(unsigned n)
{
	struct dtw_oid o;
	memset(&o, 0xab, sizeof(o));
	o.id[16] = (unsigned char)(n >> 24);
	o.id[17] = (unsigned char)(n >> 16);
	o.id[18] = (unsigned char)(n >> 8);
	o.id[19] = (unsigned char)n;
	return o;
}

static void test_put_save_load(void **state)
{
	struct dtw_cache *c = dtw_cache_load(dir);
	struct dtw_oid a = oid_n(1), b = oid_n(2);
	unsigned i;
	(void)state;
	assert_null(dtw_cache_get(c, 'f', &a));
	dtw_cache_put(c, 'f', &a, "one");
	dtw_cache_put(c, 't', &a, "tag of one");
	dtw_cache_put(c, 'f', &b, "two\nignored after the line feed");
	for (i = 3; i < 1000; i++) {
		struct dtw_oid o = oid_n(i);
		dtw_cache_put(c, 'f', &o, "many");
	}
	dtw_cache_put(c, 'f', &a, "one again");
	assert_string_equal(dtw_cache_get(c, 'f', &a), "one again");
	dtw_cache_save(c);
	dtw_cache_free(c);

	c = dtw_cache_load(dir);
	assert_string_equal(dtw_cache_get(c, 'f', &a), "one again");
	assert_string_equal(dtw_cache_get(c, 't', &a), "tag of one");
	assert_string_equal(dtw_cache_get(c, 'f', &b), "two");
	for (i = 3; i < 1000; i++) {
		struct dtw_oid o = oid_n(i);
		assert_string_equal(dtw_cache_get(c, 'f', &o), "many");
	}
	assert_null(dtw_cache_get(c, 'r', &a));
	dtw_cache_free(c);
}

/* Ids that agree in their first 8 bytes (a crafted cache file can hold
 * any ids) are still told apart by the table: every one is found, and a
 * lookup looks at a few slots, not at every id sharing those bytes. */
static void test_ids_sharing_a_prefix(void **state)
{
	enum { N = 50000 };
	struct dtw_cache *c = dtw_cache_load(dir);
	char value[16];
	unsigned i;
	(void)state;
	for (i = 0; i < N; i++) {
		struct dtw_oid o = shared_prefix(i);
		snprintf(value, sizeof(value), "v%u", i);
		dtw_cache_put(c, i % 2 ? 'f' : 't', &o, value);
	}
	dtw_cache_save(c);
	dtw_cache_free(c);

	c = dtw_cache_load(dir);
	for (i = 0; i < N; i++) {
		struct dtw_oid o = shared_prefix(i);
		const char *got = dtw_cache_get(c, i % 2 ? 'f' : 't', &o);
		snprintf(value, sizeof(value), "v%u", i);
		assert_non_null(got);
		assert_string_equal(got, value);
		/* The same id under the other kind is another entry. */
		assert_null(dtw_cache_get(c, i % 2 ? 't' : 'f', &o));
	}
	/* With the table at most half full, an entry lies a slot or two past
	 * the one its hash names, on average; ids that all hashed alike would
	 * lie N / 2 past it. */
	assert_true(dtw_cache_displacement(c) < (size_t)4 * N);
	dtw_cache_free(c);
}

static void test_nothing_written_without_save(void **state)
{
	struct dtw_cache *c = dtw_cache_load(dir);
	struct dtw_oid a = oid_n(7);
	char path[128];
	(void)state;
	dtw_cache_put(c, 'f', &a, "x");
	dtw_cache_free(c);
	snprintf(path, sizeof(path), "%s/cache", dir);
	assert_int_equal(access(path, F_OK), -1);
}

static void test_damaged_cache_is_a_miss(void **state)
{
	char path[128];
	struct dtw_cache *c;
	struct dtw_oid a = oid_n(1);
	FILE *f;
	(void)state;
	snprintf(path, sizeof(path), "%s/cache", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("dtw-cache 5\nf 01zz000000000000000000000000000000000000 bad hex\n"
	      "f 0100000000000000000000000000000000000000 good\nf short\n", f);
	fclose(f);
	c = dtw_cache_load(dir);
	assert_string_equal(dtw_cache_get(c, 'f', &a), "good");
	dtw_cache_free(c);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("another format\nf 0100000000000000000000000000000000000000 good\n", f);
	fclose(f);
	c = dtw_cache_load(dir);
	assert_null(dtw_cache_get(c, 'f', &a));
	dtw_cache_free(c);
	/* A cache of the version before: its facts lack what this one's
	 * hold, so it is rebuilt, not read. */
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("dtw-cache 4\nf 0100000000000000000000000000000000000000 good\n", f);
	fclose(f);
	c = dtw_cache_load(dir);
	assert_null(dtw_cache_get(c, 'f', &a));
	dtw_cache_free(c);
}

static void test_no_dir_keeps_nothing(void **state)
{
	struct dtw_cache *c = dtw_cache_load(NULL);
	struct dtw_oid a = oid_n(1);
	(void)state;
	dtw_cache_put(c, 'f', &a, "x");
	assert_string_equal(dtw_cache_get(c, 'f', &a), "x");
	dtw_cache_save(c);
	dtw_cache_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_put_save_load, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_written_without_save, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_cache_is_a_miss, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ids_sharing_a_prefix, setup, teardown),
		cmocka_unit_test(test_no_dir_keeps_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
