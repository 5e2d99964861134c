/* dtw lint: the one flow end to end — for each document: source (work
 * tree, index or revision), parse, model, rules, sink, format. Documents
 * are read one at a time in path order, so memory is bounded by the
 * largest file, not by how many are linted. */
#include "builtin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "catalog/catalog.h"
#include "catalog/release.h"
#include "diag/fix.h"
#include "format/format.h"
#include "format/out.h"
#include "git/git.h"
#include "links/links.h"
#include "model/issue.h"
#include "rules/rules.h"
#include "source/files.h"
#include "source/input.h"
#include "source/select.h"
#include "source/source.h"
#include "source/write.h"
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
	"  --online[=refresh]    check that every link answers (HEAD/GET over\n"
	"                        HTTP(S), cached in .git/dtw/links; refresh: ask\n"
	"                        again, cache or not); --online=off or --offline:\n"
	"                        never, whatever links.online says\n"
	"  --fix                 apply the safe fixes to work-tree files (atomically)\n"
	"  --fix --dry-run       print the fixes as a unified diff; change nothing\n"
	"  -                     read one document from standard input (on its own:\n"
	"                        no other PATH); with --fix, write it fixed to\n"
	"                        standard output and the findings left to stderr\n"
	"  --stdin-path PATH     the name of that document (config matching, output)\n"
	"  --format FORMAT       output format: text (default), json, sarif, github\n"
	"                        or gitlab (a Code Quality report)\n"
	"  --color WHEN          auto (default), always or never; NO_COLOR is honoured,\n"
	"                        then FORCE_COLOR and CLICOLOR_FORCE\n"
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
	int online;             /* --online=: -1 not given, else online_choices */
	int offline;            /* --offline */
};

enum { ONLINE_ON, ONLINE_REFRESH, ONLINE_OFF };
static const char *const online_choices[] = { "on", "refresh", "off", NULL };

struct lint_run {
	struct dtw_ctx *ctx;
	struct lint_opts *o;
	struct dtw_catalog *catalog;        /* when release tags matter */
	const struct dtw_released *released;
	struct dtw_fmt fmt;
	int failed;             /* errors other than the paths left unread */
	int by_paths;           /* selected by the configs' paths (or --issues-only) */
	struct dtw_profile **prof; /* each document's (docs.v) */
	int issue_doc;          /* the one being linted is one of its config's issues */
	struct dtw_input_env env;
	struct dtw_selection docs; /* what to lint: files, blobs or standard input */
	int online;             /* the links are checked: links holds the answers */
	struct dtw_links links;
};

/* Says an error of the run on stderr, and hands it to the format (SARIF's
 * notifications, GitHub's annotations). */
static void lint_error(struct lint_run *run, const char *msg)
{
	dtw_errorf("%s", msg);
	dtw_fmt_error(&run->fmt, msg);
}

/* The selection's reports (dtw_report_fn): its errors are the run's. */
static void lint_report(void *data, int error, const char *msg)
{
	if (error)
		lint_error(data, msg);
	else
		dtw_ctx_report(NULL, 0, msg);
}

/* `d` as a path relative to the format's base (its repository path), or
 * NULL when it has none; xmalloc'd. */
static char *doc_path(const struct lint_run *run, const struct dtw_input *d)
{
	const char *p = d->fspath ? d->fspath :
			d->kind == DTW_INPUT_STDIN ? run->o->stdin_path : NULL;
	char *rel;
	if (d->path)
		return xstrdup(d->path);
	if (!p || !run->fmt.base)
		return NULL;
	rel = dtw_path_relative(run->fmt.base, run->ctx->cwd, p);
	if (rel && !*rel) {
		free(rel);
		rel = NULL;
	}
	return rel;
}

/* Lints src; `d` is the document it is the content of, for the rules
 * that compare it with its release (NULL: they stay quiet). An issue's
 * number is compared with the other issues' of the run (a baseline's
 * too, so that a duplicate it had is not new). Returns its issue number
 * (0: none to compare). */
