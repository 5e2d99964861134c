/* Catalog: the object-id keyed cache. One line per entry:
 * "KIND HEXOID VALUE". Lookups go through an open-addressing table. */
#include "catalog/cache.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/hash.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "source/source.h"
#include "source/write.h"
#include "base/banned.h"

/* 3: release tags read from their last paragraph only, first line of a
 * key first; a reading cached under another rule is not reused. 5: an
 * issue's facts say whether its front matter could be read. */
#define CACHE_HEADER "dtw-cache 5\n"

struct entry {
	char kind;
	struct dtw_oid oid;
	char *value;
};

struct dtw_cache {
	char *path;               /* NULL: no git directory to keep it in */
	struct entry *v;
	size_t n, alloc;
	size_t *slots;            /* index + 1 into v; 0 = empty */
	size_t cap;
	uint64_t seed;            /* of hash(); chosen when the table is made */
	int dirty;
};

/* The slot of (kind, oid): all 20 bytes of the id and the kind, mixed
 * with a seed of this table's own. A cache file is input: its ids need
 * not be real object ids, and ids made to share a slot would make each
 * lookup walk all of them (a load quadratic in the entries). Mixing every
 * byte keeps ids that agree in part apart, and the seed, unknown to
 * whoever wrote the file, keeps them from being chosen to collide. */
static size_t hash(const struct dtw_cache *c, char kind, const struct dtw_oid *oid)
{
	uint64_t w[3] = { 0, 0, 0 }, h = c->seed ^ (unsigned char)kind;
	size_t i;
	memcpy(w, oid->id, sizeof(oid->id));
	for (i = 0; i < 3; i++)
		h = dtw_mix64(h ^ w[i]);
	return (size_t)h & (c->cap - 1);
}

static void rehash(struct dtw_cache *c)
{
	size_t i;
	free(c->slots);
	c->cap = c->cap ? c->cap * 2 : 256;
	while (c->cap < c->n * 2)
		c->cap *= 2;
	c->slots = xcalloc(c->cap, sizeof(*c->slots));
	for (i = 0; i < c->n; i++) {
		size_t s = hash(c, c->v[i].kind, &c->v[i].oid);
		while (c->slots[s])
			s = (s + 1) & (c->cap - 1);
		c->slots[s] = i + 1;
	}
}

static struct entry *find(const struct dtw_cache *c, char kind,
			  const struct dtw_oid *oid)
{
	size_t s;
	if (!c->cap)
		return NULL;
	for (s = hash(c, kind, oid); c->slots[s]; s = (s + 1) & (c->cap - 1)) {
		struct entry *e = &c->v[c->slots[s] - 1];
		if (e->kind == kind && dtw_oid_equal(&e->oid, oid))
			return e;
	}
	return NULL;
}

static void add(struct dtw_cache *c, char kind, const struct dtw_oid *oid,
		const char *value, size_t len)
{
	struct entry *e = find(c, kind, oid);
	if (e) {
		free(e->value);
		e->value = xstrndup(value, len);
		return;
	}
	ALLOC_GROW(c->v, c->n + 1, c->alloc);
	e = &c->v[c->n++];
	e->kind = kind;
	e->oid = *oid;
	e->value = xstrndup(value, len);
	if (c->n * 2 > c->cap)
		rehash(c);
	else {
		size_t s = hash(c, kind, oid);
		while (c->slots[s])
			s = (s + 1) & (c->cap - 1);
		c->slots[s] = c->n;
	}
}

struct dtw_cache *dtw_cache_load(const char *dir)
{
	struct dtw_cache *c = xcalloc(1, sizeof(*c));
	struct dtw_source src;
	const char *p, *end;

	c->seed = dtw_hash_seed(c);

	if (!dir)
		return c;
	mkdir(dir, 0777);
	c->path = xmalloc(strlen(dir) + 7);
	memcpy(c->path, dir, strlen(dir));
	memcpy(c->path + strlen(dir), "/cache", 7);
	if (dtw_source_read_file(&src, c->path, c->path))
		return c;
	if (src.len < strlen(CACHE_HEADER) || memcmp(src.data, CACHE_HEADER, strlen(CACHE_HEADER))) {
		dtw_source_release(&src);
		return c; /* another version: rebuilt */
	}
	p = src.data + strlen(CACHE_HEADER);
	end = src.data + src.len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		struct dtw_oid oid;
		if (!nl)
			break;
		if (nl - p >= 43 && p[1] == ' ' && p[42] == ' ' && !dtw_oid_from_hex(&oid, p + 2, DTW_OID_HEXSZ))
			add(c, p[0], &oid, p + 43, (size_t)(nl - p - 43));
		p = nl + 1;
	}
	dtw_source_release(&src);
	return c;
}

const char *dtw_cache_get(const struct dtw_cache *c, char kind,
			  const struct dtw_oid *oid)
{
	const struct entry *e = find(c, kind, oid);
	return e ? e->value : NULL;
}

void dtw_cache_put(struct dtw_cache *c, char kind, const struct dtw_oid *oid,
		   const char *value)
{
	add(c, kind, oid, value, strcspn(value, "\n"));
	c->dirty = 1;
}

void dtw_cache_save(struct dtw_cache *c)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (!c || !c->dirty || !c->path)
		return;
	strbuf_addstr(&sb, CACHE_HEADER);
	for (i = 0; i < c->n; i++) {
		char hex[DTW_OID_HEXSZ + 1];
		dtw_oid_hex(hex, &c->v[i].oid);
		strbuf_addf(&sb, "%c %s %s\n", c->v[i].kind, hex, c->v[i].value);
	}
	/* Best effort: another process may write it at the same time; the
	 * rename makes either whole version win. */
	dtw_write_replace(c->path, sb.buf, sb.len, 0644);
	c->dirty = 0;
	strbuf_release(&sb);
}

size_t dtw_cache_displacement(const struct dtw_cache *c)
{
	size_t s, total = 0;
	for (s = 0; s < c->cap; s++)
		if (c->slots[s]) {
			const struct entry *e = &c->v[c->slots[s] - 1];
			total += (s - hash(c, e->kind, &e->oid)) & (c->cap - 1);
		}
	return total;
}

void dtw_cache_free(struct dtw_cache *c)
{
	size_t i;
	if (!c)
		return;
	for (i = 0; i < c->n; i++)
		free(c->v[i].value);
	free(c->v);
	free(c->slots);
	free(c->path);
	free(c);
}
