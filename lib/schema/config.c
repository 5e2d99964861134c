/* Schema stage: the repository config (.dtw.yaml) and finding a schema by
 * name or path. Validated as strictly as schemas. */
#include "schema.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/strutil.h"
#include "base/xalloc.h"
#include "schema/validate.h"
#include "source/source.h"
#include "base/banned.h"

static const char *const config_keys[] = {
	"schema", "paths", "rules", "release", NULL };
static const char *const release_keys[] = { "tag", "require_status", NULL };
static const char *const severities[] = { "error", "warning", "off", NULL };
static const char *const default_paths[] = { "issues/*.md" };

static void set_defaults(struct dtw_config *c)
{
	c->schema = DTW_DEFAULT_SCHEMA;
	c->schema_origin = "default";
	c->paths = (const char **)default_paths;
	c->npaths = 1;
	c->release_tag = "issue-{issue}";
	c->release_status = "published";
}

struct dtw_config *dtw_config_default(void)
{
	struct dtw_config *c = xcalloc(1, sizeof(*c));
	set_defaults(c);
	return c;
}

void dtw_config_free(struct dtw_config *c)
{
	if (!c)
		return;
	free(c->rules);
	dtw_arena_release(&c->arena);
	free(c);
}

static int origin_at(struct dtw_config *c, const struct dtw_ynode *n,
		     const char **out)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s:%u", c->origin, n->line);
	*out = dtw_arena_strndup(&c->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	return 0;
}

int dtw_config_load(struct dtw_config **out, const char *text, size_t len,
		    const char *origin, int (*known_rule)(const char *id))
{
	struct dtw_config *c = dtw_config_default();
	struct dtw_ynode *root, *x;
	struct dtw_vctx v;
	uint32_t el, ec;
	size_t i;
	int ret;

	*out = NULL;
	c->origin = dtw_arena_strndup(&c->arena, origin, strlen(origin));
	v.origin = c->origin;
	v.arena = &c->arena;
	ret = dtw_yaml_parse(&root, &c->arena, text, len, 1, &el, &ec);
	if (ret) {
		dtw_error_setc(ret, "%s:%s", origin, dtw_error_last());
		goto fail;
	}
	ret = DTW_EINVALID;
	if (!root) {
		*out = c;
		return 0;
	}
	if (dtw_vmap(&v, root, "the config") || dtw_vkeys(&v, root, config_keys, "the config"))
		goto fail;
	if ((x = dtw_ymap_get(root, "schema"))) {
		if (dtw_vstr(&v, x, "schema", &c->schema))
			goto fail;
		if (!*c->schema) {
			dtw_verr(&v, x, "schema must name a built-in schema or a file");
			goto fail;
		}
		origin_at(c, x, &c->schema_origin);
	}
	if ((x = dtw_ymap_get(root, "paths"))) {
		if (dtw_vstrlist(&v, x, "paths", &c->paths, &c->npaths))
			goto fail;
		if (!c->npaths) {
			dtw_verr(&v, x, "paths must name at least one pattern");
			goto fail;
		}
		for (i = 0; i < c->npaths; i++) {
			if (!*c->paths[i] || c->paths[i][0] == '/' ||
			    strstr(c->paths[i], "..")) {
				dtw_verr(&v, x->kind == DTW_Y_SEQ ? x->items[i] : x,
					 "path pattern \"%s\" must be relative to the repository root",
					 c->paths[i]);
				goto fail;
			}
		}
	}
	if ((x = dtw_ymap_get(root, "rules"))) {
		if (dtw_vmap(&v, x, "rules"))
			goto fail;
		for (i = 0; i < x->n; i++) {
			const struct dtw_ynode *k = x->pairs[i].key;
			int sev;
			struct dtw_rule_setting *rs;
			size_t j;
			if (k->kind != DTW_Y_SCALAR || !known_rule(k->value)) {
				dtw_verr(&v, k, "unknown rule \"%s\" (dtw rules lists them)",
					 k->kind == DTW_Y_SCALAR ? k->value : "?");
				goto fail;
			}
			for (j = 0; j < i; j++)
				if (!strcmp(x->pairs[j].key->value, k->value)) {
					dtw_verr(&v, k, "rule \"%s\" given twice", k->value);
					goto fail;
				}
			if (dtw_vchoice(&v, x->pairs[i].val, "a rule's severity", severities, &sev))
				goto fail;
			ALLOC_GROW(c->rules, c->nrules + 1, c->arules);
			rs = &c->rules[c->nrules++];
			rs->rule = k->value;
			rs->severity = sev == 0 ? DTW_SEV_ERROR :
				       sev == 1 ? DTW_SEV_WARNING : DTW_SEV_OFF;
			origin_at(c, k, &rs->origin);
		}
	}
	if ((x = dtw_ymap_get(root, "release"))) {
		const struct dtw_ynode *y;
		if (dtw_vmap(&v, x, "release") || dtw_vkeys(&v, x, release_keys, "release"))
			goto fail;
		if ((y = dtw_ymap_get(x, "tag"))) {
			if (dtw_vstr(&v, y, "tag", &c->release_tag))
				goto fail;
			if (!strstr(c->release_tag, "{issue}") &&
			    !strstr(c->release_tag, "{date}")) {
				dtw_verr(&v, y, "tag \"%s\" must contain {issue} or {date}",
					 c->release_tag);
				goto fail;
			}
		}
		if ((y = dtw_ymap_get(x, "require_status")) &&
		    dtw_vstr(&v, y, "require_status", &c->release_status))
			goto fail;
	}
	*out = c;
	return 0;
fail:
	dtw_config_free(c);
	return ret;
}