static long lint_source(struct lint_run *run, const struct dtw_source *src,
			const struct dtw_input *d, struct dtw_sink *sink)
{
	struct dtw_issue *issue = dtw_issue_build(src, run->ctx->schema);
	struct dtw_rule_env env = { 0 };
	struct dtw_doc_git git;
	long number;
	env.released = run->released;
	env.numbers = run->issue_doc ? run->ctx->profile->numbers : NULL;
	env.git = NULL;
	if (run->released && d && d->path) {
		dtw_release_doc_git(&git, run->released, run->ctx->repo, d, src,
				    dtw_issue_number(issue));
		env.git = &git;
	}
	env.patterns = run->ctx->config->patterns;
	env.npatterns = run->ctx->config->npatterns;
	env.report_unused = run->o->report_unused;
	env.sev_origin = run->ctx->sev_origin;
	env.by_status = run->ctx->by_status;
	env.links = run->online ? &run->links : NULL;
	dtw_sink_init(sink, src);
	dtw_rules_run(issue, run->ctx->severity, &env, sink);
	/* (A quoted number is front-matter's finding: no number to compare.) */
	number = issue->role[DTW_ROLE_NUMBER] && issue->role[DTW_ROLE_NUMBER]->plain ?
		 dtw_issue_number(issue) : 0;
	dtw_issue_free(issue);
	return number;
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
		lint_error(run, dtw_error_last());
		run->failed++;
		return;
	}
	lint_source(run, &old, NULL, &before);
	dtw_sink_drop_known(sink, &before);
	dtw_sink_release(&before);
	dtw_source_release(&old);
}

/* Applies the fixes of one work-tree file: atomically, never over a file
 * that changed on disk since it was read, never to a read-only one. The
 * document of standard input is written to standard output instead, fixed
 * or as it came when there is nothing to fix (an editor pipes its buffer
 * through and takes back what comes out). With --dry-run, prints the
 * unified diff instead. Returns 1 when *src now holds the fixed text. */
static int fix_doc(struct lint_run *run, const struct dtw_input *d, struct dtw_source *src,
		   const struct dtw_sink *sink)
{
	struct dtw_rule_env env = { 0 };
	char *fixed, *patch = NULL;
	size_t len, n;
	int converged, r;

	env.released = run->released;
	env.patterns = run->ctx->config->patterns;
	env.npatterns = run->ctx->config->npatterns;
	env.report_unused = run->o->report_unused;
	env.sev_origin = run->ctx->sev_origin;
	env.by_status = run->ctx->by_status;
	env.links = run->online ? &run->links : NULL;
	n = dtw_rules_fix(&fixed, &len, src, run->ctx->schema, run->ctx->severity, &env,
			  sink, &converged);
	if (!n) {
		if (d->kind == DTW_INPUT_STDIN && !run->o->dry_run)
			dtw_out_document(stdout, src->data, src->len);
		return 0;
	}
	if (!converged) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s: fixes still left after %d passes; run --fix again",
			    d->display, DTW_FIX_PASSES);
		lint_error(run, sb.buf);
		strbuf_release(&sb);
	}
	if (run->o->dry_run) {
		if (dtw_unified_diff(&patch, src->data, src->len, fixed, len, d->display)) {
			lint_error(run, dtw_error_last());
			run->failed++;
		} else {
			dtw_out_text(stdout, patch, strlen(patch));
		}
		free(patch);
		free(fixed);
		return 0;
	}
	if (d->kind == DTW_INPUT_STDIN) {
		dtw_out_document(stdout, fixed, len);
		r = 0;
	} else {
		r = dtw_write_fixed(d->fspath, d->display, run->env.root, fixed, len, src->data,
				    src->len);
	}
	if (r < 0) {
		lint_error(run, dtw_error_last());
		run->failed++;
		free(fixed);
		return 0;
	}
	if (r == 0)
		dtw_out_line(stderr, "dtw: %s: fixed %zu problem%s", d->display, n, n == 1 ? "" : "s");
	dtw_source_release(src);
	dtw_source_init_owned(src, d->display, xrealloc(fixed, len + 1), len);
	return 1;
}

