/* A cache of facts about git objects, keyed by object id: an object's
 * content never changes, so what was read from a blob or a tag once never
 * needs reading again. Stored in the repository's git directory
 * (dtw/cache), rewritten atomically when something was added; a missing,
 * stale or damaged cache is simply rebuilt. */
#ifndef DTW_CACHE_H
#define DTW_CACHE_H

#include <stddef.h>

#include "base/oid.h"

struct dtw_cache;

/* Loads the cache kept in directory `dir` (the repository's .git/dtw;
 * created when missing), or an empty one when there is none or `dir` is
 * NULL (then nothing is saved). Never fails; the caller frees with
 * dtw_cache_free. */
struct dtw_cache *dtw_cache_load(const char *dir);
/* The value stored for (kind, oid), or NULL. Borrowed, valid until the
 * cache is freed. `kind` is one letter naming what the value describes. */
const char *dtw_cache_get(const struct dtw_cache *c, char kind,
			  const struct dtw_oid *oid);
/* Stores a value (one line: no "\n"). */
void dtw_cache_put(struct dtw_cache *c, char kind, const struct dtw_oid *oid,
		   const char *value);
/* Writes the cache back if anything was added since it was loaded or
 * saved; errors are ignored (the cache is an optimisation). */
void dtw_cache_save(struct dtw_cache *c);
/* How many slots past the one its hash names each entry lies, added up
 * over the entries: what looking every entry up once costs beyond one
 * slot each. For the cost check in tests/unit/test_cache.c. */
size_t dtw_cache_displacement(const struct dtw_cache *c);
/* Frees the cache; what was not saved is lost. */
void dtw_cache_free(struct dtw_cache *c);

#endif
