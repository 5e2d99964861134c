/* The catalog: what the repository knows about its newsletter issues —
 * each issue's number, date, title, status and featured URLs (read once
 * per blob and kept in the cache), and the release tags. Commands that
 * name an issue by number or date, list issues, or check links against
 * earlier releases go through it. */
#ifndef DTW_CATALOG_H
#define DTW_CATALOG_H

#include <stddef.h>

#include "base/oid.h"

#include "base/error.h"
#include "git/git.h"
#include "model/issue.h"
#include "model/released.h"
#include "schema/schema.h"

struct dtw_cache;
struct dtw_tag;          /* a release tag: catalog/release.h */

struct dtw_facts {
	long issue;          /* 0 when missing or not a number */
	char date[11];       /* "" when missing */
	char *title;         /* xmalloc'd; "" when missing */
	char *status;        /* xmalloc'd; the schema's default when absent;
			      * "" when unparsable */
	int unparsable;      /* no front matter that could be read (none,
			      * not valid YAML, not a mapping, a file that
			      * is not a document): the status is unknown,
			      * not the default */
	char **urls;         /* normalised http(s) URLs featured by items */
	size_t nurls;
};

void dtw_facts_release(struct dtw_facts *f);
/* The issue number of a built issue model (its number role, a positive
 * integer); 0 when it has none. */
long dtw_issue_number(const struct dtw_issue *is);
/* The facts of a built issue model. */
void dtw_facts_from_issue(struct dtw_facts *out, const struct dtw_issue *is);

struct dtw_catalog {
	struct dtw_repo *repo;           /* borrowed */
	const struct dtw_schema *schema; /* borrowed */
	struct dtw_cache *cache;
	struct dtw_tag *tags;            /* release tags (dtw_release_tags) */
	size_t ntags;
	struct dtw_released released;    /* built by dtw_catalog_released */
	int released_built;
};

/* Opens the catalog of `repo`: loads the cache and lists the release
 * tags, whatever their names (dtw_release_tags): a release is known by
 * its trailers, so changing release.tag hides none. The caller saves what
 * was learnt with dtw_catalog_save (a command that read issues does, so
 * the next run need not) and frees with dtw_catalog_free, which writes
 * nothing. Returns 0, or what dtw_release_tags returns (DTW_ERROR, message
 * set; *out is NULL then). */
int dtw_catalog_open(struct dtw_catalog **out, struct dtw_repo *repo,
		     const struct dtw_schema *schema);
/* The same, with the release tags as the cache last listed them, even if
 * tags changed since (dtw_release_tags' `as_known`): for a command that
 * reads again, fresh, the tag it relies on. */
int dtw_catalog_open_known(struct dtw_catalog **out, struct dtw_repo *repo,
			   const struct dtw_schema *schema);
/* Lists the release tags again, as dtw_catalog_open does (for a catalog
 * opened with dtw_catalog_open_known that must not miss one). Tags taken
 * from it before are gone. Does nothing once dtw_catalog_released was
 * called. Returns 0, or what dtw_release_tags returns. */
int dtw_catalog_refresh(struct dtw_catalog *cat);
/* Writes the cache back when something was added (best effort: the
 * cache is an optimisation). */
void dtw_catalog_save(struct dtw_catalog *cat);
void dtw_catalog_free(struct dtw_catalog *cat);

/* The facts of a blob, from the cache or by parsing it once. */
int dtw_catalog_facts(struct dtw_facts *out, struct dtw_catalog *cat,
		      const struct dtw_oid *blob);

/* The same for content at hand (a work-tree file) whose blob id is
 * `blob`: parsed only when the cache does not know it. */
int dtw_catalog_facts_data(struct dtw_facts *out, struct dtw_catalog *cat,
			   const struct dtw_oid *blob, const char *data, size_t len);

/* What was released, with the URL index link-repeat reads. Borrowed,
 * valid until dtw_catalog_free. */
const struct dtw_released *dtw_catalog_released(struct dtw_catalog *cat);

/* The release tag of issue number `issue` (released from `path` when it
 * is not NULL), or NULL. Borrowed, valid until dtw_catalog_free. */
const struct dtw_tag *dtw_catalog_tag_of(const struct dtw_catalog *cat, long issue,
					 const char *path);

/* A release tag of issue number `issue` whose Dtw-Blob is `blob`, under
 * whatever name, or NULL. Borrowed, valid until dtw_catalog_free. */
const struct dtw_tag *dtw_catalog_tag_with_blob(const struct dtw_catalog *cat, long issue,
						const struct dtw_oid *blob);

/* Finds the issue named `arg` — a number ("42") or a date ("2026-11-24")
 * — among `files` (listed by the caller, with blob ids). Sets *index.
 * DTW_ENOTFOUND when none claims it; DTW_EINVALID (message naming both)
 * when two do. */
int dtw_catalog_find(size_t *index, struct dtw_catalog *cat,
		     const struct dtw_git_files *files, const char *arg);

/* One newsletter issue of the work tree, for dtw list. */
struct dtw_list_row {
	char *display;       /* its path, relative to the current directory */
	struct dtw_facts f;
	const char *tag;     /* its release tag, or NULL; borrowed from the catalog */
	int changed;         /* the file differs from what the tag released */
};

/* Every file under `base` (the work tree `root`, or the current directory
 * `cwd` outside a repository) that `patterns` match, read, sorted by
 * issue number then path, into *out (dtw_list_rows_free). With `cat`
 * (may be NULL), each row's facts come through its cache and the row
 * gets its release tag; else from `schema`. A file that cannot be read
 * is reported and left out; returns -1 then, else 0. */
int dtw_catalog_list(struct dtw_list_row **out, size_t *nout, struct dtw_catalog *cat,
		     const struct dtw_schema *schema, const char *base, const char *root,
		     const char *cwd, const char *const *patterns, size_t npatterns,
		     dtw_report_fn *report, void *data);
void dtw_list_rows_free(struct dtw_list_row *rows, size_t n);

/* Whether repository path `path` is a newsletter issue: one the config's
 * `paths` match. `config` is a struct dtw_config (a dtw_git_match_fn). */
int dtw_want_issue(const char *path, void *config);

/* The repository path an ISSUE argument names, into *out (xmalloc'd): a
 * path (relative to `cwd`, or absolute; in a bare repository, as given),
 * or an issue number ("42") or date ("2026-11-24") that `cat` finds among
 * the issue files (`config`'s paths) of the work tree (`rev` NULL) or of
 * revision `rev`. `cat` may be NULL when `arg` is not a number or date
 * (dtw_issue_arg_is_key). Returns 0, or DTW_ENOTFOUND (no issue has that
 * number), DTW_EINVALID (two files claim it; a path outside the
 * repository) or another DTW_E* code, with the one-line message in
 * dtw_error_last(). */
int dtw_catalog_resolve(char **out, struct dtw_repo *repo, struct dtw_catalog *cat,
			const struct dtw_config *config, const char *cwd, const char *rev,
			const char *arg);

/* Whether arg reads as an issue number or a date rather than a path. */
int dtw_issue_arg_is_key(const char *arg);

#endif
