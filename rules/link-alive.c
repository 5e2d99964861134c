/* Rule link-alive: with dtw lint --online, what each link's URL answered
 * (lib/links), reported at the link — a dead one, one that failed its
 * TLS check, one that moved for good (its fix: the new URL), and the ones
 * that could not be told (timeouts, 5xx, 429) as warnings. */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/url.h"
#include "link-place.h"
#include "source/source.h"
#include "base/banned.h"

static const char *reason(int status)
{
	switch (status) {
	case 401: return " (unauthorized)";
	case 403: return " (forbidden)";
	case 404: return " (not found)";
	case 410: return " (gone)";
	case 429: return " (too many requests)";
	case 451: return " (unavailable for legal reasons)";
	case 500: return " (internal server error)";
	case 502: return " (bad gateway)";
	case 503: return " (service unavailable)";
	case 504: return " (gateway timeout)";
	default: return "";
	}
}

/* The fix of a permanent redirect: where it leads, with the link's own
 * fragment (which is never sent, and which a browser keeps across a
 * redirect) unless the target has one. NULL when the target is not a URL
 * that would be asked itself, or holds what would end or change the
 * Markdown link it is written in: brackets, parentheses, angle brackets,
 * quotes, backslashes, backticks, white space. */
static char *new_url(const char *url, const char *target)
{
	const char *frag = strchr(url, '#');
	struct strbuf sb = STRBUF_INIT;
	if (!dtw_link_askable(target) || target[strcspn(target, "()[]<>\"'\\` \t")])
		return NULL;
	strbuf_addstr(&sb, target);
	if (frag && !strchr(target, '#') && !frag[strcspn(frag, "()[]<>\"'\\` \t")])
		strbuf_addstr(&sb, frag);
	return strbuf_detach(&sb, NULL);
}

static void report(struct dtw_check *c, struct place *pl, const struct dtw_link *l,
		   const struct dtw_link_answer *a, size_t start, size_t end, int exact)
{
	const char *t = dtw_place_name(pl), *u = l->url, *d = a->detail ? a->detail : "";
	const char *via = a->target && a->verdict != DTW_LINK_MOVED ? a->target : NULL;
	size_t at, n;

	switch (a->verdict) {
	case DTW_LINK_UNASKED:
	case DTW_LINK_OK:
	case DTW_LINK_NVERDICTS:
		break;
	case DTW_LINK_MOVED: {
		char *fix = exact && a->target ? new_url(u, a->target) : NULL;
		dtw_report_at_most(c, DTW_SEV_WARNING, start, end, fix,
				   "URL \"%s\" in %s moved permanently to \"%s\"; link the new address",
				   u, t, a->target ? a->target : "");
		free(fix);
		break;
	}
	case DTW_LINK_GONE:
		if (via)
			dtw_report(c, start, end, NULL,
				   "dead link: URL \"%s\" in %s redirects to \"%s\", which answers %d%s; link where the page went, or drop it",
				   u, t, via, a->status, reason(a->status));
		else
			dtw_report(c, start, end, NULL,
				   "dead link: URL \"%s\" in %s answers %d%s; link where the page went, or drop it",
				   u, t, a->status, reason(a->status));
		break;
	case DTW_LINK_DNS:
		dtw_link_host(via ? via : u, &at, &n);
		dtw_report(c, start, end, NULL,
			   "dead link: the host \"%.*s\" of URL \"%s\" in %s does not resolve; check the address",
			   (int)n, (via ? via : u) + at, u, t);
		break;
	case DTW_LINK_REFUSED:
		dtw_report(c, start, end, NULL,
			   "dead link: URL \"%s\" in %s: the server refuses connections; check the address",
			   u, t);
		break;
	case DTW_LINK_TLS:
		dtw_report(c, start, end, NULL,
			   "URL \"%s\" in %s fails its TLS check: %s; readers' browsers will refuse it too",
			   u, t, *d ? d : "certificate not accepted");
		break;
	case DTW_LINK_REDIRECTS:
		dtw_report(c, start, end, NULL,
			   "URL \"%s\" in %s never arrives: %s; link the page itself",
			   u, t, *d ? d : "too many redirects");
		break;
	case DTW_LINK_STATUS:
		dtw_report_at_most(c, DTW_SEV_WARNING, start, end, NULL,
				   "URL \"%s\" in %s answers %d%s; check it in a browser (links.accept lists statuses that count as alive)",
				   u, t, a->status, reason(a->status));
		break;
	case DTW_LINK_RATE_LIMITED:
	case DTW_LINK_SERVER:
		dtw_report_at_most(c, DTW_SEV_WARNING, start, end, NULL,
				   "URL \"%s\" in %s answers %d%s; check it again later",
				   u, t, a->status, reason(a->status));
		break;
	case DTW_LINK_TIMEOUT:
		dtw_report_at_most(c, DTW_SEV_WARNING, start, end, NULL,
				   "URL \"%s\" in %s did not answer within links.timeout; check it again later",
				   u, t);
		break;
	case DTW_LINK_NETWORK:
		dtw_report_at_most(c, DTW_SEV_WARNING, start, end, NULL,
				   "URL \"%s\" in %s could not be checked: %s; check it again later",
				   u, t, *d ? d : "network failure");
		break;
	case DTW_LINK_OUT_OF_TIME:
		dtw_report_at_most(c, DTW_SEV_WARNING, start, end, NULL,
				   "URL \"%s\" in %s was not checked: links.total_timeout ran out first",
				   u, t);
		break;
	}
}

