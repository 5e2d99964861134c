/* Rule heading-syntax: headings that are not what the writer meant —
 * "##Tools", a no-break space after the marks, "---" right under a
 * paragraph, an empty heading, an item one level too deep or too high, a
 * known section or group title written at another level ("# Oceania"
 * among "### Europe"), or a heading above section level, after the
 * title, that names no section. */
#include "rules.h"

#include <string.h>

#include "source/source.h"
#include "base/banned.h"

static void check_heading_syntax(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	size_t i, j, k = 0;

	if (is->title_level)
		dtw_report(c, is->title_start, is->title_end, NULL,
			   "the newsletter's title \"%s\" is at level %d (%s); write it at level 1 (#)",
			   is->title, is->title_level, dtw_heading_marks(is->title_level));
	for (i = 0; i < is->nslips; i++) {
		const struct dtw_slip *sl = &is->slips[i];
		const char *d = c->src->data;
		const struct dtw_section *stands = NULL;
		if (sl->empty) {
			/* the section it was read as (both in source order) */
			while (k < is->nsections && is->sections[k].start < sl->start)
				k++;
			if (k < is->nsections && is->sections[k].start == sl->start &&
			    is->sections[k].def)
				stands = &is->sections[k];
		}
		if (sl->repeated) {
			uint32_t line, col;
			dtw_source_pos(c->src, sl->repeated - 1, &line, &col);
			dtw_report(c, sl->start, sl->end, NULL,
				   "item heading \"%.*s\" is written twice (also on line %u); delete one",
				   (int)(sl->end - sl->start), d + sl->start, (unsigned)line);
		} else if (stands)
			dtw_report(c, sl->start, sl->end, NULL,
				   "empty heading \"%.*s\" where \"%s\" goes; write its title after the marks",
				   (int)(sl->marks_end - sl->start), d + sl->start,
				   dtw_section_name(stands->def));
		else if (sl->empty)
			dtw_report(c, sl->start, sl->end, NULL,
				   "empty heading \"%.*s\"; write its title after the marks, or remove the line",
				   (int)(sl->marks_end - sl->start), d + sl->start);
		else if (sl->setext)
			dtw_report(c, sl->start, sl->start, "\n",
				   "\"---\" right under a paragraph makes the paragraph a heading; leave a blank line before it %s",
				   sl->setext == 2 ? "to start the outro" : "for a thematic break");
		else if (sl->nbsp)
			dtw_report(c, sl->marks_end, sl->marks_end + 2, " ",
				   "the space after \"%s\" is a no-break space, so \"%.*s\" is no heading; write a plain space",
				   dtw_heading_marks(sl->level), (int)(sl->end - sl->marks_end - 2),
				   d + sl->marks_end + 2);
		else /* at the marks' end, where the fix puts the space */
			dtw_report(c, sl->marks_end, sl->marks_end, " ",
				   "\"%.*s\" needs a space after \"%s\"",
				   (int)(sl->end - sl->start), d + sl->start, dtw_heading_marks(sl->level));
	}
	for (i = 0; i < is->nloose; i++) {
		const struct dtw_group *g = &is->loose[i];
		if (!g->title[0])
			continue; /* an empty heading: above */
		dtw_report(c, g->start, g->end, NULL,
			   "heading \"%s\" at level %d (%s) names no section, and the newsletter has its title; sections are at level %d (%s)",
			   g->title, g->level, dtw_heading_marks(g->level), g->want_level, dtw_heading_marks(g->want_level));
	}
	for (i = 0; i < is->nsections; i++) {
		const struct dtw_section *sec = &is->sections[i];
		const char *name = sec->def ? dtw_section_name(sec->def) : sec->heading;
		if (sec->def && sec->level != sec->def->level && !sec->empty)
			dtw_report(c, sec->start, sec->end, NULL,
				   "\"%s\" is a section, at level %d (%s), not %d (%s)", sec->title,
				   sec->def->level, dtw_heading_marks(sec->def->level), sec->level,
				   dtw_heading_marks(sec->level));
		for (j = 0; j < sec->nitems; j++) {
			const struct dtw_item *it = &sec->items[j];
			if (it->headless == 2)
				dtw_report(c, it->start, it->start, NULL,
					   "an item starts here but has no heading; write its \"%s\" title line above it",
					   dtw_heading_marks(sec->def ? sec->def->item_level : 3));
			else if (it->headless)
				dtw_report(c, it->start, it->start, NULL,
					   "a new item starts here, with \"%s\" again below it, but has no heading; write its \"%s\" title line above it",
					   sec->def && sec->def->nfields ? sec->def->fields[0].label : "",
					   dtw_heading_marks(sec->def ? sec->def->item_level : 3));
			else if (it->want_level)
				dtw_report(c, it->start, it->end, NULL,
					   "item \"%s\" is at level %d (%s); the items of \"%s\" are at level %d (%s)",
					   it->title, it->level, dtw_heading_marks(it->level), name,
					   it->want_level, dtw_heading_marks(it->want_level));
		}
		for (j = 0; j < sec->ngroups; j++) {
			const struct dtw_group *g = &sec->groups[j];
			if (!g->want_level || !g->title[0])
				continue;
			if (g->listed)
				dtw_report(c, g->start, g->end, NULL,
					   "\"%s\" is a group of section \"%s\", at level %d (%s) like the others, not %d (%s)",
					   g->title, name, g->want_level, dtw_heading_marks(g->want_level),
					   g->level, dtw_heading_marks(g->level));
			else
				dtw_report(c, g->start, g->end, NULL,
					   "heading \"%s\" at level %d (%s) names no section; a heading inside \"%s\" goes at level %d (%s)",
					   g->title, g->level, dtw_heading_marks(g->level), name, g->want_level,
					   dtw_heading_marks(g->want_level));
		}
	}
}

