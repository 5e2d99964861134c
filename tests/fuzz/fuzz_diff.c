/* Fuzz target: the diff of two versions of an issue. The input is the old
 * version, a line "%%%%", and the new one (without that line, the two
 * halves). */
#include <string.h>

#include "diff/diff.h"
#include "fuzz.h"
#include "git/git.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char sep[] = "\n%%%%\n";
	const struct fuzz_env *e = fuzz_env();
	const char *text = (const char *)data, *cut;
	struct dtw_source a, b;
	struct dtw_issue *ia, *ib;
	struct dtw_diff d;
	size_t alen, i;
	char *patch = NULL;

	cut = memmem(text, size, sep, sizeof(sep) - 1);
	alen = cut ? (size_t)(cut - text) : size / 2;
	dtw_source_init_copy(&a, "old.md", text, alen);
	if (cut)
		dtw_source_init_copy(&b, "new.md", cut + sizeof(sep) - 1,
				     size - alen - (sizeof(sep) - 1));
	else
		dtw_source_init_copy(&b, "new.md", text + alen, size - alen);
	ia = dtw_issue_build(&a, e->schema);
	ib = dtw_issue_build(&b, e->schema);
	memset(&d, 0, sizeof(d));
	dtw_diff_issues(&d, ia, ib);
	for (i = 0; i < d.n; i++) {
		FUZZ_ASSERT(dtw_change_kind_name(d.v[i].kind) != NULL, "change %zu has no name", i);
		FUZZ_ASSERT(d.v[i].kind != DTW_CH_FIELD_CHANGED || d.v[i].words,
			    "a changed field without a word diff");
	}
	FUZZ_ASSERT(d.items_added <= d.n && d.items_removed <= d.n, "counts beyond the changes");
	dtw_diff_release(&d);
	/* The same version on both sides: nothing changed. */
	memset(&d, 0, sizeof(d));
	dtw_diff_issues(&d, ia, ia);
	FUZZ_ASSERT(d.n == 0, "%zu changes between a version and itself (first: %s)", d.n,
		    dtw_change_kind_name(d.v[0].kind));
	dtw_diff_release(&d);
	if (!dtw_unified_diff(&patch, a.data, a.len, b.data, b.len, "fuzz.md"))
		FUZZ_ASSERT(patch != NULL, "no patch");
	free(patch);
	dtw_issue_free(ia);
	dtw_issue_free(ib);
	dtw_source_release(&a);
	dtw_source_release(&b);
	return 0;
}
