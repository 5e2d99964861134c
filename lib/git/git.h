/* Git inputs through libgit2: which newsletter issues the index, a
 * revision or a change touches, and their blobs. libgit2 is initialised
 * only when one of these is called, so a plain `dtw lint FILE` never pays
 * for it. Only lib/git/ includes git2.h. */
#ifndef DTW_GIT_H
#define DTW_GIT_H

#include <stddef.h>
#include <time.h>

#include "base/oid.h"

struct dtw_repo;

/* A file as git records it. `path` is relative to the repository root. */
struct dtw_git_file {
	char *path;                 /* xmalloc'd */
	struct dtw_oid oid;      /* blob id; all zero: read the work tree */
	int has_oid;
	int symlink;                /* a symbolic link: never read as a document */
	char *old_path;             /* renamed: the path it had; else NULL */
};

struct dtw_git_files {
	struct dtw_git_file *v;
	size_t n, alloc;
};

void dtw_git_files_release(struct dtw_git_files *f);

/* Opens the repository containing `dir` (as git discovers it). Returns
 * DTW_ENOTFOUND when there is none; the caller frees with dtw_repo_free. */
int dtw_repo_open(struct dtw_repo **out, const char *dir);
void dtw_repo_free(struct dtw_repo *r);
/* The work tree's root without a trailing slash, or NULL for a bare
 * repository. Borrowed. */
const char *dtw_repo_workdir(const struct dtw_repo *r);

/* `match(path, data)` decides which repository paths are wanted; `prefixes`
 * (literal directory prefixes such as "issues/", may be empty) narrow what
 * libgit2 looks at, so only those parts of the tree and index are walked. */
typedef int (*dtw_git_match_fn)(const char *path, void *data);

/* Files whose staged content differs from HEAD (from the empty tree when
 * there are no commits yet): added, modified, renamed; deletions are not
 * listed. */
int dtw_repo_staged(struct dtw_git_files *out, struct dtw_repo *r,
		    const char *const *prefixes, size_t nprefixes,
		    dtw_git_match_fn match, void *data);
/* Whether the index (GIT_INDEX_FILE's when set) has an entry for
 * repository path `path`. */
int dtw_repo_index_has(struct dtw_repo *r, const char *path);
/* Every index entry wanted. */
int dtw_repo_index_files(struct dtw_git_files *out, struct dtw_repo *r,
			 const char *const *prefixes, size_t nprefixes,
			 dtw_git_match_fn match, void *data);
/* Every blob wanted in the tree of revision `rev`. DTW_ENOREV when `rev`
 * names no commit or tree. */
int dtw_repo_rev_files(struct dtw_git_files *out, struct dtw_repo *r,
		       const char *rev, const char *const *prefixes,
		       size_t nprefixes, dtw_git_match_fn match, void *data);
/* dtw_repo_changed_since's flags. */
enum {
	DTW_CHANGED_STAGED = 1,  /* compare with the index, not the work tree */
	DTW_CHANGED_RENAMES = 2, /* find renames (old_path), as git diff -M */
	DTW_CHANGED_DELETED = 4, /* list deleted files too, by their old path */
};

/* Files that differ between the merge base of `rev` and HEAD and the work
 * tree (untracked files included) or, with DTW_CHANGED_STAGED, the index.
 * Work-tree files have no oid: read them from disk. Fails as
 * dtw_repo_merge_base does. */
int dtw_repo_changed_since(struct dtw_git_files *out, struct dtw_repo *r,
			   const char *rev, unsigned flags,
			   const char *const *prefixes, size_t nprefixes,
			   dtw_git_match_fn match, void *data);

/* Reads a blob; fails with DTW_ETOOBIG over `max` bytes. The caller frees
 * *data (xmalloc'd, NUL-terminated). */
int dtw_repo_read_blob(char **data, size_t *len, struct dtw_repo *r,
		       const struct dtw_oid *oid, size_t max);
/* Reads `path` as it is at `rev`; DTW_ENOTFOUND when it does not exist
 * there, DTW_ENOREV when `rev` names no commit or tree (so "absent" and
 * "no such revision" stay apart), DTW_ESYMLINK when it is a symbolic link
 * there, DTW_ETOOBIG. */
int dtw_repo_read_at(char **data, size_t *len, struct dtw_repo *r,
		     const char *rev, const char *path, size_t max);
/* Sets `name` (section.sub.key) to `value` in the repository's own git
 * config (.git/config). Returns 1 when it held that value already, 0
 * when it was set, DTW_ERROR with the message set. */
