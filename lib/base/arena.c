/* Base: the per-file bump allocator. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

struct dtw_arena_chunk {
	struct dtw_arena_chunk *next;
	size_t size;
	max_align_t data[];
};

#define CHUNK_SIZE (64 * 1024)
#define CACHE_MAX 64

/* Standard chunks of released arenas are kept for the next file, as
 * malloc keeps freed memory: without it every file would grow and trim
 * the heap again (two brk calls a file). Bounded, so peak memory still
 * follows the largest file. */
static _Thread_local struct dtw_arena_chunk *cache;
static _Thread_local size_t cached;

static void *new_chunk(struct dtw_arena *a, size_t n)
{
	struct dtw_arena_chunk *c;
	if (n == CHUNK_SIZE && cache) {
		c = cache;
		cache = c->next;
		cached--;
	} else {
		c = xmalloc(sizeof(*c) + n);
		c->size = n;
	}
	c->next = a->head;
	a->head = c;
	return c->data;
}

void *dtw_arena_alloc(struct dtw_arena *a, size_t n)
{
	char *p;
	n = (n + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
	if (!n)
		n = sizeof(max_align_t);
#ifdef DTW_ARENA_MALLOC
	p = new_chunk(a, n);
#else
	if (n > CHUNK_SIZE / 4) {
		p = new_chunk(a, n);
	} else {
		if ((size_t)(a->end - a->cur) < n) {
			a->cur = new_chunk(a, CHUNK_SIZE);
			a->end = a->cur + CHUNK_SIZE;
		}
		p = a->cur;
		a->cur += n;
	}
#endif
	memset(p, 0, n);
	return p;
}

char *dtw_arena_strndup(struct dtw_arena *a, const char *s, size_t n)
{
	char *p = dtw_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void dtw_arena_release(struct dtw_arena *a)
{
	struct dtw_arena_chunk *c = a->head, *next;
	while (c) {
		next = c->next;
#ifndef DTW_ARENA_MALLOC
		if (c->size == CHUNK_SIZE && cached < CACHE_MAX) {
			c->next = cache;
			cache = c;
			cached++;
			c = next;
			continue;
		}
#endif
		free(c);
		c = next;
	}
	a->head = NULL;
	a->cur = a->end = NULL;
}
