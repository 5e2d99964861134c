/* The pre-commit hook as files: installed where git runs hooks from,
 * never over a hook of someone else's (unless forced, which keeps that one
 * as PATH.bak), and removed only when it is dtw's. */
#ifndef DTW_HOOK_H
#define DTW_HOOK_H

#include <stddef.h>

/* Who runs a repository's hooks when the pre-commit hook is not dtw's. */
enum dtw_hook_manager {
	DTW_HOOK_OTHER = 0,      /* a hook of the user's own */
	DTW_HOOK_PRE_COMMIT,     /* the pre-commit framework (pre-commit.com) */
	DTW_HOOK_HUSKY,          /* husky (core.hooksPath .husky/_) */
	DTW_HOOK_LEFTHOOK,       /* lefthook */
};

/* Which manager wrote hook text[0..len), found in directory `dir`. */
enum dtw_hook_manager dtw_hook_manager_of(const char *dir, const char *text, size_t len);
/* The manager's name ("husky"), and where dtw goes in its own config, as
 * lines to print (each ending in "\n"). */
const char *dtw_hook_manager_name(enum dtw_hook_manager m);
const char *dtw_hook_manager_advice(enum dtw_hook_manager m);

/* What an install or uninstall did, for the caller to say. */
struct dtw_hook_done {
	int same;        /* install: the hook was dtw's, byte for byte */
	int kept;        /* install --force: another hook moved to PATH.bak */
	int absent;      /* uninstall: there was no hook */
	int restored;    /* uninstall: PATH.bak put back */
	enum dtw_hook_manager manager; /* install refused: who runs the hooks */
};

/* Whether text[0..len) is a hook dtw installed (it carries dtw's mark). */
int dtw_hook_is_ours(const char *text, size_t len);
/* Writes the hook `text` as `hook` (in directory `dir`, made as mkdir -p),
 * atomically and executable. Returns 0; DTW_EEXISTS when `hook` is not
 * dtw's and !force, or when force would move it onto an existing PATH.bak
 * (nothing changed either way; done->manager says whose the hook is);
 * DTW_ERROR or DTW_ENOTFOUND on I/O failure. The message names the file
 * and what to do. */
int dtw_hook_install(struct dtw_hook_done *done, const char *dir, const char *hook,
		     const char *text, size_t len, int force);
/* Removes `hook` if dtw installed it, and puts back a PATH.bak. Returns 0
 * (done->absent when there was none); DTW_EEXISTS when it is someone
 * else's (left alone); DTW_ERROR on I/O failure. */
int dtw_hook_uninstall(struct dtw_hook_done *done, const char *hook);

#endif