int dtw_repo_config_set(struct dtw_repo *r, const char *name, const char *value);

/* Where git runs hooks from: core.hooksPath (relative to the work tree
 * when relative) or the common git directory's hooks/. xmalloc'd, no
 * trailing slash. */
int dtw_repo_hooks_dir(char **out, struct dtw_repo *r);

/* `name` under the common git directory (.git/NAME), xmalloc'd. */
char *dtw_repo_git_path(struct dtw_repo *r, const char *name);
/* The blob id git would record for the work-tree file `path` (repository
 * path), through its filters (eol, autocrlf) as git status computes it. */
int dtw_repo_worktree_blob(struct dtw_oid *out, struct dtw_repo *r, const char *path);
/* data[0..len), the work-tree text of `path`, as git would record it:
 * through its clean filters (eol, autocrlf). 1 with the text in *out
 * (xmalloc'd) when the filters change it; 0 (*out NULL) when they do not;
 * < 0 on a git error. */
int dtw_repo_clean_text(char **out, size_t *outlen, struct dtw_repo *r, const char *path,
			const char *data, size_t len);
/* The blob id git would give data[0..len). */
void dtw_blob_id(struct dtw_oid *out, const char *data, size_t len);
/* Resolves `rev` to a commit id; DTW_ENOREV with a message if it names
 * none (unknown, HEAD with no commits, not a commit). */
int dtw_repo_commit(struct dtw_oid *out, struct dtw_repo *r, const char *rev);
/* The blob id of `path` at commit `commit`, without reading it; errors
 * as dtw_repo_read_commit_path's. */
int dtw_repo_commit_path_blob(struct dtw_oid *blob, struct dtw_repo *r,
			      const struct dtw_oid *commit, const char *path);
/* Reads `path` at commit `commit`: content (xmalloc'd) and blob id.
 * DTW_ENOTFOUND when it does not exist there, DTW_ESYMLINK when it is a
 * symbolic link. */
int dtw_repo_read_commit_path(char **data, size_t *len, struct dtw_oid *blob,
			      struct dtw_repo *r, const struct dtw_oid *commit,
			      const char *path, size_t max);
/* Looks `path` up (stage 0) in the index file `index_file` without
 * reading all of it: 1 and the blob id when found (2 when the entry is
 * skip-worktree: outside a sparse checkout), 0 when the index has no such
 * entry, -1 when the file is a kind left to libgit2 (version 4,
 * split or sparse index, unreadable). */
int dtw_index_lookup(const char *index_file, const char *path, struct dtw_oid *oid);
/* Whether the work tree or the index holds `path` with content other than
 * blob `blob` (a deletion counts). A skip-worktree entry (outside a sparse
 * checkout) is its index version, as git status takes it. */
int dtw_repo_path_changed(struct dtw_repo *r, const char *path,
			  const struct dtw_oid *blob, int *changed);
/* Whether the index marks `path` skip-worktree (outside a sparse
 * checkout): its work-tree version is then the index's. */
int dtw_repo_path_sparse(struct dtw_repo *r, const char *path);

/* The merge base of `rev` and HEAD (as --changed-since finds it, shallow
 * clones included), as a commit id. DTW_ENOREV when `rev` or HEAD names no
 * commit; DTW_ENOTFOUND when the two have no merge base (unrelated
 * histories, or a shallow clone that lacks it). */
int dtw_repo_merge_base(struct dtw_oid *out, struct dtw_repo *r, const char *rev);
/* A unified diff of two texts (either may be NULL: absent), labelled
 * a/PATH and b/PATH. xmalloc'd in *out. */
int dtw_unified_diff(char **out, const char *old, size_t oldlen, const char *new,
		     size_t newlen, const char *path);
/* git merge-file's three-way line merge of text[0] (the ancestor),
 * text[1] (ours) and text[2] (theirs), each len[k] bytes: conflicts
 * marked with lines of `marker_size` characters, labelled "ours" and
 * "theirs". The result in *out (xmalloc'd, NUL-terminated) and *outlen;
 * *conflicted set when it left conflict markers. Returns 0 or DTW_ERROR
 * with the message set (naming `path`). */
int dtw_merge_lines(char **out, size_t *outlen, int *conflicted, const char *const text[3],
		    const size_t len[3], const char *path, unsigned marker_size);

/* --- tags --- */

