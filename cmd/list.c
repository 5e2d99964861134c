/* dtw list: every newsletter issue in the work tree with its number, date,
 * status, release tag, whether the file changed after the release, path
 * and title. Front matter comes through the catalog's cache (by blob id), so
 * a long archive is parsed once, not on every run. */
#include "builtin.h"

#include "base/error.h"
#include "catalog/catalog.h"
#include "format/listview.h"
#include "base/banned.h"

const char usage_list[] =
	"usage: dtw list [--format text|json]\n"
	"\n"
	"Every newsletter issue (the files the config's paths name), sorted by\n"
	"number, under a header: number, date, status (\"unparsable\" when the\n"
	"front matter cannot be read), release tag (\"-\" if never released, with\n"
	"\"*\" when the file changed after the release), path and title.\n";

int cmd_list(int argc, const char **argv, struct dtw_ctx *ctx)
{
	struct dtw_catalog *cat = NULL;
	struct dtw_repo *repo;
	struct dtw_list_row *rows;
	size_t n;
	int st, json = 0, failed;
	struct dtw_option opts[] = {
		{ .type = DTW_OPT_CHOICE, .name = "format", .value = &json,
		  .choices = dtw_text_json },
		{ .type = DTW_OPT_END },
	};

	if ((st = dtw_cmd_parse(ctx, &argc, argv, opts, 0)) != DTW_CONTINUE)
		return st;
	if ((st = dtw_ctx_load(ctx)))
		return st;
	/* In a repository, its tags are what the list says about releases:
	 * one git would refuse (another user's) is refused, not listed as
	 * never released. */
	if (ctx->root && dtw_ctx_need_repo(ctx, "dtw list", 0))
		return DTW_EXIT_ERROR;
	repo = ctx->root ? ctx->repo : NULL;
	if (repo && dtw_catalog_open(&cat, repo, ctx->schema)) {
		dtw_errorf("%s", dtw_error_last());
		return DTW_EXIT_ERROR;
	}
	failed = dtw_catalog_list(&rows, &n, cat, ctx->schema, ctx->root ? ctx->root : ctx->cwd,
				  ctx->root, ctx->cwd, (const char *const *)ctx->config->paths,
				  ctx->config->npaths, dtw_ctx_report, NULL);
	dtw_list_view_write(stdout, rows, n, json);
	dtw_list_rows_free(rows, n);
	dtw_catalog_save(cat);
	dtw_catalog_free(cat);
	return failed ? DTW_EXIT_ERROR : DTW_EXIT_OK;
}
