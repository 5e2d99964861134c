/* The options every command shares, and loading what they name: the repo
 * config, the schema, and each rule's severity (rule default, then
 * .dtw.yaml, then --rule). */
#include "builtin.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "git/git.h"
#include "source/files.h"
#include "format/out.h"
#include "rules/rules.h"
#include "source/source.h"
#include "base/banned.h"

void dtw_errorf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	dtw_out_vline(stderr, "dtw: error: ", fmt, ap);
	va_end(ap);
}

void dtw_ctx_report(void *data, int error, const char *msg)
{
	(void)data;
	if (error)
		dtw_errorf("%s", msg);
	else
		dtw_out_line(stderr, "dtw: %s", msg);
}

const char *const dtw_text_json[] = { "text", "json", NULL };
static const char *const color_names[] = { "auto", "always", "never", NULL };

int dtw_cmd_parse(struct dtw_ctx *ctx, int *argc, const char **argv, struct dtw_option *opts,
		  int max_args)
{
	struct dtw_option shared[] = {
		DTW_OPT_STRING_("config", &ctx->config_path),
		DTW_OPT_STRING_("schema", &ctx->schema_opt),
		{ .type = DTW_OPT_LIST, .name = "rule", .value = &ctx->rule_opts },
		{ .type = DTW_OPT_CHOICE, .name = "color", .value = &ctx->color,
		  .choices = color_names },
		{ .type = DTW_OPT_END },
	};
	struct dtw_option none[] = { { .type = DTW_OPT_END } };
	const char *name = ctx->cmd->name;
	struct dtw_option *o;
	size_t n;
	int r, no_repo = 0;

	if (!opts)
		opts = none;
	r = dtw_opts_parse(&n, *argc - 1, argv + 1, opts,
			   ctx->cmd->flags & DTW_USES_CONFIG ? shared : NULL);
	if (r == 1) {
		dtw_out_str(stdout, ctx->cmd->usage);
		return DTW_EXIT_OK;
	}
	if (r) {
		if (r == DTW_EUNKNOWN)
			dtw_errorf("%s: %s (dtw %s --help lists them)", name, dtw_error_last(), name);
		else
			dtw_errorf("%s", dtw_error_last());
		return DTW_EXIT_ERROR;
	}
	if (max_args >= 0 && n > (size_t)max_args) {
		dtw_errorf("%s: unexpected argument \"%s\" (dtw %s --help)", name,
			   argv[1 + max_args], name);
		return DTW_EXIT_ERROR;
	}
	memmove(argv, argv + 1, n * sizeof(*argv));
	argv[n] = NULL;
	*argc = (int)n;

	/* What the repository must be: the command's needs, and those of the
	 * options given, each named in the message by who needs it. */
	ctx->needs = ctx->cmd->flags & (DTW_NEEDS_REPO | DTW_NEEDS_WORKTREE);
	for (o = opts; o->type != DTW_OPT_END; o++) {
		if (o->name && !strcmp(o->name, "rev"))
			ctx->rev_hint = 1;
		if (!o->given)
			continue;
		if (o->flags & DTW_NO_REPO)
			no_repo = 1;
		if ((o->flags & (DTW_NEEDS_REPO | DTW_NEEDS_WORKTREE)) && !ctx->needs_who &&
		    !(ctx->cmd->flags & (DTW_NEEDS_REPO | DTW_NEEDS_WORKTREE)))
			ctx->needs_who = o->name;
		if ((o->flags & DTW_NEEDS_WORKTREE) && !ctx->worktree_who &&
		    !(ctx->cmd->flags & DTW_NEEDS_WORKTREE))
			ctx->worktree_who = o->name;
		ctx->needs |= o->flags & (DTW_NEEDS_REPO | DTW_NEEDS_WORKTREE);
	}
	if (no_repo)
		ctx->needs = 0;
	return DTW_CONTINUE;
}

/* "--rev" for an option's need, "dtw diff" for the command's. */
static void who(struct strbuf *sb, const struct dtw_ctx *ctx, const char *opt)
{
	if (opt)
		strbuf_addf(sb, "--%s", opt);
	else
		strbuf_addf(sb, "dtw %s", ctx->cmd->name);
}

