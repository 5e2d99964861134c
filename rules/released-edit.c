/* Rule released-edit: a change to an issue that was already released. */
#include "rules.h"

#include <string.h>

#include "source/source.h"
#include "base/banned.h"

static void check_released_edit(struct dtw_check *c)
{
	const struct dtw_released *rel = c->released;
	const struct dtw_release_info *latest;

	if (!rel || !c->git || !(latest = dtw_released_of(rel, c->git)))
		return;
	if (dtw_oid_equal(&latest->blob, &c->git->blob))
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
	"file's blob differs from the Dtw-Blob the tag recorded. The release is\n"
	"the one of the file's path, or, for a file renamed since, the one of\n"
	"the issue number in its front matter, whatever the tag is called.\n"
	"\n"
	"Why: once an issue has gone out, an edit to its file changes nothing for\n"
	"readers; it is usually a late submission aimed at last week's issue that\n"
	"belongs in the next one.\n"
	"\n"
	"Example: issues/2026-11-17.md edited after dtw release 41.\n"
	"\n"
	"Fix: move the change to the next issue's file. To correct the archive\n"
	"on purpose, dtw release --force moves the release tag to the new\n"
	"commit; a tag already pushed then differs from the one others fetched\n"
	"(git fetch does not move a tag it has without --force), so push it\n"
	"again and tell them.",
	.check = check_released_edit,
};
