/* Source stage: turns the paths a user gave (or the config's patterns) into
 * the sorted list of documents to read. Never follows a symbolic link out
 * of the tree it walks. */
#include "files.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
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

static int cmp_unwalked(const void *a, const void *b)
{
	return strcmp(((const struct dtw_unwalked *)a)->path, ((const struct dtw_unwalked *)b)->path);
}

void dtw_filelist_sort_unwalked(struct dtw_filelist *l)
{
	if (l->nunwalked > 1)
		qsort(l->unwalked, l->nunwalked, sizeof(*l->unwalked), cmp_unwalked);
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
	for (i = 0; i < l->nunwalked; i++) {
		free(l->unwalked[i].path);
		free(l->unwalked[i].why);
	}
	free(l->unwalked);
	memset(l, 0, sizeof(*l));
}

int dtw_path_is_markdown(const char *name)
{
	size_t n = strlen(name);
	return (n > 3 && !strcmp(name + n - 3, ".md")) ||
	       (n > 9 && !strcmp(name + n - 9, ".markdown"));
}

size_t dtw_pattern_dir_len(const char *pattern)
{
	size_t meta = strcspn(pattern, "*?[\\"), i;
	for (i = meta; i > 0; i--)
		if (pattern[i - 1] == '/')
			return i - 1;
	return 0;
}

char *dtw_path_display(const char *cwd, const char *abs)
{
	struct strbuf sb = STRBUF_INIT;
	const char *c = cwd, *a = abs;
	size_t common = 0, i;

	if (abs[0] != '/')
		return xstrdup(abs);
	if (!strcmp(c, "/"))
		return xstrdup(a[1] ? a + 1 : ".");
	/* Longest common directory prefix of cwd and abs. */
	for (i = 0; c[i] && c[i] == a[i]; i++)
		if (c[i] == '/')
			common = i;
	if (!c[i] && (a[i] == '/' || !a[i]))
		common = i;
	for (i = common; c[i]; i++)
		if (c[i] == '/')
			strbuf_addstr(&sb, "../");
	strbuf_addstr(&sb, a[common] == '/' ? a + common + 1 : a + common);
	if (!sb.len)
		strbuf_addstr(&sb, ".");
	return strbuf_detach(&sb, NULL);
}

char *dtw_path_relative(const char *root, const char *cwd, const char *arg)
{
	struct strbuf abs = STRBUF_INIT;
	size_t rl = strlen(root), i, o;
	char *rel;

	if (arg[0] == '/')
		strbuf_addstr(&abs, arg);
	else
		strbuf_addf(&abs, "%s/%s", cwd, arg);
	for (i = 0, o = 0; i < abs.len;) {
		if (abs.buf[i] == '/' && (abs.buf[i + 1] == '/' || abs.buf[i + 1] == '\0')) {
			i++;
		} else if (!strncmp(abs.buf + i, "/./", 3) || !strcmp(abs.buf + i, "/.")) {
			i += 2;
		} else if (!strncmp(abs.buf + i, "/../", 4) || !strcmp(abs.buf + i, "/..")) {
			while (o > 0 && abs.buf[--o] != '/')
				;
			i += 3;
		} else {
			abs.buf[o++] = abs.buf[i++];
		}
	}
	abs.buf[o] = '\0';
	abs.len = o;
	if (strncmp(abs.buf, root, rl) || (abs.buf[rl] && abs.buf[rl] != '/')) {
		strbuf_release(&abs);
		return NULL;
	}
	rel = xstrdup(abs.buf[rl] ? abs.buf + rl + 1 : "");
	strbuf_release(&abs);
	return rel;
}

int dtw_path_in_repo(char **out, const char *root, const char *cwd, const char *arg)
{
	if (!root) {
		/* A bare repository has no work tree: paths are as in its tree. */
		while (arg[0] == '.' && arg[1] == '/')
			arg += 2;
		*out = xstrdup(strcmp(arg, ".") ? arg : "");
		return 0;
	}
	*out = dtw_path_relative(root, cwd, arg);
	if (!*out)
		return dtw_error_setc(DTW_EINVALID, "%s: outside the repository (%s)", arg, root);
	return 0;
}

