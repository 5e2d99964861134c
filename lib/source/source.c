/* Source stage: reads a document's bytes (bounded by DTW_MAX_FILE_SIZE) and
 * indexes its lines so that every later stage can turn a byte offset into
 * the line and column of the original file. */
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "base/banned.h"

static void index_lines(struct dtw_source *src)
{
	size_t alloc = 0, n = 0;
	const char *p = src->data, *end = src->data + src->len;

	src->lines = NULL;
	ALLOC_GROW(src->lines, n + 1, alloc);
	src->lines[n++] = 0;
	while (p < end && (p = memchr(p, '\n', (size_t)(end - p)))) {
		p++;
		if (p == end)
			break;
		ALLOC_GROW(src->lines, n + 1, alloc);
		src->lines[n++] = (size_t)(p - src->data);
	}
	src->nlines = n;
}

void dtw_source_init_owned(struct dtw_source *out, const char *display,
			   char *data, size_t len)
{
	out->path = xstrdup(display);
	out->data = data;
	out->data[len] = '\0';
	out->len = len;
	out->within_limits = 0;
	index_lines(out);
}

void dtw_source_init_copy(struct dtw_source *out, const char *display,
			  const char *buf, size_t len)
{
	char *d = xmalloc(len + 1);
	memcpy(d, buf, len);
	dtw_source_init_owned(out, display, d, len);
}

char *dtw_fd_realpath(int fd, const char *fspath)
{
	char link[64], real[PATH_MAX];
	ssize_t n;

	(void)snprintf(link, sizeof(link), "/proc/self/fd/%d", fd); /* fits: 64 bytes */
	n = readlink(link, real, sizeof(real) - 1);
	if (n > 0 && real[0] == '/') {
		real[n] = '\0';
		return xstrdup(real);
	}
	/* No /proc: the path as it resolves now. */
	return realpath(fspath, real) ? xstrdup(real) : NULL;
}

int dtw_realpath_within(const char *real, const char *root)
{
	char base[PATH_MAX];
	size_t rl;

	if (!realpath(root, base))
		return 0;
	rl = strlen(base);
	if (rl == 1)
		return 1; /* the root directory holds everything */
	return !strncmp(real, base, rl) && (real[rl] == '/' || !real[rl]);
}

/* Whether the file open on `fd` (reached through `fspath`) lies inside
 * directory `root`: the path the kernel holds for the descriptor, so a
 * link swapped in between a check and the open cannot lead out. */
static int fd_within(int fd, const char *fspath, const char *root)
{
	char *real = dtw_fd_realpath(fd, fspath);
	int in = real && dtw_realpath_within(real, root);
	free(real);
	return in;
}

/* Whether `fspath`, as written (made absolute from the working directory,
 * "." and ".." taken as they read, no link followed), names a place
 * inside `root`: a file named outside the repository is not a link out
 * of it. */
