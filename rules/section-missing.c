/* Rule section-missing: a required section that the issue lacks. */
#include "rules.h"

#include "source/source.h"
#include "base/banned.h"

static void check_section_missing(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	const struct dtw_schema *s = c->schema;
	size_t i, j;

	for (i = 0; i < is->nsections; i++) {
		const struct dtw_section *sec = &is->sections[i];
		if (sec->headless && sec->nitems && sec->items[0].start == sec->start)
			dtw_report(c, sec->start, sec->items[0].end, NULL,
				   "the heading of section \"%s\" is missing: its items start here, with \"%s\"; write \"%s %s\" above it",
				   dtw_section_name(sec->def), sec->items[0].title,
				   dtw_heading_marks(sec->def->level), sec->def->heading);
		else if (sec->headless)
			dtw_report(c, sec->start, sec->start, NULL,
				   "the heading of section \"%s\" is missing: the section starts here; write \"%s %s\" above this line",
				   dtw_section_name(sec->def), dtw_heading_marks(sec->def->level), sec->def->heading);
	}
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
	"Also finds a section whose heading alone is missing: items before the\n"
	"first section where the one section no heading names goes, or an item\n"
	"whose fields are those of the next section, which no heading names.\n"
	"The items are read as that section's, so this is the one finding, not\n"
	"one per item.\n"
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
