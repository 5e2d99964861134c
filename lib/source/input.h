/* Source stage: the one way any command gets an issue's bytes — from the
 * work tree, the index, a revision, a blob or standard input — with one
 * symbolic-link policy and one size cap (DTW_MAX_FILE_SIZE) for all:
 *   - a work-tree file is read only when, links followed, it lies inside
 *     the repository's work tree (DTW_ESYMLINK otherwise);
 *   - a symbolic link recorded in git (the index, a tree) is never read
 *     as a document (DTW_ESYMLINK).
 * lint, diff, render and the catalog read through dtw_input_read. */
#ifndef DTW_INPUT_H
#define DTW_INPUT_H

#include <stddef.h>

#include "base/oid.h"
#include <stdio.h>

#include "source/source.h"

struct dtw_repo;

enum dtw_input_kind {
	DTW_INPUT_WORKTREE, /* the file `fspath` on disk */
	DTW_INPUT_INDEX,    /* `path`'s entry in the index */
	DTW_INPUT_REV,      /* `path` in the tree of revision `rev` */
	DTW_INPUT_BLOB,     /* the blob `oid` (found in the index or a tree) */
	DTW_INPUT_STDIN,    /* bytes read from standard input */
};

struct dtw_input {
	enum dtw_input_kind kind;
	char *display;            /* as printed; owned */
	char *fspath;             /* WORKTREE; owned */
	char *path;               /* the repository path, or NULL; owned */
	const char *rev;          /* REV; borrowed */
	struct dtw_oid oid;    /* BLOB */
	char *data;               /* STDIN: the bytes; owned */
	size_t len;
};

/* Where inputs are read: the repository (NULL when there is none; then
 * only WORKTREE and STDIN inputs can be read) and the root of the work
 * tree that WORKTREE files must lie in (NULL: outside any repository,
 * where there is no such bound). Both borrowed. */
struct dtw_input_env {
	struct dtw_repo *repo;
	const char *root;
};

/* Inputs of each kind. Every string is copied; `path` may be NULL. */
void dtw_input_worktree(struct dtw_input *out, const char *display, const char *fspath,
			const char *path);
void dtw_input_index(struct dtw_input *out, const char *display, const char *path);
void dtw_input_rev(struct dtw_input *out, const char *display, const char *rev,
		   const char *path);
void dtw_input_blob(struct dtw_input *out, const char *display, const char *path,
		    const struct dtw_oid *oid);

/* A STDIN input: reads `f` to its end. Fails with DTW_ETOOBIG past
 * DTW_MAX_FILE_SIZE, or DTW_ERROR on a read error, the message naming
 * `display`; nothing is kept then. */
int dtw_input_stdin(struct dtw_input *out, const char *display, const char *path, FILE *f);

/* Reads the input's bytes into *out (released by dtw_source_release),
 * named by its display name. Fails with DTW_ENOTFOUND (no such file, or
 * no such path in the index or at the revision), DTW_ESYMLINK (see
 * above), DTW_ETOOBIG, or DTW_ERROR; the message, set once, names the
 * input. */
int dtw_input_read(struct dtw_source *out, const struct dtw_input *in,
		   const struct dtw_input_env *env);

/* dtw_input_read of a work-tree file that lies in `root` (NULL: no
 * bound), for the commands that read one file by its path. */
int dtw_input_read_file(struct dtw_source *out, const char *fspath, const char *display,
			const char *root);

/* Frees what the input owns; it can be set again. */
void dtw_input_release(struct dtw_input *in);

#endif
