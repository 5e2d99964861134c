/* dtw lint: the one flow end to end — for each document: source (work
 * tree, index or revision), parse, model, rules, sink, format. Documents
 * are read one at a time in path order, so memory is bounded by the
 * largest file, not by how many are linted. */
#include "builtin.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <dirent.h>
#include <unistd.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "format/format.h"
#include "catalog/catalog.h"
#include "diag/fix.h"
#include "git/git.h"
#include "model/issue.h"
#include "rules/rules.h"
#include "source/files.h"
#include "source/input.h"
#include "source/source.h"
#include "source/write.h"
#include "format/out.h"
#include "base/banned.h"

const char usage_lint[] =
	"usage: dtw lint [OPTIONS] [PATH...]\n"
	"\n"
	"Lint newsletter issues: the given files, and the Markdown files under\n"
	"the given directories; with no PATH, every file matching the config's\n"
	"paths (default issues/*.md) in the repository (or current directory).\n"
	"\n"
	"  --staged              lint the index (what the next commit records); with\n"
	"                        no PATH, only the issues staged for commit\n"
	"  --rev REV             lint the issues as they are at revision REV\n"
	"  --changed-since REV   lint only issues changed since the merge base of REV\n"
	"                        and HEAD (work tree, or the index with --staged)\n"
	"  --new-since REV       report only findings the file did not have at REV\n"
	"  --issues-only         of the PATHs given, lint only those that the config's\n"
	"                        paths name (for the pre-commit framework)\n"
	"  --fix                 apply the safe fixes to work-tree files (atomically)\n"
	"  --fix --dry-run       print the fixes as a unified diff; change nothing\n"
	"  -                     read one document from standard input\n"
	"  --stdin-path PATH     the name of that document (config matching, output)\n"
	"  --format FORMAT       output format: text (default), json, sarif or github\n"
	"  --color WHEN          auto (default), always or never; NO_COLOR is honoured\n"
	"  --quiet               report errors only\n"
	"  --max-warnings N      exit 1 when there are more than N warnings\n"
	"  --rule ID=SEVERITY    set a rule to error, warning or off (repeatable)\n"
	"  --report-unused-disables\n"
	"                        report suppression comments that suppress nothing\n"
	"  --schema NAME|FILE    use this schema instead of the config's\n"
	"  --config FILE         use this config instead of .dtw.yaml\n"
	"\n"
	"Exit status: 0 no errors (and warnings within --max-warnings),\n"
	"1 findings, 2 usage, config, schema, I/O or git error.\n";


struct lint_opts {
	int staged;
	int issues_only;        /* of the paths given, only those matching `paths` */
	const char *rev;
	const char *changed_since;
	const char *new_since;
	int fix;                /* apply the safe fixes to work-tree files */
	int report_unused;      /* --report-unused-disables */
	int dry_run;            /* with fix: print the diff instead */
	const char *stdin_path; /* the name of the document read from "-" */
};

struct lint_run {
	struct dtw_ctx *ctx;
	struct lint_opts *o;
	struct dtw_repo *repo;
	struct dtw_catalog *catalog;        /* when release tags matter */
	const struct dtw_released *released;
	struct dtw_fmt fmt;
	int io_errors;          /* paths that could not be linted */
	int failed;             /* other errors (git, revisions) */
	struct dtw_input_env env;
	struct dtw_input *docs; /* what to lint: files, blobs or standard input */
	size_t ndocs, adocs;
};

/* Adds a work-tree file (fspath set) or a blob (oid set) to lint; takes
 * the strings. */
static void add_doc(struct lint_run *run, char *display, char *fspath,
		    char *repo_path, const unsigned char *oid)
{
	struct dtw_input *d;
	ALLOC_GROW(run->docs, run->ndocs + 1, run->adocs);
	d = &run->docs[run->ndocs++];
	if (oid)
		dtw_input_blob(d, display, repo_path, oid);
	else
		dtw_input_worktree(d, display, fspath, repo_path);
	free(display);
	free(fspath);
	free(repo_path);
}

static int cmp_doc(const void *a, const void *b)
{
	return strcmp(((const struct dtw_input *)a)->display,
		      ((const struct dtw_input *)b)->display);
}

