/* The commands of dtw, and the context they share.
 *
 * How to add a command:
 *   1. Write cmd/NAME.c exporting
 *        int cmd_NAME(int argc, const char **argv, struct dtw_ctx *ctx);
 *      argv[0] is the command's name. Describe the options in a table of
 *      struct dtw_option (base/opts.h) and hand it to dtw_cmd_parse, which
 *      also takes --help and the shared options, prints every usage error
 *      alike, and leaves the arguments in argv. Then dtw_ctx_load (config,
 *      schema, severities, and the repository when one is needed), one
 *      library call, a view from lib/format/, and return DTW_EXIT_OK,
 *      DTW_EXIT_FINDINGS or DTW_EXIT_ERROR (never call exit()).
 *   2. Declare cmd_NAME and usage_NAME below, and add its row to the table
 *      in cmd/dtw.c: { "NAME", cmd_NAME, FLAGS, usage_NAME, "summary" },
 *      where FLAGS says what it needs: DTW_NEEDS_REPO, DTW_NEEDS_WORKTREE
 *      (a repository with a work tree), DTW_USES_CONFIG (it takes
 *      --config, --schema, --rule and --color). An option that needs a
 *      repository carries the same flags in its table entry; options
 *      that choose different things (one output mode of several) share
 *      a bit of .excl, and the parser refuses them together.
 *   3. Describe it in doc/dtw.1.md, the man page, under "# COMMANDS" as
 *      "## dtw NAME [ARGS]": `dtw help NAME` prints that section (and a
 *      "# OPTIONS FOR NAME" section if there is one).
 *   4. Add tests in tests/cli/ (tNNNN-NAME.sh) and a section in README.md.
 */
#ifndef DTW_BUILTIN_H
#define DTW_BUILTIN_H

#include <stdio.h>

#include "base/opts.h"
#include "diag/diag.h"
#include "schema/schema.h"

enum {
	DTW_EXIT_OK = 0,
	DTW_EXIT_FINDINGS = 1,
	DTW_EXIT_ERROR = 2,
};

/* dtw_cmd_parse's "go on": the options are parsed. */
#define DTW_CONTINUE (-1)

/* What a command (its row in cmd/dtw.c) or an option (dtw_option.flags)
 * needs. */
enum {
	DTW_NEEDS_REPO = 1 << 0,     /* a git repository, bare or not */
	DTW_NEEDS_WORKTREE = 1 << 1, /* a git repository with a work tree */
	DTW_USES_CONFIG = 1 << 2,    /* command: takes the shared options */
	DTW_NO_REPO = 1 << 3,        /* option: none of the above (--no-index) */
};

enum dtw_color { DTW_COLOR_AUTO, DTW_COLOR_ALWAYS, DTW_COLOR_NEVER };

struct dtw_ctx;

struct dtw_command {
	const char *name;
	int (*fn)(int argc, const char **argv, struct dtw_ctx *ctx);
	unsigned flags;
	const char *usage;
	const char *summary;
};

struct dtw_repo;
struct dtw_numbers;

/* One config in force and what it loads: the schema it names and each
 * rule's severity. A file is linted under the nearest .dtw.yaml in its
 * directory or above it (up to its repository's top), or the defaults. */
struct dtw_profile {
	char *file;                  /* the .dtw.yaml (absolute); NULL: --config or defaults */
	char *dir;                   /* what its paths and schema are relative to */
	struct dtw_config *config;   /* paths made repository paths (config.c) */
	struct dtw_schema *schema;
	char *schema_file;           /* the file it was read from, or NULL: built in */
	enum dtw_severity *severity; /* per rule, indexed like dtw_rules */
	const char **sev_origin;     /* where each severity came from */
	const struct dtw_rule_setting **by_status;
	int failed;                  /* could not be loaded (said once) */
	int changed;                 /* its config or schema changed (--changed-since) */
	struct dtw_numbers *numbers; /* the issue numbers dtw lint saw under it */
};

/* Per-run state: what the options and the config say. */
struct dtw_ctx {
	const struct dtw_command *cmd; /* the command being run */
	char *cwd;                   /* absolute */
	char *root;                  /* repository work tree, or NULL */
	const char *config_path;     /* --config */
	const char *schema_opt;      /* --schema */
	int color;                   /* enum dtw_color */
	struct dtw_opt_list rule_opts; /* --rule ID=SEVERITY, in order */
	/* The profile in force (dtw_ctx_use), its fields copied here: the
	 * one of the current directory after dtw_ctx_load. */
	struct dtw_profile *profile;
	struct dtw_config *config;
	struct dtw_schema *schema;
	enum dtw_severity *severity; /* per rule, indexed like dtw_rules */
	const char **sev_origin;     /* where each severity came from */
	/* The config's per-status setting of each rule, or NULL. */
	const struct dtw_rule_setting **by_status;
	struct dtw_profile *base;    /* the current directory's */
	struct dtw_profile **profiles; /* every one loaded, base first */
	size_t nprofiles, aprofiles;
	char *last_dir;              /* the directory dtw_ctx_profile_for saw last */
	struct dtw_profile *last;    /* and its profile */
	struct dtw_repo *repo;       /* opened by dtw_ctx_load or dtw_ctx_need_repo */
	unsigned needs;              /* DTW_NEEDS_*, from the command and its options */
	const char *needs_who;       /* who needs it: "dtw diff", "--rev" */
	const char *worktree_who;    /* who needs the work tree */
	int rev_hint;                /* the command has --rev: say so when bare */
	int from_index;              /* --staged: configs and schemas as staged */
};

