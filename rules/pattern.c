/* Rule pattern: the user's own regular-expression rules from .dtw.yaml,
 * each reported under its own id (pattern/ID) and severity, searched in the
 * scopes it names. pcre2 runs with match and depth limits: a pattern that
 * backtracks without end gives up on that text with one warning. */
#include "rules.h"

#include "parse/regex.h"
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/strutil.h"
#include "base/xalloc.h"
#include "source/source.h"
#include "base/banned.h"

/* The JIT's own stack (its depth limit): pcre2's 32 KiB default gives up
 * on a plain (a|b)* over a line of a few thousand characters. */
#define JIT_STACK_MAX (8u * 1024 * 1024)

struct search {
	struct dtw_check *c;
	const struct dtw_pattern *p;
	pcre2_match_data *md;
	pcre2_match_context *mc;
	int gave_up;
	int prose;          /* skip matches in code spans and URLs */
};

static void report(struct search *s, size_t start, size_t end, char *fix,
		   const char *msg)
{
	dtw_sink_add(s->c->sink, s->p->rule, s->p->severity, 0, 1, start, end,
		     xstrdup(msg), fix);
}

/* The replacement with $0..$9 taken from the match. */
static char *expand(const struct search *s, const char *subject)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(s->md);
	uint32_t n = pcre2_get_ovector_count(s->md);
	struct strbuf sb = STRBUF_INIT;
	const char *r;
	for (r = s->p->replacement; *r; r++) {
		if (*r == '$' && r[1] >= '0' && r[1] <= '9' && (uint32_t)(r[1] - '0') < n) {
			uint32_t g = (uint32_t)(r[1] - '0');
			if (ov[2 * g] != PCRE2_UNSET)
				strbuf_add(&sb, subject + ov[2 * g], ov[2 * g + 1] - ov[2 * g]);
			r++;
		} else {
			strbuf_addch(&sb, *r);
		}
	}
	return strbuf_detach(&sb, NULL);
}

static void search(struct search *s, size_t start, size_t end)
{
	const char *data = s->c->src->data;
	PCRE2_SIZE off = 0;

	if (s->gave_up || end <= start)
		return;
	while (off <= end - start) {
		int r = pcre2_match((const pcre2_code *)s->p->re, (PCRE2_SPTR)(data + start),
				    end - start, off, 0, s->md, s->mc);
		PCRE2_SIZE *ov;
		size_t ms, me;
		if (r == PCRE2_ERROR_NOMATCH)
			return;
		if (r < 0) {
			/* The match or depth limit: once per pattern and file,
			 * where the text it gave up on starts. */
			size_t at = start;
			while (at < end && (data[at] == '\n' || data[at] == '\r'))
				at++;
			report(s, at, at, NULL,
			       r == PCRE2_ERROR_MATCHLIMIT || r == PCRE2_ERROR_DEPTHLIMIT ||
					       r == PCRE2_ERROR_JIT_STACKLIMIT ?
			       "pattern gave up on this text (backtracking limit); simplify its regular expression" :
			       "pattern gave up on this text (match error); check its regular expression");
			s->gave_up = 1;
			return;
		}
		ov = pcre2_get_ovector_pointer(s->md);
		ms = start + ov[0];
		me = start + ov[1];
		if (!s->prose || (dtw_in_prose(s->c->issue, ms) && !dtw_issue_in_code(s->c->issue, ms)))
			report(s, ms, me, s->p->replacement ? expand(s, data + start) : NULL,
			       s->p->message);
		off = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
	}
}

