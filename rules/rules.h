/* Rules: what dtw checks. Each rule reads the issue model (never Markdown
 * syntax) and appends findings to a sink; it never prints.
 *
 * How to add a rule:
 *   1. Write rules/ID.c defining
 *        const struct dtw_rule rule_ID = { .id = "ID", .severity = ...,
 *          .summary = "...", .explain = "...", .check = check_ID };
 *      The explain text says what it finds, why it matters, an example and
 *      the fix; `dtw explain`, `dtw rules` and the README's table use it.
 *   2. Add one line to the table in rules/registry.c (and an extern in
 *      the list below).
 *   3. Add golden cases in tests/rules/ID/: a clean document and a
 *      single-fault variant, each CASE.md with CASE.expect.
 */
#ifndef DTW_RULES_H
#define DTW_RULES_H

#include <stddef.h>

#include "base/url.h"
#include "diag/diag.h"
#include "links/links.h"
#include "model/issue.h"
#include "model/released.h"

struct dtw_rule;

/* What a rule's check function is given. */
struct dtw_check {
	const struct dtw_issue *issue;
	const struct dtw_schema *schema;
	const struct dtw_source *src;
	const struct dtw_rule *rule;
	enum dtw_severity severity;
	/* The severity was set (by the config, a schema section or
	 * --rule): it applies to every finding of the rule, so a rule's own
	 * milder default for some findings (dtw_report_at_most) is off. */
	int severity_set;
	int draft;            /* the issue's status is "draft" */
	struct dtw_sink *sink;
	/* What git says, when the document comes from a repository with
	 * release tags; NULL otherwise (the rules that need them stay quiet). */
	const struct dtw_released *released;
	const struct dtw_doc_git *git;
	/* The user's patterns from .dtw.yaml. */
	const struct dtw_pattern *patterns;
	size_t npatterns;
	const struct dtw_numbers *numbers; /* env's */
	const struct dtw_links *links;     /* env's */
};

/* What the rules are given besides the issue; any member may be NULL. */
struct dtw_rule_env {
	const struct dtw_released *released;
	const struct dtw_doc_git *git;
	const struct dtw_pattern *patterns;
	size_t npatterns;
	int report_unused;    /* --report-unused-disables */
	/* Where each rule's severity came from (indexed like dtw_rules):
	 * one set by "--rule" is not overridden by a schema section's
	 * rules. NULL: none was. */
	const char *const *sev_origin;
	/* The config's per-status severities of each rule (indexed like
	 * dtw_rules), NULL where it sets none: the issue's status picks. */
	const struct dtw_rule_setting *const *by_status;
	/* The numbers of the issues linted before this one in the run
	 * (consistency: two files, one number), or NULL. */
	const struct dtw_numbers *numbers;
	/* What the links answered (dtw lint --online), or NULL: link-alive
	 * stays quiet. */
	const struct dtw_links *links;
};

/* Issue numbers seen in a run, and the file that had each first: a hash
 * table, so that a run of n issues costs O(n) whatever their order. */
struct dtw_numbers {
	struct dtw_number_seen {
		long number;     /* 0: an empty slot */
		char *display;   /* the file, as printed */
	} *v;
	size_t n, cap;
};
/* The file that had `number` first, or NULL. */
const char *dtw_numbers_find(const struct dtw_numbers *t, long number);
/* Records `number` (> 0) for `display` (copied) unless it is there. */
void dtw_numbers_add(struct dtw_numbers *t, long number, const char *display);
void dtw_numbers_release(struct dtw_numbers *t);

enum dtw_rule_needs {
	DTW_NEEDS_TEXT,   /* runs on any text document */
	DTW_NEEDS_MODEL,  /* runs only when the document could be modelled */
	DTW_NEEDS_ANY,    /* runs on every input, even binary and empty */
};

