/* The options every command shares, and loading what they name: the repo
 * config, the schema, and each rule's severity (rule default, then
 * .dtw.yaml, then --rule). */
#include "builtin.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "catalog/catalog.h"
#include "git/git.h"
#include "source/files.h"
#include "source/input.h"
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

/* Whether the variable `name` is set, non-empty and not "0". */
static int env_forces(const char *name)
{
	const char *v = getenv(name);
	return v && *v && strcmp(v, "0");
}

int dtw_ctx_use_color(const struct dtw_ctx *ctx)
{
	const char *term, *no_color;
	if (ctx->color == DTW_COLOR_ALWAYS)
		return 1;
	if (ctx->color == DTW_COLOR_NEVER)
		return 0;
	/* no-color.org: NO_COLOR (non-empty) turns colour off, and wins over
	 * FORCE_COLOR and CLICOLOR_FORCE (force-color.org; bixense.com/clicolors),
	 * which, non-empty and not "0", turn it on where stdout is not a
	 * terminal. --color=always and --color=never win over all three. */
	no_color = getenv("NO_COLOR");
	if (no_color && *no_color)
		return 0;
	if (env_forces("FORCE_COLOR") || env_forces("CLICOLOR_FORCE"))
		return 1;
	term = getenv("TERM");
	if (term && !strcmp(term, "dumb"))
		return 0;
	return isatty(1);
}

int dtw_ctx_use_context(const struct dtw_ctx *ctx, FILE *f)
{
	return dtw_ctx_use_color(ctx) || isatty(fileno(f));
}

/* A loader's errors, one a line (a schema's or a config's: every one of
 * the file), each its own "dtw: error:" line. */
static void report_lines(const char *m)
{
	const char *nl;
	while ((nl = strchr(m, '\n'))) {
		dtw_errorf("%.*s", (int)(nl - m), m);
		m = nl + 1;
	}
	dtw_errorf("%s", m);
}

/* Absolute path `abs` as a path of ctx's repository (a pointer into
 * it), or NULL when it does not lie in the work tree. */
static const char *repo_path_of(const struct dtw_ctx *ctx, const char *abs)
{
	size_t n = ctx->root ? strlen(ctx->root) : 0;
	return n && !strncmp(abs, ctx->root, n) && abs[n] == '/' ? abs + n + 1 : NULL;
}

/* Reads a config or schema file; with --staged (from_index), as staged
 * when the index holds it: what the commit will be judged by. */
static int read_governing(struct dtw_ctx *ctx, struct dtw_source *src, const char *file,
			  const char *display, int index_only)
{
	struct strbuf abs = STRBUF_INIT;
	const char *rel;
	int r = DTW_ENOTFOUND;

	if (file[0] != '/')
		strbuf_addf(&abs, "%s/", ctx->cwd);
	strbuf_addstr(&abs, file);
	rel = repo_path_of(ctx, abs.buf);
	if (ctx->from_index && ctx->repo && rel) {
		struct dtw_input in;
		struct dtw_input_env env = { ctx->repo, ctx->root };
		dtw_input_index(&in, display, rel);
		r = dtw_input_read(src, &in, &env);
		dtw_input_release(&in);
		if (r == DTW_ENOTFOUND)
			dtw_error_clear();
	}
	/* The work tree's, never through a link out of the repository. */
	if (r == DTW_ENOTFOUND && !index_only)
		r = dtw_input_read_file(src, file, display, rel ? ctx->root : NULL);
	strbuf_release(&abs);
	return r;
}

/* Reads the profile's config: --config's, its .dtw.yaml, or the defaults. */
static int load_config(struct dtw_ctx *ctx, struct dtw_profile *p)
{
	struct dtw_source src;
	const char *file = p->file ? p->file : ctx->config_path;
	char *display;
	int r;

	if (!file) {
		p->config = dtw_config_default();
		return 0;
	}
	display = p->file ? dtw_ctx_display(ctx, p->file) : xstrdup(file);
	r = read_governing(ctx, &src, file, display, 0);
	free(display);
	if (r) {
		if (r == DTW_ENOTFOUND)
			dtw_errorf("%s: config file not found", file);
		else
			dtw_errorf("%s", dtw_error_last());
		return -1;
	}
	r = dtw_config_load(&p->config, src.data, src.len, src.path, dtw_rule_known_near);
	dtw_source_release(&src);
	if (r) {
		report_lines(dtw_error_last());
		return -1;
	}
	return 0;
}

