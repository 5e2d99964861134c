/* dtw init: sets a repository up for dtw — a commented starter .dtw.yaml,
 * the issues/ directory and the pre-commit hook — keeping whatever is
 * already there, so running it twice is safe. */
#include "builtin.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "git/git.h"
#include "source/write.h"
#include "format/out.h"
#include "base/banned.h"

const char usage_init[] =
	"usage: dtw init\n"
	"\n"
	"Sets up the current git repository for dtw: writes a starter .dtw.yaml\n"
	"at its root (every setting commented out, with its default), creates\n"
	"issues/ and installs the pre-commit hook (as dtw hook install). Files\n"
	"that exist already are kept, never overwritten.\n";

static const char starter[] =
	"# dtw's configuration for this repository. Every setting below is\n"
	"# commented out and shows its default; uncomment one to change it.\n"
	"# `dtw config` prints what is in force; `dtw rules` lists the rules.\n"
	"# A file is linted under the nearest .dtw.yaml in its directory or\n"
	"# above it: a newsletter in a subdirectory can have one of its own.\n"
	"# Paths here are relative to this file's directory.\n"
	"\n"
	"# The schema: a built-in name (or NAME for schemas/NAME.yaml next to\n"
	"# this file), or a path such as schemas/mine.yaml.\n"
	"# schema: data-this-week\n"
	"\n"
	"# Which files are newsletter issues (`dtw new` writes into the first\n"
	"# pattern's directory).\n"
	"# paths: [\"issues/*.md\"]\n"
	"\n"
	"# Per-rule severity: error | warning | off, or one per status value\n"
	"# of the front matter (a status the map does not name keeps the rule's\n"
	"# own). A severity set here is every finding's of that rule. Built in:\n"
	"# a draft's placeholders and placeholder URLs are warnings, errors once\n"
	"# it is ready. `dtw lint` ends with a summary: 2 errors, 1 warning in\n"
	"# 1 of 4 files; exit 1 on errors (or --max-warnings), 2 on a bad config.\n"
	"# rules:\n"
	"#   link-cta: warning\n"
	"#   link-tracking: off\n"
	"#   placeholder: { draft: warning, default: error }\n"
	"\n"
	"# Your own rules, each a rule named pattern/ID: set its severity\n"
	"# under rules: (pattern/no-click-here: off) or with --rule, see it in\n"
	"# dtw rules, read it with dtw explain pattern/no-click-here.\n"
	"# patterns:\n"
	"#   - id: no-click-here\n"
	"#     regex: '(?i)\\bclick here\\b'\n"
	"#     message: 'say where the link goes instead of \"click here\"'\n"
	"#     scope: [link-text]\n"
	"#     severity: warning\n"
	"\n"
	"# What `dtw release` does.\n"
	"# release:\n"
	"#   tag: \"issue-{number}\"         # fields {number}, {date}, {slug}\n"
	"#   require_status: published     # refuse to tag an issue not in this status\n"
	"\n"
	"# dtw lint --online: that every link answers (never in the hook).\n"
	"# links:\n"
	"#   online: false\n"
	"#   cache_ttl: 1d\n"
	"#   exclude: ['^https://intranet\\.example/']\n";

/* The JSON Schema of .dtw.yaml as installed beside this dtw (PREFIX/bin/dtw
 * and PREFIX/share/dtw/schemas/json/, wherever PREFIX is), or NULL when it
 * is not there (a dtw run from its build directory). xmalloc'd. */
static char *installed_config_schema(void)
{
	char exe[4096], *slash, *real;
	struct strbuf sb = STRBUF_INIT;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if (!(slash = strrchr(exe, '/')))
		return NULL;
	*slash = '\0';
	strbuf_addf(&sb, "%s/../share/dtw/schemas/json/dtw-config.schema.json", exe);
	real = realpath(sb.buf, NULL);
	strbuf_release(&sb);
	return real;
}

/* The starter, with the modeline that points YAML editors at the schema
 * (yaml-language-server) first when the schema is installed. */
static char *starter_text(void)
{
	struct strbuf sb = STRBUF_INIT;
	char *schema = installed_config_schema();
	if (schema)
		strbuf_addf(&sb, "# yaml-language-server: $schema=%s\n", schema);
	free(schema);
	strbuf_addstr(&sb, starter);
	return strbuf_detach(&sb, NULL);
}

static int exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

int cmd_init(int argc, const char **argv, struct dtw_ctx *ctx)
{
	struct strbuf path = STRBUF_INIT;
	const char *root;
	char *shown;
	int st;

	if ((st = dtw_cmd_parse(ctx, &argc, argv, NULL, 0)) != DTW_CONTINUE)
		return st;
	if (dtw_ctx_open_repo(ctx))
		return DTW_EXIT_ERROR;
	root = dtw_repo_workdir(ctx->repo);

	strbuf_addf(&path, "%s/.dtw.yaml", root);
	shown = dtw_ctx_display(ctx, path.buf);
	if (exists(path.buf)) {
		dtw_out_line(stdout, "dtw: kept the existing %s", shown);
	} else {
		char *text = starter_text();
		int r = dtw_write_atomic(path.buf, text, strlen(text), 0666);
		free(text);
		if (r) {
			dtw_errorf("%s", dtw_error_last());
			goto fail;
		}
		dtw_out_line(stdout, "dtw: wrote %s", shown);
	}
	free(shown);

	strbuf_reset(&path);
	strbuf_addf(&path, "%s/issues", root);
	shown = dtw_ctx_display(ctx, path.buf);
	if (mkdir(path.buf, 0777) == 0) {
		dtw_out_line(stdout, "dtw: created %s/", shown);
	} else if (errno == EEXIST) {
		dtw_out_line(stdout, "dtw: kept the existing %s/", shown);
	} else {
		dtw_errorf("cannot create %s: %s", shown, strerror(errno));
		goto fail;
	}
	free(shown);

	/* git keeps no empty directory: a .gitkeep lets issues/ be committed. */
	strbuf_addstr(&path, "/.gitkeep");
	shown = dtw_ctx_display(ctx, path.buf);
	if (!exists(path.buf)) {
		if (dtw_write_atomic(path.buf, "", 0, 0666)) {
			dtw_errorf("%s", dtw_error_last());
			goto fail;
		}
		dtw_out_line(stdout, "dtw: wrote %s", shown);
	}
	free(shown);

	st = dtw_hook_run(ctx, 1, 0, 1);
	if (st == DTW_EXIT_OK) {
		/* The merge driver, for the issue paths of the config above. */
		struct dtw_profile *p;
		strbuf_reset(&path);
		strbuf_addf(&path, "%s/.dtw.yaml", root);
		p = dtw_ctx_profile_for(ctx, path.buf);
		st = p ? dtw_merge_install(ctx, p->config) : DTW_EXIT_ERROR;
	}
	strbuf_release(&path);
	if (st == DTW_EXIT_OK)
		dtw_out_line(stdout, "dtw: done; `dtw new` starts the first newsletter issue");
	return st;

fail:
	free(shown);
	strbuf_release(&path);
	return DTW_EXIT_ERROR;
}