struct dtw_rule {
	const char *id;
	enum dtw_severity severity;  /* default */
	/* The default while the issue's status is "draft", when milder
	 * (DTW_SEV_OFF: the same as at other statuses). */
	enum dtw_severity draft_severity;
	int root_cause;              /* its findings explain echoes on the line */
	int echo;                    /* it reads text that bad bytes can garble */
	enum dtw_rule_needs needs;
	const char *summary;         /* one line */
	const char *explain;         /* paragraphs, for dtw explain */
	void (*check)(struct dtw_check *c);
};

/* Appends a finding at [start, end) of the source; fix (may be NULL) is
 * the replacement text for that range. The message is printf-style. */
void dtw_report(struct dtw_check *c, size_t start, size_t end,
		const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* The same at a lower severity than the rule's (never higher), unless
 * the rule's severity was set (then it is that, for every finding): for a
 * finding that is only a matter of style within a rule that guards
 * correctness, as a label's form within item-fields, or a placeholder
 * URL within link-url while the issue is a draft. */
void dtw_report_at_most(struct dtw_check *c, enum dtw_severity at_most, size_t start,
			size_t end, const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* The registry, in the order rules run and are listed. */
extern const struct dtw_rule *const dtw_rules[];
extern const size_t dtw_nrules;
/* The rule with this id, or NULL. */
const struct dtw_rule *dtw_rule_find(const char *id);
/* Index of the rule in dtw_rules, or -1. */
int dtw_rule_index(const char *id);
/* 1 when id names a rule (for the config loader). */
int dtw_rule_known(const char *id);
/* The rule id nearest to id, when close enough to suggest (dtw_suggest);
 * else NULL. */
const char *dtw_rule_near(const char *id);
/* The marks of a heading at `level`: "###" for 3; "" outside 1..6. */
const char *dtw_heading_marks(int level);
/* dtw_rule_known, and when it is not, the nearest in *near (or NULL). */
int dtw_rule_known_near(const char *id, const char **near);

/* Runs every rule whose severity in `sev` (indexed like dtw_rules) is not
 * off, then finishes the sink (sorting, echo removal). `env` may be NULL. */
void dtw_rules_run(const struct dtw_issue *issue, const enum dtw_severity *sev,
		   const struct dtw_rule_env *env, struct dtw_sink *sink);

/* --fix: applies the fixes of `first` (the findings of src), lints the
 * result and applies again, until no finding carries a fix that changes
 * the text, as a fix may uncover another (a URL fixed, then its tracking
 * parameter) and overlapping fixes wait for the next pass. Stops after
 * DTW_FIX_PASSES passes. Returns the number of fixes applied; *out
 * (xmalloc'd, NUL-terminated) holds the fixed text, or NULL when none
 * was. *converged is set to 0 when fixes were still left at the end. */
#define DTW_FIX_PASSES 10
size_t dtw_rules_fix(char **out, size_t *outlen, const struct dtw_source *src,
		     const struct dtw_schema *schema, const enum dtw_severity *sev,
		     const struct dtw_rule_env *env, const struct dtw_sink *first,
		     int *converged);

/* Helpers shared by rules. */
/* Whether s[0, n) starts with a placeholder marker (TODO, TBD, TK, FIXME,
 * XXX) as a whole word. */
int dtw_placeholder_starts(const char *s, size_t n);
/* "📚 Blogs to Read": how a section is named in messages. */
const char *dtw_section_name(const struct dtw_section_def *def);

extern const struct dtw_rule rule_encoding, rule_mojibake, rule_conflict_marker, rule_front_matter,
	rule_intro, rule_outro, rule_heading_syntax, rule_section_unknown, rule_section_order,
	rule_section_missing, rule_section_duplicate, rule_section_heading,
	rule_section_items, rule_why_it_matters, rule_item_fields,
	rule_link_present, rule_link_cta, rule_link_url, rule_link_tracking, rule_consistency, rule_link_reference,
	rule_link_duplicate, rule_link_repeat, rule_link_alive, rule_released_edit,
	rule_placeholder, rule_pattern, rule_length, rule_whitespace, rule_suppression;

#endif
