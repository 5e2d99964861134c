/* Git stage: looking one path up in the index file. libgit2 reads and
 * checksums the whole index (thousands of entries) to answer; a release
 * asks about one path, so this reads the entries in place and stops at it.
 * Only versions 2 and 3 without a split or sparse index are read here;
 * anything else is left to libgit2. */
#include "git.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <string.h>

#include "source/source.h"
#include "base/banned.h"

static uint32_t be32(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return ntohl(v);
}

int dtw_index_lookup(const char *index_file, const char *path, struct dtw_oid *oid)
{
	struct dtw_source src;
	const unsigned char *d, *end, *p;
	uint32_t version, count, i;
	size_t plen = strlen(path);
	int found = 0;

	if (dtw_source_read_file(&src, index_file, index_file))
		return -1;
	d = (const unsigned char *)src.data;
	end = d + src.len;
	if (src.len < 12 + 20 || memcmp(d, "DIRC", 4)) {
		dtw_source_release(&src);
		return -1;
	}
	version = be32(d + 4);
	count = be32(d + 8);
	if (version != 2 && version != 3) {
		dtw_source_release(&src);
		return -1;
	}
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
			found = 1;
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
	dtw_source_release(&src);
	return found;
unsupported:
	dtw_source_release(&src);
	return -1;
}