/* The profile of the config nearest above `d`, NULL when that config
 * could not be loaded (said). */
static struct dtw_profile *profile_of(struct lint_run *run, const struct dtw_input *d)
{
	struct dtw_ctx *ctx = run->ctx;
	struct dtw_profile *p;
	struct strbuf sb = STRBUF_INIT;

	if (d->fspath)
		strbuf_addstr(&sb, d->fspath);
	else if (d->path && ctx->root)
		strbuf_addf(&sb, "%s/%s", ctx->root, d->path);
	else if (run->o->stdin_path)
		strbuf_addstr(&sb, run->o->stdin_path);
	else
		strbuf_addf(&sb, "%s/-", ctx->cwd);
	p = dtw_ctx_profile_for(ctx, sb.buf);
	strbuf_release(&sb);
	return p;
}

/* Gives each document the profile it is linted under: the nearest
 * config's. One selected by the union of the configs' paths stays only
 * when its own config's paths name it; one whose config could not be
 * loaded is left unread. */
static void assign_profiles(struct lint_run *run)
{
	struct dtw_ctx *ctx = run->ctx;
	size_t i, o;

	/* NOLINTNEXTLINE(bugprone-sizeof-expression): it holds pointers */
	run->prof = xcalloc(run->docs.n + 1, sizeof(*run->prof));
	for (i = 0, o = 0; i < run->docs.n; i++) {
		struct dtw_input *d = &run->docs.v[i];
		struct dtw_profile *p = ctx->config_path ? ctx->base : profile_of(run, d);
		if (!p) {
			run->docs.unread++;
			dtw_input_release(d);
			continue;
		}
		if (run->by_paths && d->path && !dtw_want_issue(d->path, p->config)) {
			dtw_input_release(d);
			continue;
		}
		run->prof[o] = p;
		run->docs.v[o++] = *d;
	}
	run->docs.n = o;
}

static void lint_doc(struct lint_run *run, const struct dtw_input *d)
{
	struct dtw_source src;
	struct dtw_sink sink;
	char *path;
	long number;

	if (dtw_input_read(&src, d, &run->env)) {
		lint_error(run, dtw_error_last());
		run->docs.unread++;
		return;
	}
	number = lint_source(run, &src, d, &sink);
	if (run->o->new_since)
		drop_baseline(run, d, &sink);
	if (run->o->fix && (d->kind == DTW_INPUT_WORKTREE || d->kind == DTW_INPUT_STDIN) &&
	    fix_doc(run, d, &src, &sink)) {
		/* Fixed: what is left to report is the new text's findings. */
		dtw_sink_release(&sink);
		number = lint_source(run, &src, d, &sink);
	}
	if (run->issue_doc)
		dtw_numbers_add(run->ctx->profile->numbers, number, d->display);
	path = doc_path(run, d);
	run->fmt.path = path;
	dtw_fmt_emit(&run->fmt, &src, sink.diags, sink.n);
	run->fmt.path = NULL;
	free(path);
	dtw_sink_release(&sink);
	dtw_source_release(&src);
}

/* "dtw lint -": one document from standard input, named by --stdin-path
 * (whose repository path lets the release rules find it). */
static int read_stdin(struct lint_run *run)
{
	const char *name = run->o->stdin_path ? run->o->stdin_path : "<stdin>";
	struct dtw_input in;
	char *path;
	int r;

	path = run->o->stdin_path && run->ctx->root ?
	       dtw_path_relative(run->ctx->root, run->ctx->cwd, run->o->stdin_path) : NULL;
	r = dtw_input_stdin(&in, name, path, stdin);
	free(path);
	if (r) {
		dtw_errorf("%s", dtw_error_last());
		return -1;
	}
	dtw_selection_add(&run->docs, &in);
	return 0;
}

