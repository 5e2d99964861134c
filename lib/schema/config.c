/* Schema stage: the repository config (.dtw.yaml) and finding a schema by
 * name or path. Validated as strictly as schemas. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "schema.h"

#include <pcre2.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/strutil.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "git/git.h"
#include "parse/regex.h"
#include "schema/validate.h"
#include "source/source.h"
#include "base/banned.h"

static const char *const config_keys[] = {
	"schema", "paths", "rules", "release", "patterns", "links", NULL };
/* Indexed by enum dtw_pattern_key. */
static const char *const pattern_keys[DTW_PAT_NKEYS + 1] = {
	"id", "regex", "message", "scope", "field", "replacement", "severity", NULL };
const char *const dtw_pattern_scopes[] = {
	"heading", "item-title", "paragraph", "field", "link-text", "url", "intro",
	"outro", "all", NULL };
static const char *const release_keys[] = { "tag", "require_status", NULL };
static const char *const severities[] = { "error", "warning", "off", NULL };
static const char *const default_paths[] = { "issues/*.md" };
const char *const dtw_links_keys[DTW_LK_NKEYS + 1] = {
	"online", "exclude", "accept", "cache_ttl", "timeout", "total_timeout", "parallel",
	"per_host", "retries", "max_redirects", NULL };

static void set_defaults(struct dtw_config *c)
{
	c->schema = DTW_DEFAULT_SCHEMA;
	c->schema_origin = "default";
	c->paths = (const char **)default_paths;
	c->npaths = 1;
	c->release_tag = "issue-{number}";
	c->release_status = "published";
	c->links.cache_ttl = 24 * 3600 * 1000LL;
	c->links.timeout = 15 * 1000;
	c->links.total_timeout = 3 * 60 * 1000;
	c->links.parallel = 16;
	c->links.per_host = 2;
	c->links.retries = 2;
	c->links.max_redirects = 10;
}

struct dtw_config *dtw_config_default(void)
{
	struct dtw_config *c = xcalloc(1, sizeof(*c));
	set_defaults(c);
	return c;
}

void dtw_config_free(struct dtw_config *c)
{
	size_t i;
	if (!c)
		return;
	for (i = 0; i < c->npatterns; i++)
		pcre2_code_free((pcre2_code *)c->patterns[i].re);
	for (i = 0; i < c->links.nexclude; i++)
		pcre2_code_free((pcre2_code *)c->links.exclude_re[i]);
	free(c->rules);
	dtw_arena_release(&c->arena);
	free(c);
}

struct dtw_pattern *dtw_config_pattern(struct dtw_config *c, const char *id)
{
	size_t i;
	for (i = 0; i < c->npatterns; i++)
		if (!strcmp(c->patterns[i].id, id))
			return &c->patterns[i];
	return NULL;
}

/* Where key `name` of mapping `map` is written (its line), or 0. */
static uint32_t key_line(const struct dtw_ynode *map, const char *name)
{
	size_t i;
	for (i = 0; i < map->n; i++)
		if (dtw_yscalar_is(map->pairs[i].key, name))
			return map->pairs[i].key->line;
	return 0;
}

static enum dtw_severity severity_of(int k)
{
	return k == 0 ? DTW_SEV_ERROR : k == 1 ? DTW_SEV_WARNING : DTW_SEV_OFF;
}

/* One entry of `patterns` into *p: every error of it reported, DTW_EINVALID
 * when there was one (p is then not a pattern of the config). */
