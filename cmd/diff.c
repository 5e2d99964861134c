/* dtw diff: what changed in a newsletter issue between two versions — a
 * revision (by default its release tag, else HEAD), the index or the work
 * tree — item by item from the two issue models, or as a line diff. */
#include "builtin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "catalog/catalog.h"
#include "catalog/release.h"
#include "diff/diff.h"
#include "format/diffview.h"
#include "git/git.h"
#include "model/issue.h"
#include "source/files.h"
#include "source/input.h"
#include "source/source.h"
#include "format/out.h"
#include "base/banned.h"

const char usage_diff[] =
	"usage: dtw diff [ISSUE] [FROM [TO]] [--staged] [--items | --patch | --stat]\n"
	"                [--format text|json]\n"
	"       dtw diff --changed-since REV [--items | --stat] [--format text|json]\n"
	"       dtw diff --no-index OLD NEW\n"
	"\n"
	"What changed in one newsletter issue: ISSUE is a path, a number or a\n"
	"date. FROM defaults to the issue's release tag, or HEAD if it was never\n"
	"released; TO to the work tree (the index with --staged). Any revision git\n"
	"understands. With no ISSUE, as git diff: every issue that differs between\n"
	"HEAD and the work tree (the index with --staged), each against HEAD.\n"
	"\n"
	"  --items            item by item (sections and items added, removed,\n"
	"                     moved, retitled; fields and links changed; the text\n"
	"                     of an item, a section, the intro or the outro, with a\n"
	"                     word diff): the default\n"
	"  --patch            a unified line diff of the file\n"
	"  --stat             one line per issue with counts (items, front-matter\n"
	"                     keys, sections, title, intro, outro)\n"
	"  --format json      a JSON document (with --items or --stat)\n"
	"  --changed-since REV  every issue changed since the merge base of REV and HEAD\n"
	"  --no-index OLD NEW compare two files, outside git\n";

struct diffrun {
	struct dtw_ctx *ctx;
	struct dtw_repo *repo;
	struct dtw_catalog *cat;
	int staged;
	struct dtw_diff_view view;
};

/* Loads `path` as it is at `rev`: "" names the work tree, NULL the index.
 * A version where the file does not exist is absent, not an error. */
static int load(struct diffrun *d, struct dtw_diff_side *v, const char *rev, const char *path,
		const char *display)
{
	struct dtw_input in;
	struct dtw_input_env env = { d->repo, dtw_repo_workdir(d->repo) };
	int r, wt = rev && !*rev, sparse = wt && dtw_repo_path_sparse(d->repo, path);

	memset(v, 0, sizeof(*v));
	/* Outside a sparse checkout, the work-tree version is the index's
	 * (as git diff takes it), not a deletion. */
	if (sparse) {
		v->label = xstrdup("index, outside the sparse checkout");
		dtw_input_index(&in, display, path);
	} else if (wt) {
		struct strbuf abs = STRBUF_INIT;
		v->label = xstrdup("work tree");
		strbuf_addf(&abs, "%s/%s", dtw_repo_workdir(d->repo), path);
		dtw_input_worktree(&in, display, abs.buf, path);
		strbuf_release(&abs);
	} else if (!rev) {
		v->label = xstrdup("index");
		dtw_input_index(&in, display, path);
	} else {
		v->label = xstrdup(rev);
		dtw_input_rev(&in, display, rev, path);
	}
	r = dtw_input_read(&v->src, &in, &env);
	dtw_input_release(&in);
	if (r == DTW_ENOTFOUND) {
		dtw_error_clear();
		return 0;
	}
	if (r)
		return r;
	v->present = 1;
	v->issue = dtw_issue_build(&v->src, d->ctx->schema);
	/* What --patch compares: the work tree as git records it. */
	if (d->repo && wt && !sparse &&
	    dtw_repo_clean_text(&v->recorded, &v->recorded_len, d->repo, path, v->src.data,
				v->src.len) < 0)
		return DTW_ERROR;
	return 0;
}

/* Loads the issue as release tag t released it: the blob its Dtw-Blob
 * names (wherever the file has moved since), else its Dtw-Path at the
 * tag. */
