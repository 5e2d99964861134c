/* dtw new: starts the next newsletter issue. Reads the issues the config's
 * paths match for the highest number and the latest date, and writes a
 * skeleton of the schema — every section, its items' fields and CTAs —
 * with TODO where the editor has writing to do, so that `dtw lint` points
 * at exactly what is left. Never overwrites a file. */
#include "builtin.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "catalog/catalog.h"
#include "git/git.h"
#include "schema/skeleton.h"
#include "source/files.h"
#include "source/write.h"
#include "format/out.h"
#include "base/banned.h"

const char usage_new[] =
	"usage: dtw new [--date YYYY-MM-DD] [--title TITLE]\n"
	"\n"
	"Starts the next newsletter issue: number one more than the highest\n"
	"`issue` among the files matching the config's paths, dated --date or a\n"
	"week after the latest issue (today when there is none), written to\n"
	"DATE.md in the directory of the first paths pattern. Every section of\n"
	"the schema gets its items with their fields and call-to-action links,\n"
	"and TODO wherever there is writing to do: `dtw lint` lists what is\n"
	"left. The title is --title, or the latest issue's. An existing file is\n"
	"never overwritten.\n";

/* mkdir -p of root/rel. */
static int make_dirs(const char *root, const char *rel)
{
	struct strbuf d = STRBUF_INIT;
	int r;
	strbuf_addf(&d, "%s/%s", root, rel);
	r = dtw_mkdirs(d.buf);
	if (r)
		dtw_errorf("%s", dtw_error_last());
	strbuf_release(&d);
	return r ? -1 : 0;
}

static void quiet(void *data, int error, const char *msg)
{
	(void)data;
	(void)error;
	(void)msg;
}

/* Reads every issue the config's paths match (a file that cannot be
 * read counts for nothing): the highest number, and the latest date with
 * that issue's title. */
static void scan_issues(const struct dtw_ctx *ctx, const char *root, long *max_issue,
			char latest[11], char **latest_title)
{
	struct dtw_list_row *rows;
	size_t i, n;

	dtw_catalog_list(&rows, &n, NULL, ctx->schema, root, root, ctx->cwd,
			 (const char *const *)ctx->config->paths, ctx->config->npaths, quiet, NULL);
	for (i = 0; i < n; i++) {
		const struct dtw_facts *f = &rows[i].f;
		if (f->issue > *max_issue)
			*max_issue = f->issue;
		if (f->date[0] && strcmp(f->date, latest) > 0) {
			memcpy(latest, f->date, 11);
			free(*latest_title);
			*latest_title = *f->title ? xstrdup(f->title) : NULL;
		}
	}
	dtw_list_rows_free(rows, n);
}

int cmd_new(int argc, const char **argv, struct dtw_ctx *ctx)
{
	struct { const char *date, *title; } o = { NULL, NULL };
	const char *root;
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	char latest[11] = "", date[11], *title = NULL, *dir = NULL, *shown = NULL;
	long max_issue = 0;
	struct tm tm;
	int r, st;
	struct dtw_option opts[] = {
		DTW_OPT_STRING_("date", &o.date),
		DTW_OPT_STRING_("title", &o.title),
		{ .type = DTW_OPT_END },
	};

	if ((st = dtw_cmd_parse(ctx, &argc, argv, opts, 0)) != DTW_CONTINUE)
		return st;
	st = DTW_EXIT_ERROR;
	if (o.date && dtw_date_parse(&tm, o.date)) {
		dtw_errorf("--date must be a calendar date YYYY-MM-DD, not \"%s\"", o.date);
		return DTW_EXIT_ERROR;
	}
	if ((r = dtw_ctx_load(ctx)))
		return r;
	root = dtw_repo_workdir(ctx->repo);
	if (!ctx->config->npaths) {
		dtw_errorf("the config's paths are empty; dtw new has nowhere to write");
		return DTW_EXIT_ERROR;
	}
	scan_issues(ctx, root, &max_issue, latest, &title);

	if (o.date) {
		r = dtw_date_format(date, &tm);
	} else if (latest[0] && !dtw_date_parse(&tm, latest)) {
		tm.tm_mday += 7;
		timegm(&tm);
		r = dtw_date_format(date, &tm);
	} else {
		time_t now = time(NULL);
		struct tm lt;
		if (!localtime_r(&now, &lt)) {
			dtw_errorf("cannot read the clock");
			goto out;
		}
		r = dtw_date_format(date, &lt);
	}
	if (r) {
		dtw_errorf("the new issue's date is outside the years 1000 to 9999");
		goto out;
	}
	if (o.title) {
		free(title);
		title = xstrdup(o.title);
	} else if (!title) {
		title = xstrdup("TODO: newsletter title");
	}

	dir = xstrndup(ctx->config->paths[0], dtw_pattern_dir_len(ctx->config->paths[0]));
	if (*dir && make_dirs(root, dir))
		goto out;
	strbuf_addf(&path, "%s/%s%s%s.md", root, dir, *dir ? "/" : "", date);
	shown = dtw_ctx_display(ctx, path.buf);
	{
		struct stat sst;
		if (lstat(path.buf, &sst) == 0) {
			dtw_errorf("%s exists already; not overwritten (use --date for another day)",
				   shown);
			st = DTW_EXIT_FINDINGS;
			goto out;
		}
	}
	dtw_schema_skeleton(&text, ctx->schema, title, max_issue + 1, date);
	if (dtw_write_atomic(path.buf, text.buf, text.len, 0666)) {
		dtw_errorf("%s", dtw_error_last());
		goto out;
	}
	dtw_out_line(stdout, "dtw: started issue %ld (%s) in %s", max_issue + 1, date, shown);
	st = DTW_EXIT_OK;
out:
	free(shown);
	free(dir);
	free(title);
	strbuf_release(&path);
	strbuf_release(&text);
	return st;
}
