/* Base: the per-file bump allocator. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"
#include "banned.h"

struct dtw_arena_chunk {
	struct dtw_arena_chunk *next;
	max_align_t data[];
};

#define CHUNK_SIZE (64 * 1024)

static void *new_chunk(struct dtw_arena *a, size_t n)
{
	struct dtw_arena_chunk *c = xmalloc(sizeof(*c) + n);
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
		free(c);
		c = next;
	}
	a->head = NULL;
	a->cur = a->end = NULL;
}
