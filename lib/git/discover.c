/* Git stage: cheap repository discovery for config lookup and path display. */
#include "discover.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "base/banned.h"

static int is_ceiling(const char *dir)
{
	const char *c = getenv("GIT_CEILING_DIRECTORIES");
	size_t n = strlen(dir);
	while (c && *c) {
		const char *e = strchr(c, ':');
		size_t l = e ? (size_t)(e - c) : strlen(c);
		if (l == n && !memcmp(c, dir, n))
			return 1;
		c = e ? e + 1 : NULL;
	}
	return 0;
}

char *dtw_repo_discover(const char *dir)
{
	struct strbuf sb = STRBUF_INIT;
	struct stat st;
	char *cur;
	const char *gd = getenv("GIT_DIR"), *wt = getenv("GIT_WORK_TREE");

	/* As git: GIT_DIR names the repository, and the work tree is
	 * GIT_WORK_TREE, else (core.worktree aside) the current directory. */
	if (gd && *gd) {
		if (wt && *wt) {
			if (wt[0] != '/')
				strbuf_addf(&sb, "%s/", dir);
			strbuf_addstr(&sb, wt);
		} else {
			strbuf_addstr(&sb, dir);
		}
		cur = strbuf_detach(&sb, NULL);
		{
			char *real = realpath(cur, NULL);
			if (real) {
				free(cur);
				cur = real;
			}
		}
		strbuf_release(&sb);
		return cur;
	}
	cur = xstrdup(dir);

	for (;;) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s%s.git", cur, cur[1] ? "/" : "");
		if (stat(sb.buf, &st) == 0 && (S_ISDIR(st.st_mode) || S_ISREG(st.st_mode))) {
			strbuf_release(&sb);
			return cur;
		}
		if (!cur[1] || is_ceiling(cur))
			break;
		{
			char *slash = strrchr(cur, '/');
			if (slash == cur)
				cur[1] = '\0';
			else
				*slash = '\0';
		}
	}
	strbuf_release(&sb);
	free(cur);
	return NULL;
}
