/* The commands of dtw, and the context they share.
 *
 * How to add a command:
 *   1. Write cmd/NAME.c exporting
 *        int cmd_NAME(int argc, const char **argv, struct dtw_ctx *ctx);
 *      argv[0] is the command's name; return DTW_EXIT_OK, DTW_EXIT_FINDINGS
 *      or DTW_EXIT_ERROR (never call exit()). Print usage for --help.
 *   2. Declare it below, with its one-line summary in the table in
 *      cmd/dtw.c: { "NAME", cmd_NAME, flags, "summary" }.
 *   3. Describe it in doc/dtw.1.md, the man page, under "# COMMANDS" as
 *      "## dtw NAME [ARGS]": `dtw help NAME` prints that section (and a
 *      "# OPTIONS FOR NAME" section if there is one).
 *   4. Add tests in tests/cli/ (tNNNN-NAME.sh) and a section in README.md.
 */
#ifndef DTW_BUILTIN_H
#define DTW_BUILTIN_H

#include "diag/diag.h"
#include "schema/schema.h"

enum {
	DTW_EXIT_OK = 0,
	DTW_EXIT_FINDINGS = 1,
	DTW_EXIT_ERROR = 2,
};

enum dtw_color { DTW_COLOR_AUTO, DTW_COLOR_ALWAYS, DTW_COLOR_NEVER };

/* Per-run state: what the options and the config say. */
struct dtw_ctx {
	char *cwd;                   /* absolute */
	char *root;                  /* repository work tree, or NULL */
	const char *config_path;     /* --config */
	const char *schema_opt;      /* --schema */
	enum dtw_color color;
	const char **rule_opts;      /* --rule ID=SEVERITY, in order */
	size_t nrule_opts, arule_opts;
	struct dtw_config *config;   /* loaded by dtw_ctx_load */
	struct dtw_schema *schema;
	enum dtw_severity *severity; /* per rule, indexed like dtw_rules */
	const char **sev_origin;     /* where each severity came from */
};

/* Parses the options every command understands (--config, --schema,
 * --rule, --color) at argv[*i]. Returns 1 when it took the option (and
 * advanced *i past its value), 0 when it is not one, -1 on a usage error
 * (message printed). */
int dtw_ctx_option(struct dtw_ctx *ctx, int argc, const char **argv, int *i);
/* Loads the config, the schema and the rule severities. Prints the error
 * and returns DTW_EXIT_ERROR on failure. */
int dtw_ctx_load(struct dtw_ctx *ctx);
void dtw_ctx_release(struct dtw_ctx *ctx);
/* Whether to use colour on stdout. */
int dtw_ctx_use_color(const struct dtw_ctx *ctx);
/* The xmalloc'd path of absolute path `abs` relative to the current
 * directory, as git prints paths. */
char *dtw_ctx_display(const struct dtw_ctx *ctx, const char *abs);
/* `arg` (relative to `cwd`, or absolute) relative to `root`, with "."
 * and ".." resolved lexically as git does for pathspecs; xmalloc'd, or
 * NULL when it is outside `root`. */
char *dtw_relative_to(const char *root, const char *cwd, const char *arg);
/* Prints "dtw: error: MESSAGE" on stderr. */
void dtw_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* `--format text|json` for the commands that have only those two:
 * 1 when taken (into *format), 0 when argv[*i] is another option, -1 on
 * a bad value (message printed). */
int dtw_opt_format(int argc, const char **argv, int *i, const char **format);
/* For `--name=value` / `--name value`: returns the value or NULL. */
const char *dtw_opt_value(int argc, const char **argv, int *i, const char *name);

struct dtw_repo;
struct dtw_catalog;

/* Whether repository path `path` is a newsletter issue: one the config's
 * `paths` match. `config` is a struct dtw_config (a dtw_git_match_fn). */
int dtw_want_issue(const char *path, void *config);
/* The repository path an ISSUE argument names, into *out (xmalloc'd): a
 * path (relative to the current directory, or absolute; in a bare
 * repository, as given), or an issue number ("42") or date
 * ("2026-11-24") that `cat` finds among the issue files of the work tree
 * (`rev` NULL) or of revision `rev`. `cat` may be NULL when `arg` is not
 * a number or date (dtw_issue_arg_is_key). Returns 0, or DTW_ENOTFOUND
 * (no issue has that number), DTW_EINVALID (two files claim it; a path
 * outside the repository) or another DTW_E* code, with the one-line
 * message in dtw_error_last(). (cmd/resolve.c) */
int dtw_resolve_issue(char **out, const struct dtw_ctx *ctx, struct dtw_repo *repo,
		      struct dtw_catalog *cat, const char *rev, const char *arg);

/* Prints the man page's text (doc/dtw.1.md, compiled in) on stdout: the
 * whole page when `command` is NULL, else its part about `command`.
 * Returns -1 (nothing printed) when the page has none. (cmd/help.c) */
int dtw_help_print(const char *command);

int cmd_lint(int argc, const char **argv, struct dtw_ctx *ctx);
int cmd_rules(int argc, const char **argv, struct dtw_ctx *ctx);
int cmd_explain(int argc, const char **argv, struct dtw_ctx *ctx);
int cmd_hook(int argc, const char **argv, struct dtw_ctx *ctx);
int cmd_release(int argc, const char **argv, struct dtw_ctx *ctx);
int cmd_list(int argc, const char **argv, struct dtw_ctx *ctx);
int cmd_diff(int argc, const char **argv, struct dtw_ctx *ctx);
int cmd_render(int argc, const char **argv, struct dtw_ctx *ctx);
int cmd_new(int argc, const char **argv, struct dtw_ctx *ctx);
int cmd_init(int argc, const char **argv, struct dtw_ctx *ctx);
int cmd_config(int argc, const char **argv, struct dtw_ctx *ctx);

/* Each command's short usage text, printed by `dtw NAME --help`. */
extern const char usage_lint[], usage_rules[], usage_explain[], usage_hook[],
	usage_release[], usage_list[], usage_diff[], usage_render[], usage_new[],
	usage_init[], usage_config[];

#endif
