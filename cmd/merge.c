/* dtw merge-driver BASE OURS THEIRS [PATH [SIZE]]: git's merge driver for
 * newsletter issues. Reads the three versions git hands it, merges them
 * with lib/merge (item by item, or line by line when it must) and writes
 * the result over OURS, where git takes it from. --install (and dtw init)
 * sets the driver up in the repository: .gitattributes and .git/config. */
#include "builtin.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "catalog/catalog.h"
#include "format/out.h"
#include "git/git.h"
#include "merge/merge.h"
#include "source/attributes.h"
#include "source/files.h"
#include "source/source.h"
#include "source/write.h"
#include "base/banned.h"

/* What git runs: its %O, %A, %B, %P and %L, in that order. */
#define DRIVER "dtw merge-driver %O %A %B %P %L"
#define NAME "dtw: newsletter issues merged item by item"
/* The largest file it reads: git merges any size; so does the line merge. */
#define MAX_READ ((size_t)1 << 30)
#define MAX_MARKER 65535ul

const char usage_merge_driver[] =
	"usage: dtw merge-driver BASE OURS THEIRS [PATH [MARKER-SIZE]]\n"
	"       dtw merge-driver --install\n"
	"\n"
	"git's merge driver for newsletter issues: merges BASE (the common\n"
	"ancestor), OURS and THEIRS item by item and writes the result over\n"
	"OURS. PATH (git's %P) is the issue's path, which chooses its config and\n"
	"schema; MARKER-SIZE (git's %L) the length of conflict markers.\n"
	"A file that is no newsletter issue is merged line by line, as git does.\n"
	"Exit 0: merged; 1: conflicts left between markers; 2: an error.\n"
	"\n"
	"    --install   set the driver up in this repository: a line per issue\n"
	"                pattern in .gitattributes, merge.dtw.* in .git/config\n";

int dtw_merge_install(struct dtw_ctx *ctx, const struct dtw_config *cfg)
{
	struct strbuf path = STRBUF_INIT, attr = STRBUF_INIT;
	char *shown;
	size_t added, i;
	int r, st = DTW_EXIT_OK;

	if (dtw_ctx_open_repo(ctx))
		return DTW_EXIT_ERROR;
	if (!cfg->npaths) {
		dtw_errorf("merge-driver --install: the config names no issue paths to merge");
		return DTW_EXIT_ERROR;
	}
	strbuf_addf(&path, "%s/.gitattributes", dtw_repo_workdir(ctx->repo));
	shown = dtw_ctx_display(ctx, path.buf);
	if (dtw_gitattributes_add(&added, path.buf, shown, (const char *const *)cfg->paths,
				  cfg->npaths, "merge=dtw")) {
		dtw_errorf("%s", dtw_error_last());
		st = DTW_EXIT_ERROR;
		goto out;
	}
	for (i = 0; i < cfg->npaths; i++) {
		if (i)
			strbuf_addstr(&attr, ", ");
		strbuf_addf(&attr, "%s merge=dtw", cfg->paths[i]);
	}
	if (added)
		dtw_out_line(stdout, "dtw: wrote %s (%s)", shown, attr.buf);
	else
		dtw_out_line(stdout, "dtw: kept %s: it has %s", shown, attr.buf);
	r = dtw_repo_config_set(ctx->repo, "merge.dtw.name", NAME);
	if (r >= 0)
		r = dtw_repo_config_set(ctx->repo, "merge.dtw.driver", DRIVER);
	if (r < 0) {
		dtw_errorf("%s", dtw_error_last());
		st = DTW_EXIT_ERROR;
	} else {
		dtw_out_line(stdout, "dtw: %s merge.dtw.driver \"%s\" in the git config",
			     r ? "kept" : "set", DRIVER);
	}
out:
	free(shown);
	strbuf_release(&path);
	strbuf_release(&attr);
	return st;
}

/* Whether the file at PATH is one of its config's issues; the profile of
 * its config put in force. -1: that config could not be loaded (said). */