int dtw_ctx_need_repo(struct dtw_ctx *ctx, const char *whom, int worktree)
{
	if (!ctx->repo && dtw_repo_open(&ctx->repo, ctx->cwd)) {
		dtw_errorf("%s needs a git repository: %s", whom, dtw_error_last());
		return -1;
	}
	if (worktree && !dtw_repo_workdir(ctx->repo)) {
		dtw_errorf("%s needs a work tree; this is a bare repository%s", whom,
			   ctx->rev_hint ? " (use --rev REV)" : "");
		return -1;
	}
	return 0;
}

struct dtw_repo *dtw_ctx_try_repo(struct dtw_ctx *ctx)
{
	if (!ctx->repo && dtw_repo_open(&ctx->repo, ctx->cwd))
		ctx->repo = NULL;
	dtw_error_clear();
	return ctx->repo;
}

int dtw_ctx_open_repo(struct dtw_ctx *ctx)
{
	struct strbuf sb = STRBUF_INIT;
	int r = 0;

	if (!ctx->needs)
		return 0;
	who(&sb, ctx, ctx->needs_who);
	if (!ctx->repo && dtw_ctx_need_repo(ctx, sb.buf, 0))
		r = -1;
	if (!r && (ctx->needs & DTW_NEEDS_WORKTREE)) {
		strbuf_reset(&sb);
		who(&sb, ctx, ctx->worktree_who);
		r = dtw_ctx_need_repo(ctx, sb.buf, 1);
	}
	strbuf_release(&sb);
	return r;
}

int dtw_ctx_use_color(const struct dtw_ctx *ctx)
{
	const char *term, *no_color;
	if (ctx->color == DTW_COLOR_ALWAYS)
		return 1;
	if (ctx->color == DTW_COLOR_NEVER)
		return 0;
	no_color = getenv("NO_COLOR");
	if (no_color && *no_color)
		return 0;
	term = getenv("TERM");
	if (term && !strcmp(term, "dumb"))
		return 0;
	return isatty(1);
}

int dtw_ctx_use_context(const struct dtw_ctx *ctx, FILE *f)
{
	return dtw_ctx_use_color(ctx) || isatty(fileno(f));
}

static int load_config(struct dtw_ctx *ctx)
{
	struct strbuf path = STRBUF_INIT;
	struct dtw_source src;
	int explicit = ctx->config_path != NULL, r;
	char *display;

	if (explicit)
		strbuf_addstr(&path, ctx->config_path);
	else
		strbuf_addf(&path, "%s/.dtw.yaml", ctx->root ? ctx->root : ctx->cwd);
	display = explicit ? xstrdup(ctx->config_path) : dtw_ctx_display(ctx, path.buf);
	r = dtw_source_read_file(&src, path.buf, display);
	free(display);
	if (r == DTW_ENOTFOUND && !explicit) {
		ctx->config = dtw_config_default();
		strbuf_release(&path);
		return 0;
	}
	if (r) {
		if (r == DTW_ENOTFOUND)
			dtw_errorf("%s: config file not found", ctx->config_path);
		else
			dtw_errorf("%s", dtw_error_last());
		strbuf_release(&path);
		return -1;
	}
	r = dtw_config_load(&ctx->config, src.data, src.len, src.path, dtw_rule_known_near);
	dtw_source_release(&src);
	strbuf_release(&path);
	if (r) {
		dtw_errorf("%s", dtw_error_last());
		return -1;
	}
	return 0;
}

/* Directory that relative schema paths in the config are resolved from:
 * the config file's directory (the repository root for .dtw.yaml). */
static char *config_dir(const struct dtw_ctx *ctx)
{
	const char *slash;
	if (!ctx->config_path)
		return xstrdup(ctx->root ? ctx->root : ctx->cwd);
	slash = strrchr(ctx->config_path, '/');
	if (!slash)
		return xstrdup(ctx->cwd);
	return xstrndup(ctx->config_path, (size_t)(slash - ctx->config_path));
}