static int is_path(const char *s)
{
	size_t n = strlen(s);
	return strchr(s, '/') || (n > 5 && !strcmp(s + n - 5, ".yaml")) ||
	       (n > 4 && !strcmp(s + n - 4, ".yml"));
}

static int load_file(struct dtw_schema **out, const char *fspath,
		     const char *display)
{
	struct dtw_source src;
	int r = dtw_source_read_file(&src, fspath, display);
	if (r) {
		if (r == DTW_ENOTFOUND)
			dtw_error_setc(DTW_ENOTFOUND, "%s: schema file not found", display);
		return r;
	}
	r = dtw_schema_load(out, src.data, src.len, display);
	dtw_source_release(&src);
	return r;
}

int dtw_schema_resolve(struct dtw_schema **out, const char *name,
		       const char *base_dir)
{
	struct strbuf fs = STRBUF_INIT;
	size_t i;
	int r;

	if (!is_path(name)) {
		for (i = 0; i < dtw_builtin_schema_count; i++)
			if (!strcmp(name, dtw_builtin_schema_names[i]))
				return dtw_schema_load(out, dtw_builtin_schema_texts[i],
						       dtw_builtin_schema_lens[i],
						       "built-in schema");
		/* A bare name may also be a schema of the repository's own. */
		if (base_dir)
			strbuf_addf(&fs, "%s/", base_dir);
		strbuf_addf(&fs, "schemas/%s.yaml", name);
		r = load_file(out, fs.buf, fs.buf);
		if (r == DTW_ENOTFOUND) {
			long near = dtw_nearest(name, dtw_builtin_schema_names,
						dtw_builtin_schema_count);
			r = dtw_error_setc(DTW_ENOTFOUND,
					   "unknown schema \"%s\": not built in (did you mean \"%s\"?) and no schemas/%s.yaml",
					   name, near >= 0 ? dtw_builtin_schema_names[near] : "",
					   name);
		}
		strbuf_release(&fs);
		return r;
	}
	if (base_dir && name[0] != '/')
		strbuf_addf(&fs, "%s/", base_dir);
	strbuf_addstr(&fs, name);
	r = load_file(out, fs.buf, name);
	strbuf_release(&fs);
	return r;
}
