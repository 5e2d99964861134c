/* Unit tests for lib/source/source.h: reading files within the size limit,
 * and turning byte offsets into the line:column a user sees. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "source/source.h"
#include "base/banned.h"

/* --- a temporary directory per test --- */

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int setup_tmp(void **state)
{
	char *dir = malloc(64);
	snprintf(dir, 64, "/tmp/dtw-unit-source-XXXXXX");
	if (!mkdtemp(dir)) {
		free(dir);
		return -1;
	}
	*state = dir;
	return 0;
}

static int teardown_tmp(void **state)
{
	char *dir = *state;
	int r = nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
	return r;
}

static void path_in(char *out, size_t n, const char *dir, const char *name)
{
	int r = snprintf(out, n, "%s/%s", dir, name);
	assert_true(r > 0 && (size_t)r < n);
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* --- reading --- */

static void test_read_file(void **state)
{
	const char *dir = *state;
	char path[256];
	struct dtw_source src;
	static const char text[] = "---\ntitle: T\n---\n\nHello\n";
	(void)state;
	path_in(path, sizeof(path), dir, "a.md");
	write_file(path, text, sizeof(text) - 1);
	assert_int_equal(dtw_source_read_file(&src, path, "issues/a.md"), 0);
	assert_string_equal(src.path, "issues/a.md");
	assert_int_equal(src.len, sizeof(text) - 1);
	assert_memory_equal(src.data, text, sizeof(text));  /* NUL included */
	assert_int_equal(src.nlines, 5);
	assert_int_equal(src.lines[0], 0);
	assert_int_equal(src.lines[1], 4);
	assert_int_equal(src.lines[2], 13);
	assert_int_equal(src.lines[3], 17);
	assert_int_equal(src.lines[4], 18);
	dtw_source_release(&src);
	assert_null(src.data);
	assert_null(src.path);
	assert_null(src.lines);
	assert_int_equal(src.len, 0);
}

static void test_read_empty_file(void **state)
{
	const char *dir = *state;
	char path[256];
	struct dtw_source src;
	path_in(path, sizeof(path), dir, "empty.md");
	write_file(path, "", 0);
	assert_int_equal(dtw_source_read_file(&src, path, "empty.md"), 0);
	assert_int_equal(src.len, 0);
	assert_non_null(src.data);
	assert_int_equal(src.data[0], '\0');
	assert_int_equal(src.nlines, 1);
	assert_int_equal(src.lines[0], 0);
	dtw_source_release(&src);
}

static void test_read_keeps_every_byte(void **state)
{
	const char *dir = *state;
	char path[256];
	struct dtw_source src;
	static const char bytes[] = "\xEF\xBB\xBF" "a\0b\r\n\xFF\xFE\n";
	path_in(path, sizeof(path), dir, "bin.md");
	write_file(path, bytes, sizeof(bytes) - 1);
	assert_int_equal(dtw_source_read_file(&src, path, "bin.md"), 0);
	assert_int_equal(src.len, sizeof(bytes) - 1);
	assert_memory_equal(src.data, bytes, sizeof(bytes));
	assert_int_equal(src.nlines, 2);
	assert_int_equal(src.lines[1], 8);
	dtw_source_release(&src);
}

static void test_read_missing_file(void **state)
{
	const char *dir = *state;
	char path[256];
	struct dtw_source src;
	path_in(path, sizeof(path), dir, "nope.md");
	dtw_error_clear();
	assert_int_equal(dtw_source_read_file(&src, path, "issues/nope.md"),
			 DTW_ENOTFOUND);
	assert_string_equal(dtw_error_last(), "issues/nope.md: no such file");
	assert_null(src.data);
	assert_null(src.path);
	assert_null(src.lines);
}

static void test_read_below_a_file(void **state)
{
	const char *dir = *state;
	char path[256];
	struct dtw_source src;
	/* A path through a regular file (ENOTDIR) does not exist either. */
	path_in(path, sizeof(path), dir, "plain");
	write_file(path, "x", 1);
	path_in(path, sizeof(path), dir, "plain/x.md");
	assert_int_equal(dtw_source_read_file(&src, path, "plain/x.md"),
			 DTW_ENOTFOUND);
	assert_string_equal(dtw_error_last(), "plain/x.md: no such file");
}

static void test_read_directory(void **state)
{
	const char *dir = *state;
	char path[256];
	struct dtw_source src;
	path_in(path, sizeof(path), dir, "issues");
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(dtw_source_read_file(&src, path, "issues"), DTW_ERROR);
	assert_string_equal(dtw_error_last(), "issues: not a regular file");
	assert_null(src.data);
}

static void test_read_fifo(void **state)
{
	const char *dir = *state;
	char path[256];
	struct dtw_source src;
	int fd;
	path_in(path, sizeof(path), dir, "fifo.md");
	assert_int_equal(mkfifo(path, 0600), 0);
	/* Keep a writer open so that opening for reading does not block. */
	fd = open(path, O_RDWR | O_NONBLOCK);
	assert_true(fd >= 0);
	assert_int_equal(dtw_source_read_file(&src, path, "fifo.md"), DTW_ERROR);
	assert_string_equal(dtw_error_last(), "fifo.md: not a regular file");
	close(fd);
}

static void make_sparse(const char *path, off_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, size), 0);
	assert_int_equal(close(fd), 0);
}

