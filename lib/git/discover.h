/* Finding the repository the way git does — walk up from a directory to
 * the first one holding .git — without initialising libgit2, so that a
 * plain `dtw lint FILE` pays nothing for git. */
#ifndef DTW_DISCOVER_H
#define DTW_DISCOVER_H

/* Returns the xmalloc'd absolute path of the work tree root containing
 * `dir` (absolute), or NULL when there is none. Honours GIT_DIR-free
 * discovery only; stops at GIT_CEILING_DIRECTORIES. */
char *dtw_repo_discover(const char *dir);

#endif