static void check_pattern(struct dtw_check *c)
{
	const struct dtw_issue *is = c->issue;
	size_t k, i, j, l;
	pcre2_jit_stack *jit;

	if (!c->npatterns)
		return;
	jit = pcre2_jit_stack_create(32 * 1024, JIT_STACK_MAX, NULL);
	for (k = 0; k < c->npatterns; k++) {
		const struct dtw_pattern *p = &c->patterns[k];
		struct search s;
		unsigned sc = p->scopes;

		if (p->severity == DTW_SEV_OFF) /* rules: { pattern/ID: off } */
			continue;
		memset(&s, 0, sizeof(s));
		s.c = c;
		s.p = p;
		s.md = pcre2_match_data_create_from_pattern((const pcre2_code *)p->re, NULL);
		s.mc = dtw_re_match_context();
		if (jit)
			pcre2_jit_stack_assign(s.mc, NULL, jit);
		s.prose = 1;
		if (sc & DTW_SCOPE_ALL)
			search(&s, is->doc.body, c->src->len);
		if (sc & DTW_SCOPE_INTRO && is->intro_paras)
			search(&s, is->intro_start, is->intro_end);
		if (sc & DTW_SCOPE_OUTRO && is->outro_paras)
			search(&s, is->outro_start, is->outro_end);
		for (i = 0; i < is->nsections; i++) {
			const struct dtw_section *sec = &is->sections[i];
			if (sc & DTW_SCOPE_HEADING)
				search(&s, sec->title_start, sec->end);
			for (j = 0; j < sec->nitems; j++) {
				const struct dtw_item *it = &sec->items[j];
				if (sc & (DTW_SCOPE_HEADING | DTW_SCOPE_ITEM_TITLE))
					search(&s, it->start, it->end);
				if (sc & DTW_SCOPE_PARAGRAPH && it->body_end > it->end)
					search(&s, it->end, it->body_end);
				for (l = 0; sc & DTW_SCOPE_FIELD && l < it->nfields; l++) {
					const struct dtw_field *f = &it->fields[l];
					if (!p->field || dtw_eq_nocase(f->def->label, strlen(f->def->label),
								       p->field, strlen(p->field)))
						search(&s, f->start, f->end);
				}
			}
		}
		/* Every link of the issue, wherever it is; a reference link's
		 * URL where its definition writes it, once. */
		for (i = 0; i < is->nlinks; i++) {
			const struct dtw_link *ln = &is->links[i];
			if (ln->image)
				continue;
			if (sc & DTW_SCOPE_LINK_TEXT && ln->text_end > ln->text_start)
				search(&s, ln->text_start, ln->text_end);
			if (sc & DTW_SCOPE_URL && ln->end > ln->start) {
				s.prose = 0; /* URLs only when asked for */
				search(&s, ln->start, ln->end);
				s.prose = 1;
			}
		}
		for (i = 0; sc & DTW_SCOPE_URL && i < is->ndefs; i++) {
			s.prose = 0;
			search(&s, is->defs[i].url_start, is->defs[i].url_end);
			s.prose = 1;
		}
		pcre2_match_context_free(s.mc);
		pcre2_match_data_free(s.md);
	}
	pcre2_jit_stack_free(jit);
}

const struct dtw_rule rule_pattern = {
	.id = "pattern",
	.severity = DTW_SEV_WARNING,
	.needs = DTW_NEEDS_MODEL,
	.summary = "the user's own regular-expression rules from .dtw.yaml, each as pattern/ID",
	.explain =
	"Runs the regular expressions a repository declares under `patterns` in\n"
	".dtw.yaml (pcre2, UTF-8), each reported under its own id,\n"
	"pattern/ID, with its own severity and message, in the scopes it names:\n"
	"heading, item-title, paragraph, field (all, or one label with field:),\n"
	"link-text, url, intro, outro or all. Prose scopes never match inside\n"
	"code spans, code blocks or URLs; only the url scope looks there. A\n"
	"pattern may carry a replacement ($0-$9 name its groups), which --fix\n"
	"applies. Matching is bounded: a pattern that backtracks without end\n"
	"gives up on that text with one warning instead of hanging.\n"
	"\n"
	"Why: every newsletter has house rules no linter ships with.\n"
	"\n"
	"Example:\n"
	"    patterns:\n"
	"      - id: no-click-here\n"
	"        regex: '(?i)\\\\bclick here\\\\b'\n"
	"        message: 'say where the link goes instead of \"click here\"'\n"
	"        scope: [link-text]\n"
	"\n"
	"Fix: what the pattern's message says; `rules: {pattern: off}` turns\n"
	"every pattern off.",
	.check = check_pattern,
};