static void test_read_over_limit(void **state)
{
	const char *dir = *state;
	char path[256];
	struct dtw_source src;
	path_in(path, sizeof(path), dir, "big.md");
	make_sparse(path, (off_t)DTW_MAX_FILE_SIZE + 1);
	assert_int_equal(dtw_source_read_file(&src, path, "big.md"), DTW_ETOOBIG);
	assert_string_equal(dtw_error_last(),
			    "big.md: file is 33554433 bytes, over the 32 MiB limit for a newsletter issue");
	assert_null(src.data);

	make_sparse(path, (off_t)50 * 1024 * 1024);
	assert_int_equal(dtw_source_read_file(&src, path, "big.md"), DTW_ETOOBIG);
	assert_string_equal(dtw_error_last(),
			    "big.md: file is 52428800 bytes, over the 32 MiB limit for a newsletter issue");
}

static void test_read_at_limit(void **state)
{
	const char *dir = *state;
	char path[256];
	struct dtw_source src;
	path_in(path, sizeof(path), dir, "max.md");
	make_sparse(path, (off_t)DTW_MAX_FILE_SIZE);
	assert_int_equal(dtw_source_read_file(&src, path, "max.md"), 0);
	assert_int_equal(src.len, DTW_MAX_FILE_SIZE);
	assert_int_equal(src.data[0], '\0');
	assert_int_equal(src.data[DTW_MAX_FILE_SIZE], '\0');
	assert_int_equal(src.nlines, 1);
	dtw_source_release(&src);
}

/* --- in-memory sources --- */

static void test_init_copy(void **state)
{
	struct dtw_source src;
	char buf[] = "one\ntwo";
	(void)state;
	dtw_source_init_copy(&src, "stdin.md", buf, 7);
	buf[0] = 'X';  /* the source has its own copy */
	assert_string_equal(src.data, "one\ntwo");
	assert_int_equal(src.len, 7);
	assert_string_equal(src.path, "stdin.md");
	assert_int_equal(src.nlines, 2);
	assert_int_equal(src.lines[1], 4);
	dtw_source_release(&src);
}

static void test_init_copy_terminates(void **state)
{
	struct dtw_source src;
	(void)state;
	/* Only len bytes are taken; data is NUL-terminated there. */
	dtw_source_init_copy(&src, "x", "abcdef", 3);
	assert_int_equal(src.len, 3);
	assert_string_equal(src.data, "abc");
	dtw_source_release(&src);
}

static void test_init_owned(void **state)
{
	struct dtw_source src;
	char *data = malloc(6);
	(void)state;
	memcpy(data, "a\nb\nc", 5);
	data[5] = 'Z';
	dtw_source_init_owned(&src, "owned.md", data, 5);
	assert_ptr_equal(src.data, data);
	assert_int_equal(src.data[5], '\0');
	assert_int_equal(src.nlines, 3);
	assert_int_equal(src.lines[2], 4);
	dtw_source_release(&src);  /* frees data; LSan would see a leak */
}

/* --- positions --- */