int dtw_ctx_load(struct dtw_ctx *ctx)
{
	size_t i;
	int r;

	if (load_config(ctx))
		return DTW_EXIT_ERROR;
	dtw_schema_set_rule_check(dtw_rule_known);
	if (ctx->schema_opt) {
		r = dtw_schema_resolve(&ctx->schema, ctx->schema_opt, NULL);
	} else {
		char *dir = config_dir(ctx);
		r = dtw_schema_resolve(&ctx->schema, ctx->config->schema, dir);
		free(dir);
		/* Point at the config line that named it. */
		if (r == DTW_ENOTFOUND && ctx->config->origin) {
			dtw_errorf("%s: %s", ctx->config->schema_origin, dtw_error_last());
			return DTW_EXIT_ERROR;
		}
	}
	if (r) {
		/* A schema's errors, one a line: every one of the file. */
		const char *m = dtw_error_last(), *nl;
		while ((nl = strchr(m, '\n'))) {
			dtw_errorf("%.*s", (int)(nl - m), m);
			m = nl + 1;
		}
		dtw_errorf("%s", m);
		return DTW_EXIT_ERROR;
	}
	if (dtw_config_fit_schema(ctx->config, ctx->schema)) {
		dtw_errorf("%s", dtw_error_last());
		return DTW_EXIT_ERROR;
	}
	ctx->severity = xcalloc(dtw_nrules, sizeof(*ctx->severity));
	ctx->sev_origin = xcalloc(dtw_nrules, sizeof(*ctx->sev_origin));
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): it holds pointers */
	ctx->by_status = xcalloc(dtw_nrules, sizeof(*ctx->by_status));
	for (i = 0; i < dtw_nrules; i++) {
		ctx->severity[i] = dtw_rules[i]->severity;
		ctx->sev_origin[i] = "default";
	}
	for (i = 0; i < ctx->config->nrules; i++) {
		struct dtw_rule_setting *rs = &ctx->config->rules[i];
		int k = dtw_rule_index(rs->rule);
		/* (A map with no "default": other statuses keep the rule's.) */
		if (!rs->has_default)
			rs->severity = dtw_rules[k]->severity;
		ctx->severity[k] = rs->severity;
		ctx->sev_origin[k] = rs->origin;
		if (rs->per_status)
			ctx->by_status[k] = rs;
	}
	for (i = 0; i < ctx->rule_opts.n; i++) {
		const char *o = ctx->rule_opts.v[i], *eq = strchr(o, '=');
		char *id;
		int k;
		enum dtw_severity sev;
		if (!eq) {
			dtw_errorf("--rule takes ID=SEVERITY, not \"%s\"", o);
			return DTW_EXIT_ERROR;
		}
		id = xstrndup(o, (size_t)(eq - o));
		if (!strncmp(id, "pattern/", 8) && dtw_config_pattern(ctx->config, id + 8)) {
			struct dtw_pattern *p = dtw_config_pattern(ctx->config, id + 8);
			free(id);
			if (dtw_severity_parse(&sev, eq + 1)) {
				dtw_errorf("--rule: severity must be error, warning or off, not \"%s\"",
					   eq + 1);
				return DTW_EXIT_ERROR;
			}
			p->severity = sev;
			p->origin = "--rule";
			continue;
		}
		k = dtw_rule_index(id);
		if (k < 0) {
			if (dtw_rule_near(id))
				dtw_errorf("--rule: unknown rule \"%s\"; did you mean \"%s\"? (dtw rules lists them)",
					   id, dtw_rule_near(id));
			else
				dtw_errorf("--rule: unknown rule \"%s\" (dtw rules lists them)", id);
			free(id);
			return DTW_EXIT_ERROR;
		}
		free(id);
		if (dtw_severity_parse(&sev, eq + 1)) {
			dtw_errorf("--rule: severity must be error, warning or off, not \"%s\"",
				   eq + 1);
			return DTW_EXIT_ERROR;
		}
		ctx->severity[k] = sev;
		ctx->sev_origin[k] = "--rule";
		ctx->by_status[k] = NULL;
	}
	return dtw_ctx_open_repo(ctx) ? DTW_EXIT_ERROR : 0;
}

void dtw_ctx_release(struct dtw_ctx *ctx)
{
	free(ctx->cwd);
	free(ctx->root);
	free(ctx->rule_opts.v);
	dtw_repo_free(ctx->repo);
	dtw_config_free(ctx->config);
	dtw_schema_free(ctx->schema);
	free(ctx->severity);
	free(ctx->sev_origin);
	free(ctx->by_status);
	memset(ctx, 0, sizeof(*ctx));
}

char *dtw_ctx_display(const struct dtw_ctx *ctx, const char *abs)
{
	return dtw_path_display(ctx->cwd, abs);
}