/* The config's paths as repository paths (or, outside a repository, as
 * paths under the directory the walk starts from): a config in
 * newsletter/ whose paths say issues/X.md means newsletter/issues/X.md. */
static void rebase_paths(struct dtw_ctx *ctx, struct dtw_profile *p)
{
	const char *base = ctx->root ? ctx->root : ctx->cwd;
	struct dtw_config *c = p->config;
	size_t n = strlen(base), i, plen;
	const char *prefix;
	const char **v;

	if (strncmp(p->dir, base, n) || (p->dir[n] && p->dir[n] != '/') || !p->dir[n])
		return; /* the top itself, or another tree: as written */
	prefix = p->dir + n + 1;
	plen = strlen(prefix);
	v = dtw_arena_alloc(&c->arena, c->npaths * sizeof(*v));
	for (i = 0; i < c->npaths; i++) {
		size_t l = strlen(c->paths[i]);
		char *s = dtw_arena_alloc(&c->arena, plen + 1 + l + 1);
		memcpy(s, prefix, plen);
		s[plen] = '/';
		memcpy(s + plen + 1, c->paths[i], l + 1);
		v[i] = s;
	}
	c->written_paths = c->paths;
	c->paths = v;
}

/* A --rule ID=SEVERITY: -1 and the error printed when it is not one. */
static int rule_opt(const char *o, char **id, enum dtw_severity *sev)
{
	const char *eq = strchr(o, '=');
	if (!eq) {
		dtw_errorf("--rule takes ID=SEVERITY, not \"%s\"", o);
		return -1;
	}
	if (dtw_severity_parse(sev, eq + 1)) {
		dtw_errorf("--rule: severity must be error, warning or off, not \"%s\"", eq + 1);
		return -1;
	}
	*id = xstrndup(o, (size_t)(eq - o));
	return 0;
}

/* The profile's severities: the rule's default, then the config's rules,
 * then --rule. With `check`, an id that names no rule (nor a pattern of
 * this config) is an error; else it is passed over (a pattern of another
 * config). */
static int load_severities(struct dtw_ctx *ctx, struct dtw_profile *p, int check)
{
	size_t i;

	p->severity = xcalloc(dtw_nrules, sizeof(*p->severity));
	p->sev_origin = xcalloc(dtw_nrules, sizeof(*p->sev_origin));
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): it holds pointers */
	p->by_status = xcalloc(dtw_nrules, sizeof(*p->by_status));
	for (i = 0; i < dtw_nrules; i++) {
		p->severity[i] = dtw_rules[i]->severity;
		p->sev_origin[i] = "default";
	}
	for (i = 0; i < p->config->nrules; i++) {
		struct dtw_rule_setting *rs = &p->config->rules[i];
		int k = dtw_rule_index(rs->rule);
		/* (A map with no "default": other statuses keep the rule's.) */
		if (!rs->has_default)
			rs->severity = dtw_rules[k]->severity;
		p->severity[k] = rs->severity;
		p->sev_origin[k] = rs->origin;
		if (rs->per_status)
			p->by_status[k] = rs;
	}
	for (i = 0; i < ctx->rule_opts.n; i++) {
		enum dtw_severity sev;
		struct dtw_pattern *pat;
		char *id;
		int k;
		if (rule_opt(ctx->rule_opts.v[i], &id, &sev))
			return -1;
		if (!strncmp(id, "pattern/", 8) && (pat = dtw_config_pattern(p->config, id + 8))) {
			pat->severity = sev;
			pat->origin = "--rule";
			free(id);
			continue;
		}
		k = dtw_rule_index(id);
		if (k < 0) {
			if (check && dtw_rule_near(id))
				dtw_errorf("--rule: unknown rule \"%s\"; did you mean \"%s\"? (dtw rules lists them)",
					   id, dtw_rule_near(id));
			else if (check)
				dtw_errorf("--rule: unknown rule \"%s\" (dtw rules lists them)", id);
			free(id);
			if (check)
				return -1;
			continue;
		}
		free(id);
		p->severity[k] = sev;
		p->sev_origin[k] = "--rule";
		p->by_status[k] = NULL;
	}
	return 0;
}

