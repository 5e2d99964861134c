/* dtw's entry point: global options, the command table, and the only place
 * that turns a command's result into the process's exit status. */
#include "builtin.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/strutil.h"
#include "base/xalloc.h"
#include "git/discover.h"
#include "format/out.h"
#include "base/banned.h"

#ifndef DTW_VERSION
#define DTW_VERSION "0.0.0-dev"
#endif

#define CFG DTW_USES_CONFIG
static const struct dtw_command commands[] = {
	{ "lint", cmd_lint, CFG, usage_lint, "lint newsletter issues against the schema" },
	{ "rules", cmd_rules, CFG, usage_rules, "list the rules with the severities in force" },
	{ "explain", cmd_explain, 0, usage_explain, "explain one rule" },
	{ "hook", cmd_hook, DTW_NEEDS_REPO, usage_hook, "install or remove the pre-commit hook" },
	{ "release", cmd_release, CFG | DTW_NEEDS_REPO, usage_release,
	  "tag a published newsletter issue" },
	{ "list", cmd_list, CFG, usage_list, "every newsletter issue, with its release" },
	{ "diff", cmd_diff, CFG | DTW_NEEDS_WORKTREE, usage_diff,
	  "what changed in a newsletter issue, item by item" },
	{ "render", cmd_render, CFG, usage_render, "the issue's e-mail body as HTML or plain text" },
	{ "new", cmd_new, CFG | DTW_NEEDS_WORKTREE, usage_new,
	  "start the next newsletter issue from the schema" },
	{ "init", cmd_init, DTW_NEEDS_WORKTREE, usage_init,
	  "write a starter .dtw.yaml, issues/, and install the hook" },
	{ "config", cmd_config, CFG, usage_config,
	  "print the configuration in force and where it came from" },
	{ "merge-driver", cmd_merge_driver, CFG, usage_merge_driver,
	  "git's merge driver: merge two versions of an issue item by item" },
};

static const struct dtw_command *find_command(const char *name)
{
	size_t i;
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

/* The command nearest to name, when close enough to suggest, or NULL. */
static const char *near_command(const char *name)
{
	const char *names[sizeof(commands) / sizeof(commands[0]) + 1];
	size_t i, n = 0;
	long k;
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		names[n++] = commands[i].name;
	names[n++] = "help";
	k = dtw_suggest(name, names, n);
	return k < 0 ? NULL : names[k];
}

static void usage(FILE *out)
{
	size_t i;
	dtw_out_str(out, "usage: dtw [--version] [--help] COMMAND [OPTIONS] [ARGS]\n\n"
			 "dtw keeps a Markdown newsletter honest while it lives in git.\n\n"
			 "Commands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		dtw_out_line(out, "  %-9s %s", commands[i].name, commands[i].summary);
	dtw_out_str(out, "\n'dtw COMMAND --help' shows a command's usage, 'dtw help COMMAND' its\n"
			 "part of the manual, 'dtw help' the whole manual.\n");
}

/* dtw help [COMMAND]: the man page's text, whole or about one command. */
static int cmd_help(int argc, const char **argv)
{
	const struct dtw_command *c = NULL;
	const char *name = argc > 1 ? argv[1] : NULL;

	if (argc > 2) {
		dtw_out_line(stderr, "dtw: error: help: one COMMAND at a time");
		return DTW_EXIT_ERROR;
	}
	if (name && (!strcmp(name, "-h") || !strcmp(name, "--help")))
		name = "help";
	if (name && strcmp(name, "help") && !(c = find_command(name))) {
		dtw_out_line(stderr, "dtw: error: no such command \"%s\"", name);
		return DTW_EXIT_ERROR;
	}
	/* A command the page forgot still gets its usage. */
	if (dtw_help_print(name)) {
		if (c)
			dtw_out_str(stdout, c->usage);
		else
			usage(stdout);
	}
	return DTW_EXIT_OK;
}

int main(int argc, const char **argv)
{
	struct dtw_ctx ctx;
	const struct dtw_command *c;
	char buf[PATH_MAX];
	int status;

	/* A write past the file-size limit (ulimit -f) fails with EFBIG and
	 * is reported, rather than killing dtw with a temporary file half
	 * written. */
	(void)signal(SIGXFSZ, SIG_IGN);
	if (argc < 2) {
		usage(stderr);
		return DTW_EXIT_ERROR;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		dtw_out_line(stdout, "dtw %s", DTW_VERSION);
		return DTW_EXIT_OK;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return usage(stdout), DTW_EXIT_OK;
	if (!strcmp(argv[1], "help")) {
		status = cmd_help(argc - 1, argv + 1);
		goto flush;
	}
	c = find_command(argv[1]);
	if (!c) {
		const char *near = argv[1][0] == '-' ? NULL : near_command(argv[1]);
		if (near)
			dtw_out_line(stderr, "dtw: error: no such command \"%s\"; did you mean \"%s\"? (dtw --help lists them)",
				     argv[1], near);
		else
			dtw_out_line(stderr, "dtw: error: %s \"%s\" (dtw --help lists them)",
				     argv[1][0] == '-' ? "unknown option" : "no such command", argv[1]);
		return DTW_EXIT_ERROR;
	}
	memset(&ctx, 0, sizeof(ctx));
	if (!getcwd(buf, sizeof(buf))) {
		dtw_out_line(stderr, "dtw: error: cannot read the current directory");
		return DTW_EXIT_ERROR;
	}
	ctx.cwd = xstrdup(buf);
	ctx.root = dtw_repo_discover(ctx.cwd);
	ctx.cmd = c;
	status = c->fn(argc - 1, argv + 1, &ctx);
	dtw_ctx_release(&ctx);
flush:
	if (fflush(stdout) != 0 || ferror(stdout)) {
		dtw_out_line(stderr, "dtw: error: cannot write the output");
		return DTW_EXIT_ERROR;
	}
	return status;
}
