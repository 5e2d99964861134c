/* Diagnostics stage: turns the fixes findings carry into the fixed text.
 * Writing it back, atomically, is the caller's (lib/source/write.c). */
#include "fix.h"

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "diag/diag.h"
#include "source/source.h"
#include "base/banned.h"

static int cmp_start(const void *a, const void *b)
{
	const struct dtw_diag *x = *(const struct dtw_diag *const *)a;
	const struct dtw_diag *y = *(const struct dtw_diag *const *)b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

size_t dtw_fix_apply(char **out, size_t *outlen, const struct dtw_source *src,
		     const struct dtw_diag *diags, size_t n)
{
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): v holds pointers */
	const struct dtw_diag **v = xmalloc((n + 1) * sizeof(*v));
	struct strbuf sb = STRBUF_INIT;
	size_t i, k = 0, at = 0, applied = 0;

	*out = NULL;
	*outlen = 0;
	for (i = 0; i < n; i++)
		if (diags[i].fix)
			v[k++] = &diags[i];
	if (k > 1)
		qsort(v, k, sizeof(*v), cmp_start); /* NOLINT(bugprone-sizeof-expression): as above */
	for (i = 0; i < k; i++) {
		const struct dtw_diag *d = v[i];
		if (d->start < at || d->end > src->len)
			continue; /* overlaps a fix already taken */
		if (d->end - d->start == strlen(d->fix) &&
		    !memcmp(src->data + d->start, d->fix, d->end - d->start))
			continue; /* already as the fix would make it */
		strbuf_add(&sb, src->data + at, d->start - at);
		strbuf_addstr(&sb, d->fix);
		at = d->end;
		applied++;
	}
	free(v);
	if (!applied) {
		strbuf_release(&sb);
		return 0;
	}
	strbuf_add(&sb, src->data + at, src->len - at);
	*out = strbuf_detach(&sb, outlen);
	return applied;
}
