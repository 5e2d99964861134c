/* dtw hook install | uninstall: finds where git runs hooks from and hands
 * hooks/pre-commit (compiled into the binary) to lib/source/hook.c, which
 * never clobbers a hook of someone else's and removes only dtw's. */
#include "builtin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "git/git.h"
#include "source/hook.h"
#include "format/out.h"
#include "base/banned.h"

extern const char dtw_hook_pre_commit[];
extern const size_t dtw_hook_pre_commit_len;

const char usage_hook[] =
	"usage: dtw hook install [--force]\n"
	"       dtw hook uninstall\n"
	"\n"
	"install puts dtw's pre-commit hook (dtw lint --staged) where git runs\n"
	"hooks from (core.hooksPath, or .git/hooks). An existing hook that is not\n"
	"dtw's is left alone unless --force, which keeps it as pre-commit.bak;\n"
	"one the pre-commit framework, husky or lefthook wrote is left to them,\n"
	"and dtw says what to add to their config.\n"
	"uninstall removes the hook only if dtw installed it, and puts back a\n"
	"pre-commit.bak that --force kept.\n";

/* The exit status of a hook step that returned r. */
static int failed(int r)
{
	dtw_errorf("%s", dtw_error_last());
	return r == DTW_EEXISTS ? DTW_EXIT_FINDINGS : DTW_EXIT_ERROR;
}

static int install(const char *dir, const char *hook, int force, int init)
{
	struct dtw_hook_done done;
	int r = dtw_hook_install(&done, dir, hook, dtw_hook_pre_commit,
				 dtw_hook_pre_commit_len, force);
	if (done.kept)
		dtw_out_line(stdout, "dtw: kept the existing hook as %s.bak", hook);
	if (r == DTW_EEXISTS && done.manager != DTW_HOOK_OTHER) {
		/* A hook manager runs the hooks: dtw goes into its config.
		 * For dtw init that is the step, not a failure. */
		if (init)
			dtw_out_line(stdout, "dtw: %s runs this repository's hooks (%s); left it alone",
				     dtw_hook_manager_name(done.manager), hook);
		else
			dtw_errorf("%s", dtw_error_last());
		dtw_out_str(init ? stdout : stderr, dtw_hook_manager_advice(done.manager));
		return init ? DTW_EXIT_OK : DTW_EXIT_FINDINGS;
	}
	if (r)
		return failed(r);
	if (done.same)
		dtw_out_line(stdout, "dtw: the pre-commit hook is already installed in %s", hook);
	else
		dtw_out_line(stdout, "dtw: installed the pre-commit hook in %s", hook);
	return DTW_EXIT_OK;
}

static int uninstall(const char *hook)
{
	struct dtw_hook_done done;
	int r = dtw_hook_uninstall(&done, hook);
	if (r)
		return failed(r);
	if (done.absent) {
		dtw_out_line(stdout, "dtw: no pre-commit hook in %s", hook);
		return DTW_EXIT_OK;
	}
	dtw_out_line(stdout, "dtw: removed the pre-commit hook %s", hook);
	if (done.restored)
		dtw_out_line(stdout, "dtw: put back %s.bak", hook);
	return DTW_EXIT_OK;
}

int dtw_hook_run(struct dtw_ctx *ctx, int do_install, int force, int init)
{
	struct strbuf hook = STRBUF_INIT;
	char *dir = NULL, *shown, *shown_dir;
	int st;

	if (dtw_ctx_open_repo(ctx))
		return DTW_EXIT_ERROR;
	if (dtw_repo_hooks_dir(&dir, ctx->repo)) {
		dtw_errorf("%s", dtw_error_last());
		return DTW_EXIT_ERROR;
	}
	strbuf_addf(&hook, "%s/pre-commit", dir);
	/* Shown relative to the current directory, as git does. */
	shown = dtw_ctx_display(ctx, hook.buf);
	shown_dir = dtw_ctx_display(ctx, dir);
	st = do_install ? install(shown_dir, shown, force, init) : uninstall(shown);
	free(shown);
	free(shown_dir);
	strbuf_release(&hook);
	free(dir);
	return st;
}

int cmd_hook(int argc, const char **argv, struct dtw_ctx *ctx)
{
	int force = 0, st;
	struct dtw_option opts[] = {
		DTW_OPT_FLAG_("force", 'f', &force),
		{ .type = DTW_OPT_END },
	};

	if ((st = dtw_cmd_parse(ctx, &argc, argv, opts, 1)) != DTW_CONTINUE)
		return st;
	if (!argc) {
		dtw_errorf("hook: install or uninstall? (dtw hook install [--force]; dtw hook uninstall)");
		return DTW_EXIT_ERROR;
	}
	if (strcmp(argv[0], "install") && strcmp(argv[0], "uninstall")) {
		dtw_errorf("hook: unknown subcommand \"%s\" (install or uninstall)", argv[0]);
		return DTW_EXIT_ERROR;
	}
	if (force && strcmp(argv[0], "install")) {
		dtw_errorf("hook uninstall: --force goes with install");
		return DTW_EXIT_ERROR;
	}
	return dtw_hook_run(ctx, !strcmp(argv[0], "install"), force, 0);
}
