/* Selection stage: pathspecs, the index, a revision or a change set, and
 * the config's path patterns, in; the sorted inputs to read, out. The git
 * modes narrow the walk to the literal directories of the patterns or
 * PATHs, so a large repository is not listed whole. */
#include "source/select.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "git/git.h"
#include "source/files.h"
#include "base/banned.h"

static void say(dtw_report_fn *report, void *data, int error, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void say(dtw_report_fn *report, void *data, int error, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	report(data, error, sb.buf);
	strbuf_release(&sb);
}

static int cmp_input(const void *a, const void *b)
{
	return strcmp(((const struct dtw_input *)a)->display,
		      ((const struct dtw_input *)b)->display);
}

/* Sorts by display name and drops repeats (a file named twice). */
static void sort_unique(struct dtw_selection *s)
{
	size_t i, o;
	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), cmp_input);
	for (i = 0, o = 0; i < s->n; i++) {
		if (o && !strcmp(s->v[o - 1].display, s->v[i].display)) {
			dtw_input_release(&s->v[i]);
			continue;
		}
		s->v[o++] = s->v[i];
	}
	s->n = o;
}

void dtw_selection_add(struct dtw_selection *s, const struct dtw_input *in)
{
	ALLOC_GROW(s->v, s->n + 1, s->alloc);
	s->v[s->n++] = *in;
}

