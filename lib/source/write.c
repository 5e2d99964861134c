/* Source stage, the other way: atomic replacement of a file, used by every
 * command that writes into a user's tree. */
#include "write.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "source/input.h"
#include "source/source.h"
#include "base/banned.h"

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Whether path holds exactly expect[0..len). */
static int holds(const char *path, const char *expect, size_t len)
{
	char buf[65536];
	size_t at = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK), same = 1;
	if (fd < 0)
		return 0;
	for (;;) {
		ssize_t r = read(fd, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			same = r == 0 && at == len;
			break;
		}
		if ((size_t)r > len - at || memcmp(buf, expect + at, (size_t)r)) {
			same = 0;
			break;
		}
		at += (size_t)r;
	}
	close(fd);
	return same;
}

/* Puts tmp in path's place. With `expect`, the two are exchanged
 * atomically and what was swapped out must be what the caller read:
 * a file another process put there after the last look is swapped back
 * (*changed set), so its write is never lost. Where the file system
 * cannot exchange, a plain rename. 0, or -1 with errno. */
static int swap_in(const char *tmp, const char *path, const char *expect, size_t len,
		   int *changed)
{
	*changed = 0;
	if (!expect)
		return rename(tmp, path);
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_EXCHANGE) < 0) {
		if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
			return -1;
		return rename(tmp, path);
	}
	if (holds(tmp, expect, len))
		return unlink(tmp) < 0 && errno != ENOENT ? -1 : 0;
	*changed = 1;
	if (!renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_EXCHANGE))
		return 0;
	/* Its file at tmp must not be lost: back in place, over this one. */
	return rename(tmp, path) < 0 ? -1 : 0;
}

/* How old a temporary file must be before another run may take it for
 * the leftover of a killed one. */
#define STALE_SECONDS 60

/* Whether `name` is exactly ".BASE.dtw-" and the six characters mkstemp
 * puts in place of its XXXXXX (letters and digits). */
static int temp_name_of(const char *name, const char *base, size_t blen)
{
	size_t i;
	if (name[0] != '.' || strncmp(name + 1, base, blen) || strncmp(name + 1 + blen, ".dtw-", 5))
		return 0;
	name += 1 + blen + 5;
	for (i = 0; i < 6; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
		      (name[i] >= '0' && name[i] <= '9')))
			return 0;
	return name[6] == '\0';
}

/* Removes the temporary files that a run killed while it wrote `base` in
 * directory `dir` left behind (a kill -9, a crash, a power cut: nothing
 * ran to remove them). Only a file that is certainly one goes: its name
 * is exactly .BASE.dtw-XXXXXX; it is a regular file with one link, owned
 * by this user; it was last written more than STALE_SECONDS ago; and
 * nobody holds its lock. Every writer holds an advisory lock on its
 * temporary file from just after creating it until it is renamed or
 * removed, and the kernel drops that lock when the process dies however
 * it dies; the age covers the instant between creating and locking. So
 * a run that is still writing, however slowly, keeps its file. Anything
 * else (a near name, a link, a directory, someone else's file) is left
 * alone. Best effort: a failure here changes nothing. */
