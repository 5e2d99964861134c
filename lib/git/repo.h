/* Private to lib/git/: the repository handle and the libgit2 error helper
 * its files share. */
#ifndef DTW_GIT_REPO_H
#define DTW_GIT_REPO_H

#include <git2.h>

struct dtw_repo {
	git_repository *repo;
	char *workdir;       /* no trailing slash; NULL when bare */
	int filters;         /* -1 unknown; 0 when no eol/attribute filter can apply */
};

/* Sets "WHAT: libgit2's message" and returns DTW_ERROR. */
int dtw_git_fail(const char *what);

#endif