const struct dtw_rule rule_heading_syntax = {
	.id = "heading-syntax",
	.severity = DTW_SEV_ERROR,
	.needs = DTW_NEEDS_MODEL,
	.summary = "a heading that is not what the writer meant: ##Tools, a no-break space, --- under a paragraph, an empty heading, an item or title at the wrong level",
	.explain =
	"Finds a line meant as a heading that Markdown reads as text: \"##Tools\"\n"
	"(no space after the marks; one \"#\" and a word is a hashtag) and \"##\"\n"
	"followed by a no-break space. The line is read as the heading it was\n"
	"meant to be, so its items are checked as they should be; --fix writes\n"
	"the space.\n"
	"\n"
	"Finds a \"---\" line right under a paragraph: Markdown makes the\n"
	"paragraph a heading (a setext heading) rather than drawing the thematic\n"
	"break that opens the outro. It is read as the paragraph and the break\n"
	"meant; --fix writes the blank line before the \"---\".\n"
	"\n"
	"A heading of marks alone (\"###\") is a finding too: it is read as no\n"
	"heading before the first section, so it does not take the intro with\n"
	"it.\n"
	"\n"
	"Finds an item written one level too deep or too high: a heading one\n"
	"level below the items with a field under it that the item above already\n"
	"has (a second \"Why it matters:\"), or one level above them, naming no\n"
	"section, with the section's fields under it. It is read as the item it\n"
	"is, so the section's count and the item above are not wrong too.\n"
	"\n"
	"Finds a heading whose level contradicts what it names: a section's\n"
	"title (or alias) written at another level than the section's (at the\n"
	"items' level, or under a section whose items are a list), a group\n"
	"the section lists written at or above the section's level or at another\n"
	"level than its first group, and a heading above section level that\n"
	"names no section, after the title and the intro's first paragraph (a\n"
	"second level-1 line right under the title is its subtitle).\n"
	"The heading is still taken for what it names, so the items under it are\n"
	"checked as they should be and this is the one finding.\n"
	"\n"
	"Why: a level mistake changes the document's outline: a \"# Oceania\" among\n"
	"\"### Europe\" and \"### Asia\" renders as a new top-level part of the page,\n"
	"and a \"# Calls for Testing\" out-ranks the newsletter's title.\n"
	"\n"
	"Example: \"# Oceania\" among \"### Europe\" groups of \"Upcoming Events\".\n"
	"\n"
	"Fix: write the heading with the number of # the message gives.",
	.check = check_heading_syntax,
};
