/* Selection stage: what to read. Turns the paths given on the command
 * line, --staged, --rev, --changed-since and the config's `paths` into the
 * sorted list of inputs (lib/source/input.h) that dtw lint reads one at a
 * time. */
#ifndef DTW_SELECT_H
#define DTW_SELECT_H

#include <stddef.h>

#include "base/error.h"
#include "source/input.h"

struct dtw_repo;

/* What to select; every pointer borrowed. */
struct dtw_select {
	const char *const *paths;    /* PATHs given (files or directories), or none */
	size_t npaths;
	const char *const *patterns; /* the config's `paths` */
	size_t npatterns;
	int issues_only;             /* of the PATHs, only those `patterns` match */
	const char *cwd;             /* absolute */
	const char *root;            /* the work tree, or NULL outside a repository */
	const char *base;            /* outside one, what `patterns` are relative to
				      * (the config's directory; NULL: cwd) */
	/* The git modes (rev, changed_since or staged set; repo needed):
	 * revision `rev`, what changed since the merge base of
	 * `changed_since` and HEAD, or the index (with no PATH, only what is
	 * staged for commit). */
	struct dtw_repo *repo;
	const char *rev;
	const char *changed_since;
	int staged;
	int all_staged;              /* with staged and no PATH: every index entry */
};

struct dtw_selection {
	struct dtw_input *v;  /* sorted by display name, no two the same */
	size_t n, alloc;
	size_t unread;        /* PATHs that could not be selected (reported) */
	size_t failed;        /* other failures (git; reported) */
};

/* Selects the inputs `sel` names into *out (released with
 * dtw_selection_release). In the work tree a PATH that is a
 * directory stands for the Markdown files under it; in the git modes a
 * PATH is a repository path or a directory of them. Symbolic links met on
 * the way are reported (notes) and not followed. */
void dtw_select_inputs(struct dtw_selection *out, const struct dtw_select *sel,
		       dtw_report_fn *report, void *data);
/* Appends one input (taken, not copied), as the one document of
 * standard input is added; the list is not sorted again. */
void dtw_selection_add(struct dtw_selection *s, const struct dtw_input *in);
void dtw_selection_release(struct dtw_selection *s);

#endif
