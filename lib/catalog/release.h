/* The release format: how a release tag is named (the release.tag
 * template), what its message says (a summary and the Dtw-Issue, Dtw-Path
 * and Dtw-Blob trailers that later runs read back), which tags of a
 * repository are releases, and what a document being linted is, as the
 * releases know it. lib/git only lists and reads tags; what their
 * messages mean, and what is cached of them, is decided here. */
#ifndef DTW_RELEASE_H
#define DTW_RELEASE_H

#include <stddef.h>

#include "base/oid.h"

#include "catalog/catalog.h"
#include "model/released.h"
#include "source/input.h"

/* The template `tmpl` expanded for `f` (dtw_tag_template_expand). */
char *dtw_release_tag_name(const char *tmpl, const struct dtw_facts *f);

/* Refuses (DTW_EINVALID, the message naming `path`) a repository path
 * that a trailer cannot hold: one with a control character (a line feed
 * would end the Dtw-Path trailer and let the rest of the name forge
 * others). 0 when it can. */
int dtw_release_path_check(const char *path);

/* The tag message of releasing `is` (facts `f`), the blob `blob` at
 * repository path `path`, into *out (xmalloc'd; NULL on failure):
 * "TITLE #N (DATE)" ("#N (DATE) TITLE" for a title that starts with
 * "Dtw-"), the title, number, date and each section's item count, then a
 * blank line and the trailers, the last paragraph. What comes from the
 * draft is written with its control characters as spaces, so no line
 * but a trailer starts with "Dtw-". Returns 0, or what
 * dtw_release_path_check returns. dtw_release_parse reads it back. */
int dtw_release_message(char **out, const struct dtw_facts *f, const struct dtw_issue *is,
			const char *path, const struct dtw_oid *blob);

/* What a tag message's trailers say about a release. */
struct dtw_release_trailers {
	long issue;                 /* Dtw-Issue; 0 when absent */
	char *path;                 /* Dtw-Path, xmalloc'd; NULL when absent */
	struct dtw_oid blob;        /* Dtw-Blob, when has_blob */
	int has_blob;
};

void dtw_release_trailers_release(struct dtw_release_trailers *t);

/* Reads the trailers of tag message `msg` (NULL: a lightweight tag, which
 * has none) into *out, which the caller releases either way. Trailers
 * are read from the message's last paragraph only (the lines after its
 * last blank line, as git interpret-trailers reads them), each a line of
 * its own, and when a key repeats there its first line counts: nothing
 * written before the trailer block (the summary, whose title comes from
 * the draft) or after a key's line can stand for them. A Dtw-Issue that
 * is not a positive number (digits alone, within a long) is no issue; a
 * Dtw-Blob that is not 40 hex
 * digits, or is the all-zero id, which names no object, leaves has_blob
 * 0. Returns 0 when `msg` describes a release (a
 * Dtw-Issue and a Dtw-Path), else DTW_ENOTFOUND, with what trailers there
 * are still in *out (dtw release tells a tag that names another path from
 * one that names none). Sets no error message. */
int dtw_release_parse(struct dtw_release_trailers *out, const char *msg);

/* A release tag: a tag and what its trailers say. */
struct dtw_tag {
	char *name;                 /* without refs/tags/; xmalloc'd */
	struct dtw_oid oid;         /* the tag object (a lightweight tag: the commit) */
	struct dtw_oid commit;      /* the commit it tags; all zero when none */
	struct dtw_release_trailers rel;
};

void dtw_tag_release(struct dtw_tag *t);

/* Reads tag `name` and its trailers into *out (a tag that is no release
 * has them zero, or partial: see dtw_release_parse), not through the
 * cache: the tag may have been made a moment ago by another run. Returns
 * 0, or what dtw_repo_tag returns: DTW_ENOTFOUND when there is no such
 * tag, DTW_ERROR (message set). The caller releases *out
 * (dtw_tag_release); on failure it holds nothing. */
int dtw_release_tag_read(struct dtw_tag *out, struct dtw_repo *r, const char *name);

/* Every release tag of `r`, that is every tag, whatever its name (the
 * template may have changed since), whose trailers make it a release
 * (dtw_release_parse), read through `cache`: the references are listed
 * only when they changed since the cache last saw them, and
 * each tag object is read once, ever, while the cache is kept. A tag that
 * cannot be read is left out. Returns 0, or what dtw_repo_tag_refs
 * returns (DTW_ERROR, message set). The caller releases each with
 * dtw_tag_release and frees the array. `as_known`: the listing the
 * cache holds is taken as it is, without looking whether tags changed
 * since (a tag in it may be gone, one made since missing: the caller
 * reads again what it relies on); without one, the references are
 * listed. */
int dtw_release_tags(struct dtw_tag **out, size_t *n, struct dtw_repo *r,
		     struct dtw_cache *cache, int as_known);

/* Whether the repository whose work tree is `root` may hold a tag at
 * all, looked up in .git/refs/tags and .git/packed-refs without libgit2,
 * so a repository without tags never pays for them. 1 when it cannot
 * tell (a linked work tree). */
int dtw_release_tags_possible(const char *root);

/* What released-edit knows of the document `in` with content `src` and
 * issue number `issue` (0: none): its repository path and number, and its
 * blob id when it is an edit of a release (dtw_released_of: hashed only
 * then; through git's filters in `repo` when the bytes as they are do not
 * match the release). Borrows from `in`. */
void dtw_release_doc_git(struct dtw_doc_git *out, const struct dtw_released *rel,
			 struct dtw_repo *repo, const struct dtw_input *in,
			 const struct dtw_source *src, long issue);

#endif
