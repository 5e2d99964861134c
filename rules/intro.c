/* Rule intro: the paragraphs before the first section. */
#include "rules.h"

#include "source/source.h"
#include "base/banned.h"

static void check_intro(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	size_t at;
	if (!c->schema->intro.required || is->intro_paras)
		return;
	/* A section moved above the intro took it: section-order's. */
	if (is->nsections && is->sections[0].misplaced)
		return;
	at = is->nsections ? is->sections[0].start :
	     is->has_title ? is->title_start : is->doc.body;
	dtw_report(c, at, at, NULL,
		   "no intro: write a paragraph before the first section");
}

const struct dtw_rule rule_intro = {
	.id = "intro",
	.severity = DTW_SEV_ERROR,
	.needs = DTW_NEEDS_MODEL,
	.summary = "no intro paragraph before the first section",
	.explain =
	"Finds an issue with no intro: the schema asks for at least one paragraph\n"
	"between the front matter (and the optional title) and the first section\n"
	"heading. (When the first section is one moved out of order, its text\n"
	"is the intro that the move left under it: that is section-order's\n"
	"finding.)\n"
	"\n"
	"Why: the intro is what the e-mail preview shows and what makes a reader\n"
	"open the issue; an issue that starts with a section heading reads like\n"
	"a link dump.\n"
	"\n"
	"Example: front matter followed directly by \"## 📚 Blogs to Read\".\n"
	"\n"
	"Fix: add a paragraph that says what this issue covers.",
	.check = check_intro,
};
