/* Rule section-duplicate: the same section twice. */
#include "rules.h"

#include "source/source.h"
#include "base/banned.h"

static void check_section_duplicate(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	size_t i, j;

	for (i = 0; i < is->nsections; i++) {
		const struct dtw_section *sec = &is->sections[i];
		if (!sec->def)
			continue;
		for (j = 0; j < i; j++) {
			if (is->sections[j].def == sec->def) {
				uint32_t line, col;
				dtw_source_pos(c->src, is->sections[j].start, &line, &col);
				dtw_report(c, sec->title_start, sec->end, NULL,
					   "section \"%s\" appears twice (first on line %u); merge its items into one",
					   dtw_section_name(sec->def), line);
				break;
			}
		}
	}
}

const struct dtw_rule rule_section_duplicate = {
	.id = "section-duplicate",
	.severity = DTW_SEV_ERROR,
	.needs = DTW_NEEDS_MODEL,
	.summary = "the same section twice",
	.explain =
	"Finds a section heading that names a section the issue already has.\n"
	"\n"
	"Why: two half-sections usually mean two contributors' drafts were merged\n"
	"without being combined; readers see the heading twice.\n"
	"\n"
	"Example: \"## 🛠️ Tools\" near the top and again near the end.\n"
	"\n"
	"Fix: move the items of the second one under the first and delete the\n"
	"second heading.",
	.check = check_section_duplicate,
};