/* The file the profile's schema was read from (absolute, xmalloc'd), or
 * NULL for a built-in one. */
static char *schema_file(const struct dtw_ctx *ctx, const struct dtw_profile *p)
{
	const char *name = ctx->schema_opt ? ctx->schema_opt : p->config->schema;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (dtw_schema_name_is_path(name)) {
		if (name[0] != '/')
			strbuf_addf(&sb, "%s/", ctx->schema_opt ? ctx->cwd : p->dir);
		strbuf_addstr(&sb, name);
		return strbuf_detach(&sb, NULL);
	}
	for (i = 0; i < dtw_builtin_schema_count; i++)
		if (!strcmp(dtw_builtin_schema_names[i], name))
			return NULL;
	strbuf_addf(&sb, "%s/schemas/%s.yaml", p->dir, name);
	return strbuf_detach(&sb, NULL);
}

/* With --staged, the profile's schema file as the index holds it;
 * DTW_ENOTFOUND when the index does not. */
static int staged_schema(struct dtw_ctx *ctx, struct dtw_profile *p)
{
	struct dtw_source src;
	char *display = dtw_ctx_display(ctx, p->schema_file);
	int r = read_governing(ctx, &src, p->schema_file, display, 1);
	free(display);
	if (!r) {
		r = dtw_schema_load(&p->schema, src.data, src.len, src.path);
		dtw_source_release(&src);
	}
	return r;
}

/* The profile's schema: --schema's, else the config's (a name not found
 * is an error at the config line that gave it). */
static int resolve_schema(struct dtw_ctx *ctx, struct dtw_profile *p)
{
	char *m;
	int r;
	if (ctx->schema_opt)
		return dtw_schema_resolve(&p->schema, ctx->schema_opt,
					  dtw_schema_name_is_path(ctx->schema_opt) ? NULL : p->dir);
	r = dtw_schema_resolve(&p->schema, p->config->schema, p->dir);
	if (r != DTW_ENOTFOUND || !p->config->origin)
		return r;
	m = xstrdup(dtw_error_last());
	r = dtw_error_setc(r, "%s: %s", p->config->schema_origin, m);
	free(m);
	return r;
}

/* Loads what profile `p` (file and dir set) names. -1 with the errors
 * printed. */
static int load_profile(struct dtw_ctx *ctx, struct dtw_profile *p, int check)
{
	int r;

	if (load_config(ctx, p))
		return -1;
	rebase_paths(ctx, p);
	dtw_schema_set_rule_check(dtw_rule_known);
	/* --schema NAME is a schema next to the config (schemas/NAME.yaml),
	 * as the config's own would be; a path is the user's, from here. */
	p->schema_file = schema_file(ctx, p);
	r = ctx->from_index && p->schema_file ? staged_schema(ctx, p) : DTW_ENOTFOUND;
	if (r == DTW_ENOTFOUND)
		r = resolve_schema(ctx, p);
	if (r) {
		report_lines(dtw_error_last());
		return -1;
	}
	if (dtw_config_fit_schema(p->config, p->schema)) {
		report_lines(dtw_error_last());
		return -1;
	}
	return load_severities(ctx, p, check);
}

static struct dtw_profile *add_profile(struct dtw_ctx *ctx, const char *file, const char *dir)
{
	struct dtw_profile *p = xcalloc(1, sizeof(*p));
	p->file = file ? xstrdup(file) : NULL;
	p->dir = xstrdup(dir);
	p->numbers = xcalloc(1, sizeof(*p->numbers));
	/* NOLINTNEXTLINE(bugprone-sizeof-expression): it holds pointers */
	ALLOC_GROW(ctx->profiles, ctx->nprofiles + 1, ctx->aprofiles);
	ctx->profiles[ctx->nprofiles++] = p;
	return p;
}

static void free_profile(struct dtw_profile *p)
{
	free(p->file);
	free(p->schema_file);
	free(p->dir);
	dtw_config_free(p->config);
	dtw_schema_free(p->schema);
	free(p->severity);
	free(p->sev_origin);
	free(p->by_status);
	dtw_numbers_release(p->numbers);
	free(p->numbers);
	free(p);
}

void dtw_ctx_use(struct dtw_ctx *ctx, struct dtw_profile *p)
{
	ctx->profile = p;
	ctx->config = p->config;
	ctx->schema = p->schema;
	ctx->severity = p->severity;
	ctx->sev_origin = p->sev_origin;
	ctx->by_status = p->by_status;
}

