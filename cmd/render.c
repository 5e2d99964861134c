/* dtw render: an issue's e-mail body, as HTML or as plain text, from the
 * work tree or from a revision (--rev); the issue named by path, number or
 * date. */
#include "builtin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "catalog/catalog.h"
#include "git/git.h"
#include "parse/document.h"
#include "render/render.h"
#include "source/input.h"
#include "source/source.h"
#include "format/out.h"
#include "base/banned.h"

const char usage_render[] =
	"usage: dtw render ISSUE [--html | --text] [--rev REV] [--unsafe]\n"
	"\n"
	"Prints a newsletter issue's e-mail body: its Markdown body (the front\n"
	"matter left out) rendered as an HTML page or as plain text. ISSUE is a\n"
	"path, an issue number (42) or a date (2026-11-24).\n"
	"\n"
	"  --html       a self-contained HTML page, inline styles only, titled\n"
	"               from the front matter's title (the default)\n"
	"  --text       plain text, each link written out as \"text (URL)\"\n"
	"  --rev REV    render the file as committed at REV, not the work tree\n"
	"  --unsafe     pass raw HTML and every URL through; by default raw HTML\n"
	"               is left out and javascript:, vbscript:, file: and data:\n"
	"               URLs are dropped\n";

/* Reads the issue `arg` names into *src: from the work tree, or as
 * committed at `rev` when not NULL. A path needs no repository unless
 * `rev` is given; an issue number or a date is looked up through the
 * catalog (as dtw diff and dtw release do). */
static int read_issue(struct dtw_source *src, struct dtw_ctx *ctx, const char *rev,
		      const char *arg)
{
	struct dtw_repo *repo;
	struct dtw_catalog *cat = NULL;
	const char *root;
	char *path = NULL, *display = NULL;
	int key = dtw_issue_arg_is_key(arg), r;

	if (!rev && !key) {
		/* A path: inside a repository, never out of it. */
		r = dtw_input_read_file(src, arg, arg, ctx->root);
		if (r)
			dtw_errorf("%s", dtw_error_last());
		dtw_error_clear();
		return r ? -1 : 0;
	}
	/* No repository at all: a path is what to give. One that is there
	 * but cannot be opened (another user's) is said so below. */
	if (!rev && !ctx->root && !dtw_ctx_try_repo(ctx)) {
		dtw_errorf("render: no git repository to look issue %s up in; give the file's path",
			   arg);
		return -1;
	}
	if (!rev) {
		/* A number or a date is looked up in the work tree's issues. */
		struct strbuf who = STRBUF_INIT;
		strbuf_addf(&who, "dtw render %s", arg);
		r = dtw_ctx_need_repo(ctx, who.buf, 1);
		strbuf_release(&who);
		if (r)
			return -1;
	}
	repo = ctx->repo;
	root = dtw_repo_workdir(repo);
	if (key && dtw_catalog_open(&cat, repo, ctx->schema)) {
		dtw_errorf("%s", dtw_error_last());
		r = -1;
		goto out;
	}
	if ((r = dtw_catalog_resolve(&path, repo, cat, ctx->config, ctx->cwd, rev, arg))) {
		dtw_errorf("%s", dtw_error_last());
		goto out;
	}
	{
		struct dtw_input_env env = { repo, root };
		struct dtw_input in;
		if (root) {
			struct strbuf abs = STRBUF_INIT;
			strbuf_addf(&abs, "%s/%s", root, path);
			display = dtw_ctx_display(ctx, abs.buf);
			if (rev)
				dtw_input_rev(&in, display, rev, path);
			else
				dtw_input_worktree(&in, display, abs.buf, path);
			strbuf_release(&abs);
		} else {
			display = xstrdup(path);
			dtw_input_rev(&in, display, rev, path);
		}
		r = dtw_input_read(src, &in, &env);
		dtw_input_release(&in);
		if (r)
			dtw_errorf("%s", dtw_error_last());
	}
out:
	dtw_error_clear();
	free(display);
	free(path);
	dtw_catalog_save(cat);
	dtw_catalog_free(cat);
	return r ? -1 : 0;
}

int cmd_render(int argc, const char **argv, struct dtw_ctx *ctx)
{
	const char *issue, *rev = NULL;
	int text = 0, unsafe = 0, st;
	struct dtw_option opts[] = {
		DTW_OPT_SET_("html", &text, 0, 1),
		DTW_OPT_SET_("text", &text, 1, 1),
		DTW_OPT_FLAG_("unsafe", 0, &unsafe),
		{ .type = DTW_OPT_STRING, .name = "rev", .value = &rev, .flags = DTW_NEEDS_REPO },
		{ .type = DTW_OPT_END },
	};
	struct dtw_source src;
	struct dtw_document doc;
	struct dtw_arena arena = DTW_ARENA_INIT;
	struct strbuf out = STRBUF_INIT;
	size_t cs = 0, ce = 0;

	if ((st = dtw_cmd_parse(ctx, &argc, argv, opts, 1)) != DTW_CONTINUE)
		return st;
	issue = argc ? argv[0] : NULL;
	if (!issue) {
		dtw_errorf("render: which issue? (dtw render ISSUE; dtw render --help)");
		return DTW_EXIT_ERROR;
	}
	if ((st = dtw_ctx_load(ctx)))
		return st;
	if (dtw_ctx_use_for_arg(ctx, issue))
		return DTW_EXIT_ERROR;
	if (read_issue(&src, ctx, rev, issue))
		return DTW_EXIT_ERROR;
	dtw_document_parse(&doc, &src, &arena, ctx->schema->fm_syntax);
	st = DTW_EXIT_OK;
	if (doc.state == DTW_DOC_BINARY) {
		dtw_errorf("%s: a binary file, not a newsletter issue", src.path);
		st = DTW_EXIT_ERROR;
	} else if (doc.state == DTW_DOC_FM_UNCLOSED) {
		dtw_errorf("%s: the front matter never closes (dtw lint tells where)", src.path);
		st = DTW_EXIT_ERROR;
	} else if (doc.state == DTW_DOC_OVER_LIMIT) {
		dtw_errorf("%s: %s", src.path, doc.limit_msg);
		st = DTW_EXIT_ERROR;
	} else if (doc.state == DTW_DOC_OK && dtw_render_conflict(&doc, &cs, &ce)) {
		uint32_t line, col;
		dtw_source_pos(&src, cs, &line, &col);
		dtw_errorf("%s:%u: a merge conflict is left in the issue (\"%.*s\"); resolve it before rendering (dtw lint shows it)",
			   src.path, (unsigned)line, (int)(ce - cs), src.data + cs);
		st = DTW_EXIT_ERROR;
	} else if (text) {
		dtw_render_text(&out, &doc);
	} else {
		dtw_render_html(&out, &doc, dtw_schema_role_key(ctx->schema, DTW_ROLE_TITLE),
				unsafe ? DTW_RENDER_UNSAFE : 0);
	}
	if (!st)
		dtw_out_text(stdout, out.buf, out.len);
	strbuf_release(&out);
	dtw_document_release(&doc);
	dtw_arena_release(&arena);
	dtw_source_release(&src);
	return st;
}
