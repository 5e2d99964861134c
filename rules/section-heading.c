/* Rule section-heading: a known section whose heading is not written the
 * canonical way (emoji missing or different, other case or spacing). */
#include "rules.h"

#include <string.h>

#include "source/source.h"
#include "base/banned.h"

static void check_section_heading(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	size_t i;

	for (i = 0; i < is->nsections; i++) {
		const struct dtw_section *sec = &is->sections[i];
		const char *want;
		size_t end;
		if (!sec->def || sec->mojibake || sec->misspelt || sec->empty ||
		    sec->headless) /* (section-unknown's, heading-syntax's) */
			continue;
		want = sec->def->heading;
		if (!strcmp(sec->heading, want))
			continue;
		/* The fix replaces the heading text up to the end of the line,
		 * only when the line holds nothing but plain heading text. */
		end = sec->end;
		if (end - sec->title_start == strlen(sec->heading) &&
		    !memcmp(c->src->data + sec->title_start, sec->heading, end - sec->title_start))
			dtw_report(c, sec->title_start, end, want,
				   "section heading \"%s\" should be \"%s\"", sec->heading, want);
		else
			dtw_report(c, sec->title_start, end, NULL,
				   "section heading \"%s\" should be \"%s\"", sec->heading, want);
	}
}

const struct dtw_rule rule_section_heading = {
	.id = "section-heading",
	.echo = 1,
	.severity = DTW_SEV_WARNING,
	.needs = DTW_NEEDS_MODEL,
	.summary = "a known section whose heading differs from the canonical one",
	.explain =
	"Finds a section heading that names a known section but is not written\n"
	"as the schema writes it: the emoji is missing or different, the case\n"
	"differs, there is extra space, or it is one of the section's aliases\n"
	"(accepted, and the canonical title is suggested).\n"
	"\n"
	"Why: the headings are the newsletter's visual anchors; every issue shows\n"
	"them the same way.\n"
	"\n"
	"Example: \"## 🛠 tools\" instead of \"## 🛠️ Tools\".\n"
	"\n"
	"Fix: write the canonical heading the message gives; --fix does it.",
	.check = check_section_heading,
};
