/* Which files to read: Markdown files under a directory, and files of the
 * repository matching the config's path patterns. */
#ifndef DTW_FILES_H
#define DTW_FILES_H

#include <stddef.h>

/* The walk's depth limit: a directory this many levels below where a walk
 * starts is read, one deeper is not (and is named in `unwalked`). */
#define DTW_WALK_MAX_DEPTH 64

/* A directory a walk did not go into, and why. */
struct dtw_unwalked {
	char *path;     /* as paths like `paths`; xmalloc'd */
	char *why;      /* "cannot read directory: Permission denied"; xmalloc'd */
};

struct dtw_filelist {
	char **paths;   /* xmalloc'd */
	size_t n, alloc;
	size_t skipped_symlinks;
	char **links;   /* the symbolic links skipped, as paths like `paths` */
	size_t nlinks, alinks;
	/* The directories below the start that were not walked (unreadable,
	 * or deeper than DTW_WALK_MAX_DEPTH): the walk goes on past each,
	 * and the caller names each as an error. */
	struct dtw_unwalked *unwalked;
	size_t nunwalked, aunwalked;
};

void dtw_filelist_add(struct dtw_filelist *l, const char *path);
void dtw_filelist_sort(struct dtw_filelist *l);
/* Sorts `unwalked` by path (the order a walk met them in is the file
 * system's). */
void dtw_filelist_sort_unwalked(struct dtw_filelist *l);
void dtw_filelist_release(struct dtw_filelist *l);

/* Adds every *.md / *.markdown file under dir (recursively; hidden entries
 * skipped; symbolic links not followed, counted in skipped_symlinks; a
 * directory below dir that cannot be read or lies too deep is added to
 * `unwalked` and the rest walked). Paths are dir + "/" + relative path.
 * Returns 0, or DTW_ERROR (message set) when dir itself cannot be read. */
int dtw_files_markdown(struct dtw_filelist *l, const char *dir);

/* Adds every file under root whose path relative to root matches one of
 * the patterns (fnmatch with FNM_PATHNAME; "**" matches any directories).
 * Added paths are relative to root, and so are those in `unwalked`, where
 * a pattern's own directory goes too when it cannot be read. Returns 0. */
int dtw_files_match(struct dtw_filelist *l, const char *root,
		    const char *const *patterns, size_t npatterns);

/* Whether rel (relative to the root) matches pattern. */
int dtw_path_match(const char *pattern, const char *rel);

/* Whether `name` names a Markdown file: *.md or *.markdown. */
int dtw_path_is_markdown(const char *name);

/* The length of the literal directory a paths pattern starts with, the
 * part before its first wildcard ("*?[\\") up to its last "/": 6 for
 * "issues/ *.md" (without the space), 0 for a pattern at the root. */
size_t dtw_pattern_dir_len(const char *pattern);

/* Absolute path `abs` relative to the absolute directory `cwd`, as git
 * prints paths ("../x.md", "." for cwd itself); a relative `abs` as it is.
 * xmalloc'd. */
char *dtw_path_display(const char *cwd, const char *abs);

/* `arg` (relative to `cwd`, or absolute) relative to `root`, with "." and
 * ".." resolved lexically as git does for pathspecs; xmalloc'd, "" for
 * root itself, or NULL when it is outside `root`. */
char *dtw_path_relative(const char *root, const char *cwd, const char *arg);

/* The repository path that command-line path `arg` names, into *out
 * (xmalloc'd): relative to the work tree `root`, or, in a bare
 * repository (`root` NULL), as given with any leading "./" dropped.
 * Returns 0, or DTW_EINVALID ("ARG: outside the repository (ROOT)"). */
int dtw_path_in_repo(char **out, const char *root, const char *cwd, const char *arg);

#endif
