/* Source stage, the one file dtw writes outside newsletter issues: the
 * pre-commit hook. Takes the hook's path and text, gives what was done;
 * the caller prints it. */
#include "hook.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "source/source.h"
#include "source/write.h"
#include "base/banned.h"

/* The line that marks a hook as dtw's own (hooks/pre-commit has it). */
#define MARK "# Installed by `dtw hook install`"

int dtw_hook_is_ours(const char *text, size_t len)
{
	return len && memmem(text, len, MARK, strlen(MARK)) != NULL;
}

/* Moves someone else's hook to PATH.bak, unless one is there already. */
static int keep_theirs(const char *hook)
{
	struct strbuf bak = STRBUF_INIT;
	int r = 0;
	strbuf_addf(&bak, "%s.bak", hook);
	if (access(bak.buf, F_OK) == 0)
		r = dtw_error_setc(DTW_EEXISTS, "%s exists already; move it away before --force replaces %s",
				   bak.buf, hook);
	else if (rename(hook, bak.buf) < 0)
		r = dtw_error_set("cannot keep %s as %s: %s", hook, bak.buf, strerror(errno));
	strbuf_release(&bak);
	return r;
}

int dtw_hook_install(struct dtw_hook_done *done, const char *dir, const char *hook,
		     const char *text, size_t len, int force)
{
	struct dtw_source cur;
	int r = dtw_source_read_file(&cur, hook, hook);

	memset(done, 0, sizeof(*done));
	if (r == 0) {
		int ours = dtw_hook_is_ours(cur.data, cur.len);
		done->same = cur.len == len && !memcmp(cur.data, text, len);
		dtw_source_release(&cur);
		if (done->same)
			return 0;
		if (!ours && !force)
			return dtw_error_setc(DTW_EEXISTS,
					      "%s exists and is not dtw's; keep it and add \"dtw lint --staged\" to it, or run dtw hook install --force (it is kept as pre-commit.bak)",
					      hook);
		if (!ours) {
			if ((r = keep_theirs(hook)))
				return r;
			done->kept = 1;
		}
	} else if (r != DTW_ENOTFOUND) {
		return r;
	}
	/* As mkdir -p: core.hooksPath may name nested directories. */
	if ((r = dtw_mkdirs(dir)) || (r = dtw_write_atomic(hook, text, len, 0755)))
		return r;
	if (chmod(hook, 0755) < 0)
		return dtw_error_set("cannot make %s executable: %s", hook, strerror(errno));
	return 0;
}

int dtw_hook_uninstall(struct dtw_hook_done *done, const char *hook)
{
	struct dtw_source cur;
	struct strbuf bak = STRBUF_INIT;
	int r = dtw_source_read_file(&cur, hook, hook), ours;

	memset(done, 0, sizeof(*done));
	if (r == DTW_ENOTFOUND) {
		done->absent = 1;
		return 0;
	}
	if (r)
		return r;
	ours = dtw_hook_is_ours(cur.data, cur.len);
	dtw_source_release(&cur);
	if (!ours)
		return dtw_error_setc(DTW_EEXISTS, "%s was not installed by dtw; left alone", hook);
	if (unlink(hook) < 0)
		return dtw_error_set("cannot remove %s: %s", hook, strerror(errno));
	strbuf_addf(&bak, "%s.bak", hook);
	done->restored = access(bak.buf, F_OK) == 0 && rename(bak.buf, hook) == 0;
	strbuf_release(&bak);
	return 0;
}