static void check_pos(const struct dtw_source *src, size_t off, uint32_t line,
		      uint32_t col)
{
	uint32_t l = 0, c = 0;
	dtw_source_pos(src, off, &l, &c);
	if (l != line || c != col)
		fail_msg("offset %zu: got %u:%u, want %u:%u", off, l, c, line, col);
}

static void test_pos_lf(void **state)
{
	struct dtw_source src;
	(void)state;
	dtw_source_init_copy(&src, "t", "ab\ncd\n\nef", 9);
	assert_int_equal(src.nlines, 4);
	check_pos(&src, 0, 1, 1);
	check_pos(&src, 1, 1, 2);
	check_pos(&src, 2, 1, 3);   /* the newline itself */
	check_pos(&src, 3, 2, 1);
	check_pos(&src, 4, 2, 2);
	check_pos(&src, 5, 2, 3);
	check_pos(&src, 6, 3, 1);   /* the empty line */
	check_pos(&src, 7, 4, 1);
	check_pos(&src, 8, 4, 2);
	check_pos(&src, 9, 4, 3);   /* end of file, no final newline */
	check_pos(&src, 500, 4, 3); /* past the end: clamped */
	dtw_source_release(&src);
}

static void test_pos_end_after_final_newline(void **state)
{
	struct dtw_source src;
	(void)state;
	/* A final newline ends the last line; it does not open another. */
	dtw_source_init_copy(&src, "t", "ab\ncd\n", 6);
	assert_int_equal(src.nlines, 2);
	check_pos(&src, 5, 2, 3);
	check_pos(&src, 6, 2, 4);
	check_pos(&src, 7, 2, 4);
	dtw_source_release(&src);
}

static void test_pos_empty_source(void **state)
{
	struct dtw_source src;
	(void)state;
	dtw_source_init_copy(&src, "t", "", 0);
	assert_int_equal(src.nlines, 1);
	check_pos(&src, 0, 1, 1);
	check_pos(&src, 3, 1, 1);
	assert_int_equal(dtw_source_line_start(&src, 1), 0);
	assert_int_equal(dtw_source_line_end(&src, 1), 0);
	assert_int_equal(dtw_source_offset_cp(&src, 1, 5), 0);
	dtw_source_release(&src);
}

static void test_pos_crlf(void **state)
{
	struct dtw_source src;
	(void)state;
	dtw_source_init_copy(&src, "t", "ab\r\ncd\r\n\r\nx", 11);
	assert_int_equal(src.nlines, 4);
	check_pos(&src, 0, 1, 1);
	check_pos(&src, 2, 1, 3);   /* the CR */
	check_pos(&src, 3, 1, 4);   /* the LF */
	check_pos(&src, 4, 2, 1);
	check_pos(&src, 5, 2, 2);
	check_pos(&src, 8, 3, 1);
	check_pos(&src, 10, 4, 1);
	check_pos(&src, 11, 4, 2);
	assert_int_equal(dtw_source_line_start(&src, 2), 4);
	assert_int_equal(dtw_source_line_end(&src, 1), 2);
	assert_int_equal(dtw_source_line_end(&src, 2), 6);
	assert_int_equal(dtw_source_line_end(&src, 3), 8);
	assert_int_equal(dtw_source_line_end(&src, 4), 11);
	dtw_source_release(&src);
}

static void test_pos_lone_cr_is_not_a_line_break(void **state)
{
	struct dtw_source src;
	(void)state;
	dtw_source_init_copy(&src, "t", "a\rb\n", 4);
	assert_int_equal(src.nlines, 1);
	check_pos(&src, 2, 1, 3);
	assert_int_equal(dtw_source_line_end(&src, 1), 3);
	dtw_source_release(&src);
}

static void test_pos_multibyte_columns(void **state)
{
	struct dtw_source src;
	/* Line 1: "## 📚 Blogs" (📚 is 4 bytes); line 2: "café → x". */
	static const char text[] = "## \xF0\x9F\x93\x9A Blogs\ncaf\xC3\xA9 \xE2\x86\x92 x\n";
	(void)state;
	dtw_source_init_copy(&src, "t", text, sizeof(text) - 1);
	check_pos(&src, 3, 1, 4);   /* the emoji */
	check_pos(&src, 7, 1, 5);   /* the space after it */
	check_pos(&src, 8, 1, 6);   /* 'B' */
	check_pos(&src, 13, 1, 11); /* the newline */
	check_pos(&src, 14, 2, 1);
	check_pos(&src, 17, 2, 4);  /* é */
	check_pos(&src, 19, 2, 5);  /* space after é */
	check_pos(&src, 20, 2, 6);  /* → */
	check_pos(&src, 24, 2, 8);  /* x */
	/* Invalid bytes count one column each. */
	dtw_source_release(&src);
	dtw_source_init_copy(&src, "t", "\xFF\xFEz", 3);
	check_pos(&src, 2, 1, 3);
	dtw_source_release(&src);
}