/* Parses the options of ctx->cmd: `opts` (ended by DTW_OPT_END), the
 * shared ones when the command has DTW_USES_CONFIG, and --help. Leaves
 * the arguments in argv[0..*argc). Returns DTW_CONTINUE, DTW_EXIT_OK
 * (the usage was printed) or DTW_EXIT_ERROR (a usage error printed, one
 * line: an unknown option, a bad value, more than `max_args` arguments
 * when it is not -1). */
int dtw_cmd_parse(struct dtw_ctx *ctx, int *argc, const char **argv, struct dtw_option *opts,
		  int max_args);
/* Loads the config, the schema and the rule severities, and opens the
 * repository when the command or its options need one. Prints the error
 * and returns DTW_EXIT_ERROR on failure. */
int dtw_ctx_load(struct dtw_ctx *ctx);
/* The profile of the file at `path` (absolute, or relative to the current
 * directory): --config's when given, else the nearest .dtw.yaml's above
 * it, loaded on first use. NULL when that config or its schema could not
 * be loaded (the errors are printed the first time). */
struct dtw_profile *dtw_ctx_profile_for(struct dtw_ctx *ctx, const char *path);
/* For the commands that take one ISSUE: when `arg` names a file, puts
 * the profile of its nearest config in force (a number or a date is
 * looked up under the current directory's). -1 when that config could
 * not be loaded (said). */
int dtw_ctx_use_for_arg(struct dtw_ctx *ctx, const char *arg);
/* Whether repository path `path` is a .dtw.yaml (of any directory). */
int dtw_ctx_is_config(const char *path);
/* Puts `p` in force: ctx->config, schema and severities become its. */
void dtw_ctx_use(struct dtw_ctx *ctx, struct dtw_profile *p);
/* Loads the profile of every .dtw.yaml the index holds below the current
 * directory's config (for a lint of every issue: a newsletter in a
 * subdirectory has its own): where no config lies above the current
 * directory, or the repository is open already. Returns how many could
 * not be loaded. */
size_t dtw_ctx_load_nested(struct dtw_ctx *ctx);
/* Opens ctx->repo when the command or the options given need one (for
 * the commands that load no config; dtw_ctx_load does it for the rest).
 * Prints why it cannot and returns -1. */
int dtw_ctx_open_repo(struct dtw_ctx *ctx);
/* Opens ctx->repo for `who` ("link-repeat", "dtw render 42"); with
 * `worktree`, a bare repository is refused. Prints why it cannot and
 * returns -1. */
int dtw_ctx_need_repo(struct dtw_ctx *ctx, const char *who, int worktree);
/* ctx->repo when there is one to open, else NULL; prints nothing. */
struct dtw_repo *dtw_ctx_try_repo(struct dtw_ctx *ctx);
void dtw_ctx_release(struct dtw_ctx *ctx);
/* Whether to use colour on stdout. */
int dtw_ctx_use_color(const struct dtw_ctx *ctx);
/* Whether findings written to `f` show their source line with a caret:
 * on a terminal, with or without colour (NO_COLOR and --color=never take
 * the colour away, not the line), and wherever colour is forced. */
int dtw_ctx_use_context(const struct dtw_ctx *ctx, FILE *f);
/* The xmalloc'd path of absolute path `abs` relative to the current
 * directory, as git prints paths (dtw_path_display). */
char *dtw_ctx_display(const struct dtw_ctx *ctx, const char *abs);
/* A dtw_report_fn (source/select.h) that prints an error as
 * "dtw: error: MSG" and a note as "dtw: MSG" on stderr. */
void dtw_ctx_report(void *data, int error, const char *msg);
/* The choices of `--format text|json` (text is 0). */
extern const char *const dtw_text_json[];
/* Prints "dtw: error: MESSAGE" on stderr. */
void dtw_errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* dtw hook install (`do_install`, with --force as `force`) or uninstall,
 * for the repository of ctx; an exit status. For dtw init (`init`), a
 * hook that a hook manager runs is no failure: what to add to the
 * manager's config is said, and 0 returned. (cmd/hook.c) */
int dtw_hook_run(struct dtw_ctx *ctx, int do_install, int force, int init);

/* Sets the merge driver up in the repository of ctx: a "PATTERN
 * merge=dtw" line in .gitattributes for each of cfg's issue paths,
 * merge.dtw.name and merge.dtw.driver in .git/config; an exit status.
 * (cmd/merge.c) */
int dtw_merge_install(struct dtw_ctx *ctx, const struct dtw_config *cfg);

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
int cmd_merge_driver(int argc, const char **argv, struct dtw_ctx *ctx);

/* Each command's short usage text, printed by `dtw NAME --help`. */
extern const char usage_lint[], usage_rules[], usage_explain[], usage_hook[],
	usage_release[], usage_list[], usage_diff[], usage_render[], usage_new[],
	usage_init[], usage_config[], usage_merge_driver[];

#endif
