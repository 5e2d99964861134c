/* Rule released-edit: a change to an issue that was already released. */
#include "rules.h"

#include <string.h>

#include "source/source.h"
#include "base/banned.h"

static void check_released_edit(struct dtw_check *c)
{
	const struct dtw_released *rel = c->released;
	const struct dtw_release_info *latest = NULL;
	size_t i;

	if (!rel || !c->git || !c->git->path)
		return;
	for (i = 0; i < rel->n; i++)
		if (!strcmp(rel->v[i].path, c->git->path) &&
		    (!latest || rel->v[i].issue > latest->issue))
			latest = &rel->v[i];
	if (!latest || dtw_oid_equal(&latest->blob, &c->git->blob))
		return;
	dtw_report(c, 0, 0, NULL,
		   "issue %ld was released as %s; this changes it after the release (meant for the next issue?)",
		   latest->issue, latest->tag);
}

const struct dtw_rule rule_released_edit = {
	.id = "released-edit",
	.severity = DTW_SEV_WARNING,
	.needs = DTW_NEEDS_ANY,
	.summary = "a change to a newsletter issue that has already been released",
	.explain =
	"Finds a change — in the work tree, or in the index with --staged — to a\n"
	"newsletter issue whose release tag points at different content: the\n"
	"file's blob differs from the Dtw-Blob the tag recorded.\n"
	"\n"
	"Why: once an issue has gone out, an edit to its file changes nothing for\n"
	"readers; it is usually a late submission aimed at last week's issue that\n"
	"belongs in the next one.\n"
	"\n"
	"Example: issues/2026-11-17.md edited after dtw release 41.\n"
	"\n"
	"Fix: move the change to the next issue's file; to correct the archive\n"
	"on purpose, re-release with dtw release --force.",
	.check = check_released_edit,
};
