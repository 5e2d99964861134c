/* Which release a document is an edit of: plain data, no git. */
#include "model/released.h"

#include <string.h>

#include "base/banned.h"

const struct dtw_release_info *dtw_released_of(const struct dtw_released *rel,
					       const struct dtw_doc_git *g)
{
	const struct dtw_release_info *latest = NULL, *numbered = NULL;
	size_t i;

	if (!g->path)
		return NULL;
	for (i = 0; i < rel->n; i++) {
		const struct dtw_release_info *ri = &rel->v[i];
		if (!strcmp(ri->path, g->path) && (!latest || ri->issue > latest->issue))
			latest = ri;
		else if (g->issue && ri->issue == g->issue && !numbered)
			numbered = ri;
	}
	return latest ? latest : numbered;
}