static void remove_stale(const char *dir, const char *base)
{
	size_t blen = strlen(base);
	time_t now = time(NULL);
	struct dirent *de;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((de = readdir(d))) {
		struct stat st, again;
		int fd;
		if (!temp_name_of(de->d_name, base, blen))
			continue;
		fd = openat(dirfd(d), de->d_name,
			    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (!fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_nlink == 1 &&
		    st.st_uid == geteuid() && st.st_mtime + STALE_SECONDS < now &&
		    !flock(fd, LOCK_EX | LOCK_NB) &&
		    !fstatat(dirfd(d), de->d_name, &again, AT_SYMLINK_NOFOLLOW) &&
		    again.st_dev == st.st_dev && again.st_ino == st.st_ino)
			(void)unlinkat(dirfd(d), de->d_name, 0);
		close(fd);
	}
	closedir(d);
}

/* Replaces `path` (named `display` in messages). */
static int replace(const char *path, const char *display, const char *data, size_t len,
		   mode_t mode, int durable, const char *expect, size_t expect_len)
{
	struct strbuf tmp = STRBUF_INIT, dir = STRBUF_INIT;
	struct stat st;
	const char *slash = strrchr(path, '/');
	int fd, held, e, changed = 0;

	if (stat(path, &st) == 0) {
		mode = st.st_mode & 07777;
	} else {
		/* A new file gets the mode asked for, less the umask. */
		mode_t mask = umask(0);
		umask(mask);
		mode &= ~mask;
	}
	if (slash)
		strbuf_add(&dir, path, (size_t)(slash - path) + (slash == path));
	else
		strbuf_addch(&dir, '.');
	remove_stale(dir.buf, slash ? slash + 1 : path);
	if (slash)
		strbuf_addf(&tmp, "%.*s/.%s.dtw-XXXXXX", (int)(slash - path), path, slash + 1);
	else
		strbuf_addf(&tmp, ".%s.dtw-XXXXXX", path);
	fd = mkstemp(tmp.buf);
	if (fd < 0) {
		e = errno;
		strbuf_release(&tmp);
		strbuf_release(&dir);
		return dtw_error_set("%s: cannot create a temporary file beside it: %s", display,
				     strerror(e));
	}
	/* The lock that tells a later run this file is being written (see
	 * remove_stale); `held` keeps it past the close until the rename. */
	while (flock(fd, LOCK_EX) < 0 && errno == EINTR)
		;
	held = dup(fd);
	if (held < 0 || fchmod(fd, mode) < 0 || write_all(fd, data, len) < 0 ||
	    (durable && fsync(fd) < 0)) {
		e = errno;
		close(fd);
		goto fail;
	}
	/* The last look, as close to the rename as it can be: a file that
	 * changed since the caller read it is left as it now is. */
	if (expect && !holds(path, expect, expect_len)) {
		close(fd);
		unlink(tmp.buf);
		close(held);
		strbuf_release(&tmp);
		strbuf_release(&dir);
		return dtw_error_setc(DTW_ECHANGED, "%s: changed on disk", display);
	}
	if (close(fd) < 0 || swap_in(tmp.buf, path, expect, expect_len, &changed) < 0) {
		e = errno;
		if (!changed) /* (else tmp holds the other process's file) */
			unlink(tmp.buf);
		close(held);
		strbuf_release(&tmp);
		strbuf_release(&dir);
		return dtw_error_set("%s: cannot replace: %s", display, strerror(e));
	}
	if (changed) {
		/* Replaced by another process between the last look and the
		 * swap: its file is back, this one gone. */
		unlink(tmp.buf); /* (nothing there after a rename back) */
		close(held);
		strbuf_release(&tmp);
		strbuf_release(&dir);
		return dtw_error_setc(DTW_ECHANGED, "%s: changed on disk", display);
	}
	close(held);
	strbuf_release(&tmp);
	/* The rename is durable only once the directory is on disk. */
	if (durable) {
		int dfd = open(dir.buf, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
	strbuf_release(&dir);
	return 0;
fail:
	/* A write refused (a full disk, a file-size limit: EFBIG) leaves
	 * the file as it was and no temporary file beside it. */
	unlink(tmp.buf);
	if (held >= 0)
		close(held);
	strbuf_release(&tmp);
	strbuf_release(&dir);
	return dtw_error_set("%s: cannot write: %s", display, strerror(e));
}

int dtw_write_atomic(const char *path, const char *data, size_t len, mode_t mode)
{
	return replace(path, path, data, len, mode, 1, NULL, 0);
}

int dtw_write_atomic_over(const char *path, const char *data, size_t len,
			  const char *expect, size_t expect_len)
{
	return replace(path, path, data, len, 0644, 1, expect, expect_len);
}

int dtw_write_replace(const char *path, const char *data, size_t len, mode_t mode)
{
	return replace(path, path, data, len, mode, 0, NULL, 0);
}

int dtw_mkdirs(const char *path)
{
	struct strbuf d = STRBUF_INIT;
	size_t i;
	strbuf_addstr(&d, path);
	for (i = 1; i <= d.len; i++) {
		if (i < d.len && d.buf[i] != '/')
			continue;
		d.buf[i] = '\0';
		if (mkdir(d.buf, 0777) < 0 && errno != EEXIST) {
			int e = errno;
			dtw_error_set("cannot create %s: %s", d.buf, strerror(e));
			strbuf_release(&d);
			return DTW_ERROR;
		}
		if (i < d.len)
			d.buf[i] = '/';
	}
	strbuf_release(&d);
	return 0;
}

int dtw_write_fixed(const char *path, const char *display, const char *root,
		    const char *data, size_t len, const char *expect, size_t expect_len)
{
	struct dtw_source now;
	struct stat st;
	char *target = NULL;
	int lock, r, same;

	/* Read-only by its mode (even for root, who may write anyway) or by
	 * the file system. */
	if (stat(path, &st) < 0 || !(st.st_mode & 0222) || access(path, W_OK) < 0)
		return dtw_error_setc(DTW_EREADONLY, "%s: read-only; not fixed", display);
	/* Another dtw fixing the same file waits here until the first is
	 * done (an advisory lock on the file, released when its descriptor
	 * closes, even by a kill), then finds the new content. */
	lock = open(path, O_RDONLY | O_CLOEXEC);
	if (lock < 0) {
		int e = errno;
		return dtw_error_set("%s: cannot open: %s", display, strerror(e));
	}
	while (flock(lock, LOCK_EX) < 0 && errno == EINTR)
		;
	/* A symbolic link is written through, as an editor does: the file it
	 * leads to is replaced and the link stays a link. That file is the one
	 * the lock is on, and it must lie in the repository, as it must to be
	 * read (a link swapped in after the read cannot lead the write out). */
	target = dtw_fd_realpath(lock, path);
	if (!target) {
		r = dtw_error_set("%s: cannot tell where it lies; not fixed", display);
		goto out;
	}
	if (root && dtw_path_named_within(path, root) && !dtw_realpath_within(target, root)) {
		r = dtw_error_setc(DTW_ESYMLINK,
				   "%s: symbolic link to a file outside the repository, not fixed",
				   display);
		goto out;
	}
	/* The write itself checks that the file still holds what was read. */
	r = replace(target, display, data, len, 0644, 1, expect, expect_len);
	if (r == DTW_ECHANGED) {
		r = dtw_input_read_file(&now, path, display, root);
		if (!r) {
			same = now.len == len && !memcmp(now.data, data, len);
			dtw_source_release(&now);
			/* Another dtw may have made the same fixes meanwhile. */
			r = same ? 1 : dtw_error_setc(DTW_ECHANGED,
				"%s: changed on disk while it was linted; not fixed", display);
		}
	}
out:
	free(target);
	close(lock);
	return r;
}
