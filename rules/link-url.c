/* Rule link-url: the URL of each link of an item, checked on its own —
 * malformed, not http(s), an obvious placeholder, or carrying tracking
 * parameters (with the cleaned URL as the fix). */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

#include "source/source.h"
#include "base/banned.h"

/* Where "#" is the destination: the model finds the first "#" after the
 * previous link, which may be a heading marker or a "C#". */
static void locate_hash(const struct dtw_source *src, size_t from, size_t to,
			size_t *start, size_t *end)
{
	const char *p;
	if (to <= from || to > src->len)
		return;
	p = memmem(src->data + from, to - from, "](#", 3);
	if (!p)
		p = memmem(src->data + from, to - from, "](<#", 4);
	if (p) {
		*start = (size_t)(p - src->data) + (p[2] == '<' ? 3 : 2);
		*end = *start + 1;
	}
}

/* Where an empty destination is: "()" or "(<>)" after the link text. */
static void locate_empty(const struct dtw_source *src, size_t from, size_t to,
			 size_t *start, size_t *end)
{
	const char *a, *b;
	if (to <= from || to > src->len)
		return;
	a = memmem(src->data + from, to - from, "]()", 3);
	b = memmem(src->data + from, to - from, "](<>)", 5);
	if (!a || (b && b < a))
		a = b;
	if (a) {
		*start = (size_t)(a - src->data) + 1;
		*end = *start + (a[2] == '<' ? 4 : 2);
	}
}

static void check_link(struct dtw_check *c, const struct dtw_item *it,
		       const struct dtw_link *l)
{
	const char *u = l->url, *t = it->title;
	size_t at, len, start = l->start, end = l->end, ulen = strlen(u);
	enum dtw_url_fault f = dtw_url_check(u, &at, &len);
	/* A fix replaces the URL where it is written, and only there. */
	int exact = end - start == ulen && ulen &&
		    !memcmp(c->src->data + start, u, ulen);
	char *fix = NULL;

	switch (f) {
	case DTW_URL_OK:
		if (!dtw_url_is_http(u) || !(fix = dtw_url_strip_tracking(u)))
			break;
		dtw_report_at_most(c, DTW_SEV_WARNING, start, end, exact ? fix : NULL,
			   "URL in item \"%s\" carries tracking parameters; link \"%s\" instead",
			   t, fix);
		break;
	case DTW_URL_EMPTY:
		if (!ulen)
			locate_empty(c->src, start, it->body_end, &start, &end);
		if (*l->text)
			dtw_report(c, start, end, NULL,
				   "link \"%s\" in item \"%s\" has no URL; link the page it names",
				   l->text, t);
		else
			dtw_report(c, start, end, NULL,
				   "link in item \"%s\" has no URL; link the page it names", t);
		break;
	case DTW_URL_PLACEHOLDER:
		if (!strcmp(u, "#"))
			locate_hash(c->src, start, it->body_end, &start, &end);
		dtw_report(c, start, end, NULL,
			   "placeholder URL \"%s\" in item \"%s\"; link the real page", u, t);
		break;
	case DTW_URL_SPACE:
		fix = dtw_url_repair(u, f);
		if (fix)
			dtw_report(c, start, end, exact ? fix : NULL,
				   "URL \"%s\" in item \"%s\" contains a space; write it as \"%s\"",
				   u, t, fix);
		else
			dtw_report(c, start, end, NULL,
				   "URL \"%s\" in item \"%s\" contains %s; remove it", u, t,
				   u[at] == ' ' ? "a space" : "white space or a control character");
		break;
	case DTW_URL_BAD_SCHEME:
		fix = dtw_url_repair(u, f);
		if (fix)
			dtw_report(c, start, end, exact ? fix : NULL,
				   "malformed URL \"%s\" in item \"%s\"; did you mean \"%s\"?",
				   u, t, fix);
		else
			dtw_report(c, start, end, NULL,
				   "malformed URL \"%s\" in item \"%s\"; write it as https://HOST/PATH",
				   u, t);
		break;
	case DTW_URL_NOT_HTTP:
		dtw_report(c, start, end, NULL,
			   "%.*s URL \"%s\" in item \"%s\"; items link to an http(s) page",
			   (int)len, u + at, u, t);
		break;
	case DTW_URL_RELATIVE:
		fix = dtw_url_repair(u, f);
		if (fix)
			dtw_report(c, start, end, exact ? fix : NULL,
				   "URL \"%s\" in item \"%s\" has no scheme; did you mean \"%s\"?",
				   u, t, fix);
		else
			dtw_report(c, start, end, NULL,
				   "relative URL \"%s\" in item \"%s\" does not work in an e-mail; write the full https:// address",
				   u, t);
		break;
	case DTW_URL_NO_HOST:
		dtw_report(c, start, end, NULL,
			   "URL \"%s\" in item \"%s\" has no host; write the site's name after \"//\"",
			   u, t);
		break;
	case DTW_URL_BAD_HOST:
		dtw_report(c, start, end, NULL,
			   "malformed host \"%.*s\" in URL \"%s\" in item \"%s\"; check the address",
			   (int)len, u + at, u, t);
		break;
	case DTW_URL_NO_DOMAIN:
		dtw_report(c, start, end, NULL,
			   "host \"%.*s\" in URL \"%s\" in item \"%s\" is not a public address; link a page readers can reach",
			   (int)len, u + at, u, t);
		break;
	case DTW_URL_BAD_PORT:
		dtw_report(c, start, end, NULL,
			   "malformed port \"%.*s\" in URL \"%s\" in item \"%s\"; drop it or write the number",
			   (int)len, u + at, u, t);
		break;
	}
	free(fix);
}

