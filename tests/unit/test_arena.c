/* Unit tests for lib/base/arena.h: zeroed, aligned, independent blocks that
 * all go away in one release, and ARENA_GROW. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "base/arena.h"
#include "base/banned.h"

static int all_zero(const unsigned char *p, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static void test_init_is_empty(void **state)
{
	struct dtw_arena a = DTW_ARENA_INIT;
	(void)state;
	assert_null(a.head);
	assert_null(a.cur);
	assert_null(a.end);
	/* Releasing an arena that never allocated is harmless. */
	dtw_arena_release(&a);
	assert_null(a.head);
}

static void test_alloc_zeroed_and_aligned(void **state)
{
	struct dtw_arena a = DTW_ARENA_INIT;
	static const size_t sizes[] = { 1, 3, 8, 15, 16, 17, 100, 4096, 70000 };
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned char *p = dtw_arena_alloc(&a, sizes[i]);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		assert_true(all_zero(p, sizes[i]));
		memset(p, 0xAB, sizes[i]);
	}
	dtw_arena_release(&a);
}

static void test_alloc_zero_bytes(void **state)
{
	struct dtw_arena a = DTW_ARENA_INIT;
	void *p, *q;
	(void)state;
	p = dtw_arena_alloc(&a, 0);
	q = dtw_arena_alloc(&a, 0);
	assert_non_null(p);
	assert_non_null(q);
	assert_true(p != q);
	dtw_arena_release(&a);
}

/* Many blocks, across several chunks, never overlap: each keeps the
 * pattern written into it. */
static void test_blocks_independent(void **state)
{
	struct dtw_arena a = DTW_ARENA_INIT;
	enum { N = 3000 };
	static unsigned char *blocks[N];
	size_t i, j;
	(void)state;
	for (i = 0; i < N; i++) {
		size_t n = 1 + (i * 37) % 200;
		blocks[i] = dtw_arena_alloc(&a, n);
		assert_true(all_zero(blocks[i], n));
		memset(blocks[i], (int)(i & 0xFF), n);
	}
	for (i = 0; i < N; i++) {
		size_t n = 1 + (i * 37) % 200;
		for (j = 0; j < n; j++)
			if (blocks[i][j] != (unsigned char)(i & 0xFF))
				fail_msg("block %zu byte %zu overwritten", i, j);
	}
	dtw_arena_release(&a);
}

static void test_large_alloc(void **state)
{
	struct dtw_arena a = DTW_ARENA_INIT;
	unsigned char *small1, *big, *small2;
	const size_t bign = 1u << 20;
	(void)state;
	small1 = dtw_arena_alloc(&a, 10);
	big = dtw_arena_alloc(&a, bign);
	small2 = dtw_arena_alloc(&a, 10);
	assert_true(all_zero(big, bign));
	memset(small1, 1, 10);
	memset(big, 2, bign);
	memset(small2, 3, 10);
	assert_int_equal(small1[9], 1);
	assert_int_equal(big[0], 2);
	assert_int_equal(big[bign - 1], 2);
	assert_int_equal(small2[0], 3);
	dtw_arena_release(&a);
}

static void test_strndup(void **state)
{
	struct dtw_arena a = DTW_ARENA_INIT;
	const char *src = "Blogs to Read and more";
	char *s, *e, *z;
	(void)state;
	s = dtw_arena_strndup(&a, src, 13);
	assert_string_equal(s, "Blogs to Read");
	assert_true(s != src);
	/* Bytes up to n are copied even past a NUL. */
	z = dtw_arena_strndup(&a, "a\0b", 3);
	assert_memory_equal(z, "a\0b\0", 4);
	e = dtw_arena_strndup(&a, src, 0);
	assert_string_equal(e, "");
	assert_string_equal(s, "Blogs to Read");
	dtw_arena_release(&a);
}

static void test_release_then_reuse(void **state)
{
	struct dtw_arena a = DTW_ARENA_INIT;
	char *p;
	int round;
	(void)state;
	for (round = 0; round < 3; round++) {
		size_t i;
		for (i = 0; i < 100; i++)
			dtw_arena_alloc(&a, 1000);
		p = dtw_arena_strndup(&a, "again", 5);
		assert_string_equal(p, "again");
		dtw_arena_release(&a);
		assert_null(a.head);
		assert_null(a.cur);
		assert_null(a.end);
	}
}

static void test_arena_grow(void **state)
{
	struct dtw_arena a = DTW_ARENA_INIT;
	int *v = NULL;
	size_t n = 0, alloc = 0, i;
	(void)state;
	ARENA_GROW(&a, v, 1, alloc);
	assert_non_null(v);
	assert_int_equal(alloc, 4);
	for (i = 0; i < 1000; i++) {
		ARENA_GROW(&a, v, n + 1, alloc);
		assert_true(alloc >= n + 1);
		v[n++] = (int)i * 3;
	}
	assert_int_equal(alloc, 1024);
	for (i = 0; i < n; i++)
		assert_int_equal(v[i], (int)i * 3);
	/* Growing to a size already held does nothing. */
	{
		int *before = v;
		ARENA_GROW(&a, v, 10, alloc);
		assert_ptr_equal(v, before);
		assert_int_equal(alloc, 1024);
	}
	/* A jump grows by doubling until it fits. */
	ARENA_GROW(&a, v, 5000, alloc);
	assert_int_equal(alloc, 8192);
	assert_int_equal(v[999], 2997);
	assert_int_equal(v[1000], 0);
	dtw_arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_is_empty),
		cmocka_unit_test(test_alloc_zeroed_and_aligned),
		cmocka_unit_test(test_alloc_zero_bytes),
		cmocka_unit_test(test_blocks_independent),
		cmocka_unit_test(test_large_alloc),
		cmocka_unit_test(test_strndup),
		cmocka_unit_test(test_release_then_reuse),
		cmocka_unit_test(test_arena_grow),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