static int load_release(struct diffrun *d, struct dtw_diff_side *v, const struct dtw_tag *t,
			const char *display)
{
	struct dtw_input in;
	struct dtw_input_env env = { d->repo, dtw_repo_workdir(d->repo) };
	int r;

	if (!t->rel.has_blob)
		return load(d, v, t->name, t->rel.path, display);
	memset(v, 0, sizeof(*v));
	v->label = xstrdup(t->name);
	dtw_input_blob(&in, display, t->rel.path, &t->rel.blob);
	r = dtw_input_read(&v->src, &in, &env);
	dtw_input_release(&in);
	if (r == DTW_ENOTFOUND) { /* the blob is gone: the path at the tag */
		dtw_error_clear();
		dtw_diff_side_release(v);
		return load(d, v, t->name, t->rel.path, display);
	}
	if (r)
		return r;
	v->present = 1;
	v->issue = dtw_issue_build(&v->src, d->ctx->schema);
	return 0;
}

/* Whether the work tree's file at `path` claims issue number `issue`. */
static int wt_claims(struct diffrun *d, const char *path, long issue)
{
	struct dtw_diff_side w;
	int claims = !load(d, &w, "", path, path) && w.present &&
		     dtw_issue_number(w.issue) == issue;
	dtw_diff_side_release(&w);
	dtw_error_clear();
	return claims;
}

/* Of the releases of issue `issue`, the one of the content `blob` when
 * there is one (several: a tag moved under another name), else `t`. */
static const struct dtw_tag *prefer_blob(struct diffrun *d, const struct dtw_tag *t, long issue,
					 const struct dtw_oid *blob)
{
	const struct dtw_tag *same = blob ? dtw_catalog_tag_with_blob(d->cat, issue, blob) : NULL;
	return same ? same : t;
}

/* The release of the issue that `arg` (a number or a date) names, for
 * an issue no longer in the work tree: the release tag whose Dtw-Issue is
 * that number, or whose released content has that date. */
static const struct dtw_tag *release_named(struct diffrun *d, const char *arg)
{
	size_t i;

	if (!strchr(arg, '-'))
		return dtw_catalog_tag_of(d->cat, strtol(arg, NULL, 10), NULL);
	for (i = 0; i < d->cat->ntags; i++) {
		const struct dtw_tag *t = &d->cat->tags[i];
		struct dtw_facts f;
		int hit;
		if (!t->rel.has_blob || dtw_catalog_facts(&f, d->cat, &t->rel.blob))
			continue;
		hit = !strcmp(f.date, arg);
		dtw_facts_release(&f);
		if (hit)
			return t;
	}
	dtw_error_clear();
	return NULL;
}

/* The release of issue `issue`, now at `path`: the release of that path,
 * else one whose file has left its path in the work tree (renamed since,
 * or another issue there now); of several, the one of the file's content. */
static const struct dtw_tag *release_of(struct diffrun *d, long issue, const char *path)
{
	const struct dtw_tag *t = dtw_catalog_tag_of(d->cat, issue, path);
	struct dtw_oid wt;
	size_t i;

	for (i = 0; !t && i < d->cat->ntags; i++) {
		const struct dtw_tag *c = &d->cat->tags[i];
		if (c->rel.issue == issue && c->rel.path && !wt_claims(d, c->rel.path, issue))
			t = c;
	}
	if (t && !dtw_repo_worktree_blob(&wt, d->repo, path))
		t = prefer_blob(d, t, issue, &wt);
	dtw_error_clear();
	return t;
}

static int show(struct diffrun *d, const char *display, const struct dtw_diff_side *a,
		const struct dtw_diff_side *b)
{
	if (!dtw_diff_view_issue(&d->view, display, a, b))
		return DTW_EXIT_OK;
	dtw_errorf("%s", dtw_error_last());
	return DTW_EXIT_ERROR;
}