static void check_items(struct dtw_check *c, const struct dtw_item *items, size_t n)
{
	size_t j, k;
	for (j = 0; j < n; j++)
		for (k = 0; k < items[j].nlinks; k++)
			check_link(c, &items[j], &items[j].links[k]);
}

static void check_link_url(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	size_t i;
	check_items(c, is->stray, is->nstray);
	for (i = 0; i < is->nsections; i++)
		check_items(c, is->sections[i].items, is->sections[i].nitems);
}

const struct dtw_rule rule_link_url = {
	.id = "link-url",
	.severity = DTW_SEV_ERROR,
	.echo = 1,
	.needs = DTW_NEEDS_MODEL,
	.summary = "a malformed URL, a non-http(s) scheme, an obvious placeholder, tracking parameters",
	.explain =
	"Checks the URL of every link in an item (its heading included) and\n"
	"finds:\n"
	"\n"
	"- a malformed URL: white space in it, a botched scheme (\"https:/…\",\n"
	"  \"http//…\", \"htps://…\"), no host, a malformed host or port, a host\n"
	"  with no domain (\"https://intranet/…\"), or no scheme at all\n"
	"  (\"www.…\", \"/2026/post\"), which works on a web site but not in an\n"
	"  e-mail;\n"
	"- a scheme other than http and https — mailto:, ftp:, javascript:,\n"
	"  file: … (the message names it);\n"
	"- an obvious placeholder: an empty URL, \"#\", example.com, example.org,\n"
	"  example.net and their subdomains, localhost, 127.0.0.1, a URL whose\n"
	"  host or a path segment is TODO, and stand-ins such as \"URL\" or\n"
	"  \"link\";\n"
	"- tracking parameters (utm_*, fbclid, gclid) in the query string.\n"
	"\n"
	"Links outside items (intro, outro) are not checked, and an in-page\n"
	"anchor (\"#tools\") is allowed. Tracking parameters are a warning even\n"
	"when the rule is an error (a matter of taste, not a broken link); turn\n"
	"them off for one link with a suppression comment if a partner insists.\n"
	"\n"
	"Why: a broken or placeholder link is the one mistake every reader of\n"
	"the issue finds, and it cannot be fixed once the e-mail is sent.\n"
	"Tracking parameters copied from a share button leak where the editor\n"
	"found the page and make the same page look like two.\n"
	"\n"
	"Example: \"[Read more →](https://example.com/post)\",\n"
	"\"[Read more →](mailto:editor@streamfold.dev)\", or\n"
	"\"[Read more →](https://dataops.guide/backfills?utm_source=twitter)\".\n"
	"\n"
	"Fix: link the real http(s) page. For tracking parameters, a botched\n"
	"scheme (\"https:/\" → \"https://\"), a missing scheme on \"www.…\" and a\n"
	"space in the path, the finding carries the corrected URL, which\n"
	"dtw lint --fix writes in place.",
	.check = check_link_url,
};
