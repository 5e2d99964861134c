/* Unit tests for lib/base/strbuf.h: the growable string's invariants (the
 * escaping of text is tests/unit/test_out.c's). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/banned.h"

/* Checks the invariants the header promises for any strbuf. */
static void assert_invariants(const struct strbuf *sb)
{
	assert_non_null(sb->buf);
	assert_int_equal(sb->buf[sb->len], '\0');
	if (sb->alloc)
		assert_true(sb->len < sb->alloc);
	else
		assert_ptr_equal(sb->buf, strbuf_slopbuf);
}

static void test_init_is_empty_and_shared(void **state)
{
	struct strbuf a = STRBUF_INIT, b;
	(void)state;
	strbuf_init(&b);
	assert_int_equal(a.len, 0);
	assert_int_equal(a.alloc, 0);
	assert_ptr_equal(a.buf, strbuf_slopbuf);
	assert_string_equal(a.buf, "");
	assert_int_equal(b.len, 0);
	assert_int_equal(b.alloc, 0);
	assert_ptr_equal(b.buf, strbuf_slopbuf);
	/* Releasing a never-grown strbuf frees nothing and keeps it usable. */
	strbuf_release(&a);
	assert_ptr_equal(a.buf, strbuf_slopbuf);
	assert_int_equal(a.alloc, 0);
}

static void test_add_zero_bytes_does_not_allocate(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	strbuf_add(&sb, "xyz", 0);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.alloc, 0);
	assert_ptr_equal(sb.buf, strbuf_slopbuf);
	assert_int_equal(strbuf_slopbuf[0], '\0');
}

static void test_add_appends_and_terminates(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	strbuf_add(&sb, "hello world", 5);
	assert_int_equal(sb.len, 5);
	assert_string_equal(sb.buf, "hello");
	assert_invariants(&sb);
	strbuf_addstr(&sb, ", you");
	assert_int_equal(sb.len, 10);
	assert_string_equal(sb.buf, "hello, you");
	strbuf_addch(&sb, '!');
	assert_int_equal(sb.len, 11);
	assert_string_equal(sb.buf, "hello, you!");
	assert_invariants(&sb);
	strbuf_release(&sb);
}

static void test_add_keeps_embedded_nul(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	strbuf_add(&sb, "a\0b", 3);
	strbuf_addch(&sb, '\0');
	assert_int_equal(sb.len, 4);
	assert_memory_equal(sb.buf, "a\0b\0\0", 5);
	assert_invariants(&sb);
	strbuf_release(&sb);
}

static void test_growth_preserves_contents(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char expect[5000];
	size_t i;
	(void)state;
	for (i = 0; i < sizeof(expect) - 1; i++) {
		expect[i] = (char)('a' + i % 26);
		strbuf_addch(&sb, expect[i]);
		assert_int_equal(sb.len, i + 1);
		assert_invariants(&sb);
	}
	expect[sizeof(expect) - 1] = '\0';
	assert_string_equal(sb.buf, expect);
	strbuf_release(&sb);
}

static void test_grow_reserves_room(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *before;
	(void)state;
	strbuf_addstr(&sb, "abc");
	strbuf_grow(&sb, 1000);
	assert_true(sb.alloc >= 3 + 1000 + 1);
	assert_int_equal(sb.len, 3);
	assert_string_equal(sb.buf, "abc");
	/* The reserved room is used without moving the buffer. */
	before = sb.buf;
	{
		char big[1000];
		memset(big, 'x', sizeof(big));
		strbuf_add(&sb, big, sizeof(big));
	}
	assert_ptr_equal(sb.buf, before);
	assert_int_equal(sb.len, 1003);
	assert_invariants(&sb);
	/* Growing an empty strbuf by zero still gives it its own buffer. */
	strbuf_release(&sb);
	strbuf_grow(&sb, 0);
	assert_true(sb.alloc >= 1);
	assert_true(sb.buf != strbuf_slopbuf);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	strbuf_release(&sb);
}

static void test_addf_formats_and_appends(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	strbuf_addf(&sb, "%s:%u:%u: ", "issues/a.md", 12u, 3u);
	strbuf_addf(&sb, "%d%% %s", 42, "done");
	assert_string_equal(sb.buf, "issues/a.md:12:3: 42% done");
	assert_int_equal(sb.len, strlen("issues/a.md:12:3: 42% done"));
	assert_invariants(&sb);
	strbuf_release(&sb);
}