/* Whether directory `dir` ends the search for a config: the top of the
 * repository (of ours, or of another one), or the root. */
static int search_ends(const struct dtw_ctx *ctx, const char *dir)
{
	struct strbuf sb = STRBUF_INIT;
	struct stat st;
	int end;
	if (!dir[1] || (ctx->root && !strcmp(dir, ctx->root)))
		return 1;
	strbuf_addf(&sb, "%s/.git", dir);
	end = lstat(sb.buf, &st) == 0;
	strbuf_release(&sb);
	return end;
}

/* With --staged: whether the index holds absolute path `abs`. */
static int staged_config(const struct dtw_ctx *ctx, const char *abs)
{
	const char *rel = repo_path_of(ctx, abs);
	return ctx->from_index && ctx->repo && rel && dtw_repo_index_has(ctx->repo, rel);
}

/* The .dtw.yaml nearest above absolute directory `dir` (xmalloc'd), or
 * NULL. */
static char *nearest_config(const struct dtw_ctx *ctx, const char *dir)
{
	struct strbuf sb = STRBUF_INIT;
	char *cur = xstrdup(dir), *slash;
	struct stat st;

	for (;;) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s%s.dtw.yaml", cur, cur[1] ? "/" : "");
		/* (Not a regular file — a directory, a FIFO — is found too, and
		 * refused when it is read: never passed over in silence.) With
		 * --staged, one the index holds counts, on disk or not. */
		if (lstat(sb.buf, &st) == 0 || staged_config(ctx, sb.buf)) {
			free(cur);
			return strbuf_detach(&sb, NULL);
		}
		if (search_ends(ctx, cur))
			break;
		slash = strrchr(cur, '/');
		if (slash == cur)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	strbuf_release(&sb);
	free(cur);
	return NULL;
}

/* The directory of absolute path `file` (xmalloc'd; "/" at the top). */
static char *dir_of(const char *file)
{
	size_t n = (size_t)(strrchr(file, '/') - file);
	return n ? xstrndup(file, n) : xstrdup("/");
}

/* The profile of the defaults, for files with no config above them: the
 * current directory's when it has none, else one made once. NULL when
 * it could not be loaded (said). */
static struct dtw_profile *default_profile(struct dtw_ctx *ctx)
{
	struct dtw_profile *p;
	size_t i;
	for (i = 0; i < ctx->nprofiles; i++)
		if (!ctx->profiles[i]->file)
			return ctx->profiles[i]->failed ? NULL : ctx->profiles[i];
	p = add_profile(ctx, NULL, ctx->root ? ctx->root : ctx->cwd);
	if (load_profile(ctx, p, 0)) {
		p->failed = 1;
		return NULL;
	}
	return p;
}

static struct dtw_profile *profile_of_file(struct dtw_ctx *ctx, const char *file)
{
	struct dtw_profile *p;
	size_t i;
	char *dir;

	for (i = 0; i < ctx->nprofiles; i++)
		if (ctx->profiles[i]->file && !strcmp(ctx->profiles[i]->file, file))
			return ctx->profiles[i]->failed ? NULL : ctx->profiles[i];
	dir = dir_of(file);
	p = add_profile(ctx, file, dir);
	free(dir);
	if (load_profile(ctx, p, 0)) {
		p->failed = 1;
		return NULL;
	}
	return p;
}

struct dtw_profile *dtw_ctx_profile_for(struct dtw_ctx *ctx, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	const char *slash = strrchr(path, '/');
	char *real, *file;

	if (ctx->config_path)
		return ctx->base;
	if (path[0] != '/')
		strbuf_addf(&sb, "%s/", ctx->cwd);
	if (slash)
		strbuf_add(&sb, path, (size_t)(slash - path));
	if (ctx->last_dir && !strcmp(ctx->last_dir, sb.buf)) {
		strbuf_release(&sb);
		return ctx->last;
	}
	free(ctx->last_dir);
	ctx->last_dir = strbuf_detach(&sb, NULL);
	real = realpath(*ctx->last_dir ? ctx->last_dir : "/", NULL);
	file = real ? nearest_config(ctx, real) : NULL;
	ctx->last = file ? profile_of_file(ctx, file) : default_profile(ctx);
	free(file);
	free(real);
	return ctx->last;
}

