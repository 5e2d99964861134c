/* Allocation that never returns NULL: out of memory is the one failure that
 * ends the process outside cmd/dtw.c, with a message. */
#ifndef DTW_XALLOC_H
#define DTW_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Ends the process: `n` bytes could not be allocated (for the libraries
 * that allocate for themselves and return NULL). */
void die_oom(size_t n) __attribute__((noreturn));
/* Returns a*b, or dies when it would overflow. */
size_t st_mult(size_t a, size_t b);

/* Grow array `p` (of `alloc` elements) so that it holds at least `nr`. */
#define ALLOC_GROW(p, nr, alloc)                                              \
	do {                                                                  \
		if ((nr) > (alloc)) {                                         \
			size_t alloc_grow_n_ = (alloc) < 8 ? 8 : (alloc) * 2; \
			while (alloc_grow_n_ < (nr))                          \
				alloc_grow_n_ *= 2;                           \
			(p) = xrealloc((p), st_mult(alloc_grow_n_, sizeof(*(p)))); \
			(alloc) = alloc_grow_n_;                              \
		}                                                             \
	} while (0)

#endif
