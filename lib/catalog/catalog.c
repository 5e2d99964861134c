/* Catalog: facts about issues (by blob id, cached) and release tags,
 * shared by release, list and the rules that know what was released. */
#include "catalog.h"

#include <stdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/url.h"
#include "base/xalloc.h"
#include "catalog/cache.h"
#include "catalog/release.h"
#include "parse/yaml.h"
#include "schema/validate.h"
#include "source/source.h"
#include "source/input.h"
#include "base/banned.h"

void dtw_facts_release(struct dtw_facts *f)
{
	size_t i;
	free(f->title);
	free(f->status);
	for (i = 0; i < f->nurls; i++)
		free(f->urls[i]);
	free(f->urls);
	memset(f, 0, sizeof(*f));
}

static int has_url(const struct dtw_facts *f, const char *u)
{
	size_t i;
	for (i = 0; i < f->nurls; i++)
		if (!strcmp(f->urls[i], u))
			return 1;
	return 0;
}

long dtw_issue_number(const struct dtw_issue *is)
{
	const char *v = dtw_issue_role(is, DTW_ROLE_NUMBER);
	int64_t n;
	return v && !dtw_parse_int(v, &n) && n > 0 && n <= LONG_MAX ? (long)n : 0;
}

/* Whether the issue has front matter that could be read: one the
 * front-matter rule reports as missing or broken has none. An empty one
 * is read (every key absent). */
static int fm_readable(const struct dtw_issue *is)
{
	const struct dtw_document *d = &is->doc;
	return d->state == DTW_DOC_OK && d->fm == DTW_FM_PRESENT && !d->fm_error &&
	       (!d->fm_root || d->fm_root->kind == DTW_Y_MAP);
}

void dtw_facts_from_issue(struct dtw_facts *out, const struct dtw_issue *is)
{
	const char *v;
	size_t i, j, k, alloc = 0;

	memset(out, 0, sizeof(*out));
	out->issue = dtw_issue_number(is);
	if ((v = dtw_issue_role(is, DTW_ROLE_DATE)) && strlen(v) == 10)
		memcpy(out->date, v, 11);
	out->title = xstrdup((v = dtw_issue_role(is, DTW_ROLE_TITLE)) ? v : "");
	out->unparsable = !fm_readable(is);
	v = dtw_issue_role(is, DTW_ROLE_STATUS);
	if (!v && !out->unparsable && dtw_schema_role_def(is->schema, DTW_ROLE_STATUS))
		v = dtw_schema_role_def(is->schema, DTW_ROLE_STATUS)->default_value;
	out->status = xstrdup(v ? v : "");
	for (i = 0; i < is->nsections; i++) {
		for (j = 0; j < is->sections[i].nitems; j++) {
			const struct dtw_item *it = &is->sections[i].items[j];
			for (k = 0; k < it->nlinks; k++) {
				char *u;
				if (!dtw_url_is_http(it->links[k].url))
					continue;
				u = dtw_url_normalize(it->links[k].url);
				if (has_url(out, u)) {
					free(u);
					continue;
				}
				ALLOC_GROW(out->urls, out->nurls + 1, alloc);
				out->urls[out->nurls++] = u;
			}
		}
	}
}

/* Cache value: ISSUE \t DATE \t STATUS \t TITLE { \t URL }, where
 * ISSUE is "?N" for a file whose front matter could not be read. */
static char *facts_encode(const struct dtw_facts *f)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	const char *p;
	strbuf_addf(&sb, "%s%ld\t%s\t%s\t", f->unparsable ? "?" : "", f->issue, f->date,
		    f->status);
	/* One line, tab-separated: the title's own \\, tab, CR and LF are
	 * escaped so that it comes back as it was. */
	for (p = f->title; *p; p++) {
		if (*p == '\\')
			strbuf_addstr(&sb, "\\\\");
		else if (*p == '\t')
			strbuf_addstr(&sb, "\\t");
		else if (*p == '\n')
			strbuf_addstr(&sb, "\\n");
		else if (*p == '\r')
			strbuf_addstr(&sb, "\\r");
		else
			strbuf_addch(&sb, *p);
	}
	for (i = 0; i < f->nurls; i++)
		strbuf_addf(&sb, "\t%s", f->urls[i]);
	return strbuf_detach(&sb, NULL);
}

