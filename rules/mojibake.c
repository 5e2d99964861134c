/* Rule mojibake: UTF-8 text that was read as a legacy code page and saved
 * again ("â€™" for "’"); proposes the repaired text as the fix. */
#include "rules.h"

#include <stdlib.h>

#include "model/issue.h"
#include "source/mojibake.h"
#include "source/source.h"
#include "base/strbuf.h"
#include "base/banned.h"

static void check_mojibake(struct dtw_check *c)
{
	const struct dtw_source *src = c->src;
	size_t from = 0;
	struct dtw_mojibake m;

	while (from < src->len && dtw_mojibake_find(&m, src->data, src->len, from)) {
		struct strbuf bad = STRBUF_INIT;
		strbuf_add(&bad, src->data + m.start, m.end - m.start);
		/* Repaired in prose only: in a URL it would make a link that
		 * is none (a host or path with "’"), and code is verbatim. */
		dtw_report(c, m.start, m.end, dtw_in_prose(c->issue, m.start) ? m.repaired : NULL,
			   "mis-encoded text \"%s\" (UTF-8 read as %s); did you mean \"%s\"?",
			   bad.buf, m.codepage, m.repaired);
		strbuf_release(&bad);
		free(m.repaired);
		from = m.end > from ? m.end : from + 1;
	}
}

const struct dtw_rule rule_mojibake = {
	.id = "mojibake",
	.severity = DTW_SEV_ERROR,
	.root_cause = 1,
	.needs = DTW_NEEDS_TEXT,
	.summary = "UTF-8 text decoded as a legacy code page and saved again (\"â€™\" for \"’\")",
	.explain =
	"Finds mojibake: text that was UTF-8, was read by some tool as a legacy\n"
	"8-bit code page (cp1252, cp1250, cp1251, latin-1, ISO-8859-2/15,\n"
	"Mac Roman) and was written back as UTF-8. Each character then turns into\n"
	"two or three odd ones: \"’\" becomes \"â€™\", \"é\" becomes \"Ã©\", \"📚\"\n"
	"becomes \"ðŸ“š\".\n"
	"\n"
	"Why: readers see the garbage in their inbox, and a mis-encoded section\n"
	"heading no longer names its section. dtw reports such a heading once,\n"
	"here, rather than also as an unknown or misplaced section.\n"
	"\n"
	"Example: \"Thatâ€™s all for this week!\"\n"
	"\n"
	"Fix: replace the text with the repaired one the message proposes\n"
	"(\"That’s all for this week!\"); --fix does it.",
	.check = check_mojibake,
};