int dtw_ctx_use_for_arg(struct dtw_ctx *ctx, const char *arg)
{
	struct dtw_profile *p;
	struct stat st;

	if (!arg || ctx->config_path || dtw_issue_arg_is_key(arg) || stat(arg, &st) ||
	    !S_ISREG(st.st_mode))
		return 0;
	if (!(p = dtw_ctx_profile_for(ctx, arg)))
		return -1;
	dtw_ctx_use(ctx, p);
	return 0;
}

int dtw_ctx_is_config(const char *path)
{
	const char *base = strrchr(path, '/');
	return !strcmp(base ? base + 1 : path, ".dtw.yaml");
}

static int want_config(const char *path, void *data)
{
	(void)data;
	return dtw_ctx_is_config(path);
}

size_t dtw_ctx_load_nested(struct dtw_ctx *ctx)
{
	struct dtw_git_files files = { 0 };
	struct strbuf sb = STRBUF_INIT;
	const char *root = ctx->root, *dir = ctx->base->dir;
	size_t n = root ? strlen(root) : 0, i, failed = 0;
	char *prefix = NULL;

	/* Opening git costs more than linting a few issues (libgit2 reads
	 * its TLS certificates as it starts): done for this only where no
	 * config was found above the current directory, else when git is
	 * open already (--staged, --rev, --changed-since, release tags). */
	if (ctx->config_path || !root || (ctx->base->file && !ctx->repo) ||
	    !dtw_ctx_try_repo(ctx))
		return 0;
	if (!strncmp(dir, root, n) && dir[n] == '/') {
		strbuf_addf(&sb, "%s/", dir + n + 1);
		prefix = strbuf_detach(&sb, NULL);
	} else if (strcmp(dir, root)) {
		return 0;
	}
	if (dtw_repo_index_files(&files, ctx->repo, prefix ? (const char *const *)&prefix : NULL,
				 prefix ? 1 : 0, want_config, NULL))
		dtw_error_clear();
	for (i = 0; i < files.n; i++) {
		struct dtw_profile *p;
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s/%s", root, files.v[i].path);
		if (files.v[i].symlink || (ctx->base->file && !strcmp(sb.buf, ctx->base->file)))
			continue;
		p = dtw_ctx_profile_for(ctx, sb.buf);
		if (!p)
			failed++;
	}
	strbuf_release(&sb);
	dtw_git_files_release(&files);
	free(prefix);
	return failed;
}

int dtw_ctx_load(struct dtw_ctx *ctx)
{
	struct dtw_profile *p;
	char *file = NULL, *dir;

	/* (--staged finds and reads the configs in the index: open it first.) */
	if (dtw_ctx_open_repo(ctx))
		return DTW_EXIT_ERROR;
	if (ctx->config_path) {
		/* --config's paths and schema are under its directory:
		 * absolute, "." and ".." resolved. */
		struct strbuf abs = STRBUF_INIT;
		char *rel = dtw_path_relative("", ctx->cwd, ctx->config_path);
		strbuf_addf(&abs, "/%s", rel ? rel : "");
		dir = dir_of(abs.buf);
		strbuf_release(&abs);
		free(rel);
	} else if ((file = nearest_config(ctx, ctx->cwd))) {
		dir = dir_of(file);
	} else {
		dir = xstrdup(ctx->root ? ctx->root : ctx->cwd);
	}
	p = add_profile(ctx, file, dir);
	free(file);
	free(dir);
	ctx->base = p;
	if (load_profile(ctx, p, 1))
		return DTW_EXIT_ERROR;
	dtw_ctx_use(ctx, p);
	return 0;
}

void dtw_ctx_release(struct dtw_ctx *ctx)
{
	size_t i;

	free(ctx->cwd);
	free(ctx->root);
	free(ctx->rule_opts.v);
	dtw_repo_free(ctx->repo);
	for (i = 0; i < ctx->nprofiles; i++)
		free_profile(ctx->profiles[i]);
	free(ctx->profiles);
	free(ctx->last_dir);
	memset(ctx, 0, sizeof(*ctx));
}

char *dtw_ctx_display(const struct dtw_ctx *ctx, const char *abs)
{
	return dtw_path_display(ctx->cwd, abs);
}