static int facts_decode(struct dtw_facts *f, const char *v)
{
	const char *fields[4], *p = v, *tab;
	size_t i, alloc = 0;
	char *end;

	memset(f, 0, sizeof(*f));
	for (i = 0; i < 4; i++) {
		fields[i] = p;
		tab = strchr(p, '\t');
		if (!tab && i < 3)
			return -1;
		p = tab ? tab + 1 : p + strlen(p);
	}
	f->unparsable = *fields[0] == '?';
	f->issue = strtol(fields[0] + f->unparsable, &end, 10);
	if (*end != '\t')
		return -1;
	if (fields[2] - fields[1] == 11)
		memcpy(f->date, fields[1], 10);
	f->status = xstrndup(fields[2], (size_t)(fields[3] - fields[2] - 1));
	tab = strchr(fields[3], '\t');
	{
		const char *q = fields[3], *qe = tab ? tab : q + strlen(q);
		struct strbuf t = STRBUF_INIT;
		for (; q < qe; q++) {
			if (*q == '\\' && q + 1 < qe) {
				q++;
				strbuf_addch(&t, *q == 't' ? '\t' : *q == 'n' ? '\n' : *q == 'r' ? '\r' : *q);
			} else {
				strbuf_addch(&t, *q);
			}
		}
		f->title = strbuf_detach(&t, NULL);
	}
	while (tab) {
		const char *u = tab + 1;
		tab = strchr(u, '\t');
		ALLOC_GROW(f->urls, f->nurls + 1, alloc);
		f->urls[f->nurls++] = xstrndup(u, tab ? (size_t)(tab - u) : strlen(u));
	}
	return 0;
}

/* The cache key of a blob's facts: what a blob says depends on the schema
 * it is read with (which keys hold the number, the date; which links are
 * items'), so the key is the blob id and the schema's digest, hashed. */
static struct dtw_oid facts_key(const struct dtw_catalog *cat, const struct dtw_oid *blob)
{
	char buf[DTW_OID_HEXSZ + 1 + 16 + 1];
	struct dtw_oid key;
	dtw_oid_hex(buf, blob);
	(void)snprintf(buf + DTW_OID_HEXSZ, sizeof(buf) - DTW_OID_HEXSZ, " %016llx", /* fits */
		       cat->schema->digest);
	dtw_blob_id(&key, buf, strlen(buf));
	return key;
}

static void facts_parse(struct dtw_facts *out, struct dtw_catalog *cat,
			const struct dtw_oid *key, struct dtw_source *src)
{
	struct dtw_issue *is = dtw_issue_build(src, cat->schema);
	char *enc;
	dtw_facts_from_issue(out, is);
	dtw_issue_free(is);
	enc = facts_encode(out);
	dtw_cache_put(cat->cache, 'f', key, enc);
	free(enc);
}

int dtw_catalog_facts(struct dtw_facts *out, struct dtw_catalog *cat,
		      const struct dtw_oid *blob)
{
	struct dtw_oid key = facts_key(cat, blob);
	const char *v = dtw_cache_get(cat->cache, 'f', &key);
	struct dtw_source src;
	int r;

	memset(out, 0, sizeof(*out));
	if (v && !facts_decode(out, v))
		return 0;
	dtw_facts_release(out); /* what a damaged entry left */
	{
		struct dtw_input_env env = { cat->repo, NULL };
		struct dtw_input in;
		dtw_input_blob(&in, "blob", NULL, blob);
		r = dtw_input_read(&src, &in, &env);
		dtw_input_release(&in);
		if (r)
			return r;
	}
	facts_parse(out, cat, &key, &src);
	dtw_source_release(&src);
	return 0;
}

int dtw_catalog_facts_data(struct dtw_facts *out, struct dtw_catalog *cat,
			   const struct dtw_oid *blob, const char *data, size_t len)
{
	struct dtw_oid key = facts_key(cat, blob);
	const char *v = dtw_cache_get(cat->cache, 'f', &key);
	struct dtw_source src;

	memset(out, 0, sizeof(*out));
	if (v && !facts_decode(out, v))
		return 0;
	dtw_facts_release(out); /* what a damaged entry left */
	dtw_source_init_copy(&src, "file", data, len);
	facts_parse(out, cat, &key, &src);
	dtw_source_release(&src);
	return 0;
}

static int open_catalog(struct dtw_catalog **out, struct dtw_repo *repo,
			const struct dtw_schema *schema, int as_known)
{
	struct dtw_catalog *c = xcalloc(1, sizeof(*c));
	char *dir;
	int e;
	c->repo = repo;
	c->schema = schema;
	dir = dtw_repo_git_path(repo, "dtw");
	c->cache = dtw_cache_load(dir);
	free(dir);
	if ((e = dtw_release_tags(&c->tags, &c->ntags, repo, c->cache, as_known))) {
		dtw_catalog_free(c);
		*out = NULL;
		return e;
	}
	*out = c;
	return 0;
}

int dtw_catalog_open(struct dtw_catalog **out, struct dtw_repo *repo,
		     const struct dtw_schema *schema)
{
	return open_catalog(out, repo, schema, 0);
}

int dtw_catalog_open_known(struct dtw_catalog **out, struct dtw_repo *repo,
			   const struct dtw_schema *schema)
{
	return open_catalog(out, repo, schema, 1);
}

int dtw_catalog_refresh(struct dtw_catalog *cat)
{
	struct dtw_tag *tags = NULL;
	size_t i, n = 0;
	int e;

	if (cat->released_built)
		return 0; /* the released list borrows the tags: keep them */
	if ((e = dtw_release_tags(&tags, &n, cat->repo, cat->cache, 0)))
		return e;
	for (i = 0; i < cat->ntags; i++)
		dtw_tag_release(&cat->tags[i]);
	free(cat->tags);
	cat->tags = tags;
	cat->ntags = n;
	return 0;
}

