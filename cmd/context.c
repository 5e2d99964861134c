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

const char *dtw_opt_value(int argc, const char **argv, int *i, const char *name)
{
	const char *a = argv[*i];
	size_t n = strlen(name);
	if (strncmp(a, name, n))
		return NULL;
	if (a[n] == '=') {
		if (!a[n + 1])
			dtw_errorf("option %s needs a value", name);
		return a + n + 1;
	}
	if (a[n])
		return NULL;
	if (*i + 1 >= argc) {
		dtw_errorf("option %s needs a value", name);
		return "";
	}
	return argv[++*i];
}

int dtw_ctx_option(struct dtw_ctx *ctx, int argc, const char **argv, int *i)
{
	const char *v;
	if ((v = dtw_opt_value(argc, argv, i, "--config"))) {
		if (!*v)
			return -1;
		ctx->config_path = v;
		return 1;
	}
	if ((v = dtw_opt_value(argc, argv, i, "--schema"))) {
		if (!*v)
			return -1;
		ctx->schema_opt = v;
		return 1;
	}
	if ((v = dtw_opt_value(argc, argv, i, "--rule"))) {
		if (!*v)
			return -1;
		ALLOC_GROW(ctx->rule_opts, ctx->nrule_opts + 1, ctx->arule_opts);
		ctx->rule_opts[ctx->nrule_opts++] = v;
		return 1;
	}
	if ((v = dtw_opt_value(argc, argv, i, "--color"))) {
		if (!strcmp(v, "auto"))
			ctx->color = DTW_COLOR_AUTO;
		else if (!strcmp(v, "always"))
			ctx->color = DTW_COLOR_ALWAYS;
		else if (!strcmp(v, "never"))
			ctx->color = DTW_COLOR_NEVER;
		else {
			if (*v)
				dtw_errorf("--color must be auto, always or never, not \"%s\"", v);
			return -1;
		}
		return 1;
	}
	return 0;
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
	r = dtw_config_load(&ctx->config, src.data, src.len, src.path, dtw_rule_known);
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
		dtw_errorf("%s", dtw_error_last());
		return DTW_EXIT_ERROR;
	}
	ctx->severity = xcalloc(dtw_nrules, sizeof(*ctx->severity));
	ctx->sev_origin = xcalloc(dtw_nrules, sizeof(*ctx->sev_origin));
	for (i = 0; i < dtw_nrules; i++) {
		ctx->severity[i] = dtw_rules[i]->severity;
		ctx->sev_origin[i] = "default";
	}
	for (i = 0; i < ctx->config->nrules; i++) {
		int k = dtw_rule_index(ctx->config->rules[i].rule);
		ctx->severity[k] = ctx->config->rules[i].severity;
		ctx->sev_origin[k] = ctx->config->rules[i].origin;
	}
	for (i = 0; i < ctx->nrule_opts; i++) {
		const char *o = ctx->rule_opts[i], *eq = strchr(o, '=');
		char *id;
		int k;
		enum dtw_severity sev;
		if (!eq) {
			dtw_errorf("--rule takes ID=SEVERITY, not \"%s\"", o);
			return DTW_EXIT_ERROR;
		}
		id = xstrndup(o, (size_t)(eq - o));
		k = dtw_rule_index(id);
		if (k < 0) {
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
	}
	return 0;
}

void dtw_ctx_release(struct dtw_ctx *ctx)
{
	free(ctx->cwd);
	free(ctx->root);
	free(ctx->rule_opts);
	dtw_config_free(ctx->config);
	dtw_schema_free(ctx->schema);
	free(ctx->severity);
	free(ctx->sev_origin);
	memset(ctx, 0, sizeof(*ctx));
}

char *dtw_ctx_display(const struct dtw_ctx *ctx, const char *abs)
{
	struct strbuf sb = STRBUF_INIT;
	const char *c = ctx->cwd, *a = abs;
	size_t common = 0, i;

	if (abs[0] != '/')
		return xstrdup(abs);
	/* Longest common directory prefix of cwd and abs. */
	for (i = 0; c[i] && c[i] == a[i]; i++)
		if (c[i] == '/')
			common = i;
	if (!c[i] && (a[i] == '/' || !a[i]))
		common = i;
	if (!strcmp(c, "/"))
		common = 0;
	for (i = common; c[i]; i++)
		if (c[i] == '/')
			strbuf_addstr(&sb, "../");
	strbuf_addstr(&sb, a[common] == '/' ? a + common + 1 : a + common);
	if (!sb.len)
		strbuf_addstr(&sb, ".");
	return strbuf_detach(&sb, NULL);
}

/* `arg` (relative to cwd, or absolute) relative to `root`, with "." and
 * ".." resolved lexically as git does for pathspecs; NULL when outside. */
char *dtw_relative_to(const char *root, const char *cwd, const char *arg)
{
	struct strbuf abs = STRBUF_INIT;
	size_t rl = strlen(root), i, o;
	char *rel;

	if (arg[0] == '/')
		strbuf_addstr(&abs, arg);
	else
		strbuf_addf(&abs, "%s/%s", cwd, arg);
	for (i = 0, o = 0; i < abs.len;) {
		if (abs.buf[i] == '/' && (abs.buf[i + 1] == '/' || abs.buf[i + 1] == '\0')) {
			i++;
		} else if (!strncmp(abs.buf + i, "/./", 3) || !strcmp(abs.buf + i, "/.")) {
			i += 2;
		} else if (!strncmp(abs.buf + i, "/../", 4) || !strcmp(abs.buf + i, "/..")) {
			while (o > 0 && abs.buf[--o] != '/')
				;
			i += 3;
		} else {
			abs.buf[o++] = abs.buf[i++];
		}
	}
	abs.buf[o] = '\0';
	abs.len = o;
	if (strncmp(abs.buf, root, rl) || (abs.buf[rl] && abs.buf[rl] != '/')) {
		strbuf_release(&abs);
		return NULL;
	}
	rel = xstrdup(abs.buf[rl] ? abs.buf + rl + 1 : "");
	strbuf_release(&abs);
	return rel;
}

int dtw_opt_format(int argc, const char **argv, int *i, const char **format)
{
	const char *v = dtw_opt_value(argc, argv, i, "--format");
	if (!v)
		return 0;
	if (strcmp(v, "text") && strcmp(v, "json")) {
		if (*v)
			dtw_errorf("--format must be text or json, not \"%s\"", v);
		return -1;
	}
	*format = v;
	return 1;
}
