/* dtw render: an issue's e-mail body, as HTML or as plain text, from the
 * work tree or from a revision (--rev). */
#include "builtin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "git/git.h"
#include "parse/document.h"
#include "render/render.h"
#include "source/source.h"
#include "base/banned.h"

const char usage_render[] =
	"usage: dtw render ISSUE [--html | --text] [--rev REV] [--unsafe]\n"
	"\n"
	"Prints a newsletter issue's e-mail body: its Markdown body (the front\n"
	"matter left out) rendered as an HTML page or as plain text. ISSUE is the\n"
	"path of the issue's file (issue numbers and dates are not resolved here).\n"
	"\n"
	"  --html       a self-contained HTML page, inline styles only, titled\n"
	"               from the front matter's title (the default)\n"
	"  --text       plain text, each link written out as \"text (URL)\"\n"
	"  --rev REV    render the file as committed at REV, not the work tree\n"
	"  --unsafe     pass raw HTML and every URL through; by default raw HTML\n"
	"               is left out and javascript:, vbscript:, file: and data:\n"
	"               URLs are dropped\n";

/* Reads `arg` at `rev` into *src. */
static int read_rev(struct dtw_source *src, struct dtw_ctx *ctx, const char *rev,
		    const char *arg)
{
	struct dtw_repo *repo = NULL;
	const char *root;
	char *path = NULL, *data = NULL, *display;
	size_t len = 0;
	int r;

	r = dtw_repo_open(&repo, ctx->cwd);
	if (r == DTW_ENOTFOUND) {
		dtw_errorf("render --rev: not in a git repository");
		return -1;
	}
	if (r) {
		dtw_errorf("%s", dtw_error_last());
		return -1;
	}
	root = dtw_repo_workdir(repo);
	if (!root) {
		dtw_errorf("render --rev: a bare repository has no paths to resolve");
		dtw_repo_free(repo);
		return -1;
	}
	path = dtw_relative_to(root, ctx->cwd, arg);
	if (!path) {
		dtw_errorf("%s: outside the repository", arg);
		dtw_repo_free(repo);
		return -1;
	}
	{
		struct strbuf abs = STRBUF_INIT;
		strbuf_addf(&abs, "%s/%s", root, path);
		display = dtw_ctx_display(ctx, abs.buf);
		strbuf_release(&abs);
	}
	r = dtw_repo_read_at(&data, &len, repo, rev, path, DTW_MAX_FILE_SIZE);
	if (r == DTW_ENOTFOUND) {
		dtw_errorf("%s: does not exist at %s", display, rev);
	} else if (r) {
		dtw_errorf("%s: %s", display, dtw_error_last());
	} else {
		dtw_source_init_owned(src, display, data, len);
	}
	dtw_error_clear();
	free(display);
	free(path);
	dtw_repo_free(repo);
	return r ? -1 : 0;
}

int cmd_render(int argc, const char **argv, struct dtw_ctx *ctx)
{
	const char *issue = NULL, *rev = NULL, *v;
	int text = 0, flags = 0, k, st, r;
	struct dtw_source src;
	struct dtw_document doc;
	struct dtw_arena arena = DTW_ARENA_INIT;
	struct strbuf out = STRBUF_INIT;

	for (k = 1; k < argc; k++) {
		const char *a = argv[k];
		int o;
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage_render, stdout);
			return DTW_EXIT_OK;
		}
		if (!strcmp(a, "--html") || !strcmp(a, "--text")) {
			text = a[2] == 't';
			continue;
		}
		if (!strcmp(a, "--unsafe")) {
			flags |= DTW_RENDER_UNSAFE;
			continue;
		}
		if ((v = dtw_opt_value(argc, argv, &k, "--rev"))) {
			if (!*v)
				return DTW_EXIT_ERROR;
			rev = v;
			continue;
		}
		o = dtw_ctx_option(ctx, argc, argv, &k);
		if (o < 0)
			return DTW_EXIT_ERROR;
		if (o)
			continue;
		if (a[0] == '-' && a[1]) {
			dtw_errorf("render: unknown option \"%s\" (dtw render --help lists them)", a);
			return DTW_EXIT_ERROR;
		}
		if (issue) {
			dtw_errorf("render: one ISSUE at a time");
			return DTW_EXIT_ERROR;
		}
		issue = a;
	}
	if (!issue) {
		dtw_errorf("render: which issue? (dtw render ISSUE; dtw render --help)");
		return DTW_EXIT_ERROR;
	}
	if ((st = dtw_ctx_load(ctx)))
		return st;
	if (rev) {
		if (read_rev(&src, ctx, rev, issue))
			return DTW_EXIT_ERROR;
	} else {
		r = dtw_source_read_file(&src, issue, issue);
		if (r) {
			if (r == DTW_ENOTFOUND)
				dtw_errorf("%s: no such file", issue);
			else
				dtw_errorf("%s", dtw_error_last());
			dtw_error_clear();
			return DTW_EXIT_ERROR;
		}
	}
	dtw_document_parse(&doc, &src, &arena);
	st = DTW_EXIT_OK;
	if (doc.state == DTW_DOC_BINARY) {
		dtw_errorf("%s: a binary file, not a newsletter issue", src.path);
		st = DTW_EXIT_ERROR;
	} else if (doc.state == DTW_DOC_FM_UNCLOSED) {
		dtw_errorf("%s: the front matter never closes (dtw lint tells where)", src.path);
		st = DTW_EXIT_ERROR;
	} else if (text) {
		dtw_render_text(&out, &doc);
	} else {
		dtw_render_html(&out, &doc, flags);
	}
	if (!st)
		fwrite(out.buf, 1, out.len, stdout);
	strbuf_release(&out);
	dtw_document_release(&doc);
	dtw_arena_release(&arena);
	dtw_source_release(&src);
	return st;
}
