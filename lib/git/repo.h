/* Private to lib/git/: the repository handle and the libgit2 error helper
 * its files share. */
#ifndef DTW_GIT_REPO_H
#define DTW_GIT_REPO_H

#include <git2.h>
#include <string.h>

#include "base/oid.h"

struct dtw_repo {
	git_repository *repo;
	char *workdir;       /* no trailing slash; NULL when bare */
	int filters;         /* -1 unknown; 0 when no eol/attribute filter can apply */
	git_index *lookup;   /* the index dtw_repo_index_has reads, once; or NULL */
};

/* Between dtw's object ids and libgit2's: the same 20 bytes. */
static inline git_oid dtw_git_oid(const struct dtw_oid *o)
{
	git_oid g = { { 0 } };
	memcpy(g.id, o->id, DTW_OID_RAWSZ);
	return g;
}

static inline struct dtw_oid dtw_oid_of(const git_oid *g)
{
	struct dtw_oid o = { { 0 } };
	memcpy(o.id, g->id, DTW_OID_RAWSZ);
	return o;
}

/* Sets "WHAT: libgit2's message" and returns DTW_ERROR. */
int dtw_git_fail(const char *what);

#endif