void dtw_selection_release(struct dtw_selection *s)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		dtw_input_release(&s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* Appends a work-tree file (fspath set) or a blob (oid set); takes the
 * strings. */
static void add(struct dtw_selection *s, char *display, char *fspath, char *path,
		const struct dtw_oid *oid)
{
	struct dtw_input *d;
	ALLOC_GROW(s->v, s->n + 1, s->alloc);
	d = &s->v[s->n++];
	if (oid)
		dtw_input_blob(d, display, path, oid);
	else
		dtw_input_worktree(d, display, fspath, path);
	free(display);
	free(fspath);
	free(path);
}

static int match_any(const struct dtw_select *sel, const char *path)
{
	size_t i;
	for (i = 0; i < sel->npatterns; i++)
		if (dtw_path_match(sel->patterns[i], path))
			return 1;
	return 0;
}

/* What the git modes look for: the config's patterns, or the paths given. */
struct want {
	const struct dtw_select *sel;
	char **args;        /* repository paths given on the command line */
	const char **given; /* each as the user wrote it */
	size_t nargs;
};

/* Whether repository path `path` is `arg` or lies under directory `arg`
 * ("" is the top). */
static int under(const char *path, const char *arg)
{
	size_t n = strlen(arg);
	return !n || !strcmp(path, arg) || (!strncmp(path, arg, n) && path[n] == '/');
}

static int want_path(const char *path, void *data)
{
	const struct want *w = data;
	size_t i;
	if (!w->nargs)
		return match_any(w->sel, path);
	if (w->sel->issues_only && !match_any(w->sel, path))
		return 0;
	for (i = 0; i < w->nargs; i++)
		if (!strcmp(path, w->args[i]) ||
		    (under(path, w->args[i]) && dtw_path_is_markdown(path)))
			return 1;
	return 0;
}

/* The directories to walk: those of the patterns, or of the paths given;
 * none (the whole tree) when one of them is the top. */
static char **prefixes_of(const struct want *w, size_t *nout)
{
	const struct dtw_select *sel = w->sel;
	size_t n = w->nargs ? w->nargs : sel->npatterns, i, k = 0;
	char **out = xcalloc(n + 1, sizeof(*out));

	for (i = 0; i < n; i++) {
		size_t len = w->nargs ? strlen(w->args[i]) : dtw_pattern_dir_len(sel->patterns[i]);
		if (!len) {
			while (k)
				free(out[--k]);
			break;
		}
		/* A pattern's directory is walked with its slash: "issues/". */
		out[k++] = w->nargs ? xstrdup(w->args[i]) : xstrndup(sel->patterns[i], len + 1);
	}
	*nout = k;
	return out;
}

static void select_git(struct dtw_selection *out, const struct dtw_select *sel,
		       dtw_report_fn *report, void *data)
{
	struct dtw_git_files files = { 0 };
	struct want w = { sel, NULL, NULL, 0 };
	const char *wt = dtw_repo_workdir(sel->repo);
	char **prefixes = NULL;
	size_t nprefixes = 0, i;
	int r = 0;

	if (sel->npaths) {
		w.args = xcalloc(sel->npaths, sizeof(*w.args));
		w.given = xcalloc(sel->npaths, sizeof(*w.given));
		for (i = 0; i < sel->npaths; i++) {
			char *rel;
			if (dtw_path_in_repo(&rel, wt, sel->cwd, sel->paths[i])) {
				report(data, 1, dtw_error_last());
				out->unread++;
				continue;
			}
			w.given[w.nargs] = sel->paths[i];
			w.args[w.nargs++] = rel;
		}
		if (!w.nargs)
			goto done; /* every path was refused above */
	}
	prefixes = prefixes_of(&w, &nprefixes);
	if (sel->rev)
		r = dtw_repo_rev_files(&files, sel->repo, sel->rev, (const char *const *)prefixes,
				       nprefixes, want_path, &w);
	else if (sel->changed_since)
		r = dtw_repo_changed_since(&files, sel->repo, sel->changed_since,
					   sel->staged ? DTW_CHANGED_STAGED : 0,
					   (const char *const *)prefixes, nprefixes, want_path, &w);
	else if (sel->staged && !sel->npaths && !sel->all_staged)
		r = dtw_repo_staged(&files, sel->repo, (const char *const *)prefixes, nprefixes,
				    want_path, &w);
	else
		r = dtw_repo_index_files(&files, sel->repo, (const char *const *)prefixes,
					 nprefixes, want_path, &w);
	if (r) {
		report(data, 1, dtw_error_last());
		out->failed++;
	}
	/* A path named on the command line that matches nothing is an error,
	 * as it is for the work tree; for a change, it simply did not change.
	 * A file the index does not hold yet (git add not run; the pre-commit
	 * framework's "run --files") is linted as it is in the work tree,
	 * and said so; of the paths --issues-only is given, only the issues. */
	for (i = 0; !r && !sel->changed_since && i < w.nargs; i++) {
		size_t k;
		struct stat st;
		struct strbuf abs = STRBUF_INIT;
		for (k = 0; k < files.n; k++)
			if (under(files.v[k].path, w.args[i]))
				break;
		if (k < files.n || (sel->issues_only && !match_any(sel, w.args[i])))
			continue;
		if (wt && !sel->rev)
			strbuf_addf(&abs, "%s/%s", wt, w.args[i]);
		if (abs.len && !lstat(abs.buf, &st) && S_ISREG(st.st_mode)) {
			say(report, data, 0, "%s: not in the index; linted as it is in the work tree",
			    w.given[i]);
			char *display = dtw_path_display(sel->cwd, abs.buf);
			add(out, display, strbuf_detach(&abs, NULL), xstrdup(w.args[i]), NULL);
			continue;
		}
		strbuf_release(&abs);
		say(report, data, 1, "%s: %s", w.given[i],
		    sel->rev ? "no such issue at that revision" : "not in the index");
		out->unread++;
	}
done:
	for (i = 0; i < files.n; i++) {
		const struct dtw_git_file *f = &files.v[i];
		struct strbuf abs = STRBUF_INIT;
		char *display;
		if (wt) {
			strbuf_addf(&abs, "%s/%s", wt, f->path);
			display = dtw_path_display(sel->cwd, abs.buf);
		} else {
			display = xstrdup(f->path);
		}
		if (f->symlink) {
			say(report, data, 0, "%s: symbolic link, not followed", display);
			free(display);
		} else if (f->has_oid) {
			add(out, display, NULL, xstrdup(f->path), &f->oid);
		} else {
			add(out, display, strbuf_detach(&abs, NULL), xstrdup(f->path), NULL);
		}
		strbuf_release(&abs);
	}
	dtw_git_files_release(&files);
	for (i = 0; i < nprefixes; i++)
		free(prefixes[i]);
	free(prefixes);
	for (i = 0; i < w.nargs; i++)
		free(w.args[i]);
	free(w.args);
	free(w.given);
}

/* Names each directory a walk could not go into as an error: one that
 * cannot be read, or lies too deep, is never skipped silently. */
static void report_unwalked(struct dtw_selection *out, struct dtw_filelist *files,
			    dtw_report_fn *report, void *data)
{
	size_t i;
	dtw_filelist_sort_unwalked(files);
	for (i = 0; i < files->nunwalked; i++) {
		say(report, data, 1, "%s: %s", files->unwalked[i].path, files->unwalked[i].why);
		out->unread++;
	}
}

struct file_id {
	dev_t dev;
	ino_t ino;
	int link;          /* reached through a symbolic link */
	size_t i;          /* in the file list */
};

static int cmp_file_id(const void *a, const void *b)
{
	const struct file_id *x = a, *y = b;
	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	if (x->ino != y->ino)
		return x->ino < y->ino ? -1 : 1;
	if (x->link != y->link)
		return x->link - y->link; /* the file itself first */
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Marks in `dup` the files of the list that are another one of it under
 * another name ("issues/../issues/a.md", a link to a.md): one file is
 * linted once, under its own name when it is listed by it. O(n log n). */
static void mark_same_files(const struct dtw_filelist *files, char *dup)
{
	struct file_id *ids = xcalloc(files->n + 1, sizeof(*ids));
	size_t i, n = 0;
	for (i = 0; i < files->n; i++) {
		struct stat st, lst;
		if (stat(files->paths[i], &st) < 0)
			continue;
		ids[n].dev = st.st_dev;
		ids[n].ino = st.st_ino;
		ids[n].link = lstat(files->paths[i], &lst) == 0 && S_ISLNK(lst.st_mode);
		ids[n++].i = i;
	}
	qsort(ids, n, sizeof(*ids), cmp_file_id);
	for (i = 1; i < n; i++)
		if (ids[i].dev == ids[i - 1].dev && ids[i].ino == ids[i - 1].ino)
			dup[ids[i].i] = 1;
	free(ids);
}

/* The PATHs given, in the work tree: files as they are, directories for
 * the Markdown files under them. */
static void select_paths(struct dtw_selection *out, const struct dtw_select *sel,
			 struct dtw_filelist *files, dtw_report_fn *report, void *data)
{
	const char *base = sel->root ? sel->root : sel->base ? sel->base : sel->cwd;
	size_t i;
	char *dup;

	for (i = 0; i < sel->npaths; i++) {
		struct stat st;
		size_t before = files->n, unwalked = files->nunwalked;
		const char *p = sel->paths[i];
		while (p[0] == '.' && p[1] == '/' && p[2])
			p += 2;
		if (stat(p, &st) < 0) {
			say(report, data, 1, "%s: no such file or directory", p);
			out->unread++;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			/* A link out of the repository is refused when it is
			 * read (the input stage's one policy). */
			dtw_filelist_add(files, p);
			continue;
		}
		if (dtw_files_markdown(files, p)) {
			report(data, 1, dtw_error_last());
			out->unread++;
		} else if (files->n == before && files->nunwalked == unwalked) {
			say(report, data, 1, "%s: no Markdown files (*.md) in this directory", p);
			out->unread++;
		}
	}
	report_unwalked(out, files, report, data);
	dup = xcalloc(files->n + 1, 1);
	/* One PATH lists each file once (a walk follows no link): two or
	 * more may name one file twice, and only then is each looked at. */
	if (sel->npaths > 1)
		mark_same_files(files, dup);
	for (i = 0; i < files->n; i++) {
		char *rel = NULL;
		if (dup[i])
			continue;
		if (sel->issues_only) {
			/* Keep only what the config's paths name. */
			rel = dtw_path_relative(base, sel->cwd, files->paths[i]);
			if (!rel || !match_any(sel, rel)) {
				free(rel);
				continue;
			}
			free(rel);
		}
		add(out, xstrdup(files->paths[i]), xstrdup(files->paths[i]),
		    sel->root ? dtw_path_relative(sel->root, sel->cwd, files->paths[i]) : NULL, NULL);
	}
	free(dup);
}

static void select_worktree(struct dtw_selection *out, const struct dtw_select *sel,
			    dtw_report_fn *report, void *data)
{
	struct dtw_filelist files = { 0 };
	const char *base = sel->root ? sel->root : sel->base ? sel->base : sel->cwd;
	size_t i;

	if (sel->npaths) {
		select_paths(out, sel, &files, report, data);
	} else {
		if (dtw_files_match(&files, base, sel->patterns, sel->npatterns)) {
			report(data, 1, dtw_error_last());
			out->unread++;
		}
		/* Shown relative to the current directory, as git does. */
		for (i = 0; i < files.n; i++) {
			struct strbuf abs = STRBUF_INIT;
			char *display;
			strbuf_addf(&abs, "%s/%s", base, files.paths[i]);
			display = dtw_path_display(sel->cwd, abs.buf);
			add(out, display, strbuf_detach(&abs, NULL),
			    sel->root ? xstrdup(files.paths[i]) : NULL, NULL);
		}
		for (i = 0; i < files.nlinks; i++) {
			struct strbuf abs = STRBUF_INIT;
			strbuf_addf(&abs, "%s/%s", base, files.links[i]);
			free(files.links[i]);
			files.links[i] = dtw_path_display(sel->cwd, abs.buf);
			strbuf_release(&abs);
		}
		for (i = 0; i < files.nunwalked; i++) {
			struct strbuf abs = STRBUF_INIT;
			strbuf_addf(&abs, "%s/%s", base, files.unwalked[i].path);
			free(files.unwalked[i].path);
			files.unwalked[i].path = dtw_path_display(sel->cwd, abs.buf);
			strbuf_release(&abs);
		}
		report_unwalked(out, &files, report, data);
	}
	for (i = 0; i < files.nlinks; i++)
		say(report, data, 0, "%s: symbolic link, not followed", files.links[i]);
	dtw_filelist_release(&files);
}

void dtw_select_inputs(struct dtw_selection *out, const struct dtw_select *sel,
		       dtw_report_fn *report, void *data)
{
	memset(out, 0, sizeof(*out));
	if (sel->rev || sel->changed_since || sel->staged)
		select_git(out, sel, report, data);
	else
		select_worktree(out, sel, report, data);
	sort_unique(out);
}