/* Opens the catalog when the rules that read release tags are on and
 * the repository may have release tags. */
static void open_releases(struct lint_run *run)
{
	struct dtw_ctx *ctx = run->ctx;
	if (!ctx->root || (ctx->severity[dtw_rule_index("link-repeat")] == DTW_SEV_OFF &&
			   ctx->severity[dtw_rule_index("released-edit")] == DTW_SEV_OFF) ||
	    !dtw_release_tags_possible(ctx->root))
		return;
	if (dtw_ctx_need_repo(ctx, "link-repeat", 0)) {
		run->failed++;
	} else if (dtw_catalog_open(&run->catalog, ctx->repo, ctx->schema)) {
		lint_error(run, dtw_error_last());
		run->failed++;
	} else {
		run->released = dtw_catalog_released(run->catalog);
	}
}

/* Whether `d` is one of the issues its config's paths name (the others
 * are files linted by name: an issue's copy, a draft elsewhere). */
static int is_issue(struct lint_run *run, const struct dtw_input *d)
{
	struct dtw_ctx *ctx = run->ctx;
	char *rel;
	int r;
	if (d->path)
		return dtw_want_issue(d->path, ctx->config);
	if (!d->fspath)
		return 0;
	rel = dtw_path_relative(ctx->profile->dir, ctx->cwd, d->fspath);
	r = rel && dtw_want_issue(rel, ctx->config);
	free(rel);
	return r;
}

/* The governing files of every profile loaded (its .dtw.yaml, its
 * schema file), as repository paths. */
struct governing {
	struct dtw_ctx *ctx;
	char **v;
	struct dtw_profile **of;
	size_t n, alloc;
};

static void govern(struct governing *g, struct dtw_profile *p, const char *path)
{
	/* As a repository path, "." and ".." resolved ("./schemas/x.yaml",
	 * "../shared/s.yaml" from a config in a subdirectory). */
	char *rel = path ? dtw_path_relative(g->ctx->root, g->ctx->cwd, path) : NULL;
	if (!rel || !*rel) {
		free(rel);
		return;
	}
	ALLOC_GROW(g->v, g->n + 1, g->alloc);
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): it holds pointers */
	g->of = xrealloc(g->of, g->alloc * sizeof(*g->of));
	g->v[g->n] = rel;
	g->of[g->n++] = p;
}

static int governed_path(const char *path, void *data)
{
	const struct governing *g = data;
	size_t i;
	if (dtw_ctx_is_config(path))
		return 1;
	for (i = 0; i < g->n; i++)
		if (!strcmp(g->v[i], path))
			return 1;
	return 0;
}

/* Marks the profiles a changed file governs: its own (a config or schema
 * file of one), or, for a .dtw.yaml that no profile loaded has (added,
 * deleted, renamed away), every profile whose directory holds it, as the
 * issues under it changed hands. */
static int mark_changed(struct lint_run *run, const struct governing *g, const char *path)
{
	struct dtw_ctx *ctx = run->ctx;
	size_t i, n = strlen(ctx->root);
	int any = 0;
	for (i = 0; i < g->n; i++)
		if (!strcmp(path, g->v[i]))
			any = g->of[i]->changed = 1;
	if (any || !dtw_ctx_is_config(path))
		return any;
	for (i = 0; i < ctx->nprofiles; i++) {
		struct dtw_profile *p = ctx->profiles[i];
		size_t l = strlen(p->dir);
		if (p->failed || strncmp(p->dir, ctx->root, n) ||
		    (p->dir[n] && p->dir[n] != '/'))
			continue;
		/* p->dir below the top, as a repository path with its slash */
		if (l == n || (!strncmp(path, p->dir + n + 1, l - n - 1) && path[l - n - 1] == '/'))
			any = p->changed = 1;
	}
	return any;
}

