/* Fixes: applying the replacements findings carry to a document. */
#ifndef DTW_FIX_H
#define DTW_FIX_H

#include <stddef.h>

struct dtw_source;
struct dtw_diag;

/* Builds the document with every fix of diags[0..n) applied (sorted by
 * position; a fix overlapping one already taken is left for the next run,
 * so fixes never fight). Returns the number applied; *out (xmalloc'd,
 * NUL-terminated) and *outlen hold the new text, or NULL when none was. */
size_t dtw_fix_apply(char **out, size_t *outlen, const struct dtw_source *src,
		     const struct dtw_diag *diags, size_t n);

#endif