static int diff_one(struct diffrun *d, const char *arg, const char *from, const char *to)
{
	struct dtw_diff_side a, b;
	char *path = NULL, *display;
	struct strbuf abs = STRBUF_INIT;
	const char *from_rev = from;
	const struct dtw_tag *t = NULL;
	int st = DTW_EXIT_OK, gone = 0;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (dtw_catalog_resolve(&path, d->repo, d->cat, d->ctx->config, d->ctx->cwd, NULL, arg)) {
		/* Not in the work tree (deleted there): the file at HEAD that
		 * claims it, against its release; else (the deletion is
		 * committed) its release, whose path may hold another issue
		 * now, which is then not this one's new version. */
		if (!dtw_issue_arg_is_key(arg)) {
			dtw_errorf("%s", dtw_error_last());
			return DTW_EXIT_ERROR;
		}
		t = release_named(d, arg);
		if (dtw_catalog_resolve(&path, d->repo, d->cat, d->ctx->config, d->ctx->cwd,
					"HEAD", arg)) {
			if (!t) {
				dtw_errorf("%s", dtw_error_last());
				return DTW_EXIT_ERROR;
			}
			path = xstrdup(t->rel.path);
			gone = !wt_claims(d, path, t->rel.issue);
		}
		dtw_error_clear();
	}
	strbuf_addf(&abs, "%s/%s", dtw_repo_workdir(d->repo), path);
	display = dtw_ctx_display(d->ctx, abs.buf);
	strbuf_release(&abs);
	if (!from_rev && !t) {
		/* The release of this issue (found by its trailers, the file
		 * renamed since or not), else HEAD. */
		struct dtw_diff_side w;
		if (!load(d, &w, "", path, display) && w.present)
			t = release_of(d, dtw_issue_number(w.issue), path);
		dtw_diff_side_release(&w);
		dtw_error_clear();
	}
	if (!from_rev)
		from_rev = t ? t->name : "HEAD";
	if ((from || !t ? load(d, &a, from_rev, path, display) :
			  load_release(d, &a, t, display)) ||
	    (!(gone && !to) && load(d, &b, to ? to : d->staged ? NULL : "", path, display))) {
		dtw_errorf("%s", dtw_error_last()); /* names the file */
		st = DTW_EXIT_ERROR;
	} else if (!a.present && !b.present) {
		dtw_errorf("%s: exists neither at %s nor in the %s", display, from_rev,
			   to ? to : d->staged ? "index" : "work tree");
		st = DTW_EXIT_ERROR;
	} else {
		st = show(d, display, &a, &b);
	}
	dtw_diff_side_release(&a);
	dtw_diff_side_release(&b);
	free(display);
	free(path);
	return st;
}

/* Every newsletter issue that differs between the merge base of rev and
 * HEAD and the work tree (the index with --staged), renames followed,
 * each as its own diff, in path order. `worktree`: dtw diff with no
 * ISSUE, rev HEAD, as git diff: the old side is named HEAD, and nothing
 * changed is a note on stderr, not a line of the diff. */
static int diff_changed(struct diffrun *d, const char *rev, int worktree)
{
	struct dtw_git_files files = { 0 };
	struct dtw_oid base;
	char hex[DTW_OID_HEXSZ + 1];
	size_t i;
	int st = DTW_EXIT_OK;

	if (dtw_repo_merge_base(&base, d->repo, rev) ||
	    dtw_repo_changed_since(&files, d->repo, rev,
				   (d->staged ? DTW_CHANGED_STAGED : 0) | DTW_CHANGED_RENAMES, NULL, 0,
				   dtw_want_issue,
				   d->ctx->config)) {
		dtw_errorf("%s", dtw_error_last());
		return DTW_EXIT_ERROR;
	}
	dtw_oid_hex(hex, &base);
	for (i = 0; i < files.n; i++) {
		struct dtw_diff_side a, b;
		struct strbuf abs = STRBUF_INIT;
		char *display;
		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		strbuf_addf(&abs, "%s/%s", dtw_repo_workdir(d->repo), files.v[i].path);
		display = dtw_ctx_display(d->ctx, abs.buf);
		strbuf_release(&abs);
		if (load(d, &a, hex, files.v[i].old_path ? files.v[i].old_path : files.v[i].path,
			 display) ||
		    load(d, &b, d->staged ? NULL : "", files.v[i].path, display)) {
			dtw_errorf("%s", dtw_error_last()); /* names the file */
			st = DTW_EXIT_ERROR;
		} else {
			struct strbuf l = STRBUF_INIT;
			if (worktree)
				strbuf_addstr(&l, rev);
			else
				strbuf_addf(&l, "merge base with %s", rev);
			if (files.v[i].old_path) /* renamed since */
				strbuf_addf(&l, ", as %s", files.v[i].old_path);
			free(a.label);
			a.label = strbuf_detach(&l, NULL);
			if (show(d, display, &a, &b))
				st = DTW_EXIT_ERROR;
		}
		dtw_diff_side_release(&a);
		dtw_diff_side_release(&b);
		free(display);
	}
	if (!files.n && worktree) {
		dtw_ctx_report(d->ctx, 0, d->staged ? "no newsletter issue changed in the index" :
				      "no newsletter issue changed in the work tree");
	} else if (!files.n) {
		struct strbuf note = STRBUF_INIT;
		strbuf_addf(&note, "no newsletter issue changed since %s", rev);
		dtw_diff_view_note(&d->view, note.buf);
		strbuf_release(&note);
	}
	dtw_git_files_release(&files);
	return st;
}

