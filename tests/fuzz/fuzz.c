/* The fuzz targets' shared set-up (see fuzz.h). */
#include "fuzz.h"

#include <string.h>

#include "base/xalloc.h"

/* Patterns of each kind a user may write: plain, with a replacement,
 * scoped to a field, over the whole body, and one that backtracks. */
static const char config_text[] =
	"schema: data-this-week\n"
	"patterns:\n"
	"  - id: click-here\n"
	"    regex: '(?i)\\bclick here\\b'\n"
	"    message: say where the link goes\n"
	"    scope: [link-text, paragraph]\n"
	"  - id: utilize\n"
	"    regex: '\\butiliz(e|es|ed|ing)\\b'\n"
	"    message: use 'use'\n"
	"    replacement: 'us$1'\n"
	"  - id: why-short\n"
	"    regex: '^.{0,3}$'\n"
	"    message: too short\n"
	"    field: 'Why it matters:'\n"
	"  - id: backtrack\n"
	"    regex: '(a+)+$'\n"
	"    message: catastrophic\n"
	"    scope: all\n"
	"    severity: warning\n";

static struct fuzz_env env_;
static int ready;

const struct fuzz_env *fuzz_env(void)
{
	size_t i;
	if (ready)
		return &env_;
	if (dtw_schema_resolve(&env_.schema, DTW_DEFAULT_SCHEMA, NULL) ||
	    dtw_config_load(&env_.config, config_text, strlen(config_text), "fuzz.yaml",
			    dtw_rule_known_near)) {
		fprintf(stderr, "fuzz: set-up failed\n");
		abort();
	}
	env_.sev = xcalloc(dtw_nrules, sizeof(*env_.sev));
	for (i = 0; i < dtw_nrules; i++)
		env_.sev[i] = dtw_rules[i]->severity ? dtw_rules[i]->severity : DTW_SEV_WARNING;
	env_.env.patterns = env_.config->patterns;
	env_.env.npatterns = env_.config->npatterns;
	env_.env.report_unused = 1;
	ready = 1;
	return &env_;
}

struct dtw_issue *fuzz_lint(const struct dtw_source *src, struct dtw_sink *sink)
{
	const struct fuzz_env *e = fuzz_env();
	struct dtw_issue *issue = dtw_issue_build(src, e->schema);
	dtw_sink_init(sink, src);
	dtw_rules_run(issue, e->sev, &e->env, sink);
	return issue;
}

void fuzz_check_diags(const struct dtw_source *src, const struct dtw_sink *sink)
{
	size_t i;
	for (i = 0; i < sink->n; i++) {
		const struct dtw_diag *d = &sink->diags[i];
		FUZZ_ASSERT(d->start <= d->end && d->end <= src->len,
			    "%s: range %zu..%zu outside 0..%zu", d->rule, d->start, d->end,
			    src->len);
		FUZZ_ASSERT(d->line >= 1 && d->line <= d->end_line && d->col >= 1,
			    "%s: position %u:%u..%u:%u", d->rule, d->line, d->col,
			    d->end_line, d->end_col);
		FUZZ_ASSERT(d->message && *d->message, "%s: no message", d->rule);
		FUZZ_ASSERT(d->severity != DTW_SEV_OFF, "%s: severity off", d->rule);
		if (i)
			FUZZ_ASSERT(sink->diags[i - 1].line <= d->line,
				    "findings not sorted at %zu", i);
	}
}