static void check_link_alive(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	struct cursor cur = { 0, 0, NULL };
	size_t i;

	if (!c->links)
		return;
	for (i = 0; i < is->nlinks; i++) {
		const struct dtw_link *l = &is->links[i];
		const struct dtw_link_answer *a;
		struct place pl;
		size_t start, end;
		int exact;
		if (l->image || !(a = dtw_links_find(c->links, l->url)) ||
		    a->verdict == DTW_LINK_OK || a->verdict == DTW_LINK_UNASKED)
			continue;
		exact = dtw_link_at(c->src, l, &start, &end);
		dtw_place_of(&pl, is, l->text_start, &cur);
		report(c, &pl, l, a, start, end, exact);
		free(pl.where);
	}
}

const struct dtw_rule rule_link_alive = {
	.id = "link-alive",
	.severity = DTW_SEV_ERROR,
	.echo = 1,
	.needs = DTW_NEEDS_MODEL,
	.summary = "with --online: a link that is dead (404/410, no such host, refused), fails TLS, or moved for good",
	.explain =
	"With dtw lint --online (or links: { online: true }), asks every http(s)\n"
	"link of the issue — in items, the intro, the outro and a section's\n"
	"text — whether it still answers: HEAD first, GET when HEAD is refused\n"
	"(405, 403, 501), following redirects one at a time. It finds:\n"
	"\n"
	"- a dead link (error): 404 or 410, a host name that does not resolve,\n"
	"  a server that refuses the connection;\n"
	"- a certificate or TLS failure (error), naming the cause;\n"
	"- a redirect loop, more than links.max_redirects, or a redirect out\n"
	"  of http(s) (error);\n"
	"- a permanent redirect, 301 or 308 (warning): its fix is the address\n"
	"  it leads to (with the link's own #fragment), which dtw lint --online\n"
	"  --fix writes in place — not for a reference link (fix its\n"
	"  definition), nor a target that would change the Markdown link;\n"
	"- what cannot be told now (warning): a timeout, a 5xx or a 429 after\n"
	"  the retries, another 4xx such as 403 (sites that turn robots away),\n"
	"  a reset connection, links.total_timeout running out.\n"
	"\n"
	"A temporary redirect (302, 303, 307) is no finding. A placeholder URL\n"
	"(example.com, TODO) is link-url's and is not asked; mailto: links,\n"
	"URLs that links.exclude matches and links where link-alive is\n"
	"suppressed are not asked either. Answers are\n"
	"cached in the repository (.git/dtw/links) for links.cache_ttl (a\n"
	"failure for an hour at most): a second run asks nothing.\n"
	"\n"
	"Why: a dead link is a newsletter's most visible mistake, and the\n"
	"e-mail cannot be unsent.\n"
	"\n"
	"Example: \"[Read more →](https://dataops.guide/backfills)\" answering\n"
	"404 Not Found.\n"
	"\n"
	"Fix: link where the page went (a search for its title usually finds\n"
	"it), or drop the item. For a site that refuses robots, add its status\n"
	"to links.accept or its URLs to links.exclude.",
	.check = check_link_alive,
};