static void test_line_start_and_end(void **state)
{
	struct dtw_source src;
	(void)state;
	dtw_source_init_copy(&src, "t", "first\nsecond\n\nlast", 18);
	assert_int_equal(src.nlines, 4);
	assert_int_equal(dtw_source_line_start(&src, 0), 0);
	assert_int_equal(dtw_source_line_start(&src, 1), 0);
	assert_int_equal(dtw_source_line_start(&src, 2), 6);
	assert_int_equal(dtw_source_line_start(&src, 3), 13);
	assert_int_equal(dtw_source_line_start(&src, 4), 14);
	assert_int_equal(dtw_source_line_start(&src, 5), 18);   /* past the end */
	assert_int_equal(dtw_source_line_start(&src, 1000), 18);
	assert_int_equal(dtw_source_line_end(&src, 1), 5);
	assert_int_equal(dtw_source_line_end(&src, 2), 12);
	assert_int_equal(dtw_source_line_end(&src, 3), 13);
	assert_int_equal(dtw_source_line_end(&src, 4), 18);
	assert_int_equal(dtw_source_line_end(&src, 5), 18);
	dtw_source_release(&src);
}

static void test_offset_byte_column(void **state)
{
	struct dtw_source src;
	static const char text[] = "abc\r\nd\xC3\xA9" "f\nxyz";
	(void)state;
	dtw_source_init_copy(&src, "t", text, sizeof(text) - 1);
	assert_int_equal(dtw_source_offset(&src, 1, 1), 0);
	assert_int_equal(dtw_source_offset(&src, 1, 3), 2);
	assert_int_equal(dtw_source_offset(&src, 1, 0), 0);     /* column 0 = 1 */
	assert_int_equal(dtw_source_offset(&src, 1, 4), 3);     /* end of line */
	assert_int_equal(dtw_source_offset(&src, 1, 99), 3);    /* clamped before CR LF */
	assert_int_equal(dtw_source_offset(&src, 2, 1), 5);
	assert_int_equal(dtw_source_offset(&src, 2, 4), 8);     /* bytes, not code points */
	assert_int_equal(dtw_source_offset(&src, 2, 9), 9);
	assert_int_equal(dtw_source_offset(&src, 3, 2), 11);
	assert_int_equal(dtw_source_offset(&src, 3, 50), 13);
	assert_int_equal(dtw_source_offset(&src, 9, 1), 13);    /* past the last line */
	dtw_source_release(&src);
}

static void test_offset_code_point_column(void **state)
{
	struct dtw_source src;
	/* "h€llo 😀!\r\nok" */
	static const char text[] = "h\xE2\x82\xACllo \xF0\x9F\x98\x80!\r\nok";
	(void)state;
	dtw_source_init_copy(&src, "t", text, sizeof(text) - 1);
	assert_int_equal(dtw_source_offset_cp(&src, 1, 1), 0);
	assert_int_equal(dtw_source_offset_cp(&src, 1, 0), 0);
	assert_int_equal(dtw_source_offset_cp(&src, 1, 2), 1);   /* € */
	assert_int_equal(dtw_source_offset_cp(&src, 1, 3), 4);   /* l */
	assert_int_equal(dtw_source_offset_cp(&src, 1, 7), 8);   /* 😀 */
	assert_int_equal(dtw_source_offset_cp(&src, 1, 8), 12);  /* ! */
	assert_int_equal(dtw_source_offset_cp(&src, 1, 9), 13);  /* end of line */
	assert_int_equal(dtw_source_offset_cp(&src, 1, 40), 13); /* clamped */
	assert_int_equal(dtw_source_offset_cp(&src, 2, 2), 16);
	assert_int_equal(dtw_source_offset_cp(&src, 2, 9), 17);
	dtw_source_release(&src);
}