typedef int (*want_fn)(const char *rel, const void *data);

/* Records that the directory at `path` was not walked, and why. */
static void unwalked(struct dtw_filelist *l, const struct strbuf *path, size_t base_len,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void unwalked(struct dtw_filelist *l, const struct strbuf *path, size_t base_len,
		     const char *fmt, ...)
{
	struct strbuf why = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&why, fmt, ap);
	va_end(ap);
	ALLOC_GROW(l->unwalked, l->nunwalked + 1, l->aunwalked);
	/* Relative to the walk's base, as paths are ("" for the base). */
	l->unwalked[l->nunwalked].path = xstrdup(!base_len ? path->buf :
						 path->len >= base_len ? path->buf + base_len : "");
	l->unwalked[l->nunwalked++].why = strbuf_detach(&why, NULL);
}

/* Walks dir; `rel` is the path below the walk's start. Depth is bounded
 * so a pathological tree cannot exhaust the stack; a directory past the
 * bound, or one that cannot be read, is recorded in l->unwalked and its
 * siblings walked. Only the start itself failing fails the walk, when
 * `top_fails` says so (otherwise it is recorded too). */
/* NOLINTNEXTLINE(misc-no-recursion): at most DTW_WALK_MAX_DEPTH deep, see above */
static int walk(struct dtw_filelist *l, struct strbuf *path, size_t base_len,
		want_fn want, const void *data, int depth, int top_fails)
{
	DIR *d;
	struct dirent *e;
	size_t len = path->len;

	if (depth > DTW_WALK_MAX_DEPTH) {
		unwalked(l, path, base_len, "directory deeper than %d levels, not linted",
			 DTW_WALK_MAX_DEPTH);
		return 0;
	}
	d = opendir(path->buf);
	if (!d) {
		int err = errno;
		if (!depth && top_fails)
			return dtw_error_set("%s: cannot read directory: %s", path->buf,
					     strerror(err));
		unwalked(l, path, base_len, "cannot read directory: %s", strerror(err));
		return 0;
	}
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
		if (S_ISDIR(st.st_mode))
			(void)walk(l, path, base_len, want, data, depth + 1, top_fails);
		else if (S_ISREG(st.st_mode) && want(path->buf + base_len, data))
			dtw_filelist_add(l, base_len ? path->buf + base_len : path->buf);
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
	return dtw_path_is_markdown(slash ? slash + 1 : rel);
}

int dtw_files_markdown(struct dtw_filelist *l, const char *dir)
{
	struct strbuf path = STRBUF_INIT;
	int r;
	strbuf_addstr(&path, dir);
	while (path.len > 1 && path.buf[path.len - 1] == '/')
		path.buf[--path.len] = '\0';
	/* "dtw lint ." shows "a/x.md", as git does, not "./a/x.md". */
	r = walk(l, &path, strcmp(path.buf, ".") ? 0 : 2, want_markdown, NULL, 0, 1);
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

	/* Walk only the fixed directory prefix of each pattern, not the
	 * whole repository. */
	for (i = 0; i < npatterns; i++) {
		const char *p = patterns[i];
		size_t dirlen = dtw_pattern_dir_len(p);
		struct stat st;
		strbuf_reset(&path);
		strbuf_addstr(&path, root);
		if (dirlen)
			strbuf_addf(&path, "/%.*s", (int)dirlen, p);
		if (stat(path.buf, &st) < 0 || !S_ISDIR(st.st_mode))
			continue;
		(void)walk(l, &path, strlen(root) + 1, want_match, &m, 0, 0);
	}
	strbuf_release(&path);
	for (i = first; i < l->n; i++)
		if (l->paths[i][0] == '/')
			memmove(l->paths[i], l->paths[i] + 1, strlen(l->paths[i]));
	return 0;
}