/* --changed-since: marks each profile whose config or schema changed
 * since the merge base, and says whether one did (a change to them is a
 * change to every issue they govern). */
static int governing_changed(struct lint_run *run)
{
	struct dtw_ctx *ctx = run->ctx;
	struct governing g = { ctx, NULL, NULL, 0, 0 };
	struct dtw_git_files files = { 0 };
	size_t i, k;
	int any = 0;

	if (!ctx->root || !ctx->repo)
		return 0;
	for (i = 0; i < ctx->nprofiles; i++) {
		struct dtw_profile *p = ctx->profiles[i];
		struct strbuf sb = STRBUF_INIT;
		if (p->failed)
			continue;
		if (!p->file && ctx->config_path) {
			if (ctx->config_path[0] != '/')
				strbuf_addf(&sb, "%s/", ctx->cwd);
			strbuf_addstr(&sb, ctx->config_path);
		}
		govern(&g, p, p->file ? p->file : sb.len ? sb.buf : NULL);
		govern(&g, p, p->schema_file);
		strbuf_release(&sb);
	}
	/* Every .dtw.yaml too, deletions included: one deleted or added
	 * hands issues from one config to another. */
	ALLOC_GROW(g.v, g.n + 2, g.alloc);
	g.v[g.n] = xstrdup(".dtw.yaml");
	g.v[g.n + 1] = xstrdup("*/.dtw.yaml");
	if (!dtw_repo_changed_since(&files, ctx->repo, run->o->changed_since,
				    (run->o->staged ? DTW_CHANGED_STAGED : 0) | DTW_CHANGED_DELETED,
				    (const char *const *)g.v, g.n + 2, governed_path, &g)) {
		for (k = 0; k < files.n; k++)
			any |= mark_changed(run, &g, files.v[k].path);
	}
	g.n += 2;
	dtw_error_clear();
	dtw_git_files_release(&files);
	for (i = 0; i < g.n; i++)
		free(g.v[i]);
	free(g.v);
	free(g.of);
	return any;
}

static int cmp_display(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, ((const struct dtw_input *)b)->display);
}

/* --changed-since, where a config or schema changed: every issue that
 * config governs, besides the issues that changed. */
static void select_governed(struct lint_run *run, struct dtw_select *sel)
{
	struct dtw_selection changed = run->docs, all;
	struct dtw_profile **prof = run->prof;
	size_t i, o;

	sel->changed_since = NULL;
	sel->all_staged = sel->staged;
	dtw_select_inputs(&all, sel, lint_report, run);
	run->docs = all;
	assign_profiles(run);
	for (i = 0, o = 0; i < run->docs.n; i++) {
		struct dtw_input *d = &run->docs.v[i];
		if (!run->prof[i]->changed &&
		    !bsearch(&d->display, changed.v, changed.n, sizeof(*changed.v), cmp_display)) {
			dtw_input_release(d);
			continue;
		}
		run->prof[o] = run->prof[i];
		run->docs.v[o++] = *d;
	}
	run->docs.n = o;
	run->docs.unread += changed.unread;
	run->docs.failed += changed.failed;
	dtw_selection_release(&changed);
	free(prof);
}

/* Whether this run checks links: --online, or links.online in the
 * current directory's config — but never for the pre-commit hook
 * (--staged) unless --online is given, and not when link-alive is off. */
static int wants_online(struct lint_run *run)
{
	struct dtw_ctx *ctx = run->ctx;
	if (run->o->offline || run->o->online == ONLINE_OFF ||
	    ctx->base->severity[dtw_rule_index("link-alive")] == DTW_SEV_OFF)
		return 0;
	return run->o->online >= 0 || (ctx->base->config->links.online && !run->o->staged);
}

/* The URLs of every document selected, each once (dtw_links_gather):
 * read and modelled once here, so that all of them are asked at the same
 * time before the first is linted (what cannot be read is said by the
 * lint itself). */
