/* Rule outro: the thematic break and closing paragraph(s) after the last
 * section, and the schema's pattern for them. */
#include "rules.h"

#include "parse/regex.h"
#include <string.h>

#include "source/source.h"
#include "base/banned.h"

static void check_outro(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	const struct dtw_text_def *o = &c->schema->outro;

	if (o->required && !is->has_break) {
		size_t at = dtw_source_text_end(c->src);
		dtw_report(c, at, at, NULL,
			   "no outro: end the issue with a thematic break (---) and a closing paragraph");
		return;
	}
	if (o->required && !is->outro_paras) {
		dtw_report(c, is->break_start, is->break_start + 3, NULL,
			   "the outro has no closing paragraph after the thematic break");
		return;
	}
	/* An outro still to write ("TODO: the closing words") is the
	 * placeholder's finding, not a text that fails the pattern. */
	if (o->pattern && is->outro_paras &&
	    !dtw_placeholder_starts(is->outro_text, strlen(is->outro_text))) {
		pcre2_match_data *md = pcre2_match_data_create(1, NULL);
		pcre2_match_context *mc = dtw_re_match_context();
		int r;
		r = pcre2_match((const pcre2_code *)o->pattern,
				(PCRE2_SPTR)is->outro_text, strlen(is->outro_text),
				0, 0, md, mc);
		if (r == PCRE2_ERROR_NOMATCH)
			dtw_report(c, is->outro_start, is->outro_end, NULL,
				   "the outro does not match the schema's pattern /%s/",
				   o->pattern_src);
		else if (r < 0)
			dtw_report(c, is->outro_start, is->outro_end, NULL,
				   "the schema's outro pattern /%s/ gave up on this text (match limit)",
				   o->pattern_src);
		pcre2_match_context_free(mc);
		pcre2_match_data_free(md);
	}
}

const struct dtw_rule rule_outro = {
	.id = "outro",
	.severity = DTW_SEV_ERROR,
	.needs = DTW_NEEDS_MODEL,
	.summary = "no outro after the last section, or one not matching the schema's pattern",
	.explain =
	"Finds an issue that does not close properly: after the last section\n"
	"there must be a thematic break (---, *** or ___) and at least one closing\n"
	"paragraph; when the schema gives the outro a pattern, the closing text\n"
	"must match it. An outro still to write (TODO: ...) is placeholder's\n"
	"finding, not this rule's.\n"
	"\n"
	"Why: the outro tells readers the issue is over and where to go next;\n"
	"without the break, the closing words become part of the last item.\n"
	"\n"
	"Example: an issue whose last line is the last item's link.\n"
	"\n"
	"Fix: end the issue with\n"
	"    ---\n"
	"\n"
	"    That’s all for this week! See you in the next edition.",
	.check = check_outro,
};
