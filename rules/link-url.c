/* Rule link-url: the URL of each link of the issue, checked on its own —
 * malformed, not http(s), or an obvious placeholder. (Tracking parameters
 * are link-tracking's.) */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "link-place.h"
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

static int scheme_ok(const struct dtw_check *c, const struct place *pl, const char *scheme,
		     size_t len)
{
	return dtw_schema_scheme_ok(c->issue->schema, pl->sec, pl->item != NULL, scheme, len);
}

static void add_schemes(struct strbuf *sb, const char *const *v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		strbuf_addf(sb, "%s%s", i ? ", " : "", v[i]);
}

/* A scheme the place does not allow, and what it allows, said as the
 * schema has it. */
static void not_allowed(struct dtw_check *c, struct place *pl, size_t start, size_t end,
			const char *u, size_t slen)
{
	const struct dtw_schema *s = c->issue->schema;
	const struct dtw_section_def *sec = pl->sec;
	struct strbuf why = STRBUF_INIT;

	if (pl->item && !(sec && sec->link_schemes)) {
		strbuf_addstr(&why, "items link to an http(s) page");
	} else if (pl->item) {
		strbuf_addstr(&why, "this section's items link with ");
		add_schemes(&why, sec->link_schemes, sec->nlink_schemes);
		strbuf_addstr(&why, " (its link.schemes)");
	} else if (!s->link_schemes && !(sec && sec->link_schemes)) {
		strbuf_addstr(&why, "links go to an http(s) page or an e-mail address (mailto:)");
	} else {
		strbuf_addstr(&why, "links here may use ");
		if (sec && sec->link_schemes) {
			add_schemes(&why, sec->link_schemes, sec->nlink_schemes);
			strbuf_addstr(&why, " (the section's link.schemes) or ");
		}
		if (s->link_schemes) {
			add_schemes(&why, s->link_schemes, s->nlink_schemes);
			strbuf_addstr(&why, " (the schema's links.schemes)");
		} else {
			strbuf_addstr(&why, "https, http, mailto");
		}
	}
	dtw_report(c, start, end, NULL, "%.*s: URL \"%s\" in %s; %s", (int)slen, u, u, dtw_place_name(pl),
		   why.buf);
	strbuf_release(&why);
}

static void check_link(struct dtw_check *c, struct place *pl, const struct dtw_link *l)
{
	const char *u = l->url, *t;
	size_t at, len, start, end, ulen = strlen(u);
	enum dtw_url_fault f = dtw_url_check(u, &at, &len);
	/* A fix replaces the URL where it is written, and only there. */
	int exact = dtw_link_at(c->src, l, &start, &end);
	char *fix = NULL;

	/* The way of most links: a fine URL, allowed here. (Tracking
	 * parameters are link-tracking's.) */
	if (f == DTW_URL_OK && (!dtw_url_is_http(u) ||
				scheme_ok(c, pl, u, (u[4] | 32) == 's' ? 5 : 4)))
		return;
	t = dtw_place_name(pl);

	switch (f) {
	case DTW_URL_OK: /* an http(s) scheme the place does not allow */
		not_allowed(c, pl, start, end, u, (u[4] | 32) == 's' ? 5 : 4);
		break;
	case DTW_URL_EMPTY:
		if (!ulen)
			locate_empty(c->src, start, pl->body_end, &start, &end);
		/* (A placeholder: a warning while the issue is a draft.) */
		if (*l->text)
			dtw_report_at_most(c, c->draft ? DTW_SEV_WARNING : DTW_SEV_ERROR, start, end, NULL,
					   "link \"%s\" in %s has no URL; link the page it names",
					   l->text, t);
		else
			dtw_report_at_most(c, c->draft ? DTW_SEV_WARNING : DTW_SEV_ERROR, start, end, NULL,
					   "link in %s has no URL; link the page it names", t);
		break;
	case DTW_URL_PLACEHOLDER:
		if (!strcmp(u, "#"))
			locate_hash(c->src, start, pl->body_end, &start, &end);
		dtw_report_at_most(c, c->draft ? DTW_SEV_WARNING : DTW_SEV_ERROR, start, end, NULL,
				   "placeholder URL \"%s\" in %s; link the real page", u, t);
		break;
	case DTW_URL_SPACE:
		fix = dtw_url_repair(u, f);
		if (fix)
			dtw_report(c, start, end, exact ? fix : NULL,
				   "URL \"%s\" in %s contains a space; write it as \"%s\"",
				   u, t, fix);
		else
			dtw_report(c, start, end, NULL,
				   "URL \"%s\" in %s contains %s; remove it", u, t,
				   u[at] == ' ' ? "a space" : "white space or a control character");
		break;
	case DTW_URL_BAD_SCHEME:
		fix = dtw_url_repair(u, f);
		if (fix)
			dtw_report(c, start, end, exact ? fix : NULL,
				   "malformed URL \"%s\" in %s; did you mean \"%s\"?",
				   u, t, fix);
		else
			dtw_report(c, start, end, NULL,
				   "malformed URL \"%s\" in %s; write it as https://HOST/PATH",
				   u, t);
		break;
	case DTW_URL_NOT_HTTP:
		if (!scheme_ok(c, pl, u + at, len - 1))
			not_allowed(c, pl, start, end, u, len - 1);
		break;
	case DTW_URL_RELATIVE:
		fix = dtw_url_repair(u, f);
		if (fix)
			dtw_report(c, start, end, exact ? fix : NULL,
				   "URL \"%s\" in %s has no scheme; did you mean \"%s\"?",
				   u, t, fix);
		else
			dtw_report(c, start, end, NULL,
				   "relative URL \"%s\" in %s does not work in an e-mail; write the full https:// address",
				   u, t);
		break;
	case DTW_URL_NO_HOST:
		dtw_report(c, start, end, NULL,
			   "URL \"%s\" in %s has no host; write the site's name after \"//\"",
			   u, t);
		break;
	case DTW_URL_BAD_HOST:
		dtw_report(c, start, end, NULL,
			   "malformed host \"%.*s\" in URL \"%s\" in %s; check the address",
			   (int)len, u + at, u, t);
		break;
	case DTW_URL_NO_DOMAIN:
		dtw_report(c, start, end, NULL,
			   "host \"%.*s\" in URL \"%s\" in %s is not a public address; link a page readers can reach",
			   (int)len, u + at, u, t);
		break;
	case DTW_URL_BAD_PORT:
		dtw_report(c, start, end, NULL,
			   "malformed port \"%.*s\" in URL \"%s\" in %s; drop it or write the number",
			   (int)len, u + at, u, t);
		break;
	}
	free(fix);
}