static void sort_docs(struct lint_run *run)
{
	size_t i, o;
	if (run->ndocs > 1)
		qsort(run->docs, run->ndocs, sizeof(*run->docs), cmp_doc);
	for (i = 0, o = 0; i < run->ndocs; i++) {
		if (o && !strcmp(run->docs[o - 1].display, run->docs[i].display)) {
			dtw_input_release(&run->docs[i]);
			continue;
		}
		run->docs[o++] = run->docs[i];
	}
	run->ndocs = o;
}

static void lint_source(struct lint_run *run, const struct dtw_source *src,
			const struct dtw_doc_git *git, struct dtw_sink *sink)
{
	struct dtw_issue *issue = dtw_issue_build(src, run->ctx->schema);
	struct dtw_rule_env env;
	env.released = run->released;
	env.git = git;
	env.patterns = run->ctx->config->patterns;
	env.npatterns = run->ctx->config->npatterns;
	env.report_unused = run->o->report_unused;
	dtw_sink_init(sink, src);
	dtw_rules_run(issue, run->ctx->severity, &env, sink);
	dtw_issue_free(issue);
}

/* Baseline mode: drops the findings the same file already had at REV. */
static void drop_baseline(struct lint_run *run, const struct dtw_input *d,
			  struct dtw_sink *sink)
{
	struct dtw_input at;
	struct dtw_source old;
	struct dtw_sink before;
	int r;

	if (!d->path)
		return;
	dtw_input_rev(&at, d->display, run->o->new_since, d->path);
	r = dtw_input_read(&old, &at, &run->env);
	dtw_input_release(&at);
	if (r == DTW_ENOTFOUND)
		return; /* a new file: every finding is new */
	if (r) {
		dtw_errorf("%s", dtw_error_last());
		run->failed++;
		return;
	}
	lint_source(run, &old, NULL, &before);
	dtw_sink_drop_known(sink, &before);
	dtw_sink_release(&before);
	dtw_source_release(&old);
}

/* Applies the fixes of one work-tree file: atomically, never over a file
 * that changed on disk since it was read, never to a read-only one. With
 * --dry-run, prints the unified diff instead. Returns 1 when *src now
 * holds the fixed text. */
static int fix_doc(struct lint_run *run, const struct dtw_input *d, struct dtw_source *src,
		   const struct dtw_sink *sink)
{
	struct dtw_source now;
	struct stat st;
	struct dtw_rule_env env = { 0 };
	char *fixed;
	size_t len, n;
	int converged, lock, r, applied = 0;

	env.released = run->released;
	env.patterns = run->ctx->config->patterns;
	env.npatterns = run->ctx->config->npatterns;
	env.report_unused = run->o->report_unused;
	n = dtw_rules_fix(&fixed, &len, src, run->ctx->schema, run->ctx->severity, &env,
			  sink, &converged);
	if (!n)
		return 0;
	if (!converged)
		dtw_errorf("%s: fixes still left after %d passes; run --fix again",
			   d->display, DTW_FIX_PASSES);
	if (run->o->dry_run) {
		char *patch = NULL;
		if (dtw_unified_diff(&patch, src->data, src->len, fixed, len, d->display)) {
			dtw_errorf("%s", dtw_error_last());
			run->failed++;
		} else {
			dtw_out_text(stdout, patch, strlen(patch));
		}
		free(patch);
		free(fixed);
		return 0;
	}
	/* Read-only by its mode (even for root, who may write anyway) or by
	 * the file system. */
	if (stat(d->fspath, &st) < 0 || !(st.st_mode & 0222) || access(d->fspath, W_OK) < 0) {
		dtw_errorf("%s: read-only; not fixed", d->display);
		run->failed++;
		free(fixed);
		return 0;
	}
	/* Another dtw fixing the same file waits here until the first is
	 * done (an advisory lock on the file, released when its descriptor
	 * closes, even by a kill), then finds the new content. */
	lock = open(d->fspath, O_RDONLY | O_CLOEXEC);
	if (lock >= 0)
		while (flock(lock, LOCK_EX) < 0 && errno == EINTR)
			;
	/* The write itself checks that the file still holds what was read. */
	r = dtw_write_atomic_over(d->fspath, fixed, len, src->data, src->len);
	if (r == DTW_ECHANGED) {
		int done;
		if (dtw_input_read_file(&now, d->fspath, d->display, run->env.root)) {
			dtw_errorf("%s", dtw_error_last());
			run->failed++;
			goto out;
		}
		done = now.len == len && !memcmp(now.data, fixed, len);
		dtw_source_release(&now);
		if (done) {
			/* Another dtw made the same fixes meanwhile. */
			applied = 1;
			goto out;
		}
		dtw_errorf("%s: changed on disk while it was linted; not fixed", d->display);
		run->failed++;
		goto out;
	}
	if (r) {
		dtw_errorf("%s", dtw_error_last());
		run->failed++;
		goto out;
	}
	applied = 1;
	dtw_out_line(stderr, "dtw: %s: fixed %zu problem%s", d->display, n, n == 1 ? "" : "s");
out:
	if (lock >= 0)
		close(lock);
	if (!applied) {
		free(fixed);
		return 0;
	}
	dtw_source_release(src);
	dtw_source_init_owned(src, d->display, xrealloc(fixed, len + 1), len);
	return 1;
}

