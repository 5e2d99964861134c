/* What an ISSUE argument names, for the commands that take one (diff,
 * release, render): a path, or an issue number or date that the catalog
 * finds among the files the config's `paths` match. */
#include "catalog/catalog.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "git/git.h"
#include "source/files.h"
#include "source/input.h"
#include "source/source.h"
#include "base/banned.h"

int dtw_want_issue(const char *path, void *config)
{
	const struct dtw_config *cfg = config;
	size_t i;
	for (i = 0; i < cfg->npaths; i++)
		if (dtw_path_match(cfg->paths[i], path))
			return 1;
	return 0;
}

/* The issue files of the work tree, sorted, with the blob ids of their
 * content; each is made known to the catalog's cache on the way, read or
 * not. */
static void worktree_files(struct dtw_git_files *out, const struct dtw_config *config,
			   struct dtw_catalog *cat, const char *root)
{
	struct dtw_filelist files = { 0 };
	size_t i;

	dtw_files_match(&files, root, (const char *const *)config->paths,
			config->npaths);
	dtw_error_clear();
	dtw_filelist_sort(&files);
	for (i = 0; i < files.n; i++) {
		struct strbuf abs = STRBUF_INIT;
		struct dtw_source src;
		strbuf_addf(&abs, "%s/%s", root, files.paths[i]);
		if (!dtw_input_read_file(&src, abs.buf, files.paths[i], root)) {
			struct dtw_git_file *f;
			struct dtw_facts facts;
			ALLOC_GROW(out->v, out->n + 1, out->alloc);
			f = &out->v[out->n++];
			memset(f, 0, sizeof(*f));
			f->path = xstrdup(files.paths[i]);
			dtw_blob_id(&f->oid, src.data, src.len);
			f->has_oid = 1;
			dtw_catalog_facts_data(&facts, cat, &f->oid, src.data, src.len);
			dtw_facts_release(&facts);
			dtw_source_release(&src);
		}
		dtw_error_clear();
		strbuf_release(&abs);
	}
	dtw_filelist_release(&files);
}

int dtw_catalog_resolve(char **out, struct dtw_repo *repo, struct dtw_catalog *cat,
			const struct dtw_config *config, const char *cwd, const char *rev,
			const char *arg)
{
	const char *root = dtw_repo_workdir(repo);
	struct dtw_git_files files = { 0 };
	size_t idx;
	int r;

	*out = NULL;
	if (!dtw_issue_arg_is_key(arg)) {
		if ((r = dtw_path_in_repo(out, root, cwd, arg)))
			return r;
		if (root && !**out) {
			free(*out);
			*out = NULL;
			return dtw_error_setc(DTW_EINVALID,
					      "%s: the repository's top directory, not an issue file", arg);
		}
		return 0;
	}
	if (rev) {
		r = dtw_repo_rev_files(&files, repo, rev, NULL, 0, dtw_want_issue,
				       (void *)config);
		if (r) {
			dtw_git_files_release(&files);
			return r;
		}
	} else if (root) {
		worktree_files(&files, config, cat, root);
	} else {
		return dtw_error_setc(DTW_EINVALID,
				      "issue %s: a bare repository has no work tree to look in", arg);
	}
	r = dtw_catalog_find(&idx, cat, &files, arg);
	if (!r) /* NOLINTNEXTLINE(clang-analyzer-core.NullDereference): found, so files.n > 0 */
		*out = xstrdup(files.v[idx].path);
	dtw_git_files_release(&files);
	return r;
}