/* dtw_source_pos and dtw_source_offset_cp are inverses at code point
 * boundaries. */
static void test_pos_offset_cp_round_trip(void **state)
{
	struct dtw_source src;
	static const char text[] =
		"---\ntitle: Caf\xC3\xA9\n---\n\n## \xF0\x9F\x9B\xA0\xEF\xB8\x8F Tools\r\n"
		"### [x](https://e.org) \xE2\x86\x92\n";
	size_t off = 0;
	(void)state;
	dtw_source_init_copy(&src, "t", text, sizeof(text) - 1);
	while (off < src.len) {
		uint32_t line, col;
		size_t adv = 1;
		unsigned char c = (unsigned char)src.data[off];
		dtw_source_pos(&src, off, &line, &col);
		if (src.data[off] != '\n' && !(src.data[off] == '\r' && src.data[off + 1] == '\n'))
			assert_int_equal(dtw_source_offset_cp(&src, line, col), off);
		if (c >= 0xF0)
			adv = 4;
		else if (c >= 0xE0)
			adv = 3;
		else if (c >= 0xC0)
			adv = 2;
		off += adv;
	}
	dtw_source_release(&src);
}

/* Many positions at once agree with one at a time, whatever the text
 * (invalid bytes, sequences an offset cuts, CR, offsets past the end) and
 * however many requests share a line. */
static void test_positions_agree_with_pos(void **state)
{
	static const char *const pieces[] = {
		"a", "b ", "\n", "\r", "\r\n", "\xC3\xA9", "\xE2\x86\x92", "\xF0\x9F\x9B\xA0",
		"\x80", "\xC3", "\xE2\x82", "\xF0\x9F", "\xFF", "\xC0\xAF",
	};
	unsigned seed = 12345;
	int round;
	(void)state;
	for (round = 0; round < 200; round++) {
		char text[600];
		size_t len = 0, n, i;
		struct dtw_source src;
		struct dtw_pos_req reqs[64];
		uint32_t lines[64], cols[64];
		size_t offs[64];
		while (len < 500) {
			const char *p;
			seed = seed * 1103515245u + 12345u;
			p = pieces[(seed >> 16) % (sizeof(pieces) / sizeof(pieces[0]))];
			memcpy(text + len, p, strlen(p));
			len += strlen(p);
			if ((seed >> 8) % 97 == 0)
				break;
		}
		dtw_source_init_copy(&src, "t", text, round % 7 ? len : 0);
		seed = seed * 1103515245u + 12345u;
		n = 1 + (seed >> 16) % 64;
		for (i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			offs[i] = (seed >> 12) % (src.len + 3);
			reqs[i] = (struct dtw_pos_req){ offs[i], &lines[i], &cols[i] };
		}
		dtw_source_positions(&src, reqs, n);
		for (i = 0; i < n; i++) {
			uint32_t line, col;
			dtw_source_pos(&src, offs[i], &line, &col);
			assert_int_equal(lines[i], line);
			assert_int_equal(cols[i], col);
		}
		dtw_source_release(&src);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_file, setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_read_empty_file, setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_read_keeps_every_byte, setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_read_missing_file, setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_read_below_a_file, setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_read_directory, setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_read_fifo, setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_read_over_limit, setup_tmp, teardown_tmp),
		cmocka_unit_test_setup_teardown(test_read_at_limit, setup_tmp, teardown_tmp),
		cmocka_unit_test(test_init_copy),
		cmocka_unit_test(test_init_copy_terminates),
		cmocka_unit_test(test_init_owned),
		cmocka_unit_test(test_pos_lf),
		cmocka_unit_test(test_pos_end_after_final_newline),
		cmocka_unit_test(test_pos_empty_source),
		cmocka_unit_test(test_pos_crlf),
		cmocka_unit_test(test_pos_lone_cr_is_not_a_line_break),
		cmocka_unit_test(test_pos_multibyte_columns),
		cmocka_unit_test(test_line_start_and_end),
		cmocka_unit_test(test_offset_byte_column),
		cmocka_unit_test(test_offset_code_point_column),
		cmocka_unit_test(test_pos_offset_cp_round_trip),
		cmocka_unit_test(test_positions_agree_with_pos),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