void dtw_catalog_save(struct dtw_catalog *cat)
{
	if (cat)
		dtw_cache_save(cat->cache);
}

void dtw_catalog_free(struct dtw_catalog *cat)
{
	size_t i;
	if (!cat)
		return;
	for (i = 0; i < cat->ntags; i++)
		dtw_tag_release(&cat->tags[i]);
	free(cat->tags);
	for (i = 0; i < cat->released.nurls; i++)
		free((char *)cat->released.urls[i].url);
	free(cat->released.urls);
	free(cat->released.v);
	dtw_cache_free(cat->cache);
	free(cat);
}

static int cmp_url(const void *a, const void *b)
{
	const struct dtw_released_url *x = a, *y = b;
	int r = strcmp(x->url, y->url);
	if (r)
		return r;
	return x->release < y->release ? -1 : x->release > y->release;
}

const struct dtw_released *dtw_catalog_released(struct dtw_catalog *cat)
{
	struct dtw_released *r = &cat->released;
	size_t i, k, alloc = 0;

	if (cat->released_built)
		return r;
	cat->released_built = 1;
	r->v = xcalloc(cat->ntags + 1, sizeof(*r->v));
	for (i = 0; i < cat->ntags; i++) {
		const struct dtw_tag *t = &cat->tags[i];
		struct dtw_facts f;
		struct dtw_release_info *ri = &r->v[r->n];
		if (!t->rel.has_blob)
			continue;
		ri->issue = t->rel.issue;
		ri->tag = t->name;
		ri->path = t->rel.path;
		ri->blob = t->rel.blob;
		r->n++;
		if (dtw_catalog_facts(&f, cat, &t->rel.blob)) {
			dtw_error_clear();
			continue; /* a blob that is gone: nothing to compare */
		}
		for (k = 0; k < f.nurls; k++) {
			ALLOC_GROW(r->urls, r->nurls + 1, alloc);
			r->urls[r->nurls].url = f.urls[k];
			r->urls[r->nurls].release = r->n - 1;
			r->nurls++;
			f.urls[k] = NULL;
		}
		f.nurls = 0;
		dtw_facts_release(&f);
	}
	if (r->nurls > 1)
		qsort(r->urls, r->nurls, sizeof(*r->urls), cmp_url);
	return r;
}

const struct dtw_tag *dtw_catalog_tag_of(const struct dtw_catalog *cat, long issue,
					 const char *path)
{
	size_t i;
	for (i = 0; i < cat->ntags; i++)
		if (cat->tags[i].rel.issue == issue &&
		    (!path || !strcmp(cat->tags[i].rel.path, path)))
			return &cat->tags[i];
	return NULL;
}

const struct dtw_tag *dtw_catalog_tag_with_blob(const struct dtw_catalog *cat, long issue,
						const struct dtw_oid *blob)
{
	size_t i;
	for (i = 0; i < cat->ntags; i++)
		if (cat->tags[i].rel.issue == issue && cat->tags[i].rel.has_blob &&
		    dtw_oid_equal(&cat->tags[i].rel.blob, blob))
			return &cat->tags[i];
	return NULL;
}

int dtw_issue_arg_is_key(const char *arg)
{
	size_t i, n = strlen(arg);
	for (i = 0; i < n && arg[i] >= '0' && arg[i] <= '9'; i++)
		;
	if (n && i == n)
		return 1;
	return n == 10 && arg[4] == '-' && arg[7] == '-' &&
	       strspn(arg, "0123456789-") == 10;
}

int dtw_catalog_find(size_t *index, struct dtw_catalog *cat,
		     const struct dtw_git_files *files, const char *arg)
{
	int is_date = strchr(arg, '-') != NULL;
	long want = is_date ? 0 : strtol(arg, NULL, 10);
	size_t i, found = (size_t)-1, link = (size_t)-1;

	for (i = 0; i < files->n; i++) {
		struct dtw_facts f;
		int match;
		if (files->v[i].symlink && link == (size_t)-1)
			link = i;
		if (!files->v[i].has_oid || files->v[i].symlink)
			continue;
		if (dtw_catalog_facts(&f, cat, &files->v[i].oid)) {
			dtw_error_clear();
			continue;
		}
		match = is_date ? !strcmp(f.date, arg) : f.issue == want;
		dtw_facts_release(&f);
		if (!match)
			continue;
		if (found != (size_t)-1)
			return dtw_error_setc(DTW_EINVALID, "issue %s is claimed by two files: %s and %s",
					      arg, files->v[found].path, files->v[i].path);
		found = i;
	}
	/* A symbolic link is never followed; when one was passed over, the
	 * issue may be behind it, and that is said. */
	if (found == (size_t)-1 && link != (size_t)-1)
		return dtw_error_setc(DTW_ENOTFOUND, "no newsletter issue %s %s (%s is a symbolic link, not followed)",
				      is_date ? "dated" : "numbered", arg, files->v[link].path);
	if (found == (size_t)-1)
		return dtw_error_setc(DTW_ENOTFOUND, "no newsletter issue %s %s", is_date ? "dated" : "numbered", arg);
	*index = found;
	return 0;
}
