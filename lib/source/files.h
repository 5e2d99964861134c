/* Which files to read: Markdown files under a directory, and files of the
 * repository matching the config's path patterns. */
#ifndef DTW_FILES_H
#define DTW_FILES_H

#include <stddef.h>

struct dtw_filelist {
	char **paths;   /* xmalloc'd */
	size_t n, alloc;
	size_t skipped_symlinks;
	char **links;   /* the symbolic links skipped, as paths like `paths` */
	size_t nlinks, alinks;
};

void dtw_filelist_add(struct dtw_filelist *l, const char *path);
void dtw_filelist_sort(struct dtw_filelist *l);
void dtw_filelist_release(struct dtw_filelist *l);

/* Adds every *.md / *.markdown file under dir (recursively; hidden entries
 * skipped; symbolic links not followed, counted in skipped_symlinks).
 * Paths are dir + "/" + relative path. Returns 0 or DTW_ERROR. */
int dtw_files_markdown(struct dtw_filelist *l, const char *dir);

/* Adds every file under root whose path relative to root matches one of
 * the patterns (fnmatch with FNM_PATHNAME; "**" matches any directories).
 * Added paths are relative to root. */
int dtw_files_match(struct dtw_filelist *l, const char *root,
		    const char *const *patterns, size_t npatterns);

/* Whether rel (relative to the root) matches pattern. */
int dtw_path_match(const char *pattern, const char *rel);

#endif
