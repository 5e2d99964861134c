/* Source stage: turns the paths a user gave (or the config's patterns) into
 * the sorted list of documents to read. Never follows a symbolic link out
 * of the tree it walks. */
#include "files.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "base/banned.h"

void dtw_filelist_add(struct dtw_filelist *l, const char *path)
{
	ALLOC_GROW(l->paths, l->n + 1, l->alloc);
	l->paths[l->n++] = xstrdup(path);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void dtw_filelist_sort(struct dtw_filelist *l)
{
	size_t i, o;
	if (l->n > 1)
		qsort(l->paths, l->n, sizeof(*l->paths), cmp_str);
	for (i = 0, o = 0; i < l->n; i++) {
		if (o && !strcmp(l->paths[o - 1], l->paths[i])) {
			free(l->paths[i]);
			continue;
		}
		l->paths[o++] = l->paths[i];
	}
	l->n = o;
}

void dtw_filelist_release(struct dtw_filelist *l)
{
	size_t i;
	for (i = 0; i < l->n; i++)
		free(l->paths[i]);
	free(l->paths);
	for (i = 0; i < l->nlinks; i++)
		free(l->links[i]);
	free(l->links);
	memset(l, 0, sizeof(*l));
}

static int is_markdown(const char *name)
{
	size_t n = strlen(name);
	return (n > 3 && !strcmp(name + n - 3, ".md")) ||
	       (n > 9 && !strcmp(name + n - 9, ".markdown"));
}

typedef int (*want_fn)(const char *rel, const void *data);

/* Walks dir; `rel` is the path below the walk's start. Depth is bounded
 * so a pathological tree cannot exhaust the stack. */
/* NOLINTNEXTLINE(misc-no-recursion): at most 64 deep, see above */
static int walk(struct dtw_filelist *l, struct strbuf *path, size_t base_len,
		want_fn want, const void *data, int depth)
{
	DIR *d;
	struct dirent *e;
	size_t len = path->len;

	if (depth > 64)
		return 0;
	d = opendir(path->buf);
	if (!d)
		return dtw_error_set("%s: cannot read directory: %s", path->buf,
				     strerror(errno));
	while ((e = readdir(d))) {
		struct stat st;
		if (e->d_name[0] == '.')
			continue;
		path->len = len;
		path->buf[len] = '\0';
		strbuf_addf(path, "/%s", e->d_name);
		/* The directory entry's type saves an lstat per file where
		 * the file system reports it. */
		if (e->d_type == DT_REG)
			st.st_mode = S_IFREG;
		else if (e->d_type == DT_DIR)
			st.st_mode = S_IFDIR;
		else if (e->d_type == DT_LNK)
			st.st_mode = S_IFLNK;
		else if (lstat(path->buf, &st) < 0)
			continue;
		if (S_ISLNK(st.st_mode)) {
			l->skipped_symlinks++;
			ALLOC_GROW(l->links, l->nlinks + 1, l->alinks);
			l->links[l->nlinks++] = xstrdup(base_len ? path->buf + base_len : path->buf);
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (walk(l, path, base_len, want, data, depth + 1)) {
				closedir(d);
				return DTW_ERROR;
			}
		} else if (S_ISREG(st.st_mode) && want(path->buf + base_len, data)) {
			dtw_filelist_add(l, base_len ? path->buf + base_len : path->buf);
		}
	}
	closedir(d);
	path->len = len;
	path->buf[len] = '\0';
	return 0;
}

static int want_markdown(const char *rel, const void *data)
{
	const char *slash = strrchr(rel, '/');
	(void)data;
	return is_markdown(slash ? slash + 1 : rel);
}

int dtw_files_markdown(struct dtw_filelist *l, const char *dir)
{
	struct strbuf path = STRBUF_INIT;
	int r;
	strbuf_addstr(&path, dir);
	while (path.len > 1 && path.buf[path.len - 1] == '/')
		path.buf[--path.len] = '\0';
	/* "dtw lint ." shows "a/x.md", as git does, not "./a/x.md". */
	r = walk(l, &path, strcmp(path.buf, ".") ? 0 : 2, want_markdown, NULL, 0);
	strbuf_release(&path);
	return r;
}

/* NOLINTNEXTLINE(misc-no-recursion): a level per double star in the pattern */
int dtw_path_match(const char *pattern, const char *rel)
{
	const char *dstar = strstr(pattern, "**/");
	if (dstar) {
		/* A double star matches zero or more directories. */
		struct strbuf pre = STRBUF_INIT;
		const char *p;
		int r = 0;
		strbuf_add(&pre, pattern, (size_t)(dstar - pattern));
		if (!strncmp(rel, pre.buf, pre.len)) {
			for (p = rel + pre.len; p && !r; ) {
				r = dtw_path_match(dstar + 3, p);
				p = strchr(p, '/');
				if (p)
					p++;
			}
		}
		strbuf_release(&pre);
		return r;
	}
	return fnmatch(pattern, rel, FNM_PATHNAME | FNM_PERIOD) == 0;
}

struct match_data {
	const char *const *patterns;
	size_t n;
};

static int want_match(const char *rel, const void *data)
{
	const struct match_data *m = data;
	size_t i;
	if (*rel == '/')
		rel++;
	for (i = 0; i < m->n; i++)
		if (dtw_path_match(m->patterns[i], rel))
			return 1;
	return 0;
}

int dtw_files_match(struct dtw_filelist *l, const char *root,
		    const char *const *patterns, size_t npatterns)
{
	struct strbuf path = STRBUF_INIT;
	struct match_data m = { patterns, npatterns };
	size_t i, first = l->n;
	int r = 0;

	/* Walk only the fixed directory prefix of each pattern, not the
	 * whole repository. */
	for (i = 0; i < npatterns && !r; i++) {
		const char *p = patterns[i];
		const char *meta = strpbrk(p, "*?[");
		const char *slash;
		size_t dirlen;
		struct stat st;
		if (!meta)
			meta = p + strlen(p);
		slash = meta;
		while (slash > p && slash[-1] != '/')
			slash--;
		dirlen = slash > p ? (size_t)(slash - p - 1) : 0;
		strbuf_reset(&path);
		strbuf_addstr(&path, root);
		if (dirlen)
			strbuf_addf(&path, "/%.*s", (int)dirlen, p);
		if (stat(path.buf, &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		r = walk(l, &path, strlen(root) + 1, want_match, &m, 0);
	}
	strbuf_release(&path);
	for (i = first; i < l->n; i++)
		if (l->paths[i][0] == '/')
			memmove(l->paths[i], l->paths[i] + 1, strlen(l->paths[i]));
	return r;
}
