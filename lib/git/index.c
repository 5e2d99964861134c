/* Git stage: looking one path up in the index file. libgit2 reads and
 * checksums the whole index (thousands of entries) to answer; a release
 * asks about one path, so this reads the entries in place and stops at it.
 * Only versions 2 and 3 without a split or sparse index are read here;
 * anything else is left to libgit2. */
#include "git.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/banned.h"

/* The index file, mapped read-only; NULL when it cannot be (then libgit2
 * reads it). */
static const unsigned char *map_index(const char *path, size_t *len)
{
	struct stat st;
	void *m;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
		close(fd);
		return NULL;
	}
	*len = (size_t)st.st_size;
	m = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	/* The caller unmaps it (munmap in dtw_index_lookup). */
	/* cppcheck-suppress memleak */
	return m == MAP_FAILED ? NULL : m;
}

static uint32_t be32(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return ntohl(v);
}

int dtw_index_lookup(const char *index_file, const char *path, struct dtw_oid *oid)
{
	const unsigned char *d, *end, *p;
	uint32_t version, count, i;
	size_t plen = strlen(path), len = 0;
	int found = 0;

	if (!(d = map_index(index_file, &len)))
		return -1;
	end = d + len;
	if (len < 12 + 20 || memcmp(d, "DIRC", 4))
		goto unsupported;
	version = be32(d + 4);
	count = be32(d + 8);
	if (version != 2 && version != 3)
		goto unsupported;
	p = d + 12;
	for (i = 0; i < count; i++) {
		uint16_t flags;
		size_t fixed = 62, namelen, size;
		const unsigned char *name, *nul;
		if (end - p < 62)
			goto unsupported;
		flags = (uint16_t)(p[60] << 8 | p[61]);
		if (flags & 0x4000) {
			if (version < 3)
				goto unsupported;
			fixed = 64;
		}
		name = p + fixed;
		if (name >= end)
			goto unsupported;
		nul = memchr(name, '\0', (size_t)(end - name));
		if (!nul)
			goto unsupported;
		namelen = (size_t)(nul - name);
		size = (fixed + namelen + 8) & ~(size_t)7;
		if ((size_t)(end - p) < size)
			goto unsupported;
		if (!found && namelen == plen && !memcmp(name, path, plen) &&
		    !(flags & 0x3000)) {
			memcpy(oid->id, p + 40, DTW_OID_RAWSZ);
			/* skip-worktree: bit 14 of the extended flags. */
			found = fixed == 64 && (p[62] & 0x40) ? 2 : 1;
		}
		p += size;
	}
	/* A split index keeps more entries elsewhere; a sparse one folds
	 * directories: both are libgit2's to read. */
	while (end - p > 20 + 8) {
		uint32_t ext = be32(p + 4);
		if (!memcmp(p, "link", 4) || !memcmp(p, "sdir", 4))
			goto unsupported;
		if ((size_t)(end - p) < 8 + (size_t)ext)
			goto unsupported;
		p += 8 + ext;
	}
	munmap((void *)d, len);
	return found;
unsupported:
	munmap((void *)d, len);
	return -1;
}
