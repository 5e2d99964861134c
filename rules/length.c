/* Rule length: item bodies, item titles, fields, intro and outro within
 * the schema's word and character limits. */
#include "rules.h"

#include <stdint.h>
#include <string.h>

#include "base/strutil.h"
#include "base/utf8.h"
#include "source/source.h"
#include "base/banned.h"

static const char *s_if(size_t n)
{
	return n == 1 ? "" : "s";
}

static void check_item(struct dtw_check *c, const struct dtw_section *sec,
		       const struct dtw_item *it)
{
	const struct dtw_schema *sc = c->schema;
	const struct dtw_section_def *d = sec ? sec->def : NULL;
	uint32_t max = d && d->item_max_words ? d->item_max_words : sc->item_max_words;
	size_t k;

	if (sc->title_max_chars) {
		/* no more characters than bytes: most titles need no count */
		size_t bytes = strlen(it->title);
		size_t chars = bytes > sc->title_max_chars ? dtw_utf8_count(it->title, bytes) : 0;
		if (chars > sc->title_max_chars)
			dtw_report(c, it->start, it->end, NULL,
				   "title of item \"%s\" is %zu characters long; shorten it to %u or fewer",
				   it->title, chars, (unsigned)sc->title_max_chars);
	}
	if (max && it->words > max)
		dtw_report(c, it->start, it->end, NULL,
			   "item \"%s\" is %zu words long; cut it to %u or fewer",
			   it->title, it->words, (unsigned)max);
	for (k = 0; k < it->nfields; k++) {
		const struct dtw_field *f = &it->fields[k];
		const struct dtw_field_def *fd = f->def;
		if (!fd)
			continue;
		if (fd->max_words && f->words > fd->max_words)
			dtw_report(c, f->start, f->end, NULL,
				   "field \"%s\" in item \"%s\" is %zu words long; cut it to %u or fewer",
				   fd->label, it->title, f->words, (unsigned)fd->max_words);
		/* An empty field is why-it-matters' or item-fields' finding. */
		else if (fd->min_words && f->words && f->words < fd->min_words)
			dtw_report(c, f->start, f->end, NULL,
				   "field \"%s\" in item \"%s\" is %zu word%s long; write at least %u",
				   fd->label, it->title, f->words, s_if(f->words),
				   (unsigned)fd->min_words);
	}
}

/* The intro or the outro: absent is the intro and outro rules' finding. */
static void check_text(struct dtw_check *c, const char *what,
		       const struct dtw_text_def *def, size_t words,
		       size_t start, size_t end)
{
	if (def->max_words && words > def->max_words)
		dtw_report(c, start, end, NULL, "%s is %zu words long; cut it to %u or fewer",
			   what, words, (unsigned)def->max_words);
	else if (def->min_words && words < def->min_words)
		dtw_report(c, start, end, NULL, "%s is %zu word%s long; write at least %u",
			   what, words, s_if(words), (unsigned)def->min_words);
}

static void check_length(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	size_t i, j;

	if (is->intro_paras)
		check_text(c, "intro", &c->schema->intro, is->intro_words,
			   is->intro_start, is->intro_end);
	for (i = 0; i < is->nstray; i++)
		check_item(c, NULL, &is->stray[i]);
	for (i = 0; i < is->nsections; i++)
		for (j = 0; j < is->sections[i].nitems; j++)
			check_item(c, &is->sections[i], &is->sections[i].items[j]);
	if (is->outro_paras && is->outro_text)
		check_text(c, "outro", &c->schema->outro,
			   dtw_count_words(is->outro_text, strlen(is->outro_text)),
			   is->outro_start, is->outro_end);
}

const struct dtw_rule rule_length = {
	.id = "length",
	.severity = DTW_SEV_WARNING,
	.needs = DTW_NEEDS_MODEL,
	.summary = "an item body, field, title, intro or outro outside the schema's word/character limits",
	.explain =
	"Checks the limits the schema sets:\n"
	"\n"
	"- an item's body over its section's max_words, or else the schema's\n"
	"  limits.item_max_words (words of the text readers see: link targets,\n"
	"  list bullets and HTML comments do not count; the heading does not\n"
	"  either);\n"
	"- an item title over limits.title_max_chars characters (characters,\n"
	"  not bytes: \"é\" and \"→\" are one each);\n"
	"- a field over or under its max_words or min_words (the list that\n"
	"  belongs to a field counts with it; an empty field is left to\n"
	"  why-it-matters and item-fields);\n"
	"- the intro or the outro over or under its max_words or min_words.\n"
	"\n"
	"The message gives the count and the limit. In the Data This Week\n"
	"schema: titles 100 characters, items 200 words, \"Why it matters:\" 80\n"
	"words, the intro 150 words.\n"
	"\n"
	"Why: a digest is read in minutes; an item that runs to a blog post of\n"
	"its own, or a title that wraps three times in a mail client, is one\n"
	"readers skip.\n"
	"\n"
	"Example: a \"Why it matters:\" of 120 words, when the schema allows 80.\n"
	"\n"
	"Fix: cut the text to the limit (say why it matters, not what the\n"
	"article says), or raise the limit in the schema if the newsletter's\n"
	"shape has changed.",
	.check = check_length,
};
