/* Merge stage: a three-way merge of one newsletter issue at the level of
 * its model, for git's merge driver — the front matter key by key,
 * sections by their identity, items paired as dtw diff pairs them (URL,
 * title, position). Text is kept byte for byte: the merge only decides
 * which version of each piece goes where. What the model cannot merge
 * falls back to git's own line merge (lib/git). */
#ifndef DTW_MERGE_H
#define DTW_MERGE_H

#include <stddef.h>

#include "base/strbuf.h"
#include "schema/schema.h"
#include "source/source.h"

#define DTW_MERGE_MARKER_SIZE 7 /* git's conflict-marker length */

struct dtw_merge {
	struct strbuf out;      /* the merged file */
	size_t conflicts;       /* the pieces (item, key, section, intro…)
				 * left between conflict markers; with a line
				 * merge, 1 when it left any */
	const char *fallback;   /* NULL: merged by the model; else why it was
				 * merged line by line (static text: "it is
				 * not a newsletter issue") */
	int kept_ours;          /* with fallback: a binary file, not merged:
				 * out is ours, and a conflict, as git's
				 * binary merge does */
};

/* Merges the versions src[0] (the common ancestor), src[1] (ours) and
 * src[2] (theirs) of one issue under `schema`; `schema` NULL says the
 * file is none of the config's issues. Conflict markers are `marker_size`
 * characters long (0: DTW_MERGE_MARKER_SIZE). A version that is not a
 * newsletter issue, cannot be parsed, holds conflict markers of its own,
 * is over a size limit, or whose parts cannot be told apart, is merged
 * line by line as git merge-file does, and out->fallback says why. When
 * one side is the ancestor, the result is the other side.
 * Returns 0, or a DTW_E code with the message set (the line merge
 * failed). The caller releases out with dtw_merge_release. Linear in the
 * inputs (n log n in their items). */
int dtw_merge_issues(struct dtw_merge *out, const struct dtw_source *const src[3],
		     const struct dtw_schema *schema, unsigned marker_size);
void dtw_merge_release(struct dtw_merge *m);

#endif