static void gather_links(struct lint_run *run)
{
	struct dtw_ctx *ctx = run->ctx;
	size_t i;

	for (i = 0; i < run->docs.n; i++) {
		struct dtw_source src;
		struct dtw_issue *issue;
		dtw_ctx_use(ctx, run->prof[i]);
		if (ctx->severity[dtw_rule_index("link-alive")] == DTW_SEV_OFF ||
		    dtw_input_read(&src, &run->docs.v[i], &run->env)) {
			dtw_error_clear();
			continue;
		}
		issue = dtw_issue_build(&src, ctx->schema);
		dtw_links_gather(&run->links, issue, &ctx->config->links);
		dtw_issue_free(issue);
		dtw_source_release(&src);
	}
	dtw_ctx_use(ctx, ctx->base);
}

static void show_progress(void *data, size_t done, size_t total, size_t failed)
{
	(void)data;
	if (failed)
		dtw_out_progress(stderr, "dtw: checking links: %zu/%zu, %zu failed", done, total,
				 failed);
	else
		dtw_out_progress(stderr, "dtw: checking links: %zu/%zu", done, total);
}

/* Asks for the links gathered: the fresh answers of the cache first
 * (unless --online=refresh), the network for the rest, the cache
 * written back. Its settings are the current directory's config's. */
static int check_links(struct lint_run *run)
{
	struct dtw_ctx *ctx = run->ctx;
	const struct dtw_links_config *lc = &ctx->base->config->links;
	struct dtw_links_net net;
	struct dtw_repo *repo = ctx->root ? dtw_ctx_try_repo(ctx) : NULL;
	char *dir = repo ? dtw_repo_git_path(repo, "dtw") : NULL;
	int64_t now = (int64_t)time(NULL);
	int64_t fail_ttl = lc->cache_ttl < 3600000 ? lc->cache_ttl : 3600000;
	int r;

	memset(&net, 0, sizeof(net));
	net.timeout = lc->timeout;
	net.total_timeout = lc->total_timeout;
	net.parallel = lc->parallel;
	net.per_host = lc->per_host;
	net.retries = lc->retries;
	net.max_redirects = lc->max_redirects;
	net.accept = lc->accept;
	net.naccept = lc->naccept;
	net.backoff = 1000;
	if (run->o->online != ONLINE_REFRESH)
		dtw_links_cache_load(&run->links, dir, now, lc->cache_ttl, fail_ttl);
	/* On a terminal, checked / total, updated in place; nothing left. */
	if (isatty(STDERR_FILENO))
		net.progress = show_progress;
	r = dtw_links_check(&run->links, &net);
	if (net.progress)
		dtw_out_progress_end(stderr);
	if (lc->cache_ttl > 0)
		dtw_links_cache_save(&run->links, dir, (int64_t)time(NULL), lc->cache_ttl, fail_ttl);
	free(dir);
	if (r) {
		lint_error(run, dtw_error_last());
		return -1;
	}
	return 0;
}

/* The paths of every config loaded, as repository paths (xmalloc'd
 * array, borrowed strings). */
static const char **all_paths(struct dtw_ctx *ctx, size_t *n)
{
	const char **v;
	size_t i, k, total = 0;
	for (i = 0; i < ctx->nprofiles; i++)
		if (!ctx->profiles[i]->failed)
			total += ctx->profiles[i]->config->npaths;
	v = xcalloc(total + 1, sizeof(*v));
	*n = 0;
	for (i = 0; i < ctx->nprofiles; i++)
		for (k = 0; !ctx->profiles[i]->failed && k < ctx->profiles[i]->config->npaths; k++)
			v[(*n)++] = ctx->profiles[i]->config->paths[k];
	return v;
}

