/* Rule link-tracking: tracking parameters (utm_*, fbclid, gclid …) in a
 * link's URL, with the URL without them as the fix. */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

#include "base/url.h"
#include "link-place.h"
#include "source/source.h"
#include "base/banned.h"

static void check_link_tracking(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	struct cursor cur = { 0, 0, NULL };
	size_t i;

	for (i = 0; i < is->nlinks; i++) {
		const struct dtw_link *l = &is->links[i];
		struct place pl;
		size_t start, end;
		char *fix;
		int exact;
		/* Most URLs have no query: told by a byte. (A malformed URL
		 * is link-url's, its repair first.) */
		if (l->image || !strchr(l->url, '?') || !(fix = dtw_url_strip_tracking(l->url)))
			continue;
		if (dtw_url_check(l->url, NULL, NULL) != DTW_URL_OK || !dtw_url_is_http(l->url)) {
			free(fix);
			continue;
		}
		/* The fix replaces the URL where it is written, and only there. */
		exact = dtw_link_at(c->src, l, &start, &end);
		dtw_place_of(&pl, is, l->text_start, &cur);
		dtw_report(c, start, end, exact ? fix : NULL,
			   "URL in %s carries tracking parameters; link \"%s\" instead",
			   dtw_place_name(&pl), fix);
		free(pl.where);
		free(fix);
	}
}

const struct dtw_rule rule_link_tracking = {
	.id = "link-tracking",
	.severity = DTW_SEV_WARNING,
	.echo = 1,
	.needs = DTW_NEEDS_MODEL,
	.summary = "tracking parameters (utm_*, fbclid, gclid ...) in a link's URL",
	.explain =
	"Finds tracking parameters in the query string of a link's URL: utm_*\n"
	"(utm_source, utm_medium, utm_campaign ...), fbclid, gclid and the like,\n"
	"in items, the intro, the outro and a section's text.\n"
	"\n"
	"Why: parameters copied from a share button leak where the editor found\n"
	"the page, and make the same page look like two to readers and to\n"
	"link-duplicate and link-repeat.\n"
	"\n"
	"Example: \"[Read more →](https://dataops.guide/backfills?utm_source=twitter)\".\n"
	"\n"
	"Fix: link the URL without them; dtw lint --fix writes it (the other\n"
	"parameters and the fragment are kept). Where a partner asks for its\n"
	"parameters, turn the rule off (rules: { link-tracking: off }) or\n"
	"suppress it for the one link.",
	.check = check_link_tracking,
};
