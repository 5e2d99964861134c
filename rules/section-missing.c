/* Rule section-missing: a required section that the issue lacks. */
#include "rules.h"

#include "source/source.h"
#include "base/banned.h"

static void check_section_missing(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	const struct dtw_schema *s = c->schema;
	size_t i, j;

	for (i = 0; i < s->nsections; i++) {
		const struct dtw_section_def *def = &s->sections[i];
		size_t at;
		int found = 0;
		if (!def->required)
			continue;
		for (j = 0; j < is->nsections; j++)
			found |= is->sections[j].def == def;
		if (found)
			continue;
		/* Point where it belongs: at the first later section, else
		 * where the outro starts, else the end. */
		at = is->has_break ? is->break_start : dtw_source_text_end(c->src);
		for (j = 0; j < is->nsections; j++) {
			if (is->sections[j].def && is->sections[j].def > def) {
				at = is->sections[j].start;
				break;
			}
		}
		dtw_report(c, at, at, NULL, "required section \"%s\" is missing",
			   dtw_section_name(def));
	}
}

const struct dtw_rule rule_section_missing = {
	.id = "section-missing",
	.severity = DTW_SEV_ERROR,
	.needs = DTW_NEEDS_MODEL,
	.summary = "a required section absent",
	.explain =
	"Finds a section the schema marks as required that the issue does not\n"
	"have. The finding points where the section belongs.\n"
	"\n"
	"Why: some sections are the newsletter's promise to its readers; Data\n"
	"This Week never goes out without its blogs.\n"
	"\n"
	"Example: an issue with only \"## 🛠️ Tools\" and \"## 💬 Community\n"
	"Sentiments\".\n"
	"\n"
	"Fix: add the section with its items, e.g. \"## 📚 Blogs to Read\".",
	.check = check_section_missing,
};