int cmd_lint(int argc, const char **argv, struct dtw_ctx *ctx)
{
	struct lint_run run;
	struct lint_opts o;
	struct dtw_select sel;
	const char *format = "text";
	const char **patterns;
	size_t npatterns;
	long max_warnings = -1;
	int quiet = 0, st;
	size_t i;
	struct dtw_option opts[] = {
		{ .type = DTW_OPT_STRING, .name = "rev", .value = &o.rev, .flags = DTW_NEEDS_REPO },
		{ .type = DTW_OPT_FLAG, .name = "staged", .alias = "cached", .value = &o.staged,
		  .set = 1, .flags = DTW_NEEDS_WORKTREE },
		{ .type = DTW_OPT_STRING, .name = "changed-since", .value = &o.changed_since,
		  .flags = DTW_NEEDS_WORKTREE },
		{ .type = DTW_OPT_STRING, .name = "new-since", .value = &o.new_since,
		  .flags = DTW_NEEDS_REPO },
		DTW_OPT_FLAG_("quiet", 'q', &quiet),
		DTW_OPT_FLAG_("report-unused-disables", 0, &o.report_unused),
		DTW_OPT_FLAG_("issues-only", 0, &o.issues_only),
		DTW_OPT_FLAG_("fix", 0, &o.fix),
		{ .type = DTW_OPT_CHOICE, .name = "online", .value = &o.online,
		  .choices = online_choices, .bare = "on", .excl = 1 },
		{ .type = DTW_OPT_FLAG, .name = "offline", .value = &o.offline, .set = 1, .excl = 1 },
		DTW_OPT_FLAG_("dry-run", 'n', &o.dry_run),
		DTW_OPT_STRING_("format", &format),
		DTW_OPT_STRING_("stdin-path", &o.stdin_path),
		{ .type = DTW_OPT_COUNT, .name = "max-warnings", .value = &max_warnings },
		{ .type = DTW_OPT_END },
	};

	memset(&run, 0, sizeof(run));
	memset(&o, 0, sizeof(o));
	o.online = -1;
	dtw_links_init(&run.links);
	run.ctx = ctx;
	run.o = &o;
	run.env.root = ctx->root;
	if ((st = dtw_cmd_parse(ctx, &argc, argv, opts, -1)) != DTW_CONTINUE)
		return st;
	if (!(run.fmt.ops = dtw_formatter_find(format))) {
		dtw_errorf("--format must be one of %s, not \"%s\"", dtw_formatter_names(),
			   format);
		return DTW_EXIT_ERROR;
	}
	if (o.fix && (o.rev || o.staged)) {
		dtw_errorf("--fix changes work-tree files; it cannot be given with --staged or --rev");
		return DTW_EXIT_ERROR;
	}
	if (o.dry_run && !o.fix) {
		dtw_errorf("--dry-run goes with --fix");
		return DTW_EXIT_ERROR;
	}
	if (o.rev && (o.staged || o.changed_since)) {
		dtw_errorf("--rev cannot be combined with --staged or --changed-since");
		return DTW_EXIT_ERROR;
	}
	/* Standard input is one document on its own, as an editor hands it
	 * over: not one among files, nor a version git holds. */
	for (i = 0; i < (size_t)argc; i++) {
		if (strcmp(argv[i], "-"))
			continue;
		if (argc > 1 || o.staged || o.rev || o.changed_since) {
			dtw_errorf("- (standard input) is linted on its own; it cannot be given with %s",
				   argc > 1 ? "other paths" : o.staged ? "--staged" :
				   o.rev ? "--rev" : "--changed-since");
			return DTW_EXIT_ERROR;
		}
	}
	ctx->from_index = o.staged;
	if ((st = dtw_ctx_load(ctx)))
		return st;
	open_releases(&run);
	run.env.repo = ctx->repo; /* opened by the options or the release rules */

	if (argc == 1 && !strcmp(argv[0], "-")) {
		st = DTW_EXIT_ERROR;
		if (read_stdin(&run))
			goto out;
		assign_profiles(&run);
	} else {
		memset(&sel, 0, sizeof(sel));
		sel.paths = argv;
		sel.npaths = (size_t)argc;
		/* Every config's issues: a newsletter in a subdirectory of
		 * the repository has its own .dtw.yaml. */
		if (!argc)
			run.failed += (int)dtw_ctx_load_nested(ctx);
		run.by_paths = !argc || o.issues_only;
		sel.base = ctx->base->dir;
		sel.issues_only = o.issues_only;
		sel.cwd = ctx->cwd;
		sel.root = ctx->root;
		sel.repo = ctx->repo;
		sel.rev = o.rev;
		sel.changed_since = o.changed_since;
		sel.staged = o.staged;
		if (o.issues_only)
			for (i = 0; i < (size_t)argc; i++)
				(void)dtw_ctx_profile_for(ctx, argv[i]);
		patterns = all_paths(ctx, &npatterns);
		sel.patterns = patterns;
		sel.npatterns = npatterns;
		dtw_select_inputs(&run.docs, &sel, lint_report, &run);
		assign_profiles(&run);
		if (o.changed_since && !run.docs.failed && governing_changed(&run))
			select_governed(&run, &sel);
		free(patterns);
		/* Nothing could be selected (the repository could not be read,
		 * said above): no summary that reads as "no problems". */
		st = DTW_EXIT_ERROR;
		if ((run.docs.failed || run.failed) && !run.docs.n && !run.docs.unread)
			goto out;
		/* Asked for the issues and none there: an error, not a green
		 * "no problems in 0 files" (a CI job's paths gone wrong). Of
		 * PATHs given with --issues-only, none being an issue is fine
		 * (the pre-commit framework hands over every Markdown file). */
		if (!run.docs.n && !run.docs.unread && !run.docs.failed && !run.failed &&
		    !o.staged && !o.changed_since && !(o.issues_only && argc)) {
			if (argc)
				dtw_errorf("nothing to lint: no Markdown files in %s%s", argv[0],
					   argc > 1 ? " ..." : "");
			else
				dtw_errorf("no newsletter issues match %s%s (the paths of %s)",
					   ctx->config->paths[0], ctx->config->npaths > 1 ? ", ..." : "",
					   ctx->config->origin ? ctx->config->origin : "the default config");
			goto out;
		}
	}

	/* With --fix -, standard output is the document's: what is left to
	 * report goes to standard error. */
	run.fmt.out = o.fix && run.docs.n == 1 && run.docs.v[0].kind == DTW_INPUT_STDIN ?
		      stderr : stdout;
	run.fmt.color = dtw_ctx_use_color(ctx);
	run.fmt.context = dtw_ctx_use_context(ctx, run.fmt.out);
	run.fmt.quiet = quiet;
	run.fmt.patterns = ctx->config->patterns;
	run.fmt.npatterns = ctx->config->npatterns;
	run.fmt.base = ctx->root ? ctx->root : ctx->cwd;
	run.fmt.cwd = ctx->cwd;
	if ((run.online = wants_online(&run))) {
		gather_links(&run);
		if (check_links(&run))
			run.failed++;
	}
	dtw_fmt_begin(&run.fmt);
	for (i = 0; i < run.docs.n; i++) {
		dtw_ctx_use(ctx, run.prof[i]);
		run.issue_doc = is_issue(&run, &run.docs.v[i]);
		lint_doc(&run, &run.docs.v[i]);
	}
	dtw_ctx_use(ctx, ctx->base);
	run.fmt.unread = run.docs.unread;
	dtw_fmt_end(&run.fmt);

	if (run.docs.unread || run.docs.failed || run.failed)
		st = DTW_EXIT_ERROR;
	else if (run.fmt.errors ||
		 (max_warnings >= 0 && run.fmt.warnings > (size_t)max_warnings))
		st = DTW_EXIT_FINDINGS;
	else
		st = DTW_EXIT_OK;
out:
	dtw_fmt_release(&run.fmt);
	dtw_links_release(&run.links);
	free(run.prof);
	dtw_selection_release(&run.docs);
	dtw_catalog_save(run.catalog);
	dtw_catalog_free(run.catalog);
	return st;
}