static void test_addf_long_output(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char word[301];
	(void)state;
	memset(word, 'w', 300);
	word[300] = '\0';
	strbuf_addstr(&sb, "<");
	strbuf_addf(&sb, "%s|%s", word, word);
	assert_int_equal(sb.len, 1 + 300 + 1 + 300);
	assert_int_equal(sb.buf[0], '<');
	assert_int_equal(sb.buf[301], '|');
	assert_int_equal(sb.buf[601], 'w');
	assert_int_equal(sb.buf[602], '\0');
	assert_invariants(&sb);
	strbuf_release(&sb);
}

static void test_addf_empty_result(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	strbuf_addf(&sb, "%s", "");
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	assert_invariants(&sb);
	strbuf_release(&sb);
}

static void vaddf_helper(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void vaddf_helper(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

static void test_vaddf(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	strbuf_addstr(&sb, "x=");
	vaddf_helper(&sb, "%05d/%s", 7, "y");
	assert_string_equal(sb.buf, "x=00007/y");
	assert_int_equal(sb.len, 9);
	strbuf_release(&sb);
}

static void test_reset_keeps_allocation(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t alloc;
	char *buf;
	(void)state;
	strbuf_addstr(&sb, "some text");
	alloc = sb.alloc;
	buf = sb.buf;
	strbuf_reset(&sb);
	assert_int_equal(sb.len, 0);
	assert_string_equal(sb.buf, "");
	assert_int_equal(sb.alloc, alloc);
	assert_ptr_equal(sb.buf, buf);
	strbuf_addstr(&sb, "new");
	assert_string_equal(sb.buf, "new");
	assert_invariants(&sb);
	strbuf_release(&sb);
	/* Resetting a never-grown strbuf leaves the shared empty string. */
	strbuf_reset(&sb);
	assert_ptr_equal(sb.buf, strbuf_slopbuf);
	assert_int_equal(strbuf_slopbuf[0], '\0');
}

static void test_release_makes_reusable(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	(void)state;
	strbuf_addstr(&sb, "first");
	strbuf_release(&sb);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.alloc, 0);
	assert_ptr_equal(sb.buf, strbuf_slopbuf);
	strbuf_addstr(&sb, "second");
	assert_string_equal(sb.buf, "second");
	assert_invariants(&sb);
	strbuf_release(&sb);
	strbuf_release(&sb);
	assert_ptr_equal(sb.buf, strbuf_slopbuf);
}

static void test_detach_hands_over_buffer(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = 99;
	char *s;
	(void)state;
	strbuf_addstr(&sb, "abc");
	strbuf_add(&sb, "\0d", 2);
	s = strbuf_detach(&sb, &len);
	assert_int_equal(len, 5);
	assert_memory_equal(s, "abc\0d\0", 6);
	assert_int_equal(sb.len, 0);
	assert_int_equal(sb.alloc, 0);
	assert_ptr_equal(sb.buf, strbuf_slopbuf);
	free(s);
	/* The strbuf is reusable after a detach. */
	strbuf_addstr(&sb, "again");
	s = strbuf_detach(&sb, NULL);
	assert_string_equal(s, "again");
	free(s);
}

static void test_detach_empty_is_freeable(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = 99;
	char *s;
	(void)state;
	s = strbuf_detach(&sb, &len);
	assert_non_null(s);
	assert_true(s != strbuf_slopbuf);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_is_empty_and_shared),
		cmocka_unit_test(test_add_zero_bytes_does_not_allocate),
		cmocka_unit_test(test_add_appends_and_terminates),
		cmocka_unit_test(test_add_keeps_embedded_nul),
		cmocka_unit_test(test_growth_preserves_contents),
		cmocka_unit_test(test_grow_reserves_room),
		cmocka_unit_test(test_addf_formats_and_appends),
		cmocka_unit_test(test_addf_long_output),
		cmocka_unit_test(test_addf_empty_result),
		cmocka_unit_test(test_vaddf),
		cmocka_unit_test(test_reset_keeps_allocation),
		cmocka_unit_test(test_release_makes_reusable),
		cmocka_unit_test(test_detach_hands_over_buffer),
		cmocka_unit_test(test_detach_empty_is_freeable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
