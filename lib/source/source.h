/* The bytes of one document and where they came from, with the line index
 * every diagnostic position is computed from. */
#ifndef DTW_SOURCE_H
#define DTW_SOURCE_H

#include <stddef.h>
#include <stdint.h>

/* Documented input limits. */
#define DTW_MAX_FILE_SIZE (32u * 1024 * 1024)

struct dtw_source {
	char *path;       /* path as shown to the user; owned */
	char *data;       /* the bytes, NUL-terminated at data[len]; owned */
	size_t len;
	size_t *lines;    /* byte offset of each line start; owned */
	size_t nlines;
	int within_limits; /* the input stage found it within source/guard.h's limits */
};

/* Reads a regular file. Fails with DTW_ENOTFOUND, DTW_ETOOBIG (over
 * DTW_MAX_FILE_SIZE) or DTW_ERROR (message set, naming `display`).
 * On success the caller owns *out and calls dtw_source_release. */
int dtw_source_read_file(struct dtw_source *out, const char *fspath,
			 const char *display);
/* The same, refusing with DTW_ESYMLINK a file that does not lie inside
 * directory `root` once every symbolic link on the way is followed (the
 * file as opened, not as checked before). `root` NULL: no such check. */
int dtw_source_read_file_within(struct dtw_source *out, const char *fspath,
				const char *display, const char *root);
/* The same with a size limit of `max` bytes instead of
 * DTW_MAX_FILE_SIZE (the merge driver, which merges any file line by
 * line, reads larger ones). */
int dtw_source_read_file_max(struct dtw_source *out, const char *fspath,
			     const char *display, const char *root, size_t max);
/* The absolute path of the file open on `fd` (opened as `fspath`), every
 * symbolic link on the way followed: the path the kernel holds for the
 * descriptor, or, without /proc, `fspath` as it resolves now. xmalloc'd,
 * the caller frees it; NULL when it cannot be told. */
char *dtw_fd_realpath(int fd, const char *fspath);
/* Whether `real` (absolute, links resolved) lies inside directory `root`. */
int dtw_realpath_within(const char *real, const char *root);
/* Whether `fspath`, as written (made absolute from the working
 * directory, "." and ".." as they read, no link followed), names a place
 * inside `root`: a file named outside the repository is no link out. */
int dtw_path_named_within(const char *fspath, const char *root);
/* Takes ownership of data[0..len) (xmalloc'd, len+1 bytes with room for the
 * NUL) and indexes it. */
void dtw_source_init_owned(struct dtw_source *out, const char *display,
			   char *data, size_t len);
/* Copies buf[0..len). */
void dtw_source_init_copy(struct dtw_source *out, const char *display,
			  const char *buf, size_t len);
void dtw_source_release(struct dtw_source *src);

/* 0-based index of the line holding byte offset `off`. */
size_t dtw_source_line_of(const struct dtw_source *src, size_t off);
/* 1-based line and column of byte offset `off`; the column counts code
 * points, as editors do. */
void dtw_source_pos(const struct dtw_source *src, size_t off,
		    uint32_t *line, uint32_t *col);
/* Many positions at once: fills *line and *col of each request, as
 * dtw_source_pos would, in O(n log n + len) however many share a line
 * (a million findings on one long line cost what one does). Sorts reqs
 * by offset. */
struct dtw_pos_req {
	size_t off;
	uint32_t *line, *col;
};
void dtw_source_positions(const struct dtw_source *src, struct dtw_pos_req *reqs, size_t n);
/* Byte offset of the start of 1-based line `line` (len if past the end). */
size_t dtw_source_line_start(const struct dtw_source *src, uint32_t line);
/* End of that line, before its "\n" or "\r\n". */
size_t dtw_source_line_end(const struct dtw_source *src, uint32_t line);
/* Byte offset of 1-based line `line`, byte column `bcol`, clamped. */
size_t dtw_source_offset(const struct dtw_source *src, uint32_t line,
			 uint32_t bcol);

/* Offset just after the last byte that is not white space: where a
 * finding about "the end of the document" points. */
size_t dtw_source_text_end(const struct dtw_source *src);
/* The conflict marker that the line d[s, e) (without its line end) is:
 * '<', '|', '=' or '>' — seven of them, then the line's end or a blank
 * and a label ("=======": then nothing but blanks) — or 0. */
char dtw_conflict_marker(const char *d, size_t s, size_t e);
/* Byte offset of 1-based line `line`, 1-based code-point column `col`. */
size_t dtw_source_offset_cp(const struct dtw_source *src, uint32_t line,
			    uint32_t col);

#endif
