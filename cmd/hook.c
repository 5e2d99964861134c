/* dtw hook install | uninstall: puts hooks/pre-commit (compiled into the
 * binary) where git runs hooks from, never clobbering a hook of someone
 * else's, and removes only what dtw installed. */
#include "builtin.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "git/git.h"
#include "source/source.h"
#include "source/write.h"
#include "format/out.h"
#include "base/banned.h"

extern const char dtw_hook_pre_commit[];
extern const size_t dtw_hook_pre_commit_len;

/* The line that marks a hook as dtw's own. */
#define MARK "# Installed by `dtw hook install`"

const char usage_hook[] =
	"usage: dtw hook install [--force]\n"
	"       dtw hook uninstall\n"
	"\n"
	"install puts dtw's pre-commit hook (dtw lint --staged) where git runs\n"
	"hooks from (core.hooksPath, or .git/hooks). An existing hook that is not\n"
	"dtw's is left alone unless --force, which keeps it as pre-commit.bak.\n"
	"uninstall removes the hook only if dtw installed it, and puts back a\n"
	"pre-commit.bak that --force kept.\n";

static int is_ours(const struct dtw_source *s)
{
	return s->len && memmem(s->data, s->len, MARK, strlen(MARK)) != NULL;
}

static int install(const char *dir, const char *hook, int force)
{
	struct dtw_source cur;
	struct strbuf bak = STRBUF_INIT;
	int r = dtw_source_read_file(&cur, hook, hook);

	if (r == 0) {
		int same = cur.len == dtw_hook_pre_commit_len &&
			   !memcmp(cur.data, dtw_hook_pre_commit, cur.len);
		int ours = is_ours(&cur);
		dtw_source_release(&cur);
		if (same) {
			dtw_out_line(stdout, "dtw: the pre-commit hook is already installed in %s", hook);
			return DTW_EXIT_OK;
		}
		if (!ours && !force) {
			dtw_errorf("%s exists and is not dtw's; keep it and add \"dtw lint --staged\" to it, or run dtw hook install --force (it is kept as pre-commit.bak)",
				   hook);
			return DTW_EXIT_FINDINGS;
		}
		if (!ours) {
			strbuf_addf(&bak, "%s.bak", hook);
			if (access(bak.buf, F_OK) == 0) {
				dtw_errorf("%s exists already; move it away before --force replaces %s",
					   bak.buf, hook);
				strbuf_release(&bak);
				return DTW_EXIT_FINDINGS;
			}
			if (rename(hook, bak.buf) < 0) {
				dtw_errorf("cannot keep %s as %s: %s", hook, bak.buf, strerror(errno));
				strbuf_release(&bak);
				return DTW_EXIT_ERROR;
			}
			dtw_out_line(stdout, "dtw: kept the existing hook as %s", bak.buf);
			strbuf_release(&bak);
		}
	} else if (r != DTW_ENOTFOUND) {
		dtw_errorf("%s", dtw_error_last());
		return DTW_EXIT_ERROR;
	}
	/* As mkdir -p: core.hooksPath may name nested directories. */
	if (dtw_mkdirs(dir)) {
		dtw_errorf("%s", dtw_error_last());
		return DTW_EXIT_ERROR;
	}
	if (dtw_write_atomic(hook, dtw_hook_pre_commit, dtw_hook_pre_commit_len, 0755)) {
		dtw_errorf("%s", dtw_error_last());
		return DTW_EXIT_ERROR;
	}
	if (chmod(hook, 0755) < 0) {
		dtw_errorf("cannot make %s executable: %s", hook, strerror(errno));
		return DTW_EXIT_ERROR;
	}
	dtw_out_line(stdout, "dtw: installed the pre-commit hook in %s", hook);
	return DTW_EXIT_OK;
}

static int uninstall(const char *hook)
{
	struct dtw_source cur;
	struct strbuf bak = STRBUF_INIT;
	int r = dtw_source_read_file(&cur, hook, hook), ours;

	if (r == DTW_ENOTFOUND) {
		dtw_out_line(stdout, "dtw: no pre-commit hook in %s", hook);
		return DTW_EXIT_OK;
	}
	if (r) {
		dtw_errorf("%s", dtw_error_last());
		return DTW_EXIT_ERROR;
	}
	ours = is_ours(&cur);
	dtw_source_release(&cur);
	if (!ours) {
		dtw_errorf("%s was not installed by dtw; left alone", hook);
		return DTW_EXIT_FINDINGS;
	}
	if (unlink(hook) < 0) {
		dtw_errorf("cannot remove %s: %s", hook, strerror(errno));
		return DTW_EXIT_ERROR;
	}
	dtw_out_line(stdout, "dtw: removed the pre-commit hook %s", hook);
	strbuf_addf(&bak, "%s.bak", hook);
	if (access(bak.buf, F_OK) == 0) {
		if (rename(bak.buf, hook) == 0)
			dtw_out_line(stdout, "dtw: put back %s", bak.buf);
	}
	strbuf_release(&bak);
	return DTW_EXIT_OK;
}

int dtw_hook_run(struct dtw_ctx *ctx, int do_install, int force)
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
	st = do_install ? install(shown_dir, shown, force) : uninstall(shown);
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
	return dtw_hook_run(ctx, !strcmp(argv[0], "install"), force);
}