static int diff_files(struct diffrun *d, const char *old, const char *new)
{
	struct dtw_diff_side a, b;
	int st = DTW_EXIT_OK;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	/* Two files named outright, outside git (as git diff --no-index):
	 * no repository bounds them. */
	{
		struct dtw_input_env env = { NULL, NULL };
		struct dtw_input ia, ib;
		int r;
		dtw_input_worktree(&ia, old, old, NULL);
		dtw_input_worktree(&ib, new, new, NULL);
		r = dtw_input_read(&a.src, &ia, &env);
		if (!r) {
			a.present = 1;
			r = dtw_input_read(&b.src, &ib, &env);
			b.present = !r;
		}
		dtw_input_release(&ia);
		dtw_input_release(&ib);
		if (r) {
			dtw_errorf("%s", dtw_error_last());
			dtw_diff_side_release(&a);
			return DTW_EXIT_ERROR;
		}
	}
	a.label = xstrdup(old);
	b.label = xstrdup(new);
	a.issue = dtw_issue_build(&a.src, d->ctx->schema);
	b.issue = dtw_issue_build(&b.src, d->ctx->schema);
	st = show(d, new, &a, &b);
	dtw_diff_side_release(&a);
	dtw_diff_side_release(&b);
	return st;
}

int cmd_diff(int argc, const char **argv, struct dtw_ctx *ctx)
{
	struct diffrun d;
	const char *args[3] = { NULL, NULL, NULL }, *changed = NULL;
	int nargs, no_index = 0, st, k, mode = DTW_DIFF_ITEMS, json = 0;
	struct dtw_option opts[] = {
		/* One mode; and --no-index compares two files, outside git:
		 * neither the index nor a revision. */
		DTW_OPT_SET_("items", &mode, DTW_DIFF_ITEMS, 1),
		DTW_OPT_SET_("patch", &mode, DTW_DIFF_PATCH, 1),
		DTW_OPT_SET_("stat", &mode, DTW_DIFF_STAT, 1),
		{ .type = DTW_OPT_FLAG, .name = "staged", .alias = "cached", .value = &d.staged,
		  .set = 1, .excl = 2 },
		{ .type = DTW_OPT_FLAG, .name = "no-index", .value = &no_index, .set = 1,
		  .flags = DTW_NO_REPO, .excl = 2 | 4 },
		{ .type = DTW_OPT_STRING, .name = "changed-since", .value = &changed, .excl = 4 },
		{ .type = DTW_OPT_CHOICE, .name = "format", .value = &json, .choices = dtw_text_json },
		{ .type = DTW_OPT_END },
	};

	memset(&d, 0, sizeof(d));
	d.ctx = ctx;
	if ((st = dtw_cmd_parse(ctx, &argc, argv, opts, 3)) != DTW_CONTINUE)
		return st;
	nargs = argc;
	for (k = 0; k < argc; k++)
		args[k] = argv[k];
	d.view.json = json;
	d.view.mode = (enum dtw_diff_mode)mode;
	if (d.staged && nargs == 3) {
		dtw_errorf("diff: --staged compares with the index; it cannot be given with FROM and TO");
		return DTW_EXIT_ERROR;
	}
	if (json && mode == DTW_DIFF_PATCH) {
		dtw_errorf("--patch has no JSON form; use --items or --stat");
		return DTW_EXIT_ERROR;
	}
	d.view.color = !json && dtw_ctx_use_color(ctx);
	if (no_index ? nargs != 2 : changed && nargs != 0) {
		dtw_errorf(no_index ? "diff --no-index takes two files" :
			   "diff --changed-since takes no ISSUE");
		return DTW_EXIT_ERROR;
	}
	if ((st = dtw_ctx_load(ctx)))
		return st;
	if (!no_index && dtw_ctx_use_for_arg(ctx, args[0]))
		return DTW_EXIT_ERROR;
	dtw_diff_view_begin(&d.view);
	if (no_index) {
		st = diff_files(&d, args[0], args[1]);
	} else {
		d.repo = ctx->repo; /* DTW_NEEDS_WORKTREE */
		if (dtw_catalog_open(&d.cat, d.repo, ctx->schema)) {
			dtw_errorf("%s", dtw_error_last());
			st = DTW_EXIT_ERROR;
		} else if (changed) {
			st = diff_changed(&d, changed, 0);
		} else if (!args[0]) { /* no ISSUE */
			st = diff_changed(&d, "HEAD", 1);
		} else {
			st = diff_one(&d, args[0], args[1], args[2]);
		}
		dtw_catalog_save(d.cat);
		dtw_catalog_free(d.cat);
	}
	dtw_diff_view_end(&d.view, stdout);
	return st;
}