/* Every link of the issue, wherever it is (images are not links). */
static void check_link_url(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	struct cursor cur = { 0, 0, NULL };
	size_t i;
	for (i = 0; i < is->nlinks; i++) {
		const struct dtw_link *l = &is->links[i];
		struct place pl;
		if (l->image)
			continue;
		dtw_place_of(&pl, is, l->text_start, &cur);
		check_link(c, &pl, l);
		free(pl.where);
	}
}

const struct dtw_rule rule_link_url = {
	.id = "link-url",
	.severity = DTW_SEV_ERROR,
	.echo = 1,
	.needs = DTW_NEEDS_MODEL,
	.summary = "a malformed URL, a scheme the schema does not allow there, an obvious placeholder",
	.explain =
	"Checks the URL of every link of the issue — in items (their headings\n"
	"included), the intro, the outro and a section's text outside its\n"
	"items — and finds:\n"
	"\n"
	"- a malformed URL: white space in it, a botched scheme (\"https:/…\",\n"
	"  \"http//…\", \"htps://…\"), no host, a malformed host or port, a host\n"
	"  with no domain (\"https://intranet/…\"), or no scheme at all\n"
	"  (\"www.…\", \"/2026/post\"), which works on a web site but not in an\n"
	"  e-mail;\n"
	"- a scheme the place does not allow: an item links to an http(s)\n"
	"  page unless its section's link.schemes names others; a link outside\n"
	"  items may use the schema's links.schemes (https, http and mailto by\n"
	"  default) — so ftp:, javascript:, file: … (the message names it);\n"
	"- an obvious placeholder: an empty URL, \"#\", example.com, example.org,\n"
	"  example.net and their subdomains, localhost, 127.0.0.1, a URL whose\n"
	"  host or a path segment is TODO, stand-ins such as \"URL\" or\n"
	"  \"link\", and a template's left for one (\"INSERT_LINK_HERE\",\n"
	"  \"{{url}}\").\n"
	"\n"
	"While the issue's status is draft, a placeholder (and a link with no\n"
	"URL) is a warning, so that a scaffolded issue can be committed; at any\n"
	"other status, or when the rule's severity is set, it is the rule's.\n"
	"An in-page anchor (\"#tools\") is allowed. A reference link\n"
	"([text][label], its URL in a \"[label]: URL\" definition) is reported\n"
	"at its text. Tracking parameters are link-tracking's.\n"
	"\n"
	"Why: a broken or placeholder link is the one mistake every reader of\n"
	"the issue finds, and it cannot be fixed once the e-mail is sent.\n"
	"\n"
	"Example: \"[Read more →](https://example.com/post)\",\n"
	"or \"[Read more →](mailto:editor@streamfold.dev)\".\n"
	"\n"
	"Fix: link the real http(s) page. For a botched\n"
	"scheme (\"https:/\" → \"https://\"), a missing scheme on \"www.…\" and a\n"
	"space in the path, the finding carries the corrected URL, which\n"
	"dtw lint --fix writes in place.",
	.check = check_link_url,
};
