/* Writing a user's file without ever leaving it half-written. */
#ifndef DTW_WRITE_H
#define DTW_WRITE_H

#include <stddef.h>
#include <sys/types.h>

/* Replaces `path` with data[0..len) atomically: a temporary file beside
 * it, written, fsync'd, renamed over it, the directory fsync'd. `mode`
 * is used for a new file; an existing file keeps its permissions. An
 * interruption leaves either the old or the new content. Returns 0 or
 * DTW_ERROR with the message set. */
int dtw_write_atomic(const char *path, const char *data, size_t len, mode_t mode);
/* The same for an existing file that must still hold expect[0..expect_len)
 * (what the caller read) when it is replaced: checked after the new
 * content is on disk, just before the rename. Fails with DTW_ECHANGED,
 * writing nothing, when it does not. */
int dtw_write_atomic_over(const char *path, const char *data, size_t len,
			  const char *expect, size_t expect_len);
/* Writes the fixed text data[0..len) over the work-tree file `path`
 * (named `display`, lying in `root`) that held expect[0..expect_len)
 * when it was read: atomically, under an advisory lock so that two dtw
 * fixing one file take turns. A symbolic link is written through: the
 * file it leads to is replaced, the link kept. Returns 0 when it wrote
 * `data`, 1 when the file holds `data` already (another run wrote the same
 * meanwhile); DTW_EREADONLY (a file without write permission, even for
 * root); DTW_ECHANGED (someone else changed it; nothing written);
 * DTW_ESYMLINK (a link that leads out of `root`; `root` NULL: no such
 * check); or another code. The message names `display`. */
int dtw_write_fixed(const char *path, const char *display, const char *root,
		    const char *data, size_t len, const char *expect, size_t expect_len);
/* The same without the fsyncs, for files dtw can rebuild (its cache):
 * still never half-written, but a crash may lose the new content. */
int dtw_write_replace(const char *path, const char *data, size_t len, mode_t mode);

/* Creates `path` and any missing parent directories (mkdir -p). Returns 0
 * or DTW_ERROR with the message set. */
int dtw_mkdirs(const char *path);

#endif