int dtw_path_named_within(const char *fspath, const char *root)
{
	char base[PATH_MAX], cwd[PATH_MAX];
	char *path, *p, *seg, *save = NULL;
	size_t rl, len = 0;
	int in;

	if (!realpath(root, base))
		return 1;
	if (fspath[0] != '/' && !getcwd(cwd, sizeof(cwd)))
		return 1;
	rl = strlen(base);
	if (rl == 1)
		return 1;
	path = xmalloc(strlen(fspath) + sizeof(cwd) + 2);
	path[0] = '\0';
	p = xmalloc(strlen(fspath) + sizeof(cwd) + 2);
	if (fspath[0] != '/')
		(void)snprintf(p, strlen(fspath) + sizeof(cwd) + 2, "%s/%s", cwd, fspath);
	else
		(void)snprintf(p, strlen(fspath) + sizeof(cwd) + 2, "%s", fspath);
	for (seg = strtok_r(p, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		size_t n = strlen(seg);
		if (!strcmp(seg, "."))
			continue;
		if (!strcmp(seg, "..")) {
			while (len && path[len - 1] != '/')
				len--;
			if (len)
				len--;
			path[len] = '\0';
			continue;
		}
		path[len++] = '/';
		memcpy(path + len, seg, n + 1);
		len += n;
	}
	in = !strncmp(path, base, rl) && (path[rl] == '/' || !path[rl]);
	free(p);
	free(path);
	return in;
}

int dtw_source_read_file(struct dtw_source *out, const char *fspath,
			 const char *display)
{
	return dtw_source_read_file_within(out, fspath, display, NULL);
}

int dtw_source_read_file_within(struct dtw_source *out, const char *fspath,
				const char *display, const char *root)
{
	return dtw_source_read_file_max(out, fspath, display, root, DTW_MAX_FILE_SIZE);
}

int dtw_source_read_file_max(struct dtw_source *out, const char *fspath,
			     const char *display, const char *root, size_t max)
{
	struct stat st;
	char *data;
	size_t got = 0;
	int fd;

	memset(out, 0, sizeof(*out));
	/* Non-blocking, so a FIFO or device does not hang the open; only
	 * regular files are read. */
	fd = open(fspath, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return dtw_error_setc(DTW_ENOTFOUND,
					      "%s: no such file", display);
		return dtw_error_set("%s: cannot open: %s", display,
				     strerror(errno));
	}
	if (root && dtw_path_named_within(fspath, root) && !fd_within(fd, fspath, root)) {
		close(fd);
		return dtw_error_setc(DTW_ESYMLINK,
				      "%s: symbolic link to a file outside the repository, not followed",
				      display);
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return dtw_error_set("%s: not a regular file", display);
	}
	if ((uintmax_t)st.st_size > max) {
		close(fd);
		return dtw_error_setc(DTW_ETOOBIG,
				      "%s: file is %ju bytes, over the %zu MiB limit for a newsletter issue",
				      display, (uintmax_t)st.st_size, max / (1024 * 1024));
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	/* Read until EOF rather than trusting st_size: the file may change
	 * size while it is read; the cap still holds. */
	data = xmalloc((size_t)st.st_size + 1);
	for (;;) {
		ssize_t r;
		if (got == (size_t)st.st_size) {
			char probe;
			r = read(fd, &probe, 1);
			if (r == 0)
				break;
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0)
				goto fail_read;
			close(fd);
			free(data);
			return dtw_error_set("%s: file changed while it was read",
					     display);
		}
		r = read(fd, data + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto fail_read;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	dtw_source_init_owned(out, display, data, got);
	return 0;
fail_read:
	{
		int e = errno;
		close(fd);
		free(data);
		return dtw_error_set("%s: read error: %s", display, strerror(e));
	}
}

void dtw_source_release(struct dtw_source *src)
{
	free(src->path);
	free(src->data);
	free(src->lines);
	memset(src, 0, sizeof(*src));
}

size_t dtw_source_line_of(const struct dtw_source *src, size_t off)
{
	size_t lo = 0, hi = src->nlines;
	if (!src->nlines)
		return 0;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (src->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

void dtw_source_pos(const struct dtw_source *src, size_t off, uint32_t *line,
		    uint32_t *col)
{
	size_t l;
	if (off > src->len)
		off = src->len;
	l = dtw_source_line_of(src, off);
	*line = (uint32_t)(l + 1);
	*col = (uint32_t)(dtw_utf8_count(src->data + src->lines[l],
					 off - src->lines[l]) + 1);
}

static int cmp_req(const void *pa, const void *pb)
{
	const struct dtw_pos_req *a = pa, *b = pb;
	return a->off < b->off ? -1 : a->off > b->off;
}

void dtw_source_positions(const struct dtw_source *src, struct dtw_pos_req *reqs, size_t n)
{
	size_t i, l = 0, at = 0, count = 0, next;

	if (n > 1)
		qsort(reqs, n, sizeof(*reqs), cmp_req);
	for (i = 0; i < n; i++) {
		size_t off = reqs[i].off > src->len ? src->len : reqs[i].off;
		next = l + 1 < src->nlines ? src->lines[l + 1] : (size_t)-1;
		if (i == 0 || off >= next) {
			l = dtw_source_line_of(src, off);
			at = src->nlines ? src->lines[l] : 0;
			count = 0;
		}
		/* Whole code points up to off, from where the last request of
		 * this line stopped; what is left (part of a sequence that
		 * off cuts) is counted as dtw_source_pos counts it. */
		while (at < off) {
			size_t adv = 1;
			if ((unsigned char)src->data[at] >= 0x80)
				dtw_utf8_decode(src->data + at, src->len - at, &adv);
			if (at + adv > off)
				break;
			at += adv;
			count++;
		}
		*reqs[i].line = (uint32_t)(l + 1);
		*reqs[i].col = (uint32_t)(count + dtw_utf8_count(src->data + at, off - at) + 1);
	}
}

size_t dtw_source_line_start(const struct dtw_source *src, uint32_t line)
{
	if (line < 1)
		return 0;
	if (line > src->nlines)
		return src->len;
	return src->lines[line - 1];
}

size_t dtw_source_line_end(const struct dtw_source *src, uint32_t line)
{
	size_t s = dtw_source_line_start(src, line), e;
	const char *nl;
	/* From the line index, not a search: callers ask for every span of
	 * a long line. */
	if (line >= 1 && line < src->nlines) {
		e = src->lines[line] - 1;
	} else if (line == src->nlines) {
		e = src->len;    /* the last line: no newline but the final one */
		if (e > s && src->data[e - 1] == '\n')
			e--;
	} else {
		nl = memchr(src->data + s, '\n', src->len - s);
		e = nl ? (size_t)(nl - src->data) : src->len;
	}
	if (e > s && src->data[e - 1] == '\r')
		e--;
	return e;
}

size_t dtw_source_offset(const struct dtw_source *src, uint32_t line,
			 uint32_t bcol)
{
	size_t s = dtw_source_line_start(src, line);
	size_t e = dtw_source_line_end(src, line);
	size_t o = s + (bcol ? bcol - 1 : 0);
	return o > e ? e : o;
}

size_t dtw_source_offset_cp(const struct dtw_source *src, uint32_t line,
			    uint32_t col)
{
	size_t o = dtw_source_line_start(src, line);
	size_t e = dtw_source_line_end(src, line), adv;
	while (col > 1 && o < e) {
		if ((unsigned char)src->data[o] < 0x80)
			adv = 1;
		else
			dtw_utf8_decode(src->data + o, e - o, &adv);
		o += adv;
		col--;
	}
	return o;
}

size_t dtw_source_text_end(const struct dtw_source *src)
{
	size_t e = src->len;
	while (e > 0 && (src->data[e - 1] == '\n' || src->data[e - 1] == '\r' ||
			 src->data[e - 1] == ' ' || src->data[e - 1] == '\t'))
		e--;
	return e;
}

char dtw_conflict_marker(const char *d, size_t s, size_t e)
{
	size_t i;
	char ch = '\0';
	if (s < e)
		ch = d[s];
	if ((ch != '<' && ch != '|' && ch != '=' && ch != '>') || e - s < 7)
		return 0;
	for (i = 1; i < 7; i++)
		if (d[s + i] != ch)
			return 0;
	if (s + 7 == e)
		return ch;
	if (ch == '=') {
		for (i = s + 7; i < e; i++)
			if (d[i] != ' ' && d[i] != '\t')
				return 0;
		return ch;
	}
	if (d[s + 7] == ' ' || d[s + 7] == '\t')
		return ch;
	return 0;
}