static void lint_doc(struct lint_run *run, const struct dtw_input *d)
{
	struct dtw_source src;
	struct dtw_sink sink;

	if (dtw_input_read(&src, d, &run->env)) {
		dtw_errorf("%s", dtw_error_last());
		run->io_errors++;
		return;
	}
	if (run->released && d->path) {
		struct dtw_doc_git git;
		size_t k;
		git.path = d->path;
		memset(git.blob, 0, 20);
		if (d->kind == DTW_INPUT_BLOB) {
			memcpy(git.blob, d->oid, 20);
		} else {
			/* Hashing is needed only for a file that was released. */
			for (k = 0; k < run->released->n; k++)
				if (!strcmp(run->released->v[k].path, d->path))
					break;
			if (k < run->released->n) {
				/* The bytes as they are first; through git's
				 * filters (eol) only when those differ. */
				dtw_blob_id(git.blob, src.data, src.len);
				if (memcmp(git.blob, run->released->v[k].blob, 20) &&
				    dtw_repo_worktree_blob(git.blob, run->repo, d->path))
					dtw_blob_id(git.blob, src.data, src.len);
			}
		}
		lint_source(run, &src, &git, &sink);
	} else {
		lint_source(run, &src, NULL, &sink);
	}
	if (run->o->new_since)
		drop_baseline(run, d, &sink);
	if (run->o->fix && d->kind == DTW_INPUT_WORKTREE && fix_doc(run, d, &src, &sink)) {
		/* Fixed: what is left to report is the new text's findings. */
		dtw_sink_release(&sink);
		lint_source(run, &src, NULL, &sink);
	}
	dtw_fmt_emit(&run->fmt, &src, sink.diags, sink.n);
	dtw_sink_release(&sink);
	dtw_source_release(&src);
}

static int parse_count(const char *s, long *out)
{
	char *end;
	errno = 0;
	*out = strtol(s, &end, 10);
	return errno || end == s || *end || *out < 0 ? -1 : 0;
}

/* The repository path of a path given on the command line; NULL (message
 * printed) when it is outside the repository. */
static char *repo_relative(const struct lint_run *run, const char *arg)
{
	const char *root = dtw_repo_workdir(run->repo);
	char *rel;

	if (!root) {
		/* A bare repository has no work tree: paths are as in the tree. */
		while (arg[0] == '.' && arg[1] == '/')
			arg += 2;
		return xstrdup(strcmp(arg, ".") ? arg : "");
	}
	rel = dtw_relative_to(root, run->ctx->cwd, arg);
	if (!rel)
		dtw_errorf("%s: outside the repository (%s)", arg, root);
	return rel;
}

/* What the git modes look for: the config's patterns, or the paths given. */
struct want {
	const char *const *patterns;
	size_t npatterns;
	char **args;       /* repository paths given on the command line */
	const char **given; /* each as the user wrote it */
	size_t nargs;
	int issues_only;   /* args must also match the patterns */
};

static int is_markdown(const char *p)
{
	size_t n = strlen(p);
	return (n > 3 && !strcmp(p + n - 3, ".md")) ||
	       (n > 9 && !strcmp(p + n - 9, ".markdown"));
}

static int want_path(const char *path, void *data)
{
	const struct want *w = data;
	size_t i;
	if (!w->nargs) {
		for (i = 0; i < w->npatterns; i++)
			if (dtw_path_match(w->patterns[i], path))
				return 1;
		return 0;
	}
	if (w->issues_only) {
		for (i = 0; i < w->npatterns; i++)
			if (dtw_path_match(w->patterns[i], path))
				break;
		if (i == w->npatterns)
			return 0;
	}
	for (i = 0; i < w->nargs; i++) {
		size_t n = strlen(w->args[i]);
		if (!strcmp(path, w->args[i]))
			return 1;
		if ((!n || (!strncmp(path, w->args[i], n) && path[n] == '/')) && is_markdown(path))
			return 1;
	}
	return 0;
}

