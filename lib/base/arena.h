/* A bump allocator: everything built for one parsed file lives in one
 * arena, dropped in one call when the file is done, so memory is bounded by
 * the largest file rather than the number of files.
 *
 * Built with -DDTW_ARENA_MALLOC (debug and sanitizer builds), every block is
 * a separate malloc so that overruns and leaks stay visible to the tools.
 */
#ifndef DTW_ARENA_H
#define DTW_ARENA_H

#include <stddef.h>

struct dtw_arena_chunk;

struct dtw_arena {
	struct dtw_arena_chunk *head;
	char *cur, *end;
};

#define DTW_ARENA_INIT { NULL, NULL, NULL }

/* Zeroed memory owned by the arena, valid until dtw_arena_release. */
void *dtw_arena_alloc(struct dtw_arena *a, size_t n);
/* A NUL-terminated copy of s[0..n), owned by the arena. */
char *dtw_arena_strndup(struct dtw_arena *a, const char *s, size_t n);
/* Frees every block; the arena is reusable afterwards. */
void dtw_arena_release(struct dtw_arena *a);

/* Grows an arena-owned array; old storage is abandoned to the arena. */
#define ARENA_GROW(arena, p, nr, alloc)                                        \
	do {                                                                   \
		if ((nr) > (alloc)) {                                          \
			size_t ag_n_ = (alloc) < 4 ? 4 : (alloc) * 2;          \
			void *ag_p_;                                           \
			while (ag_n_ < (nr))                                   \
				ag_n_ *= 2;                                    \
			ag_p_ = dtw_arena_alloc((arena), ag_n_ * sizeof(*(p))); \
			if (alloc)                                             \
				memcpy(ag_p_, (p), (alloc) * sizeof(*(p)));    \
			(p) = ag_p_;                                           \
			(alloc) = ag_n_;                                       \
		}                                                              \
	} while (0)

#endif
