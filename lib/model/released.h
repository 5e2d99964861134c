/* What was released, as the rules that know about releases read it:
 * each release tag's issue, path and blob, and the URLs its issue featured.
 * Built by the catalog from the release tags; plain data, no git. */
#ifndef DTW_RELEASED_H
#define DTW_RELEASED_H

#include <stddef.h>

#include "base/oid.h"

struct dtw_release_info {
	long issue;                 /* the released issue's number */
	const char *tag;            /* its tag name */
	const char *path;           /* Dtw-Path */
	struct dtw_oid blob;     /* Dtw-Blob */
};

struct dtw_released_url {
	const char *url;            /* normalised (dtw_url_normalize) */
	size_t release;             /* index into v */
};

struct dtw_released {
	struct dtw_release_info *v;
	size_t n;
	struct dtw_released_url *urls; /* sorted by url */
	size_t nurls;
};

/* The document being linted, as git knows it (for released-edit). */
struct dtw_doc_git {
	const char *path;           /* repository path, or NULL */
	long issue;                 /* the number its front matter gives; 0: none */
	struct dtw_oid blob;     /* blob id of the content linted */
};

/* The release the document `g` is an edit of, if any: a release of its
 * content (g->blob) when one is, else the release of its path (unless
 * that path now holds another issue number), else (the file was renamed
 * since) the release of its number; NULL when neither was released. */
const struct dtw_release_info *dtw_released_of(const struct dtw_released *rel,
					       const struct dtw_doc_git *g);

#endif
