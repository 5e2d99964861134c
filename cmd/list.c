/* dtw list: every newsletter issue in the work tree with its number, date,
 * status, title, release tag and whether the file changed after the
 * release. Front matter comes through the catalog's cache (by blob id), so
 * a long archive is parsed once, not on every run. */
#include "builtin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "catalog/catalog.h"
#include "format/format.h"
#include "git/git.h"
#include "model/issue.h"
#include "source/files.h"
#include "source/source.h"
#include "format/out.h"
#include "source/input.h"
#include "base/banned.h"

const char usage_list[] =
	"usage: dtw list [--format text|json]\n"
	"\n"
	"Every newsletter issue (the files the config's paths name), sorted by\n"
	"number: number, date, status, release tag (\"-\" if never released, with\n"
	"\"*\" when the file changed after the release), title and path.\n";

struct row {
	char *path;          /* shown */
	struct dtw_facts f;
	const char *tag;     /* borrowed from the catalog */
	int changed;
};

static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	if (x->f.issue != y->f.issue)
		return x->f.issue < y->f.issue ? -1 : 1;
	return strcmp(x->path, y->path);
}

static void print_json(const struct row *rows, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	strbuf_addstr(&sb, "[");
	for (i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		strbuf_addstr(&sb, i ? ",\n {\"path\":" : "\n {\"path\":");
		dtw_json_add_string(&sb, r->path, strlen(r->path));
		if (r->f.issue)
			strbuf_addf(&sb, ",\"issue\":%ld,\"date\":", r->f.issue);
		else
			strbuf_addstr(&sb, ",\"issue\":null,\"date\":");
		if (*r->f.date)
			dtw_json_add_string(&sb, r->f.date, strlen(r->f.date));
		else
			strbuf_addstr(&sb, "null");
		strbuf_addstr(&sb, ",\"title\":");
		dtw_json_add_string(&sb, r->f.title, strlen(r->f.title));
		strbuf_addstr(&sb, ",\"status\":");
		dtw_json_add_string(&sb, r->f.status, strlen(r->f.status));
		strbuf_addstr(&sb, ",\"tag\":");
		if (r->tag)
			dtw_json_add_string(&sb, r->tag, strlen(r->tag));
		else
			strbuf_addstr(&sb, "null");
		strbuf_addf(&sb, ",\"changed\":%s}", r->changed ? "true" : "false");
	}
	strbuf_addstr(&sb, n ? "\n]\n" : "]\n");
	dtw_out_literal(stdout, sb.buf, sb.len); /* built from escaped parts */
	strbuf_release(&sb);
}

static void print_text(const struct row *rows, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	for (i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		struct strbuf tag = STRBUF_INIT;
		strbuf_reset(&sb);
		if (r->f.issue)
			strbuf_addf(&sb, "%5ld", r->f.issue);
		else
			strbuf_addstr(&sb, "    ?");
		strbuf_addf(&sb, "  %-10s  %-9s  ", *r->f.date ? r->f.date : "?",
			    *r->f.status ? r->f.status : "?");
		strbuf_addf(&tag, "%s%s", r->tag ? r->tag : "-", r->changed ? "*" : "");
		strbuf_addf(&sb, "%-12s  ", tag.buf);
		strbuf_addstr(&sb, r->f.title);
		strbuf_addstr(&sb, "  ");
		strbuf_addstr(&sb, r->path);
		/* Status, date, title and path come from the files: the line
		 * is escaped whole. */
		dtw_out_line(stdout, "%s", sb.buf);
		strbuf_release(&tag);
	}
	if (!n)
		dtw_out_line(stdout, "no newsletter issues match %s", "the config's paths");
	strbuf_release(&sb);
}

int cmd_list(int argc, const char **argv, struct dtw_ctx *ctx)
{
	struct dtw_filelist files = { 0 };
	struct dtw_repo *repo = NULL;
	struct dtw_catalog *cat = NULL;
	struct row *rows;
	const char *base;
	size_t i, n = 0;
	int st, json = 0, failed = 0;
	struct dtw_option opts[] = {
		{ .type = DTW_OPT_CHOICE, .name = "format", .value = &json,
		  .choices = dtw_text_json },
		{ .type = DTW_OPT_END },
	};

	if ((st = dtw_cmd_parse(ctx, &argc, argv, opts, 0)) != DTW_CONTINUE)
		return st;
	if ((st = dtw_ctx_load(ctx)))
		return st;
	base = ctx->root ? ctx->root : ctx->cwd;
	repo = ctx->root ? dtw_ctx_try_repo(ctx) : NULL;
	if (repo && dtw_catalog_open(&cat, repo, ctx->schema, ctx->config->release_tag)) {
		dtw_errorf("%s", dtw_error_last());
		return DTW_EXIT_ERROR;
	}
	if (dtw_files_match(&files, base, (const char *const *)ctx->config->paths,
			    ctx->config->npaths)) {
		dtw_errorf("%s", dtw_error_last());
		failed = 1;
	}
	rows = xcalloc(files.n + 1, sizeof(*rows));
	for (i = 0; i < files.n; i++) {
		struct strbuf abs = STRBUF_INIT;
		struct dtw_source src;
		struct row *r = &rows[n];
		strbuf_addf(&abs, "%s/%s", base, files.paths[i]);
		r->path = dtw_ctx_display(ctx, abs.buf);
		if (dtw_input_read_file(&src, abs.buf, r->path, ctx->root)) {
			dtw_errorf("%s", dtw_error_last());
			free(r->path);
			strbuf_release(&abs);
			failed = 1;
			continue;
		}
		strbuf_release(&abs);
		if (cat) {
			unsigned char blob[20];
			const struct dtw_tag *t;
			dtw_blob_id(blob, src.data, src.len);
			dtw_catalog_facts_data(&r->f, cat, blob, src.data, src.len);
			t = dtw_catalog_tag_of(cat, r->f.issue, files.paths[i]);
			if (!t)
				t = dtw_catalog_tag_of(cat, r->f.issue, NULL);
			if (t) {
				unsigned char wt[20];
				r->tag = t->name;
				/* As git status sees the file: through its filters. */
				if (dtw_repo_worktree_blob(wt, repo, files.paths[i]))
					memcpy(wt, blob, 20);
				r->changed = t->has_blob && memcmp(t->blob, wt, 20);
			}
		} else {
			struct dtw_issue *is = dtw_issue_build(&src, ctx->schema);
			dtw_facts_from_issue(&r->f, is);
			dtw_issue_free(is);
		}
		dtw_source_release(&src);
		n++;
	}
	if (n > 1)
		qsort(rows, n, sizeof(*rows), cmp_row);
	if (json)
		print_json(rows, n);
	else
		print_text(rows, n);
	for (i = 0; i < n; i++) {
		free(rows[i].path);
		dtw_facts_release(&rows[i].f);
	}
	free(rows);
	dtw_filelist_release(&files);
	dtw_catalog_free(cat);
	return failed ? DTW_EXIT_ERROR : DTW_EXIT_OK;
}
