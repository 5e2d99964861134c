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
	"understands.\n"
	"\n"
	"  --items            item by item (sections and items added, removed,\n"
	"                     moved, retitled; fields and links changed): the default\n"
	"  --patch            a unified line diff of the file\n"
	"  --stat             one line per issue with counts\n"
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
	int r;

	memset(v, 0, sizeof(*v));
	if (rev && !*rev) {
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
	return 0;
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
	int st = DTW_EXIT_OK;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (dtw_catalog_resolve(&path, d->repo, d->cat, d->ctx->config, d->ctx->cwd, NULL, arg)) {
		dtw_errorf("%s", dtw_error_last());
		return DTW_EXIT_ERROR;
	}
	strbuf_addf(&abs, "%s/%s", dtw_repo_workdir(d->repo), path);
	display = dtw_ctx_display(d->ctx, abs.buf);
	strbuf_release(&abs);
	if (!from_rev) {
		/* The release tag of this issue, else HEAD. */
		struct dtw_source src;
		const struct dtw_tag *t = NULL;
		struct strbuf p = STRBUF_INIT;
		strbuf_addf(&p, "%s/%s", dtw_repo_workdir(d->repo), path);
		if (!dtw_input_read_file(&src, p.buf, display, dtw_repo_workdir(d->repo))) {
			struct dtw_issue *is = dtw_issue_build(&src, d->ctx->schema);
			struct dtw_facts f;
			dtw_facts_from_issue(&f, is);
			t = dtw_catalog_tag_of(d->cat, f.issue, path);
			dtw_facts_release(&f);
			dtw_issue_free(is);
			dtw_source_release(&src);
		}
		dtw_error_clear();
		strbuf_release(&p);
		from_rev = t ? t->name : "HEAD";
	}
	if (load(d, &a, from_rev, path, display) ||
	    load(d, &b, to ? to : d->staged ? NULL : "", path, display)) {
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

static int diff_changed(struct diffrun *d, const char *rev)
{
	struct dtw_git_files files = { 0 };
	struct dtw_oid base;
	char hex[DTW_OID_HEXSZ + 1];
	size_t i;
	int st = DTW_EXIT_OK;

	if (dtw_repo_merge_base(&base, d->repo, rev) ||
	    dtw_repo_changed_since(&files, d->repo, rev, d->staged, NULL, 0, dtw_want_issue,
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
		if (load(d, &a, hex, files.v[i].path, display) ||
		    load(d, &b, d->staged ? NULL : "", files.v[i].path, display)) {
			dtw_errorf("%s", dtw_error_last()); /* names the file */
			st = DTW_EXIT_ERROR;
		} else {
			struct strbuf l = STRBUF_INIT;
			strbuf_addf(&l, "merge base with %s", rev);
			free(a.label);
			a.label = strbuf_detach(&l, NULL);
			if (show(d, display, &a, &b))
				st = DTW_EXIT_ERROR;
		}
		dtw_diff_side_release(&a);
		dtw_diff_side_release(&b);
		free(display);
	}
	if (!files.n) {
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
		DTW_OPT_SET_("items", &mode, DTW_DIFF_ITEMS),
		DTW_OPT_SET_("patch", &mode, DTW_DIFF_PATCH),
		DTW_OPT_SET_("stat", &mode, DTW_DIFF_STAT),
		{ .type = DTW_OPT_FLAG, .name = "staged", .alias = "cached", .value = &d.staged,
		  .set = 1 },
		{ .type = DTW_OPT_FLAG, .name = "no-index", .value = &no_index, .set = 1,
		  .flags = DTW_NO_REPO },
		DTW_OPT_STRING_("changed-since", &changed),
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
	if (no_index ? nargs != 2 : changed ? nargs != 0 : nargs < 1) {
		dtw_errorf(no_index ? "diff --no-index takes two files" :
			   changed ? "diff --changed-since takes no ISSUE" :
			   "diff: which issue? (dtw diff ISSUE; dtw diff --help)");
		return DTW_EXIT_ERROR;
	}
	if ((st = dtw_ctx_load(ctx)))
		return st;
	dtw_diff_view_begin(&d.view);
	if (no_index) {
		st = diff_files(&d, args[0], args[1]);
	} else {
		d.repo = ctx->repo; /* DTW_NEEDS_WORKTREE */
		if (dtw_catalog_open(&d.cat, d.repo, ctx->schema)) {
			dtw_errorf("%s", dtw_error_last());
			st = DTW_EXIT_ERROR;
		} else if (changed) {
			st = diff_changed(&d, changed);
		} else {
			st = diff_one(&d, args[0], args[1], args[2]);
		}
		dtw_catalog_save(d.cat);
		dtw_catalog_free(d.cat);
	}
	dtw_diff_view_end(&d.view, stdout);
	return st;
}
