/* Parse floor of SPEC §8: `parse-floor PATH...` reads each file (or each *.md under a directory), parses it with cmark-gfm and its core extensions, walks the tree, and frees it — nothing else. */

#define _DEFAULT_SOURCE /* d_type, DT_* */

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * This is the cost any tool built on these libraries must pay, so dtw's
 * lint time is reported as a ratio to it.  It keeps to the plain, obvious
 * way: a parser per file, the default allocator, a file read whole.  The one
 * thing shared between files is the read buffer.  With -v it prints the
 * number of files and nodes on stderr, so a run can be checked for having
 * done the work.
 */

static const char *const extensions[] = {
	"table", "strikethrough", "autolink", "tagfilter", "tasklist",
};

struct floor {
	char *buf;
	size_t cap;
	unsigned long files, nodes;
	int failed;
};

static int read_file(struct floor *f, const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	struct stat st;

	if (fd < 0 || fstat(fd, &st) < 0)
		goto fail;
	size_t want = (size_t)st.st_size + 1;
	if (want > f->cap) {
		char *p = realloc(f->buf, want);
		if (!p) {
			errno = ENOMEM;
			goto fail;
		}
		f->buf = p;
		f->cap = want;
	}
	*len = 0;
	for (;;) {
		if (*len == f->cap) { /* grew while we read */
			char *p = realloc(f->buf, f->cap * 2);
			if (!p) {
				errno = ENOMEM;
				goto fail;
			}
			f->buf = p;
			f->cap *= 2;
		}
		ssize_t n = read(fd, f->buf + *len, f->cap - *len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		if (n == 0)
			break;
		*len += (size_t)n;
	}
	close(fd);
	return 0;
fail:
	fprintf(stderr, "parse-floor: %s: %s\n", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	return -1;
}

static void parse_file(struct floor *f, const char *path)
{
	size_t len;

	if (read_file(f, path, &len) < 0) {
		f->failed = 1;
		return;
	}

	cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
	for (size_t i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++) {
		cmark_syntax_extension *ext = cmark_find_syntax_extension(extensions[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	cmark_parser_feed(parser, f->buf, len);
	cmark_node *doc = cmark_parser_finish(parser);

	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		if (ev == CMARK_EVENT_ENTER)
			f->nodes++;
	cmark_iter_free(it);

	cmark_node_free(doc);
	cmark_parser_free(parser);
	f->files++;
}

static int has_md_suffix(const char *name)
{
	size_t n = strlen(name);
	return n > 3 && !strcmp(name + n - 3, ".md");
}

/* Every *.md under dir, recursively; hidden entries and symlinks skipped. */
static void parse_dir(struct floor *f, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "parse-floor: %s: %s\n", dir, strerror(errno));
		f->failed = 1;
		return;
	}
	size_t dlen = strlen(dir);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		size_t plen = dlen + 1 + strlen(e->d_name) + 1;
		char *path = malloc(plen);
		if (!path) {
			fputs("parse-floor: out of memory\n", stderr);
			exit(2);
		}
		snprintf(path, plen, "%s/%s", dir, e->d_name);

		unsigned char type = e->d_type;
		if (type == DT_UNKNOWN) {
			struct stat st;
			if (lstat(path, &st) == 0)
				type = S_ISDIR(st.st_mode) ? DT_DIR :
				       S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
		}
		if (type == DT_DIR)
			parse_dir(f, path);
		else if (type == DT_REG && has_md_suffix(e->d_name))
			parse_file(f, path);
		free(path);
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	struct floor f = { 0 };
	int verbose = 0, i = 1;

	if (argc > 1 && !strcmp(argv[1], "-v"))
		verbose = 1, i++;
	if (i >= argc) {
		fputs("usage: parse-floor [-v] FILE|DIR...\n", stderr);
		return 2;
	}

	cmark_gfm_core_extensions_ensure_registered();

	for (; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "parse-floor: %s: %s\n", argv[i], strerror(errno));
			f.failed = 1;
		} else if (S_ISDIR(st.st_mode)) {
			parse_dir(&f, argv[i]);
		} else {
			parse_file(&f, argv[i]);
		}
	}
	free(f.buf);
	if (verbose)
		fprintf(stderr, "parse-floor: %lu files, %lu nodes\n", f.files, f.nodes);
	return f.failed ? 2 : 0;
}
