/* dtw rules and dtw explain: the rule registry as users see it. */
#include "builtin.h"

#include <stdio.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/strutil.h"
#include "rules/rules.h"
#include "format/out.h"
#include "base/banned.h"

const char usage_rules[] =
	"usage: dtw rules [--markdown] [--config FILE] [--rule ID=SEVERITY]\n"
	"\n"
	"List every rule with the severity in force (rule default, then\n"
	".dtw.yaml, then --rule) and where that severity comes from.\n"
	"--markdown prints the rule table with default severities (README.md).\n";

const char usage_explain[] =
	"usage: dtw explain RULE\n"
	"\n"
	"Explain one rule: what it finds, why it matters, an example and the fix.\n";

int cmd_rules(int argc, const char **argv, struct dtw_ctx *ctx)
{
	size_t i, w = 0;
	struct { int markdown; } o = { 0 };
	int st;
	struct dtw_option opts[] = {
		DTW_OPT_FLAG_("markdown", 0, &o.markdown),
		{ .type = DTW_OPT_END },
	};

	if ((st = dtw_cmd_parse(ctx, &argc, argv, opts, 0)) != DTW_CONTINUE)
		return st;
	if (o.markdown) {
		dtw_out_str(stdout, "| rule | default | finds |\n|---|---|---|\n");
		for (i = 0; i < dtw_nrules; i++)
			dtw_out_line(stdout, "| `%s` | %s | %s |", dtw_rules[i]->id,
			       dtw_severity_name(dtw_rules[i]->severity), dtw_rules[i]->summary);
		return DTW_EXIT_OK;
	}
	if ((st = dtw_ctx_load(ctx)))
		return st;
	for (i = 0; i < dtw_nrules; i++)
		if (strlen(dtw_rules[i]->id) > w)
			w = strlen(dtw_rules[i]->id);
	for (i = 0; i < ctx->config->npatterns; i++)
		if (strlen(ctx->config->patterns[i].rule) > w)
			w = strlen(ctx->config->patterns[i].rule);
	for (i = 0; i < dtw_nrules; i++) {
		const char *origin = ctx->sev_origin[i];
		/* The origin is a config file's path: escaped with the rest. */
		dtw_out_line(stdout, "%-*s  %-7s  %s%s%s%s", (int)w, dtw_rules[i]->id,
			     dtw_severity_name(ctx->severity[i]), dtw_rules[i]->summary,
			     strcmp(origin, "default") ? " (set by " : "",
			     strcmp(origin, "default") ? origin : "",
			     strcmp(origin, "default") ? ")" : "");
	}
	/* The config's patterns: rules like the others. */
	for (i = 0; i < ctx->config->npatterns; i++) {
		const struct dtw_pattern *p = &ctx->config->patterns[i];
		int set = strcmp(p->origin, "default") != 0;
		dtw_out_line(stdout, "%-*s  %-7s  %s (a pattern%s%s)", (int)w, p->rule,
			     dtw_severity_name(p->severity), p->message,
			     set ? "; set by " : "", set ? p->origin : "");
	}
	return DTW_EXIT_OK;
}

/* The scopes a pattern searches, as its config writes them. */
static void add_scopes(struct strbuf *sb, unsigned scopes)
{
	static const char *const names[] = { "heading", "item-title", "paragraph", "field",
					     "link-text", "url", "intro", "outro", "all" };
	size_t i, n = 0;
	for (i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (scopes & (1u << i))
			strbuf_addf(sb, "%s%s", n++ ? ", " : "", names[i]);
}

static int explain_pattern(const char *id, struct dtw_ctx *ctx)
{
	const struct dtw_pattern *p;
	int st;
	if ((st = dtw_ctx_load(ctx)))
		return st;
	p = dtw_config_pattern(ctx->config, id + 8);
	if (!p) {
		dtw_errorf("unknown rule \"%s\": no pattern of the config has the id \"%s\" (dtw rules lists them)",
			   id, id + 8);
		return DTW_EXIT_ERROR;
	}
	dtw_out_line(stdout, "%s (%s; a pattern of %s, line %u)", p->rule,
		     dtw_severity_name(p->severity),
		     ctx->config->origin ? ctx->config->origin : ".dtw.yaml", (unsigned)p->line);
	dtw_out_str(stdout, "\n");
	dtw_out_line(stdout, "%s", p->message);
	dtw_out_str(stdout, "\n");
	dtw_out_line(stdout, "regex: %s", p->regex);
	{
		struct strbuf sb = STRBUF_INIT;
		add_scopes(&sb, p->scopes);
		dtw_out_line(stdout, "scope: %s", sb.buf);
		strbuf_release(&sb);
	}
	if (p->field)
		dtw_out_line(stdout, "field: %s", p->field);
	if (p->replacement)
		dtw_out_line(stdout, "replacement: %s (dtw lint --fix writes it)", p->replacement);
	return DTW_EXIT_OK;
}

int cmd_explain(int argc, const char **argv, struct dtw_ctx *ctx)
{
	const struct dtw_rule *r;
	int st;

	if ((st = dtw_cmd_parse(ctx, &argc, argv, NULL, 1)) != DTW_CONTINUE)
		return st;
	if (argc != 1) {
		dtw_errorf("explain: which rule? (dtw explain RULE; dtw rules lists them)");
		return DTW_EXIT_ERROR;
	}
	if (!strncmp(argv[0], "pattern/", 8))
		return explain_pattern(argv[0], ctx);
	r = dtw_rule_find(argv[0]);
	if (!r) {
		const char *ids[64];
		size_t i, n = 0;
		long near;
		for (i = 0; i < dtw_nrules && n < 64; i++)
			ids[n++] = dtw_rules[i]->id;
		near = dtw_suggest(argv[0], ids, n);
		if (near >= 0)
			dtw_errorf("unknown rule \"%s\"; did you mean \"%s\"? (dtw rules lists them)",
				   argv[0], ids[near]);
		else
			dtw_errorf("unknown rule \"%s\" (dtw rules lists them)", argv[0]);
		return DTW_EXIT_ERROR;
	}
	/* The rule's own text, from the table in rules/. */
	dtw_out_line(stdout, "%s (default: %s)", r->id, dtw_severity_name(r->severity));
	dtw_out_str(stdout, "\n");
	dtw_out_line(stdout, "%s", r->summary);
	dtw_out_str(stdout, "\n");
	dtw_out_str(stdout, r->explain);
	dtw_out_str(stdout, "\n");
	return DTW_EXIT_OK;
}