static int path_is_issue(struct dtw_ctx *ctx, const char *path)
{
	struct dtw_profile *p = dtw_ctx_profile_for(ctx, path);
	char *rel;
	int r;
	if (!p)
		return -1;
	dtw_ctx_use(ctx, p);
	rel = dtw_path_relative(ctx->root ? ctx->root : p->dir, ctx->cwd, path);
	r = rel && dtw_want_issue(rel, ctx->config);
	free(rel);
	return r;
}

int cmd_merge_driver(int argc, const char **argv, struct dtw_ctx *ctx)
{
	int install = 0, st, k, issue = 0;
	struct dtw_option opts[] = {
		{ .type = DTW_OPT_FLAG, .name = "install", .value = &install, .set = 1,
		  .flags = DTW_NEEDS_WORKTREE },
		{ .type = DTW_OPT_END },
	};
	struct dtw_source src[3];
	const struct dtw_source *in[3];
	struct dtw_merge m;
	const char *path, *why;
	unsigned long marker = DTW_MERGE_MARKER_SIZE;

	if ((st = dtw_cmd_parse(ctx, &argc, argv, opts, 5)) != DTW_CONTINUE)
		return st;
	/* (set through opts, which cppcheck does not follow) */
	/* cppcheck-suppress knownConditionTrueFalse */
	if (install) {
		if (argc) {
			dtw_errorf("merge-driver: --install takes no files");
			return DTW_EXIT_ERROR;
		}
		if ((st = dtw_ctx_load(ctx)))
			return st;
		return dtw_merge_install(ctx, ctx->config);
	}
	if (argc < 3) {
		dtw_errorf("merge-driver: give BASE OURS THEIRS (git passes %%O %%A %%B %%P %%L; dtw merge-driver --help)");
		return DTW_EXIT_ERROR;
	}
	path = argc > 3 ? argv[3] : argv[1];
	if (argc > 4) {
		/* git's conflict-marker-size: a count of characters; a large
		 * one is kept at the most git's line merge writes. */
		const char *d = argv[4];
		marker = 0;
		for (; *d >= '0' && *d <= '9'; d++)
			if ((marker = marker * 10 + (unsigned long)(*d - '0')) > MAX_MARKER)
				marker = MAX_MARKER;
		if (*d || d == argv[4] || !marker) {
			dtw_errorf("merge-driver: the marker size \"%s\" is not a number of characters (git's %%L)",
				   argv[4]);
			return DTW_EXIT_ERROR;
		}
	}
	memset(src, 0, sizeof(src));
	for (k = 0; k < 3; k++) {
		if (dtw_source_read_file_max(&src[k], argv[k], argv[k], NULL, MAX_READ)) {
			dtw_errorf("%s", dtw_error_last());
			while (k-- > 0)
				dtw_source_release(&src[k]);
			return DTW_EXIT_ERROR;
		}
		in[k] = &src[k];
	}
	/* A config that cannot be loaded stops no merge: git's line merge
	 * still runs. */
	why = NULL;
	if (dtw_ctx_load(ctx) || (issue = path_is_issue(ctx, path)) < 0)
		why = "its config could not be loaded";
	if (dtw_merge_issues(&m, in, issue > 0 ? ctx->schema : NULL, (unsigned)marker) ||
	    dtw_write_atomic(argv[1], m.out.buf, m.out.len, 0666)) {
		dtw_errorf("%s", dtw_error_last());
		st = DTW_EXIT_ERROR;
	} else {
		if (m.fallback)
			dtw_out_line(stderr, "dtw: merge-driver: %s: %s; %s", path,
				     why ? why : m.fallback,
				     m.kept_ours ? "kept ours, as git does" : "merged it line by line");
		st = m.conflicts ? DTW_EXIT_FINDINGS : DTW_EXIT_OK;
	}
	dtw_merge_release(&m);
	for (k = 0; k < 3; k++)
		dtw_source_release(&src[k]);
	return st;
}
