/* dtw lint: the one flow end to end — for each document: source, parse,
 * model, rules, sink, format. Documents are read one at a time in path
 * order, so memory is bounded by the largest file. */
#include "builtin.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "format/format.h"
#include "model/issue.h"
#include "rules/rules.h"
#include "source/files.h"
#include "source/source.h"
#include "base/banned.h"

const char usage_lint[] =
	"usage: dtw lint [OPTIONS] [PATH...]\n"
	"\n"
	"Lint newsletter issues: the given files, and the Markdown files under\n"
	"the given directories; with no PATH, every file matching the config's\n"
	"paths (default issues/*.md) in the repository (or current directory).\n"
	"\n"
	"  --format FORMAT       output format: text (default)\n"
	"  --color WHEN          auto (default), always or never; NO_COLOR is honoured\n"
	"  --quiet               report errors only\n"
	"  --max-warnings N      exit 1 when there are more than N warnings\n"
	"  --rule ID=SEVERITY    set a rule to error, warning or off (repeatable)\n"
	"  --schema NAME|FILE    use this schema instead of the config's\n"
	"  --config FILE         use this config instead of .dtw.yaml\n"
	"\n"
	"Exit status: 0 no errors (and warnings within --max-warnings),\n"
	"1 findings, 2 usage, config, schema or I/O error.\n";

struct lint_run {
	struct dtw_ctx *ctx;
	struct dtw_fmt fmt;
	int io_errors;
};

/* Lints one document read from fspath, shown as display. */
static void lint_one(struct lint_run *run, const char *fspath, const char *display)
{
	struct dtw_source src;
	struct dtw_issue *issue;
	struct dtw_sink sink;
	int r = dtw_source_read_file(&src, fspath, display);

	if (r) {
		dtw_errorf("%s", dtw_error_last());
		run->io_errors++;
		return;
	}
	issue = dtw_issue_build(&src, run->ctx->schema);
	dtw_sink_init(&sink, &src);
	dtw_rules_run(issue, run->ctx->severity, &sink);
	dtw_fmt_emit(&run->fmt, &src, sink.diags, sink.n);
	dtw_sink_release(&sink);
	dtw_issue_free(issue);
	dtw_source_release(&src);
}

static int parse_count(const char *s, long *out)
{
	char *end;
	errno = 0;
	*out = strtol(s, &end, 10);
	return errno || end == s || *end || *out < 0 ? -1 : 0;
}

/* Collects the documents the arguments name; returns 0 or the number of
 * arguments that failed. */
static int collect_args(const char **paths, size_t n,
			struct dtw_filelist *files)
{
	int bad = 0;
	size_t i;
	for (i = 0; i < n; i++) {
		struct stat st;
		size_t before = files->n;
		const char *p = paths[i];
		while (p[0] == '.' && p[1] == '/' && p[2])
			p += 2;
		if (stat(p, &st) < 0) {
			dtw_errorf("%s: no such file or directory", p);
			bad++;
			continue;
		}
		if (!S_ISDIR(st.st_mode)) {
			dtw_filelist_add(files, p);
			continue;
		}
		if (dtw_files_markdown(files, p)) {
			dtw_errorf("%s", dtw_error_last());
			bad++;
		} else if (files->n == before) {
			dtw_errorf("%s: no Markdown files (*.md) in this directory", p);
			bad++;
		}
		if (files->skipped_symlinks) {
			fprintf(stderr, "dtw: %s: %zu symbolic link%s not followed\n", p,
				files->skipped_symlinks,
				files->skipped_symlinks == 1 ? "" : "s");
			files->skipped_symlinks = 0;
		}
	}
	return bad;
}

int cmd_lint(int argc, const char **argv, struct dtw_ctx *ctx)
{
	struct lint_run run;
	struct dtw_filelist files = { 0 };
	const char **paths = xcalloc((size_t)argc + 1, sizeof(*paths));
	const char *format = "text", *v;
	size_t npaths = 0, i;
	long max_warnings = -1;
	int quiet = 0, status, dashdash = 0;

	memset(&run, 0, sizeof(run));
	run.ctx = ctx;
	for (int k = 1; k < argc; k++) {
		const char *a = argv[k];
		int o;
		if (dashdash || a[0] != '-' || !a[1]) {
			paths[npaths++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			dashdash = 1;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage_lint, stdout);
			free(paths);
			return DTW_EXIT_OK;
		}
		if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
			quiet = 1;
			continue;
		}
		o = dtw_ctx_option(ctx, argc, argv, &k);
		if (o < 0)
			goto usage;
		if (o)
			continue;
		if ((v = dtw_opt_value(argc, argv, &k, "--format"))) {
			if (!*v)
				goto usage;
			format = v;
			continue;
		}
		if ((v = dtw_opt_value(argc, argv, &k, "--max-warnings"))) {
			if (!*v)
				goto usage;
			if (parse_count(v, &max_warnings)) {
				dtw_errorf("--max-warnings takes a number, not \"%s\"", v);
				goto usage;
			}
			continue;
		}
		dtw_errorf("lint: unknown option \"%s\"", a);
		goto usage;
	}
	if (!(run.fmt.ops = dtw_formatter_find(format))) {
		dtw_errorf("--format must be one of %s, not \"%s\"", dtw_formatter_names(),
			   format);
		goto usage;
	}
	if ((status = dtw_ctx_load(ctx))) {
		free(paths);
		return status;
	}

	if (npaths) {
		run.io_errors += collect_args(paths, npaths, &files);
		dtw_filelist_sort(&files);
	} else {
		const char *base = ctx->root ? ctx->root : ctx->cwd;
		if (dtw_files_match(&files, base, ctx->config->paths, ctx->config->npaths)) {
			dtw_errorf("%s", dtw_error_last());
			run.io_errors++;
		}
		/* Shown relative to the current directory, as git does. */
		for (i = 0; i < files.n; i++) {
			struct strbuf abs = STRBUF_INIT;
			strbuf_addf(&abs, "%s/%s", base, files.paths[i]);
			free(files.paths[i]);
			files.paths[i] = dtw_ctx_display(ctx, abs.buf);
			strbuf_release(&abs);
		}
		dtw_filelist_sort(&files);
		if (files.skipped_symlinks)
			fprintf(stderr, "dtw: %zu symbolic link%s not followed\n",
				files.skipped_symlinks, files.skipped_symlinks == 1 ? "" : "s");
		if (!files.n && !run.io_errors)
			fprintf(stderr, "dtw: no newsletter issues match %s%s\n",
				ctx->config->paths[0], ctx->config->npaths > 1 ? ", ..." : "");
	}

	run.fmt.out = stdout;
	run.fmt.color = dtw_ctx_use_color(ctx);
	run.fmt.quiet = quiet;
	dtw_fmt_begin(&run.fmt);
	for (i = 0; i < files.n; i++)
		lint_one(&run, files.paths[i], files.paths[i]);
	run.fmt.unread = (size_t)run.io_errors;
	dtw_fmt_end(&run.fmt);

	dtw_filelist_release(&files);
	free(paths);
	if (run.io_errors)
		return DTW_EXIT_ERROR;
	if (run.fmt.errors)
		return DTW_EXIT_FINDINGS;
	if (max_warnings >= 0 && run.fmt.warnings > (size_t)max_warnings)
		return DTW_EXIT_FINDINGS;
	return DTW_EXIT_OK;
usage:
	free(paths);
	fputs("usage: dtw lint [OPTIONS] [PATH...] (dtw lint --help for more)\n", stderr);
	return DTW_EXIT_ERROR;
}