/* A tag as git has it: the reference and the object it points at. What
 * its message means is for the caller. */
struct dtw_git_tag {
	char *name;                 /* without refs/tags/; xmalloc'd */
	struct dtw_oid oid;         /* the tag object (a lightweight tag: the commit) */
	struct dtw_oid commit;      /* what it peels to; all zero when no commit */
	char *message;              /* the tag object's message, xmalloc'd ("" when
				       it has none); NULL for a lightweight tag */
};

void dtw_git_tag_release(struct dtw_git_tag *t);
/* Whether "refs/tags/NAME" is a valid reference name. */
int dtw_tag_name_valid(const char *name);
/* Looks up refs/tags/NAME and reads the object it points at, as
 * dtw_repo_tag_read does. DTW_ENOTFOUND (no message) when there is no such
 * tag; DTW_ERROR with the message set when the reference is symbolic or
 * cannot be read, or the object cannot be read. The caller releases *out
 * (dtw_git_tag_release); on failure it holds nothing. */
int dtw_repo_tag(struct dtw_git_tag *out, struct dtw_repo *r, const char *name);

/* A tag reference as listed, before any object is read. */
struct dtw_git_tag_ref {
	char *name;                 /* without refs/tags/; xmalloc'd */
	struct dtw_oid oid;         /* what it points at */
};

struct dtw_git_tag_refs {
	struct dtw_git_tag_ref *v;
	size_t n, alloc;
};

void dtw_git_tag_refs_release(struct dtw_git_tag_refs *refs);
/* Appends to *out every tag whose name matches `glob` ("*" matches any
 * run of characters, "/" included), in libgit2's order. Only references
 * are read; a reference that does not resolve is left out. DTW_ERROR with
 * the message set when the references cannot be listed; then *out holds
 * nothing new. */
int dtw_repo_tag_refs(struct dtw_git_tag_refs *out, struct dtw_repo *r, const char *glob);
/* Reads the object `ref` points at into *out: its id, the commit it peels
 * to and, for a tag object, its message. DTW_ERROR with the message set
 * when the object cannot be read. The caller releases *out; on failure
 * it holds nothing. */
int dtw_repo_tag_read(struct dtw_git_tag *out, struct dtw_repo *r,
		      const struct dtw_git_tag_ref *ref);
/* What changes whenever a tag directly under refs/tags/ is created, moved
 * or deleted: the mtime of refs/tags/ (a loose reference is written by
 * renaming a lock file into it) and the size and mtime of packed-refs,
 * as "SEC.NSEC" then ":SIZE:SEC.NSEC", each left out when that file does
 * not exist, with the mtime of each subdirectory of refs/tags/ (a tag
 * such as news/2026-11-24 lives in one) after the first, as ":SEC.NSEC".
 * *newest is the latest of the mtimes, in seconds. NULL when there are
 * more than 64 subdirectories or they go deeper than 8: then the caller
 * lists the references. Reads no reference. xmalloc'd. */
char *dtw_repo_tag_stamp(time_t *newest, struct dtw_repo *r);
/* Checks that a tagger identity (user.name, user.email) is configured:
 * 0, or DTW_ENOIDENT with the message saying how to set one. */
int dtw_repo_tagger_ok(struct dtw_repo *r);
/* Serialises dtw's releases in this repository (an flock on
 * .git/dtw/release.lock, let go when the process ends): libgit2 checks that
 * a tag name is free before it takes the reference lock, so two runs could
 * otherwise both create it. Returns a descriptor for dtw_repo_unlock, or
 * -1 (then the reference lock is all there is). */
int dtw_repo_lock_releases(struct dtw_repo *r);
void dtw_repo_unlock(int fd);
/* Creates the annotated tag NAME on `commit` with `message`. With force,
 * moves an existing one. Returns DTW_EEXISTS when the name is taken (and
 * not forced), DTW_ELOCKED when another process holds the reference,
 * DTW_ENOIDENT without a tagger identity; the caller reads an existing tag
 * to decide. Safe under concurrency: the
 * reference is created under git's lock, so of two runs one wins. */
int dtw_repo_tag_create(struct dtw_repo *r, const char *name,
			const struct dtw_oid *commit, const char *message, int force);
/* Pushes refs/tags/NAME (and nothing else) to `remote`; on success or
 * rejection *answer (xmalloc'd) says what the remote answered. */
int dtw_repo_push_tag(struct dtw_repo *r, const char *remote, const char *name,
		      char **answer);

#endif