static int load_pattern(const struct dtw_vctx *v, struct dtw_config *c, struct dtw_pattern *p,
			const struct dtw_ynode *d, int (*known_rule)(const char *id, const char **near))
{
	const struct dtw_ynode *x;
	struct strbuf rule = STRBUF_INIT;
	size_t j;
	int k, err, bad, keys_bad;
	PCRE2_SIZE off;

	memset(p, 0, sizeof(*p));
	if (dtw_vmap(v, d, "a pattern"))
		return DTW_EINVALID;
	/* A missing key may be an unknown one misspelt: that is the error. */
	keys_bad = bad = dtw_vkeys(v, d, pattern_keys, "a pattern");
	for (j = 0; j < DTW_PAT_NKEYS; j++)
		p->key_line[j] = key_line(d, pattern_keys[j]);
	p->id = "";
	if (!(x = dtw_ymap_get(d, "id")))
		return keys_bad ? keys_bad : dtw_verr(v, d, "a pattern needs an id");
	if (dtw_vstr(v, x, "id", &p->id))
		return DTW_EINVALID;
	if (!*p->id || strspn(p->id, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(p->id)) {
		bad = dtw_verr(v, x, "pattern id \"%s\" must be lower-case letters, digits and dashes", p->id);
	} else if (known_rule(p->id, NULL)) {
		bad = dtw_verr(v, x, "pattern id \"%s\" is the name of a rule", p->id);
	} else {
		for (j = 0; j < c->npatterns; j++)
			if (!strcmp(c->patterns[j].id, p->id)) {
				bad = dtw_verr(v, x, "pattern id \"%s\" given twice", p->id);
				break;
			}
	}
	strbuf_addf(&rule, "pattern/%s", p->id);
	p->rule = dtw_arena_strndup(&c->arena, rule.buf, rule.len);
	strbuf_release(&rule);
	if (!(x = dtw_ymap_get(d, "message")))
		bad = keys_bad ? keys_bad : dtw_verr(v, d, "pattern \"%s\" needs a message", p->id);
	else if (dtw_vstr(v, x, "message", &p->message))
		bad = DTW_EINVALID;
	p->severity = DTW_SEV_WARNING;
	if ((x = dtw_ymap_get(d, "severity"))) {
		if (dtw_vchoice(v, x, "severity", severities, &k))
			bad = DTW_EINVALID;
		else
			p->severity = severity_of(k);
	}
	p->origin = "default";
	p->line = d->line;
	p->scopes = DTW_SCOPE_ALL;
	if ((x = dtw_ymap_get(d, "scope"))) {
		const char **names;
		size_t n;
		if (dtw_vstrlist(v, x, "scope", &names, &n)) {
			bad = DTW_EINVALID;
			n = 0;
		}
		p->scopes = 0;
		for (j = 0; j < n; j++) {
			for (k = 0; dtw_pattern_scopes[k] && strcmp(dtw_pattern_scopes[k], names[j]); k++)
				;
			if (!dtw_pattern_scopes[k])
				bad = dtw_verr(v, x->kind == DTW_Y_SEQ ? x->items[j] : x,
					       "unknown scope \"%s\"; scopes are heading, item-title, paragraph, field, link-text, url, intro, outro, all",
					       names[j]);
			else
				p->scopes |= 1u << k;
		}
	}
	if ((x = dtw_ymap_get(d, "field"))) {
		if (dtw_vstr(v, x, "field", &p->field))
			bad = DTW_EINVALID;
		p->field_line = x->line;
		p->field_col = x->col;
		/* A label alone means: that field only. */
		p->scopes = dtw_ymap_get(d, "scope") ? p->scopes | DTW_SCOPE_FIELD :
			    DTW_SCOPE_FIELD;
	}
	if ((x = dtw_ymap_get(d, "replacement")) &&
	    dtw_vstr(v, x, "replacement", &p->replacement))
		bad = DTW_EINVALID;
	if (!(x = dtw_ymap_get(d, "regex"))) {
		bad = keys_bad ? keys_bad : dtw_verr(v, d, "pattern \"%s\" needs a regex", p->id);
	} else if (dtw_vstr(v, x, "regex", &p->regex)) {
		bad = DTW_EINVALID;
	} else {
		p->re = (struct pcre2_real_code_8 *)pcre2_compile(
			(PCRE2_SPTR)p->regex, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP,
			&err, &off, NULL);
		if (!p->re) {
			PCRE2_UCHAR msg[256];
			pcre2_get_error_message(err, msg, sizeof(msg));
			bad = dtw_verr(v, x, "regex of pattern \"%s\" does not compile: %s (at offset %zu)",
				       p->id, (const char *)msg, (size_t)off);
		} else if (bad) {
			pcre2_code_free((pcre2_code *)p->re);
			p->re = NULL;
		} else {
			/* JIT where the platform has it; the interpreter otherwise. */
			pcre2_jit_compile((pcre2_code *)p->re, PCRE2_JIT_COMPLETE);
		}
	}
	return bad;
}

/* `patterns`: the entries that load are the config's patterns; each one
 * that does not has its errors reported. */
static int load_patterns(const struct dtw_vctx *v, struct dtw_config *c,
			 const struct dtw_ynode *list, int (*known_rule)(const char *id, const char **near))
{
	size_t i;
	int bad = 0;
	if (dtw_vseq(v, list, "patterns"))
		return DTW_EINVALID;
	c->patterns = dtw_arena_alloc(&c->arena, (list->n + 1) * sizeof(*c->patterns));
	for (i = 0; i < list->n; i++) {
		if (load_pattern(v, c, &c->patterns[c->npatterns], list->items[i], known_rule))
			bad = DTW_EINVALID;
		else
			c->npatterns++;
	}
	return bad;
}

/* Whether `patterns` declares a pattern with id `id`, loaded or not: a
 * rules: entry for one that failed is not an error of its own. */
static int pattern_declared(const struct dtw_ynode *list, const char *id)
{
	size_t i;
	const struct dtw_ynode *x;
	for (i = 0; list && list->kind == DTW_Y_SEQ && i < list->n; i++)
		if (list->items[i]->kind == DTW_Y_MAP && (x = dtw_ymap_get(list->items[i], "id")) &&
		    dtw_yscalar_is(x, id))
			return 1;
	return 0;
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

/* The Latin letters U+00C0..U+017F as a slug spells them: the letter
 * without its accent, in lower case ("é" "e", "Æ" "ae", "ß" "ss", "Ł"
 * "l"); "" for × and ÷. A tag name stays ASCII, which every file system
 * a loose reference lands on stores as it is. */
static const char *const latin_slug[0x180 - 0xC0] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "d",
	"n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss", "a", "a",
	"a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n", "o",
	"o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y", "a", "a", "a", "a",
	"a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d", "d", "d", "e", "e", "e",
	"e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g", "g", "g", "g", "g", "h", "h",
	"h", "h", "i", "i", "i", "i", "i", "i", "i", "i", "i", "i", "ij", "ij", "j", "j", "k",
	"k", "k", "l", "l", "l", "l", "l", "l", "l", "l", "l", "l", "n", "n", "n", "n", "n",
	"n", "n", "n", "n", "o", "o", "o", "o", "o", "o", "oe", "oe", "r", "r", "r", "r", "r",
	"r", "s", "s", "s", "s", "s", "s", "s", "s", "t", "t", "t", "t", "t", "t", "u", "u",
	"u", "u", "u", "u", "u", "u", "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z",
	"z", "z", "z", "z", "s",
};

/* A title as a tag name's slug: its letters and digits, lower case, the
 * accented Latin letters without their accents, each run of anything else
 * (other scripts, emoji, punctuation) one "-". */
static void add_slug(struct strbuf *sb, const char *title)
{
	size_t len = strlen(title), i = 0, adv;
	int dash = 0;
	while (i < len) {
		int32_t cp = dtw_utf8_decode(title + i, len - i, &adv);
		const char *as = NULL;
		char one[2] = { 0, 0 };
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			one[0] = (char)cp;
		else if (cp >= 'A' && cp <= 'Z')
			one[0] = (char)(cp - 'A' + 'a');
		else if (cp >= 0xC0 && cp < 0x180)
			as = latin_slug[cp - 0xC0];
		if (one[0])
			as = one;
		if (as && *as) {
			if (dash && sb->len && sb->buf[sb->len - 1] != '-')
				strbuf_addch(sb, '-');
			strbuf_addstr(sb, as);
			dash = 0;
		} else {
			dash = 1;
		}
		i += adv ? adv : 1;
	}
}

/* The one list of the template's fields: what it expands, what the
 * check below accepts. */
static const char *const tag_fields[] = { "{number}", "{issue}", "{date}", "{slug}", NULL };

/* Which field starts at p: its index in tag_fields, or -1. */
static int tag_field_at(const char *p)
{
	int k;
	for (k = 0; tag_fields[k]; k++)
		if (!strncmp(p, tag_fields[k], strlen(tag_fields[k])))
			return k;
	return -1;
}

char *dtw_tag_template_expand(const char *tmpl, long issue, const char *date, const char *title)
{
	struct strbuf sb = STRBUF_INIT;
	while (*tmpl) {
		int k = *tmpl == '{' ? tag_field_at(tmpl) : -1;
		if (k == 0 || k == 1) /* {number}, and {issue} its other name */
			strbuf_addf(&sb, "%ld", issue);
		else if (k == 2)
			strbuf_addstr(&sb, date);
		else if (k == 3)
			add_slug(&sb, title);
		if (k >= 0) {
			tmpl += strlen(tag_fields[k]);
		} else {
			strbuf_addch(&sb, *tmpl++);
		}
	}
	return strbuf_detach(&sb, NULL);
}

/* The release.tag template: only the fields above, and a valid tag name
 * whatever they become (checked with sample values: a slug may still come
 * out empty for a title without letters, which release says). */
static int check_tag_template(const struct dtw_vctx *v, const struct dtw_ynode *y,
			      const char *tmpl)
{
	const char *p, *close;
	char *name;
	int r = 0;

	if (!strncmp(tmpl, "refs/", 5))
		return dtw_verr(v, y, "tag \"%s\" is a tag name, without refs/ (it is written under refs/tags/)",
				tmpl);
	for (p = tmpl; (p = strchr(p, '{')) && (close = strchr(p, '}')); p = close + 1) {
		if (tag_field_at(p) < 0)
			return dtw_verr(v, y, "tag \"%s\": unknown field %.*s; it may use {number} (or {issue}), {date} and {slug}",
					tmpl, (int)(close - p + 1), p);
	}
	name = dtw_tag_template_expand(tmpl, 42, "2026-11-24", "Data This Week");
	if (!dtw_tag_name_valid(name))
		r = dtw_verr(v, y, "tag \"%s\" does not make a valid tag name (issue 42 would be \"%s\")",
			     tmpl, name);
	free(name);
	return r;
}

/* rules: { RULE: SEVERITY | { STATUS: SEVERITY, ..., default: SEVERITY } }:
 * every entry checked, the ones that are right kept. */
static int load_rules(const struct dtw_vctx *v, struct dtw_config *c, const struct dtw_ynode *x,
		      const struct dtw_ynode *patterns,
		      int (*known_rule)(const char *id, const char **near))
{
	size_t i, j;
	int bad = 0, sev;

	if (dtw_vmap(v, x, "rules"))
		return DTW_EINVALID;
	for (i = 0; i < x->n; i++) {
		const struct dtw_ynode *k = x->pairs[i].key, *val = x->pairs[i].val;
		const char *near = NULL;
		struct dtw_rule_setting *rs;
		int dup = 0;
		if (k->kind == DTW_Y_SCALAR && !strncmp(k->value, "pattern/", 8)) {
			/* one of the patterns above, by its id */
			struct dtw_pattern *p = dtw_config_pattern(c, k->value + 8);
			if (!p) {
				if (!pattern_declared(patterns, k->value + 8))
					bad = dtw_verr(v, k, "unknown rule \"%s\": no pattern has the id \"%s\"",
						       k->value, k->value + 8);
				else
					bad = DTW_EINVALID;
				continue;
			}
			if (dtw_vchoice(v, val, "a pattern's severity", severities, &sev)) {
				bad = DTW_EINVALID;
				continue;
			}
			p->severity = severity_of(sev);
			origin_at(c, k, &p->origin);
			continue;
		}
		if (k->kind != DTW_Y_SCALAR || !known_rule(k->value, &near)) {
			if (near)
				bad = dtw_verr(v, k, "unknown rule \"%s\"; did you mean \"%s\"? (dtw rules lists them)",
					       k->value, near);
			else
				bad = dtw_verr(v, k, "unknown rule \"%s\" (dtw rules lists them)",
					       k->kind == DTW_Y_SCALAR ? k->value : "?");
			continue;
		}
		for (j = 0; j < i; j++)
			dup |= dtw_yscalar_is(x->pairs[j].key, k->value);
		if (dup) {
			bad = dtw_verr(v, k, "rule \"%s\" given twice", k->value);
			continue;
		}
		ALLOC_GROW(c->rules, c->nrules + 1, c->arules);
		rs = &c->rules[c->nrules];
		memset(rs, 0, sizeof(*rs));
		rs->rule = k->value;
		origin_at(c, k, &rs->origin);
		if (val->kind == DTW_Y_MAP) {
			/* one per status value: { draft: warning, default: error } */
			struct dtw_status_severity *by =
				dtw_arena_alloc(&c->arena, (val->n + 1) * sizeof(*by));
			size_t j2, j3, n = 0;
			int map_bad = 0;
			if (!val->n)
				map_bad = dtw_verr(v, val, "rule \"%s\": give a severity, or one per status (draft: warning, default: error)",
						   k->value);
			for (j2 = 0; j2 < val->n; j2++) {
				const struct dtw_ynode *sk = val->pairs[j2].key;
				int twice = 0;
				if (sk->kind != DTW_Y_SCALAR || !*sk->value) {
					map_bad = dtw_verr(v, sk, "rule \"%s\": a status value or \"default\"",
							   k->value);
					continue;
				}
				for (j3 = 0; j3 < j2; j3++)
					twice |= dtw_yscalar_is(val->pairs[j3].key, sk->value);
				if (twice) {
					map_bad = dtw_verr(v, sk, "status \"%s\" given twice for rule \"%s\"",
							   sk->value, k->value);
					continue;
				}
				if (dtw_vchoice(v, val->pairs[j2].val, "a rule's severity", severities, &sev)) {
					map_bad = DTW_EINVALID;
					continue;
				}
				if (!strcmp(sk->value, "default")) {
					rs->has_default = 1;
					rs->severity = severity_of(sev);
					continue;
				}
				by[n].status = sk->value;
				by[n].line = sk->line;
				by[n].col = sk->col;
				by[n++].severity = severity_of(sev);
			}
			if (map_bad) {
				bad = map_bad;
				continue;
			}
			rs->by_status = by;
			rs->nby_status = n;
			rs->per_status = 1;
			c->nrules++;
			continue;
		}
		if (dtw_vchoice(v, val, "a rule's severity", severities, &sev)) {
			bad = DTW_EINVALID;
			continue;
		}
		rs->severity = severity_of(sev);
		rs->has_default = 1;
		c->nrules++;
	}
	return bad;
}

/* release: { tag: TEMPLATE, require_status: STATUS | null } */
static int load_release(const struct dtw_vctx *v, struct dtw_config *c, const struct dtw_ynode *x)
{
	const struct dtw_ynode *y;
	const char *tag;
	int bad;

	if (dtw_vmap(v, x, "release"))
		return DTW_EINVALID;
	bad = dtw_vkeys(v, x, release_keys, "release");
	if ((y = dtw_ymap_get(x, "tag"))) {
		if (dtw_vstr(v, y, "tag", &tag) ||
		    (!strstr(tag, "{number}") && !strstr(tag, "{issue}") && !strstr(tag, "{date}") &&
		     dtw_verr(v, y, "tag \"%s\" must contain {number} or {date}", tag)) ||
		    check_tag_template(v, y, tag)) {
			bad = DTW_EINVALID;
		} else {
			c->release_tag = tag;
			c->release_tag_line = key_line(x, "tag");
		}
	}
	if ((y = dtw_ymap_get(x, "require_status"))) {
		/* null (or ~, or nothing) requires no status. */
		if (y->kind == DTW_Y_SCALAR && y->plain &&
		    (!y->vlen || !strcmp(y->value, "null") || !strcmp(y->value, "~") ||
		     !strcmp(y->value, "Null") || !strcmp(y->value, "NULL"))) {
			c->release_status = "";
			c->release_status_line = y->line;
			c->release_status_col = y->col;
		} else if (dtw_vstr(v, y, "require_status", &c->release_status)) {
			c->release_status = "published";
			bad = DTW_EINVALID;
		} else {
			c->release_status_line = y->line;
			c->release_status_col = y->col;
		}
	}
	return bad;
}

/* A duration: a number of seconds, or numbers each with its unit (d, h,
 * m, s, ms) from the largest down: "1d", "1h30m", "500ms". */
static int parse_duration(const char *s, int64_t *out)
{
	static const struct { const char *unit; int64_t ms; } units[] = {
		{ "ms", 1 }, { "d", 86400000LL }, { "h", 3600000LL }, { "m", 60000 }, { "s", 1000 },
	};
	int64_t total = 0, last = INT64_MAX;
	size_t i;

	if (!*s)
		return -1;
	while (*s) {
		int64_t n = 0;
		const char *d = s;
		while (*s >= '0' && *s <= '9') {
			if (n > 100000000)
				return -1;
			n = n * 10 + (*s++ - '0');
		}
		if (s == d)
			return -1;
		if (!*s && last == INT64_MAX) {
			if (n > 400LL * 86400)
				return -1;
			*out = n * 1000; /* a bare number: seconds */
			return 0;
		}
		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (!strncmp(s, units[i].unit, strlen(units[i].unit)))
				break;
		if (i == sizeof(units) / sizeof(units[0]) || units[i].ms >= last)
			return -1;
		s += strlen(units[i].unit);
		last = units[i].ms;
		total += n * units[i].ms;
		if (total > 400LL * 86400000LL)
			return -1;
	}
	*out = total;
	return 0;
}

void dtw_duration_name(char buf[32], int64_t ms)
{
	static const struct { const char *unit; int64_t ms; } units[] = {
		{ "d", 86400000LL }, { "h", 3600000LL }, { "m", 60000 }, { "s", 1000 }, { "ms", 1 },
	};
	size_t i, n = 0;
	if (!ms) {
		memcpy(buf, "0s", 3);
		return;
	}
	buf[0] = '\0';
	for (i = 0; i < sizeof(units) / sizeof(units[0]) && n < 24; i++) {
		if (ms < units[i].ms)
			continue;
		n += (size_t)snprintf(buf + n, 32 - n, "%lld%s", (long long)(ms / units[i].ms),
				      units[i].unit);
		ms %= units[i].ms;
	}
}

int dtw_links_excluded(const struct dtw_links_config *l, const char *url)
{
	size_t i;
	for (i = 0; i < l->nexclude; i++)
		if (dtw_re_matches(l->exclude_re[i], url, strlen(url)))
			return 1; /* (-1, gave up: not asked for either) */
	return 0;
}

static int links_duration(const struct dtw_vctx *v, const struct dtw_ynode *y, const char *what,
			  int64_t min, int64_t *out)
{
	const char *s;
	int64_t ms;
	if (dtw_vstr(v, y, what, &s))
		return DTW_EINVALID;
	if (parse_duration(s, &ms))
		return dtw_verr(v, y, "%s \"%s\" is not a duration; write it as 30s, 5m, 1h30m, 1d or 500ms",
				what, s);
	if (ms < min) {
		char b[32];
		dtw_duration_name(b, min);
		return dtw_verr(v, y, "%s must be at least %s", what, b);
	}
	*out = ms;
	return 0;
}

static int links_count(const struct dtw_vctx *v, const struct dtw_ynode *y, const char *what,
		       uint32_t min, uint32_t max, uint32_t *out)
{
	int64_t n;
	if (dtw_vint(v, y, what, &n))
		return DTW_EINVALID;
	if (n < min || n > max)
		return dtw_verr(v, y, "%s must be between %u and %u", what, min, max);
	*out = (uint32_t)n;
	return 0;
}

/* links: { online, exclude, accept, cache_ttl, timeout, total_timeout,
 * parallel, per_host, retries, max_redirects } */
static int load_links(const struct dtw_vctx *v, struct dtw_config *c, const struct dtw_ynode *x)
{
	struct dtw_links_config *l = &c->links;
	const struct dtw_ynode *y;
	size_t i;
	int bad;

	if (dtw_vmap(v, x, "links"))
		return DTW_EINVALID;
	bad = dtw_vkeys(v, x, dtw_links_keys, "links");
	for (i = 0; i < DTW_LK_NKEYS; i++)
		l->key_line[i] = key_line(x, dtw_links_keys[i]);
	if ((y = dtw_ymap_get(x, "online")) && dtw_vbool(v, y, "online", &l->online))
		bad = DTW_EINVALID;
	if ((y = dtw_ymap_get(x, "exclude"))) {
		const char **re;
		size_t n;
		if (dtw_vstrlist(v, y, "exclude", &re, &n)) {
			bad = DTW_EINVALID;
			n = 0;
		}
		l->exclude = re;
		/* NOLINTNEXTLINE(bugprone-sizeof-expression): it holds pointers */
		l->exclude_re = dtw_arena_alloc(&c->arena, (n + 1) * sizeof(*l->exclude_re));
		for (i = 0; i < n; i++) {
			int err;
			PCRE2_SIZE off;
			pcre2_code *code = pcre2_compile((PCRE2_SPTR)re[i], PCRE2_ZERO_TERMINATED,
							 PCRE2_UTF, &err, &off, NULL);
			if (!code) {
				PCRE2_UCHAR msg[256];
				pcre2_get_error_message(err, msg, sizeof(msg));
				bad = dtw_verr(v, y->kind == DTW_Y_SEQ ? y->items[i] : y,
					       "links.exclude \"%s\" does not compile: %s (at offset %zu)",
					       re[i], (const char *)msg, (size_t)off);
				continue;
			}
			pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
			l->exclude_re[l->nexclude] = (struct pcre2_real_code_8 *)code;
			l->exclude[l->nexclude++] = re[i];
		}
	}
	if ((y = dtw_ymap_get(x, "accept"))) {
		int *acc;
		if (y->kind == DTW_Y_SCALAR) {
			bad = dtw_verr(v, y, "accept must be a list of HTTP statuses, as [200, 403]");
		} else if (!dtw_vseq(v, y, "accept")) {
			acc = dtw_arena_alloc(&c->arena, (y->n + 1) * sizeof(*acc));
			for (i = 0; i < y->n; i++) {
				uint32_t st = 0;
				if (links_count(v, y->items[i], "an accepted status", 100, 599, &st))
					bad = DTW_EINVALID;
				else
					acc[l->naccept++] = (int)st;
			}
			l->accept = acc;
		} else {
			bad = DTW_EINVALID;
		}
	}
	if ((y = dtw_ymap_get(x, "cache_ttl")) &&
	    links_duration(v, y, "cache_ttl", 0, &l->cache_ttl))
		bad = DTW_EINVALID;
	if ((y = dtw_ymap_get(x, "timeout")) && links_duration(v, y, "timeout", 100, &l->timeout))
		bad = DTW_EINVALID;
	if ((y = dtw_ymap_get(x, "total_timeout")) &&
	    links_duration(v, y, "total_timeout", 100, &l->total_timeout))
		bad = DTW_EINVALID;
	if ((y = dtw_ymap_get(x, "parallel")) &&
	    links_count(v, y, "parallel", 1, 256, &l->parallel))
		bad = DTW_EINVALID;
	if ((y = dtw_ymap_get(x, "per_host")) &&
	    links_count(v, y, "per_host", 1, 64, &l->per_host))
		bad = DTW_EINVALID;
	if ((y = dtw_ymap_get(x, "retries")) && links_count(v, y, "retries", 0, 10, &l->retries))
		bad = DTW_EINVALID;
	if ((y = dtw_ymap_get(x, "max_redirects")) &&
	    links_count(v, y, "max_redirects", 0, 50, &l->max_redirects))
		bad = DTW_EINVALID;
	return bad;
}

int dtw_config_load(struct dtw_config **out, const char *text, size_t len,
		    const char *origin, int (*known_rule)(const char *id, const char **near))
{
	struct dtw_config *c = dtw_config_default();
	struct dtw_ynode *root, *x;
	struct dtw_vctx v;
	struct dtw_verrs errs;
	uint32_t el, ec;
	size_t i;
	int ret, bad = 0;
	const char *schema;
	const char **paths;
	size_t npaths;

	*out = NULL;
	c->origin = dtw_arena_strndup(&c->arena, origin, strlen(origin));
	memset(&errs, 0, sizeof(errs));
	v.origin = c->origin;
	v.arena = &c->arena;
	v.errs = &errs;
	ret = dtw_yaml_parse(&root, &c->arena, text, len, 1, &el, &ec);
	if (ret) {
		dtw_error_setc(ret, "%s:%s", origin, dtw_error_last());
		goto fail;
	}
	if (!root) {
		*out = c;
		return 0;
	}
	if (dtw_vmap(&v, root, "the config"))
		goto fail;
	/* Loading goes on past an error, so that every error of the file
	 * is reported. */
	bad = dtw_vkeys(&v, root, config_keys, "the config");
	if ((x = dtw_ymap_get(root, "schema"))) {
		if (dtw_vstr(&v, x, "schema", &schema)) {
			bad = DTW_EINVALID;
		} else if (!*schema) {
			bad = dtw_verr(&v, x, "schema must name a built-in schema or a file");
		} else {
			c->schema = schema;
			c->schema_line = key_line(root, "schema");
			origin_at(c, x, &c->schema_origin);
		}
	}
	if ((x = dtw_ymap_get(root, "paths"))) {
		int paths_bad = 0;
		if (dtw_vstrlist(&v, x, "paths", &paths, &npaths)) {
			paths_bad = DTW_EINVALID;
			npaths = 0;
		} else if (!npaths) {
			paths_bad = dtw_verr(&v, x, "paths must name at least one pattern");
		}
		for (i = 0; i < npaths; i++) {
			if (!*paths[i] || paths[i][0] == '/' || strstr(paths[i], ".."))
				paths_bad = dtw_verr(&v, x->kind == DTW_Y_SEQ ? x->items[i] : x,
						     "path pattern \"%s\" must be relative to the repository root",
						     paths[i]);
		}
		if (paths_bad) {
			bad = paths_bad;
		} else {
			c->paths = paths;
			c->npaths = npaths;
			c->paths_line = key_line(root, "paths");
		}
	}
	if ((x = dtw_ymap_get(root, "patterns")) && load_patterns(&v, c, x, known_rule))
		bad = DTW_EINVALID;
	if ((x = dtw_ymap_get(root, "rules")) &&
	    load_rules(&v, c, x, dtw_ymap_get(root, "patterns"), known_rule))
		bad = DTW_EINVALID;
	if ((x = dtw_ymap_get(root, "release")) && load_release(&v, c, x))
		bad = DTW_EINVALID;
	if ((x = dtw_ymap_get(root, "links")) && load_links(&v, c, x))
		bad = DTW_EINVALID;
	if (bad)
		goto fail;
	dtw_verrs_finish(&errs);
	*out = c;
	return 0;
fail:
	dtw_verrs_finish(&errs);
	dtw_config_free(c);
	return ret ? ret : DTW_EINVALID;
}

/* One error of the config against the schema, at LINE:COL of the config:
 * gathered in `errs` (see dtw_verrs_finish) and set as the last error. */
static int fit_err(struct dtw_verrs *errs, const struct dtw_config *cfg, uint32_t line,
		   uint32_t col, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int fit_err(struct dtw_verrs *errs, const struct dtw_config *cfg, uint32_t line,
		   uint32_t col, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	struct dtw_verr_entry *x;
	va_list ap;
	size_t i;

	strbuf_addf(&sb, "%s:%u:%u: ", cfg->origin ? cfg->origin : ".dtw.yaml", (unsigned)line,
		    (unsigned)col);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	dtw_error_setc(DTW_EINVALID, "%s", sb.buf);
	/* One error a line, as dtw_verr keeps them. */
	for (i = sb.len; i-- > 0;)
		if (sb.buf[i] == '\n' || sb.buf[i] == '\r')
			sb.buf[i] = ' ';
	ALLOC_GROW(errs->v, errs->n + 1, errs->alloc);
	x = &errs->v[errs->n];
	x->line = line;
	x->col = col;
	x->seq = errs->n++;
	x->msg = strbuf_detach(&sb, NULL);
	return DTW_EINVALID;
}

/* The enum values of status key k, as "a, b, c", into sb. */
static void add_values(struct strbuf *sb, const struct dtw_fm_key *k)
{
	size_t m;
	for (m = 0; m < k->nvalues; m++)
		strbuf_addf(sb, "%s%s", m ? ", " : "", k->values[m]);
}

int dtw_config_fit_schema(struct dtw_config *cfg, const struct dtw_schema *schema)
{
	const struct dtw_fm_key *k = dtw_schema_role_def(schema, DTW_ROLE_STATUS);
	struct strbuf allowed = STRBUF_INIT;
	struct dtw_verrs errs;
	size_t i;
	int bad = 0;

	memset(&errs, 0, sizeof(errs));
	if (k && k->type == DTW_FM_ENUM)
		add_values(&allowed, k);
	/* A pattern scoped to a field names one the schema declares. */
	for (i = 0; i < cfg->npatterns; i++) {
		const struct dtw_pattern *p = &cfg->patterns[i];
		size_t a, b2, c2;
		int found = 0;
		if (!p->field)
			continue;
		for (a = 0; a < schema->nsections && !found; a++) {
			const struct dtw_section_def *d = &schema->sections[a];
			for (b2 = 0; b2 < d->nfields && !found; b2++) {
				found = dtw_eq_nocase(d->fields[b2].label, strlen(d->fields[b2].label),
						      p->field, strlen(p->field));
				for (c2 = 0; c2 < d->fields[b2].naliases && !found; c2++)
					found = dtw_eq_nocase(d->fields[b2].aliases[c2],
							      strlen(d->fields[b2].aliases[c2]),
							      p->field, strlen(p->field));
			}
		}
		if (!found)
			bad = fit_err(&errs, cfg, p->field_line, p->field_col,
				      "pattern \"%s\" is scoped to field \"%s\", which no section of the schema has",
				      p->id, p->field);
	}
	/* A per-status severity names a status the schema allows. */
	for (i = 0; i < cfg->nrules; i++) {
		const struct dtw_rule_setting *rs = &cfg->rules[i];
		size_t j, m;
		for (j = 0; j < rs->nby_status; j++) {
			const struct dtw_status_severity *b = &rs->by_status[j];
			int ok = 0;
			if (!k) {
				bad = fit_err(&errs, cfg, b->line, b->col,
					      "rule \"%s\" has a severity for status \"%s\", but the schema has no status key",
					      rs->rule, b->status);
				continue;
			}
			if (k->type != DTW_FM_ENUM)
				continue;
			for (m = 0; m < k->nvalues && !ok; m++)
				ok = !strcmp(k->values[m], b->status);
			if (!ok)
				bad = fit_err(&errs, cfg, b->line, b->col,
					      "rule \"%s\": \"%s\" is not a status the schema allows (%s, or default)",
					      rs->rule, b->status, allowed.buf);
		}
	}
	if (!k) {
		if (!cfg->release_status_line)
			cfg->release_status = "";
	} else if (*cfg->release_status && cfg->release_status_line && k->type == DTW_FM_ENUM) {
		int ok = 0;
		for (i = 0; i < k->nvalues && !ok; i++)
			ok = !strcmp(k->values[i], cfg->release_status);
		if (!ok)
			bad = fit_err(&errs, cfg, cfg->release_status_line, cfg->release_status_col,
				      "release.require_status \"%s\" is not a status the schema allows (%s)",
				      cfg->release_status, allowed.buf);
	}
	strbuf_release(&allowed);
	dtw_verrs_finish(&errs);
	return bad;
}

int dtw_schema_name_is_path(const char *name)
{
	size_t n = strlen(name);
	return strchr(name, '/') || (n > 5 && !strcmp(name + n - 5, ".yaml")) ||
	       (n > 4 && !strcmp(name + n - 4, ".yml"));
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

	if (!dtw_schema_name_is_path(name)) {
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
			long near = dtw_suggest(name, dtw_builtin_schema_names,
						dtw_builtin_schema_count);
			if (near >= 0)
				r = dtw_error_setc(DTW_ENOTFOUND,
						   "unknown schema \"%s\": not built in (did you mean \"%s\"?) and no schemas/%s.yaml",
						   name, dtw_builtin_schema_names[near], name);
			else
				r = dtw_error_setc(DTW_ENOTFOUND,
						   "unknown schema \"%s\": not built in and no schemas/%s.yaml",
						   name, name);
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

enum dtw_severity dtw_rule_setting_for(const struct dtw_rule_setting *s, const char *status)
{
	size_t i;
	if (status)
		for (i = 0; i < s->nby_status; i++)
			if (!strcmp(s->by_status[i].status, status))
				return s->by_status[i].severity;
	return s->severity;
}

int dtw_rule_setting_names(const struct dtw_rule_setting *s, const char *status)
{
	size_t i;
	if (s->has_default)
		return 1;
	if (status)
		for (i = 0; i < s->nby_status; i++)
			if (!strcmp(s->by_status[i].status, status))
				return 1;
	return 0;
}
