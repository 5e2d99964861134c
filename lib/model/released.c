/* Which release a document is an edit of: plain data, no git. */
#include "model/released.h"

#include <string.h>

#include "base/banned.h"

const struct dtw_release_info *dtw_released_of(const struct dtw_released *rel,
					       const struct dtw_doc_git *g)
{
	const struct dtw_release_info *at_path = NULL, *numbered = NULL;
	size_t i;

	if (!g->path)
		return NULL;
	for (i = 0; i < rel->n; i++) {
		const struct dtw_release_info *ri = &rel->v[i];
		int same_path = !strcmp(ri->path, g->path);
		/* A path that now holds another issue (the released file
		 * renamed, a new draft at its old name) is not its release. */
		if (same_path && g->issue && ri->issue != g->issue)
			continue;
		if (!same_path && (!g->issue || ri->issue != g->issue))
			continue;
		/* Of several releases (the tag moved under another name), the
		 * one of this very content says it is no edit. */
		if (dtw_oid_equal(&ri->blob, &g->blob))
			return ri;
		if (same_path && (!at_path || ri->issue > at_path->issue))
			at_path = ri;
		else if (!same_path && !numbered)
			numbered = ri;
	}
	return at_path ? at_path : numbered;
}