/* The literal directory part of each pattern ("issues/" for issues/NAME.md). */
static char **pattern_prefixes(const char *const *patterns, size_t n, size_t *nout)
{
	char **out = xcalloc(n + 1, sizeof(*out));
	size_t i, k = 0;
	for (i = 0; i < n; i++) {
		const char *p = patterns[i], *meta = strpbrk(p, "*?[");
		const char *slash = meta ? meta : p + strlen(p);
		while (slash > p && slash[-1] != '/')
			slash--;
		if (slash == p) {
			/* A pattern at the root: no narrowing possible. */
			for (size_t j = 0; j < k; j++)
				free(out[j]);
			*nout = 0;
			return out;
		}
		out[k++] = xstrndup(p, (size_t)(slash - p));
	}
	*nout = k;
	return out;
}

static int collect_git(struct lint_run *run, const char **paths, size_t npaths)
{
	struct dtw_ctx *ctx = run->ctx;
	struct lint_opts *o = run->o;
	struct dtw_git_files files = { 0 };
	struct want w = { (const char *const *)ctx->config->paths, ctx->config->npaths, NULL, NULL, 0,
			  o->issues_only };
	char **prefixes;
	size_t nprefixes = 0, i;
	int r;

	if (npaths) {
		w.args = xcalloc(npaths, sizeof(*w.args));
		w.given = xcalloc(npaths, sizeof(*w.given));
		for (i = 0; i < npaths; i++) {
			char *rel = repo_relative(run, paths[i]);
			if (!rel) {
				run->io_errors++;
				continue;
			}
			w.given[w.nargs] = paths[i];
			w.args[w.nargs++] = rel;
		}
		prefixes = xcalloc(w.nargs + 1, sizeof(*prefixes));
		for (i = 0; i < w.nargs; i++)
			if (*w.args[i])
				prefixes[nprefixes++] = xstrdup(w.args[i]);
		if (nprefixes < w.nargs) {
			for (i = 0; i < nprefixes; i++)
				free(prefixes[i]);
			nprefixes = 0; /* the root itself: everything */
		}
	} else {
		prefixes = pattern_prefixes(w.patterns, w.npatterns, &nprefixes);
	}

	if (npaths && !w.nargs)
		goto done; /* every path was refused above */
	if (o->rev)
		r = dtw_repo_rev_files(&files, run->repo, o->rev, (const char *const *)prefixes,
				       nprefixes, want_path, &w);
	else if (o->changed_since)
		r = dtw_repo_changed_since(&files, run->repo, o->changed_since, o->staged,
					   (const char *const *)prefixes, nprefixes, want_path, &w);
	else if (o->staged && !npaths)
		r = dtw_repo_staged(&files, run->repo, (const char *const *)prefixes, nprefixes,
				    want_path, &w);
	else
		r = dtw_repo_index_files(&files, run->repo, (const char *const *)prefixes,
					 nprefixes, want_path, &w);
	if (r) {
		dtw_errorf("%s", dtw_error_last());
		run->failed++;
	}
	/* A path named on the command line that matches nothing is an error,
	 * as it is for the work tree; for a change, it simply did not change. */
	for (i = 0; !r && !o->changed_since && !o->issues_only && i < w.nargs; i++) {
		size_t k, n = strlen(w.args[i]);
		int hit = 0;
		for (k = 0; k < files.n && !hit; k++)
			hit = !n || !strcmp(files.v[k].path, w.args[i]) ||
			      (!strncmp(files.v[k].path, w.args[i], n) && files.v[k].path[n] == '/');
		if (!hit) {
			dtw_errorf("%s: %s", w.given[i],
				   o->rev ? "no such issue at that revision" : "not in the index");
			run->io_errors++;
		}
	}
done:
	for (i = 0; i < files.n; i++) {
		const struct dtw_git_file *f = &files.v[i];
		struct strbuf abs = STRBUF_INIT;
		char *display;
		if (dtw_repo_workdir(run->repo)) {
			strbuf_addf(&abs, "%s/%s", dtw_repo_workdir(run->repo), f->path);
			display = dtw_ctx_display(ctx, abs.buf);
		} else {
			display = xstrdup(f->path);
		}
		if (f->symlink) {
			dtw_out_line(stderr, "dtw: %s: symbolic link, not followed", display);
			free(display);
		} else if (f->has_oid) {
			add_doc(run, display, NULL, xstrdup(f->path), f->oid);
		} else {
			add_doc(run, display, strbuf_detach(&abs, NULL), xstrdup(f->path), NULL);
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
	return 0;
}

static void collect_worktree(struct lint_run *run, const char **paths, size_t npaths)
{
	struct dtw_ctx *ctx = run->ctx;
	struct dtw_filelist files = { 0 };
	size_t i;

	if (npaths) {
		for (i = 0; i < npaths; i++) {
			struct stat st;
			size_t before = files.n;
			const char *p = paths[i];
			while (p[0] == '.' && p[1] == '/' && p[2])
				p += 2;
			if (stat(p, &st) < 0) {
				dtw_errorf("%s: no such file or directory", p);
				run->io_errors++;
				continue;
			}
			if (!S_ISDIR(st.st_mode)) {
				/* A link out of the repository is refused when
				 * it is read (the input stage's one policy). */
				dtw_filelist_add(&files, p);
				continue;
			}
			if (dtw_files_markdown(&files, p)) {
				dtw_errorf("%s", dtw_error_last());
				run->io_errors++;
			} else if (files.n == before) {
				dtw_errorf("%s: no Markdown files (*.md) in this directory", p);
				run->io_errors++;
			}

		}
		for (i = 0; i < files.n; i++) {
			if (run->o->issues_only) {
				/* Keep only what the config's paths name. */
				const char *base = ctx->root ? ctx->root : ctx->cwd;
				char *rel = dtw_relative_to(base, ctx->cwd, files.paths[i]);
				size_t k;
				for (k = 0; rel && k < ctx->config->npaths; k++)
					if (dtw_path_match(ctx->config->paths[k], rel))
						break;
				free(rel);
				if (!rel || k == ctx->config->npaths)
					continue;
			}
			add_doc(run, xstrdup(files.paths[i]), xstrdup(files.paths[i]),
				ctx->root ? dtw_relative_to(ctx->root, ctx->cwd, files.paths[i]) : NULL,
				NULL);
		}
	} else {
		const char *base = ctx->root ? ctx->root : ctx->cwd;
		if (dtw_files_match(&files, base, ctx->config->paths, ctx->config->npaths)) {
			dtw_errorf("%s", dtw_error_last());
			run->io_errors++;
		}
		/* Shown relative to the current directory, as git does. */
		for (i = 0; i < files.n; i++) {
			struct strbuf abs = STRBUF_INIT;
			char *display;
			strbuf_addf(&abs, "%s/%s", base, files.paths[i]);
			display = dtw_ctx_display(ctx, abs.buf);
			add_doc(run, display, strbuf_detach(&abs, NULL),
				ctx->root ? xstrdup(files.paths[i]) : NULL, NULL);
		}
		for (i = 0; i < files.nlinks; i++) {
			struct strbuf abs = STRBUF_INIT;
			char *shown;
			strbuf_addf(&abs, "%s/%s", base, files.links[i]);
			shown = dtw_ctx_display(ctx, abs.buf);
			free(files.links[i]);
			files.links[i] = shown;
			strbuf_release(&abs);
		}
	}
	for (i = 0; i < files.nlinks; i++)
		dtw_out_line(stderr, "dtw: %s: symbolic link, not followed", files.links[i]);
	dtw_filelist_release(&files);
}

/* Whether the rules that read release tags are on and the repository may
 * have release tags (named like release.tag): looked up without libgit2
 * (refs/tags/ and packed-refs), so a repository without releases never
 * pays for initialising it. */
static int releases_matter(const struct lint_run *run)
{
	struct strbuf p = STRBUF_INIT;
	struct stat st;
	int ri = dtw_rule_index("link-repeat"), ei = dtw_rule_index("released-edit");
	int maybe = 0;
	const char *tmpl = run->ctx->config->release_tag;
	size_t plen = strcspn(tmpl, "{/");

	if (!run->ctx->root || (run->ctx->severity[ri] == DTW_SEV_OFF &&
				run->ctx->severity[ei] == DTW_SEV_OFF))
		return 0;
	strbuf_addf(&p, "%s/.git", run->ctx->root);
	if (stat(p.buf, &st) == 0 && !S_ISDIR(st.st_mode)) {
		maybe = 1; /* a linked work tree: let libgit2 find the refs */
	} else {
		DIR *d;
		struct dtw_source packed;
		strbuf_addstr(&p, "/refs/tags");
		if ((d = opendir(p.buf))) {
			struct dirent *e;
			while (!maybe && (e = readdir(d)))
				maybe = e->d_name[0] != '.' && (tmpl[plen] == '/' ||
					!strncmp(e->d_name, tmpl, plen));
			closedir(d);
		}
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/.git/packed-refs", run->ctx->root);
		if (!maybe && !dtw_source_read_file(&packed, p.buf, p.buf)) {
			struct strbuf needle = STRBUF_INIT;
			strbuf_addf(&needle, " refs/tags/%.*s", (int)plen, tmpl);
			maybe = memmem(packed.data, packed.len, needle.buf, needle.len) != NULL;
			strbuf_release(&needle);
			dtw_source_release(&packed);
		}
		dtw_error_clear();
	}
	strbuf_release(&p);
	return maybe;
}

/* "dtw lint -": one document from standard input, named by --stdin-path
 * (whose repository path lets the release rules find it). */
static int read_stdin(struct lint_run *run)
{
	const char *name = run->o->stdin_path ? run->o->stdin_path : "<stdin>";
	char *path;
	int r;

	if (run->o->fix) {
		dtw_errorf("--fix changes files; it cannot fix standard input");
		return -1;
	}
	ALLOC_GROW(run->docs, run->ndocs + 1, run->adocs);
	path = run->o->stdin_path && run->ctx->root ?
	       dtw_relative_to(run->ctx->root, run->ctx->cwd, run->o->stdin_path) : NULL;
	r = dtw_input_stdin(&run->docs[run->ndocs], name, path, stdin);
	free(path);
	if (r) {
		dtw_errorf("%s", dtw_error_last());
		return -1;
	}
	run->ndocs++;
	return 0;
}

/* Opens the repository for the git modes; prints why it cannot. */
static int open_repo(struct lint_run *run, const char *why, int need_worktree)
{
	int r;
	if (run->repo)
		return 0;
	r = dtw_repo_open(&run->repo, run->ctx->cwd);
	if (r) {
		dtw_errorf("%s needs a git repository: %s", why, dtw_error_last());
		return -1;
	}
	run->env.repo = run->repo;
	if (need_worktree && !dtw_repo_workdir(run->repo)) {
		dtw_errorf("%s needs a work tree; this is a bare repository (use --rev REV)", why);
		return -1;
	}
	return 0;
}

int cmd_lint(int argc, const char **argv, struct dtw_ctx *ctx)
{
	struct lint_run run;
	struct lint_opts o;
	const char **paths = xcalloc((size_t)argc + 1, sizeof(*paths));
	const char *format = "text", *v;
	size_t npaths = 0, i;
	long max_warnings = -1;
	int quiet = 0, status = DTW_EXIT_ERROR, dashdash = 0;

	memset(&run, 0, sizeof(run));
	memset(&o, 0, sizeof(o));
	run.ctx = ctx;
	run.o = &o;
	run.env.root = ctx->root;
	for (int k = 1; k < argc; k++) {
		const char *a = argv[k];
		int opt;
		if (dashdash || a[0] != '-' || !a[1]) {
			paths[npaths++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			dashdash = 1;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			dtw_out_str(stdout, usage_lint);
			free(paths);
			return DTW_EXIT_OK;
		}
		if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			quiet = 1;
			continue;
		}
		if (!strcmp(a, "--staged") || !strcmp(a, "--cached")) {
			o.staged = 1;
			continue;
		}
		if (!strcmp(a, "--report-unused-disables")) {
			o.report_unused = 1;
			continue;
		}
		if (!strcmp(a, "--issues-only")) {
			o.issues_only = 1;
			continue;
		}
		if (!strcmp(a, "--fix")) {
			o.fix = 1;
			continue;
		}
		if (!strcmp(a, "--dry-run") || !strcmp(a, "-n")) {
			o.dry_run = 1;
			continue;
		}
		opt = dtw_ctx_option(ctx, argc, argv, &k);
		if (opt < 0)
			goto usage;
		if (opt)
			continue;
		if ((v = dtw_opt_value(argc, argv, &k, "--format")) ||
		    (v = dtw_opt_value(argc, argv, &k, "--rev")) ||
		    (v = dtw_opt_value(argc, argv, &k, "--changed-since")) ||
		    (v = dtw_opt_value(argc, argv, &k, "--new-since")) ||
		    (v = dtw_opt_value(argc, argv, &k, "--stdin-path")) ||
		    (v = dtw_opt_value(argc, argv, &k, "--max-warnings"))) {
			if (!*v)
				goto usage;
			if (!strncmp(a, "--format", 8))
				format = v;
			else if (!strncmp(a, "--rev", 5))
				o.rev = v;
			else if (!strncmp(a, "--changed-since", 15))
				o.changed_since = v;
			else if (!strncmp(a, "--new-since", 11))
				o.new_since = v;
			else if (!strncmp(a, "--stdin-path", 12))
				o.stdin_path = v;
			else if (parse_count(v, &max_warnings)) {
				dtw_errorf("--max-warnings takes a number, not \"%s\"", v);
				goto usage;
			}
			continue;
		}
		dtw_errorf("lint: unknown option \"%s\" (dtw lint --help lists them)", a);
		goto usage;
	}
	if (!(run.fmt.ops = dtw_formatter_find(format))) {
		dtw_errorf("--format must be one of %s, not \"%s\"", dtw_formatter_names(),
			   format);
		goto usage;
	}
	if (o.fix && (o.rev || o.staged)) {
		dtw_errorf("--fix changes work-tree files; it cannot be given with --staged or --rev");
		goto usage;
	}
	if (o.dry_run && !o.fix) {
		dtw_errorf("--dry-run goes with --fix");
		goto usage;
	}
	if (o.rev && (o.staged || o.changed_since)) {
		dtw_errorf("--rev cannot be combined with --staged or --changed-since");
		goto usage;
	}
	if ((status = dtw_ctx_load(ctx))) {
		free(paths);
		return status;
	}
	status = DTW_EXIT_ERROR;
	if (o.rev && open_repo(&run, "--rev", 0))
		goto out;
	if (o.staged && open_repo(&run, "--staged", 1))
		goto out;
	if (o.changed_since && open_repo(&run, "--changed-since", 1))
		goto out;
	if (o.new_since && open_repo(&run, "--new-since", 0))
		goto out;

	if (releases_matter(&run)) {
		if (open_repo(&run, "link-repeat", 0)) {
			run.failed++;
		} else if (dtw_catalog_open(&run.catalog, run.repo, ctx->schema,
					    ctx->config->release_tag)) {
			dtw_errorf("%s", dtw_error_last());
			run.failed++;
		} else {
			run.released = dtw_catalog_released(run.catalog);
		}
	}
	if (npaths == 1 && !strcmp(paths[0], "-")) {
		if (read_stdin(&run))
			goto out;
	} else if (o.rev || o.staged || o.changed_since) {
		collect_git(&run, paths, npaths);
	} else {
		collect_worktree(&run, paths, npaths);
	}
	sort_docs(&run);
	if (!run.ndocs && !run.io_errors && !run.failed && !npaths && !o.staged &&
	    !o.changed_since)
		dtw_out_line(stderr, "dtw: no newsletter issues match %s%s",
			ctx->config->paths[0], ctx->config->npaths > 1 ? ", ..." : "");

	run.fmt.out = stdout;
	run.fmt.color = dtw_ctx_use_color(ctx);
	run.fmt.quiet = quiet;
	dtw_fmt_begin(&run.fmt);
	for (i = 0; i < run.ndocs; i++)
		lint_doc(&run, &run.docs[i]);
	run.fmt.unread = (size_t)run.io_errors;
	dtw_fmt_end(&run.fmt);

	if (run.io_errors || run.failed)
		status = DTW_EXIT_ERROR;
	else if (run.fmt.errors ||
		 (max_warnings >= 0 && run.fmt.warnings > (size_t)max_warnings))
		status = DTW_EXIT_FINDINGS;
	else
		status = DTW_EXIT_OK;
out:
	for (i = 0; i < run.ndocs; i++)
		dtw_input_release(&run.docs[i]);
	free(run.docs);
	dtw_catalog_free(run.catalog);
	dtw_repo_free(run.repo);
	free(paths);
	return status;
usage:
	free(paths);
	return DTW_EXIT_ERROR;
}
