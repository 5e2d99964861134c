/* Schema stage: turns a schema's YAML into struct dtw_schema, refusing
 * anything it does not understand with the file, line and column. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "schema.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/strutil.h"
#include "base/xalloc.h"
#include "schema/validate.h"
#include "base/banned.h"

static const char *const schema_keys[] = {
	"name", "description", "front_matter", "intro", "outro", "limits",
	"links", "headings", "extra_sections", "link_repeat", "sections", NULL };
static const char *const heading_keys[] = { "section", "item", NULL };
static const char *const link_repeat_keys[] = { "window", NULL };
static const char *const group_keys[] = { "titles", "others", NULL };
/* Indexed by enum dtw_others. */
static const char *const others_modes[] = { "error", "warning", "allow", NULL };
static const char *const links_keys[] = { "schemes", NULL };
static const char *const section_link_keys[] = { "required", "schemes", NULL };
static const char *const fm_keys[] = {
	"type", "required", "min", "max", "min_length", "max_length",
	"values", "default", "role", NULL };
static const char *const fm_syntaxes[] = { "yaml", "pelican", NULL };
static const char *const fm_types[] = {
	"string", "integer", "date", "enum", "list", "bool", NULL };
/* Indexed by enum dtw_fm_role. */
static const char *const fm_roles[] = { "number", "date", "title", "status", NULL };

static unsigned char ascii_lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* The first byte of a title as titles compare (space and U+FE0F before
 * it skipped, in lower case), or 0 for an empty one. */
static unsigned char title_first(const char *t, size_t len)
{
	dtw_trim(&t, &len);
	while (len >= 3 && !memcmp(t, "\xEF\xB8\x8F", 3)) {
		t += 3;
		len -= 3;
	}
	return len ? ascii_lower((unsigned char)*t) : 0;
}

static void note_first(struct dtw_schema *s, const char *t)
{
	unsigned char c = title_first(t, strlen(t));
	s->title_first[c >> 3] |= (unsigned char)(1u << (c & 7));
}

/* A key that plays `role` must hold what dtw reads from it. */
static int role_fits(enum dtw_fm_role role, enum dtw_fm_type type)
{
	switch (role) {
	case DTW_ROLE_NUMBER:
		return type == DTW_FM_INTEGER;
	case DTW_ROLE_DATE:
		return type == DTW_FM_DATE;
	case DTW_ROLE_TITLE:
		return type == DTW_FM_STRING;
	case DTW_ROLE_STATUS:
		return type == DTW_FM_STRING || type == DTW_FM_ENUM;
	case DTW_NROLES:
		break;
	}
	return 0;
}

/* The key's `role:`, when it has one. */
static int load_role(const struct dtw_vctx *v, struct dtw_schema *s,
		     const struct dtw_fm_key *f, const struct dtw_ynode *x)
{
	static const char *const wants[DTW_NROLES] = { "an integer", "a date", "a string",
						       "a string or enum" };
	int r = 0;
	if (dtw_vchoice(v, x, "role", fm_roles, &r) || r < 0 || r >= DTW_NROLES)
		return DTW_EINVALID;
	if (s->role_keys[r])
		return dtw_verr(v, x, "role \"%s\" is already key \"%s\"'s", fm_roles[r],
				s->role_keys[r]);
	if (!role_fits((enum dtw_fm_role)r, f->type))
		return dtw_verr(v, x, "key \"%s\" plays role \"%s\", so it must be %s key",
				f->name, fm_roles[r], wants[r]);
	s->role_keys[r] = f->name;
	return 0;
}
static const char *const text_keys[] = {
	"required", "min_words", "max_words", "pattern", NULL };
static const char *const limit_keys[] = {
	"title_max_chars", "item_max_words", "allow_unknown_front_matter", NULL };
static const char *const section_keys[] = {
	"id", "title", "aliases", "emoji", "level", "required", "items", "groups",
	"skip_items", "min_items", "max_items", "fields", "link", "cta", "max_words",
	"rules", NULL };
static const char *const item_styles[] = { "heading", "list", "none", NULL };
static const char *const link_modes[] = { "required", "optional", NULL };
static const char *const field_keys[] = {
	"label", "aliases", "required", "why", "list", "min_words",
	"max_words", NULL };
static const char *const cta_keys[] = { "texts", "required", NULL };

/* A list of URL schemes: each a letter, then letters, digits, "+", "-"
 * or "." (RFC 3986), written in lower case, without its ":". */
static int load_schemes(const struct dtw_vctx *v, const struct dtw_ynode *x,
			const char ***out, size_t *n)
{
	size_t i, k;
	if (dtw_vstrlist(v, x, "schemes", out, n))
		return DTW_EINVALID;
	if (!*n)
		return dtw_verr(v, x, "schemes is empty: name at least one (https)");
	for (i = 0; i < *n; i++) {
		const char *sc = (*out)[i];
		const struct dtw_ynode *at = x->kind == DTW_Y_SEQ ? x->items[i] : x;
		int ok = sc[0] >= 'a' && sc[0] <= 'z';
		for (k = 1; ok && sc[k]; k++)
			ok = (sc[k] >= 'a' && sc[k] <= 'z') || (sc[k] >= '0' && sc[k] <= '9') ||
			     sc[k] == '+' || sc[k] == '-' || sc[k] == '.';
		if (!ok)
			return dtw_verr(v, at, "\"%s\" is not a URL scheme: a letter, then letters, digits, +, - or ., in lower case and without the \":\"",
					sc);
	}
	return 0;
}

static int scheme_in(const char *const *list, size_t n, const char *scheme, size_t len)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (dtw_eq_nocase(list[i], strlen(list[i]), scheme, len))
			return 1;
	return 0;
}

int dtw_schema_scheme_ok(const struct dtw_schema *s, const struct dtw_section_def *sec,
			 int in_item, const char *scheme, size_t len)
{
	static const char *const web[] = { "https", "http" };
	static const char *const anywhere[] = { "https", "http", "mailto" };
	if (in_item)
		return sec && sec->link_schemes ?
		       scheme_in(sec->link_schemes, sec->nlink_schemes, scheme, len) :
		       scheme_in(web, 2, scheme, len);
	if (sec && sec->link_schemes && scheme_in(sec->link_schemes, sec->nlink_schemes, scheme, len))
		return 1;
	return s->link_schemes ? scheme_in(s->link_schemes, s->nlink_schemes, scheme, len) :
	       scheme_in(anywhere, 3, scheme, len);
}

/* Loading goes on past an error, so that every error of the file is
 * reported: `bad` remembers that one was. */
#define CHECK(e) do { if (e) bad = DTW_EINVALID; } while (0)

static int load_fm_key(const struct dtw_vctx *v, struct dtw_schema *s, struct dtw_fm_key *f,
		       const struct dtw_ynode *d)
{
	const struct dtw_ynode *x;
	int t, bad = 0;
	size_t m;

	if (dtw_vmap(v, d, "a front-matter key"))
		return DTW_EINVALID;
	bad = dtw_vkeys(v, d, fm_keys, "a front-matter key");
	if (!(x = dtw_ymap_get(d, "type")))
		return bad ? bad : dtw_verr(v, d, "front-matter key \"%s\" needs a type", f->name);
	if (dtw_vchoice(v, x, "type", fm_types, &t))
		return DTW_EINVALID;
	f->type = (enum dtw_fm_type)t;
	if ((x = dtw_ymap_get(d, "required")))
		CHECK(dtw_vbool(v, x, "required", &f->required));
	if ((x = dtw_ymap_get(d, "min"))) {
		if (f->type != DTW_FM_INTEGER && f->type != DTW_FM_LIST)
			bad = dtw_verr(v, x, "min applies to integer and list keys only");
		else if (dtw_vint(v, x, "min", &f->min))
			bad = DTW_EINVALID;
		else
			f->has_min = 1;
	}
	if ((x = dtw_ymap_get(d, "max"))) {
		if (f->type != DTW_FM_INTEGER && f->type != DTW_FM_LIST)
			bad = dtw_verr(v, x, "max applies to integer and list keys only");
		else if (dtw_vint(v, x, "max", &f->max))
			bad = DTW_EINVALID;
		else
			f->has_max = 1;
	}
	if (f->has_min && f->has_max && f->min > f->max)
		bad = dtw_verr(v, dtw_ymap_get(d, "max"), "max is below min");
	if ((x = dtw_ymap_get(d, "min_length")))
		CHECK(dtw_vuint(v, x, "min_length", &f->min_length));
	if ((x = dtw_ymap_get(d, "max_length")))
		CHECK(dtw_vuint(v, x, "max_length", &f->max_length));
	if ((x = dtw_ymap_get(d, "values"))) {
		if (f->type != DTW_FM_ENUM)
			bad = dtw_verr(v, x, "values applies to enum keys only");
		else if (dtw_vstrlist(v, x, "values", &f->values, &f->nvalues))
			bad = DTW_EINVALID;
		else if (!f->nvalues)
			bad = dtw_verr(v, d, "enum key \"%s\" needs values", f->name);
	} else if (f->type == DTW_FM_ENUM) {
		bad = dtw_verr(v, d, "enum key \"%s\" needs values", f->name);
	}
	if ((x = dtw_ymap_get(d, "role")))
		CHECK(load_role(v, s, f, x));
	if ((x = dtw_ymap_get(d, "default"))) {
		if (dtw_vstr(v, x, "default", &f->default_value)) {
			bad = DTW_EINVALID;
		} else if (f->type == DTW_FM_ENUM && f->nvalues) {
			int ok = 0;
			for (m = 0; m < f->nvalues; m++)
				ok |= !strcmp(f->values[m], f->default_value);
			if (!ok)
				bad = dtw_verr(v, x, "default \"%s\" is not one of the values",
					       f->default_value);
		}
	}
	return bad;
}

static int load_fm(const struct dtw_vctx *v, struct dtw_schema *s,
		   const struct dtw_ynode *map)
{
	size_t i, m;
	int t, bad = 0;
	if (dtw_vmap(v, map, "front_matter"))
		return DTW_EINVALID;
	s->fm = dtw_arena_alloc(v->arena, (map->n + 1) * sizeof(*s->fm));
	s->nfm = 0;
	for (i = 0; i < map->n; i++) {
		const struct dtw_ynode *k = map->pairs[i].key, *d = map->pairs[i].val;
		struct dtw_fm_key *f = &s->fm[s->nfm];
		int dup = 0;
		if (k->kind != DTW_Y_SCALAR) {
			bad = dtw_verr(v, k, "front_matter keys must be plain names");
			continue;
		}
		/* syntax: a scalar is how the front matter is written; a
		 * mapping would declare a key of that name. */
		if (!strcmp(k->value, "syntax") && d->kind == DTW_Y_SCALAR) {
			if (dtw_vchoice(v, d, "front_matter.syntax", fm_syntaxes, &t))
				bad = DTW_EINVALID;
			else
				s->fm_syntax = (enum dtw_fm_syntax)t;
			continue;
		}
		for (m = 0; m < s->nfm; m++)
			dup |= !strcmp(s->fm[m].name, k->value);
		if (dup) {
			bad = dtw_verr(v, k, "front-matter key \"%s\" declared twice", k->value);
			continue;
		}
		f->name = k->value;
		s->nfm++;
		CHECK(load_fm_key(v, s, f, d));
	}
	/* Pelican reads its keys in lower case: a key declared otherwise
	 * would never be found. */
	for (i = 0; s->fm_syntax == DTW_FM_SYNTAX_PELICAN && i < map->n; i++) {
		const struct dtw_ynode *k = map->pairs[i].key;
		const char *c;
		if (k->kind != DTW_Y_SCALAR || map->pairs[i].val->kind == DTW_Y_SCALAR)
			continue;
		for (c = k->value; *c; c++)
			if (*c >= 'A' && *c <= 'Z') {
				bad = dtw_verr(v, k, "front-matter key \"%s\": Pelican metadata keys are read in lower case; declare it in lower case",
					       k->value);
				break;
			}
	}
	return bad;
}

/* A regular expression of the schema, compiled (UTF, Unicode classes). */
static int load_regex(const struct dtw_vctx *v, const struct dtw_ynode *x, const char *what,
		      const char **src, struct pcre2_real_code_8 **out)
{
	int err;
	PCRE2_SIZE off;
	if (dtw_vstr(v, x, what, src))
		return DTW_EINVALID;
	*out = (struct pcre2_real_code_8 *)pcre2_compile(
		(PCRE2_SPTR)*src, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
	if (!*out) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(err, msg, sizeof(msg));
		return dtw_verr(v, x, "%s does not compile: %s (at offset %zu)", what,
				(const char *)msg, (size_t)off);
	}
	return 0;
}

static int load_text(const struct dtw_vctx *v, struct dtw_text_def *t,
		     const struct dtw_ynode *map, const char *what, int patterns)
{
	const struct dtw_ynode *x;
	int bad = 0;
	if (dtw_vmap(v, map, what))
		return DTW_EINVALID;
	CHECK(dtw_vkeys(v, map, text_keys, what));
	if ((x = dtw_ymap_get(map, "required")))
		CHECK(dtw_vbool(v, x, "required", &t->required));
	if ((x = dtw_ymap_get(map, "min_words")))
		CHECK(dtw_vuint(v, x, "min_words", &t->min_words));
	if ((x = dtw_ymap_get(map, "max_words")))
		CHECK(dtw_vuint(v, x, "max_words", &t->max_words));
	if ((x = dtw_ymap_get(map, "pattern"))) {
		if (!patterns)
			bad = dtw_verr(v, x, "pattern applies to the outro only");
		else
			CHECK(load_regex(v, x, "pattern", &t->pattern_src, &t->pattern));
	}
	return bad;
}

static const char *join_heading(struct dtw_arena *a, const char *emoji,
				const char *title)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;
	if (emoji && *emoji)
		strbuf_addf(&sb, "%s ", emoji);
	strbuf_addstr(&sb, title);
	r = dtw_arena_strndup(a, sb.buf, sb.len);
	strbuf_release(&sb);
	return r;
}

static int load_field(const struct dtw_vctx *v, struct dtw_field_def *f,
		      const struct dtw_ynode *d)
{
	const struct dtw_ynode *x;
	int bad = 0;
	f->label = "";
	f->required = 1;
	if (dtw_vmap(v, d, "a field"))
		return DTW_EINVALID;
	bad = dtw_vkeys(v, d, field_keys, "a field");
	if (!(x = dtw_ymap_get(d, "label"))) {
		bad = bad ? bad : dtw_verr(v, d, "a field needs a label");
	} else if (dtw_vstr(v, x, "label", &f->label)) {
		f->label = "";
		bad = DTW_EINVALID;
	} else if (!*f->label || f->label[strlen(f->label) - 1] != ':') {
		bad = dtw_verr(v, x, "label \"%s\" must end with a colon", f->label);
	}
	if ((x = dtw_ymap_get(d, "aliases"))) {
		size_t i;
		if (dtw_vstrlist(v, x, "aliases", &f->aliases, &f->naliases))
			bad = DTW_EINVALID;
		for (i = 0; i < f->naliases; i++)
			if (!*f->aliases[i] || f->aliases[i][strlen(f->aliases[i]) - 1] != ':')
				bad = dtw_verr(v, x->kind == DTW_Y_SEQ ? x->items[i] : x,
					       "alias \"%s\" must end with a colon", f->aliases[i]);
	}
	if ((x = dtw_ymap_get(d, "required")))
		CHECK(dtw_vbool(v, x, "required", &f->required));
	if ((x = dtw_ymap_get(d, "why")))
		CHECK(dtw_vbool(v, x, "why", &f->why));
	if ((x = dtw_ymap_get(d, "list")))
		CHECK(dtw_vbool(v, x, "list", &f->list));
	if ((x = dtw_ymap_get(d, "min_words")))
		CHECK(dtw_vuint(v, x, "min_words", &f->min_words));
	if ((x = dtw_ymap_get(d, "max_words")))
		CHECK(dtw_vuint(v, x, "max_words", &f->max_words));
	return bad;
}

static int (*rule_known)(const char *id);

void dtw_schema_set_rule_check(int (*known)(const char *id))
{
	rule_known = known;
}

static const char *const severities[] = { "error", "warning", "off", NULL };

/* rules: { RULE: error | warning | off, ... } */
static int load_section_rules(const struct dtw_vctx *v, struct dtw_section_def *sec,
			      const struct dtw_ynode *x)
{
	size_t i, j;
	int bad = 0;
	if (dtw_vmap(v, x, "rules"))
		return DTW_EINVALID;
	sec->rules = dtw_arena_alloc(v->arena, (x->n + 1) * sizeof(*sec->rules));
	for (i = 0; i < x->n; i++) {
		const struct dtw_ynode *k = x->pairs[i].key;
		int sev, dup = 0;
		if (k->kind != DTW_Y_SCALAR || (rule_known && !rule_known(k->value))) {
			bad = dtw_verr(v, k, "unknown rule \"%s\" (dtw rules lists them)",
				       k->kind == DTW_Y_SCALAR ? k->value : "?");
			continue;
		}
		for (j = 0; j < sec->nrules; j++)
			dup |= !strcmp(sec->rules[j].rule, k->value);
		if (dup) {
			bad = dtw_verr(v, k, "rule \"%s\" given twice", k->value);
			continue;
		}
		if (dtw_vchoice(v, x->pairs[i].val, "a rule's severity", severities, &sev)) {
			bad = DTW_EINVALID;
			continue;
		}
		sec->rules[sec->nrules].rule = k->value;
		sec->rules[sec->nrules].severity = sev == 0 ? DTW_SEV_ERROR :
						   sev == 1 ? DTW_SEV_WARNING : DTW_SEV_OFF;
		sec->nrules++;
	}
	return bad;
}

/* groups: { titles: [...], others: allow | warning | error } */
static int load_groups(const struct dtw_vctx *v, struct dtw_section_def *sec,
		       const struct dtw_ynode *x)
{
	const struct dtw_ynode *y;
	size_t i, j;
	int k, bad = 0;
	if (dtw_vmap(v, x, "groups"))
		return DTW_EINVALID;
	CHECK(dtw_vkeys(v, x, group_keys, "groups"));
	sec->groups_others = DTW_OTHERS_ALLOW;
	if ((y = dtw_ymap_get(x, "titles"))) {
		if (dtw_vstrlist(v, y, "titles", &sec->groups, &sec->ngroups)) {
			bad = DTW_EINVALID;
			sec->ngroups = 0;
		}
		for (i = 0; i < sec->ngroups; i++) {
			const struct dtw_ynode *at = y->kind == DTW_Y_SEQ ? y->items[i] : y;
			if (!*sec->groups[i])
				bad = dtw_verr(v, at, "a group title is empty");
			for (j = 0; j < i; j++)
				if (dtw_title_eq(sec->groups[i], strlen(sec->groups[i]),
						 sec->groups[j], strlen(sec->groups[j]))) {
					bad = dtw_verr(v, at, "group \"%s\" is listed twice",
						       sec->groups[i]);
					break;
				}
		}
		/* Listed titles: an unlisted one is a mistake unless said. */
		sec->groups_others = DTW_OTHERS_ERROR;
	}
	if ((y = dtw_ymap_get(x, "others"))) {
		if (dtw_vchoice(v, y, "others", others_modes, &k))
			bad = DTW_EINVALID;
		else
			sec->groups_others = (enum dtw_others)k;
	}
	return bad;
}

static int load_level(const struct dtw_vctx *v, const struct dtw_ynode *x, const char *what,
		      int lo, int hi, int *out)
{
	uint32_t n;
	if (dtw_vuint(v, x, what, &n))
		return DTW_EINVALID;
	if (n < (uint32_t)lo || n > (uint32_t)hi)
		return dtw_verr(v, x, "%s must be a heading level from %d to %d, not %u", what, lo,
				hi, (unsigned)n);
	*out = (int)n;
	return 0;
}

/* Whether `title` is already a section's title or alias among the first
 * `n` sections, or (in `self`) one of that section's own. */
static int title_taken(const struct dtw_schema *s, size_t n, const char *title)
{
	size_t i, k, len = strlen(title);
	for (i = 0; i < n; i++) {
		const struct dtw_section_def *d = &s->sections[i];
		if (d->title && dtw_title_eq(title, len, d->title, strlen(d->title)))
			return 1;
		for (k = 0; k < d->naliases; k++)
			if (dtw_title_eq(title, len, d->aliases[k], strlen(d->aliases[k])))
				return 1;
	}
	return 0;
}

static int load_section(const struct dtw_vctx *v, struct dtw_schema *s,
			struct dtw_section_def *sec, const struct dtw_ynode *d)
{
	const struct dtw_ynode *x;
	size_t i, j;
	int k, bad = 0, keys_bad;

	sec->id = sec->title = "";
	sec->groups_others = DTW_OTHERS_ALLOW;
	if (dtw_vmap(v, d, "a section"))
		return DTW_EINVALID;
	/* A missing key may be an unknown one misspelt: that is the error. */
	keys_bad = bad = dtw_vkeys(v, d, section_keys, "a section");
	if (!(x = dtw_ymap_get(d, "id"))) {
		bad = keys_bad ? keys_bad : dtw_verr(v, d, "a section needs an id");
	} else if (dtw_vstr(v, x, "id", &sec->id)) {
		sec->id = "";
		bad = DTW_EINVALID;
	} else {
		for (i = 0; i < s->nsections; i++)
			if (!strcmp(s->sections[i].id, sec->id)) {
				bad = dtw_verr(v, x, "duplicate section id \"%s\"", sec->id);
				break;
			}
	}
	if (!(x = dtw_ymap_get(d, "title"))) {
		bad = keys_bad ? keys_bad : dtw_verr(v, d, "section \"%s\" needs a title", sec->id);
	} else if (dtw_vstr(v, x, "title", &sec->title)) {
		sec->title = "";
		bad = DTW_EINVALID;
	} else if (!*sec->title) {
		bad = dtw_verr(v, x, "section \"%s\" has an empty title", sec->id);
	} else if (title_taken(s, s->nsections, sec->title)) {
		bad = dtw_verr(v, x, "two sections are titled \"%s\"", sec->title);
	}
	if ((x = dtw_ymap_get(d, "aliases"))) {
		if (dtw_vstrlist(v, x, "aliases", &sec->aliases, &sec->naliases)) {
			bad = DTW_EINVALID;
			sec->naliases = 0;
		}
		for (i = 0; i < sec->naliases; i++) {
			const struct dtw_ynode *at = x->kind == DTW_Y_SEQ ? x->items[i] : x;
			int self = dtw_title_eq(sec->aliases[i], strlen(sec->aliases[i]),
						sec->title, strlen(sec->title));
			for (j = 0; j < i; j++)
				self |= dtw_title_eq(sec->aliases[i], strlen(sec->aliases[i]),
						     sec->aliases[j], strlen(sec->aliases[j]));
			if (!*sec->aliases[i])
				bad = dtw_verr(v, at, "an alias of section \"%s\" is empty", sec->id);
			else if (self || title_taken(s, s->nsections, sec->aliases[i]))
				bad = dtw_verr(v, at, "\"%s\" names two sections, or one twice",
					       sec->aliases[i]);
		}
	}
	if ((x = dtw_ymap_get(d, "emoji")))
		CHECK(dtw_vstr(v, x, "emoji", &sec->emoji));
	sec->heading = join_heading(v->arena, sec->emoji, sec->title);
	if ((x = dtw_ymap_get(d, "level")))
		CHECK(load_level(v, x, "level", 1, 6, &sec->level));
	if ((x = dtw_ymap_get(d, "required")))
		CHECK(dtw_vbool(v, x, "required", &sec->required));
	if ((x = dtw_ymap_get(d, "items"))) {
		if (dtw_vchoice(v, x, "items", item_styles, &k))
			bad = DTW_EINVALID;
		else
			sec->items = (enum dtw_item_style)k;
	}
	if ((x = dtw_ymap_get(d, "min_items")))
		CHECK(dtw_vuint(v, x, "min_items", &sec->min_items));
	if ((x = dtw_ymap_get(d, "max_items"))) {
		if (dtw_vuint(v, x, "max_items", &sec->max_items))
			bad = DTW_EINVALID;
		else if (sec->max_items && sec->max_items < sec->min_items)
			bad = dtw_verr(v, x, "max_items is below min_items");
	}
	if ((x = dtw_ymap_get(d, "max_words")))
		CHECK(dtw_vuint(v, x, "max_words", &sec->item_max_words));
	if ((x = dtw_ymap_get(d, "groups")))
		CHECK(load_groups(v, sec, x));
	if ((x = dtw_ymap_get(d, "skip_items"))) {
		if (sec->items != DTW_ITEMS_LIST)
			bad = dtw_verr(v, x, "skip_items applies to a section whose items are a list");
		else
			CHECK(load_regex(v, x, "skip_items", &sec->skip_items_src, &sec->skip_items));
	}
	if ((x = dtw_ymap_get(d, "rules")))
		CHECK(load_section_rules(v, sec, x));
	if ((x = dtw_ymap_get(d, "link")) && x->kind == DTW_Y_MAP) {
		/* link: { required: BOOL, schemes: [...] } */
		const struct dtw_ynode *y;
		CHECK(dtw_vkeys(v, x, section_link_keys, "link"));
		if ((y = dtw_ymap_get(x, "required")))
			CHECK(dtw_vbool(v, y, "required", &sec->link_required));
		if ((y = dtw_ymap_get(x, "schemes")))
			CHECK(load_schemes(v, y, &sec->link_schemes, &sec->nlink_schemes));
	} else if (x) {
		if (dtw_vchoice(v, x, "link", link_modes, &k))
			bad = DTW_EINVALID;
		else
			sec->link_required = k == 0;
	}
	if ((x = dtw_ymap_get(d, "cta"))) {
		const struct dtw_ynode *t;
		if (dtw_vmap(v, x, "cta")) {
			bad = DTW_EINVALID;
		} else {
			int cta_bad = dtw_vkeys(v, x, cta_keys, "cta");
			CHECK(cta_bad);
			if (!(t = dtw_ymap_get(x, "texts")))
				bad = cta_bad ? cta_bad : dtw_verr(v, x, "cta needs texts");
			else if (dtw_vstrlist(v, t, "texts", &sec->cta, &sec->ncta))
				bad = DTW_EINVALID;
			sec->cta_required = 1;
			if ((t = dtw_ymap_get(x, "required")))
				CHECK(dtw_vbool(v, t, "required", &sec->cta_required));
		}
	}
	if ((x = dtw_ymap_get(d, "fields"))) {
		int nwhy = 0;
		if (dtw_vseq(v, x, "fields"))
			return DTW_EINVALID;
		sec->fields = dtw_arena_alloc(v->arena, (x->n + 1) * sizeof(*sec->fields));
		for (i = 0; i < x->n; i++) {
			if (load_field(v, &sec->fields[i], x->items[i])) {
				bad = DTW_EINVALID;
				continue;
			}
			for (j = 0; j < i; j++)
				if (dtw_eq_nocase(sec->fields[j].label, strlen(sec->fields[j].label),
						  sec->fields[i].label, strlen(sec->fields[i].label))) {
					bad = dtw_verr(v, x->items[i], "field \"%s\" declared twice",
						       sec->fields[i].label);
					break;
				}
			if (sec->fields[i].why && ++nwhy > 1)
				bad = dtw_verr(v, x->items[i],
					       "section \"%s\" has more than one why field", sec->id);
		}
		sec->nfields = x->n;
		if (sec->items == DTW_ITEMS_NONE && x->n)
			bad = dtw_verr(v, x, "section \"%s\" has no items (items: none), so no fields",
				       sec->id);
	}
	return bad;
}

/* headings: { section: N, item: M } */
static int load_headings(const struct dtw_vctx *v, struct dtw_schema *s,
			 const struct dtw_ynode *x)
{
	const struct dtw_ynode *y;
	int bad = 0, item_set = 0;
	if (dtw_vmap(v, x, "headings"))
		return DTW_EINVALID;
	CHECK(dtw_vkeys(v, x, heading_keys, "headings"));
	if ((y = dtw_ymap_get(x, "section")))
		CHECK(load_level(v, y, "headings.section", 1, 5, &s->section_level));
	if ((y = dtw_ymap_get(x, "item"))) {
		if (load_level(v, y, "headings.item", 2, 6, &s->item_level))
			bad = DTW_EINVALID;
		else
			item_set = 1;
	}
	if (!item_set)
		s->item_level = s->section_level + 1;
	else if (s->item_level <= s->section_level)
		bad = dtw_verr(v, dtw_ymap_get(x, "item"),
			       "headings.item (%d) must be deeper than headings.section (%d)",
			       s->item_level, s->section_level);
	return bad;
}

/* What the lookups of section titles and rules read: the first bytes of
 * every title and alias, and whether any section has rules. */
static void index_titles(struct dtw_schema *s)
{
	size_t i, a;
	for (i = 0; i < s->nsections; i++) {
		note_first(s, s->sections[i].title ? s->sections[i].title : "");
		for (a = 0; a < s->sections[i].naliases; a++)
			note_first(s, s->sections[i].aliases[a]);
		s->section_rules |= s->sections[i].nrules > 0;
	}
}

/* What is set per section once the whole schema is read: its levels. */
static int finish_sections(const struct dtw_vctx *v, struct dtw_schema *s,
			   const struct dtw_ynode *list)
{
	size_t i;
	int bad = 0;
	s->max_section_level = s->section_level;
	for (i = 0; i < s->nsections; i++) {
		struct dtw_section_def *sec = &s->sections[i];
		if (!sec->level)
			sec->level = s->section_level;
		sec->item_level = sec->level + (s->item_level - s->section_level);
		if (sec->level > s->max_section_level)
			s->max_section_level = sec->level;
		if (sec->items == DTW_ITEMS_HEADING && sec->item_level > 6)
			bad = dtw_verr(v, dtw_ymap_get(list->items[i], "level"),
				       "section \"%s\" at level %d would have its items at level %d; headings go to 6",
				       sec->id, sec->level, sec->item_level);
	}
	return bad;
}

int dtw_schema_load(struct dtw_schema **out, const char *text, size_t len,
		    const char *origin)
{
	struct dtw_schema *s = xcalloc(1, sizeof(*s));
	struct dtw_ynode *root, *x;
	struct dtw_vctx v;
	struct dtw_verrs errs;
	uint32_t el, ec;
	int ret, k, bad = 0, root_bad;
	size_t i;

	*out = NULL;
	s->origin = dtw_arena_strndup(&s->arena, origin, strlen(origin));
	s->digest = dtw_hash64(text, len);
	s->section_level = 2;
	s->item_level = 3;
	memset(&errs, 0, sizeof(errs));
	v.origin = s->origin;
	v.arena = &s->arena;
	v.errs = &errs;
	ret = dtw_yaml_parse(&root, &s->arena, text, len, 1, &el, &ec);
	if (ret) {
		dtw_error_setc(ret, "%s:%s", origin, dtw_error_last());
		goto fail;
	}
	ret = DTW_EINVALID;
	if (!root) {
		dtw_error_setc(ret, "%s:1:1: the schema is empty", origin);
		goto fail;
	}
	if (dtw_vmap(&v, root, "a schema"))
		goto fail;
	/* A key the schema lacks may be one of the unknown keys misspelt:
	 * that is the one error then. */
	root_bad = dtw_vkeys(&v, root, schema_keys, "the schema");
	CHECK(root_bad);
	if (!(x = dtw_ymap_get(root, "name")))
		bad = root_bad ? root_bad : dtw_verr(&v, root, "the schema needs a name");
	else
		CHECK(dtw_vstr(&v, x, "name", &s->name));
	if ((x = dtw_ymap_get(root, "description")))
		CHECK(dtw_vstr(&v, x, "description", &s->description));
	if ((x = dtw_ymap_get(root, "front_matter")))
		CHECK(load_fm(&v, s, x));
	s->intro.required = s->outro.required = 1;
	if ((x = dtw_ymap_get(root, "intro")))
		CHECK(load_text(&v, &s->intro, x, "intro", 0));
	if ((x = dtw_ymap_get(root, "outro")))
		CHECK(load_text(&v, &s->outro, x, "outro", 1));
	if ((x = dtw_ymap_get(root, "limits"))) {
		const struct dtw_ynode *y;
		if (dtw_vmap(&v, x, "limits")) {
			bad = DTW_EINVALID;
		} else {
			CHECK(dtw_vkeys(&v, x, limit_keys, "limits"));
			if ((y = dtw_ymap_get(x, "title_max_chars")))
				CHECK(dtw_vuint(&v, y, "title_max_chars", &s->title_max_chars));
			if ((y = dtw_ymap_get(x, "item_max_words")))
				CHECK(dtw_vuint(&v, y, "item_max_words", &s->item_max_words));
			if ((y = dtw_ymap_get(x, "allow_unknown_front_matter")))
				CHECK(dtw_vbool(&v, y, "allow_unknown_front_matter",
						&s->fm_allow_unknown));
		}
	}
	if ((x = dtw_ymap_get(root, "links"))) {
		const struct dtw_ynode *y;
		if (dtw_vmap(&v, x, "links")) {
			bad = DTW_EINVALID;
		} else {
			CHECK(dtw_vkeys(&v, x, links_keys, "links"));
			if ((y = dtw_ymap_get(x, "schemes")))
				CHECK(load_schemes(&v, y, &s->link_schemes, &s->nlink_schemes));
		}
	}
	if ((x = dtw_ymap_get(root, "headings")))
		CHECK(load_headings(&v, s, x));
	if ((x = dtw_ymap_get(root, "extra_sections"))) {
		if (dtw_vchoice(&v, x, "extra_sections", others_modes, &k))
			bad = DTW_EINVALID;
		else
			s->extra_sections = (enum dtw_others)k;
	}
	if ((x = dtw_ymap_get(root, "link_repeat"))) {
		const struct dtw_ynode *y;
		if (dtw_vmap(&v, x, "link_repeat")) {
			bad = DTW_EINVALID;
		} else {
			CHECK(dtw_vkeys(&v, x, link_repeat_keys, "link_repeat"));
			if ((y = dtw_ymap_get(x, "window"))) {
				if (dtw_vuint(&v, y, "window", &s->link_repeat_window))
					bad = DTW_EINVALID;
				else if (!s->link_repeat_window)
					bad = dtw_verr(&v, y, "window must be at least 1 (leave it out to look at every release)");
			}
		}
	}
	if (!(x = dtw_ymap_get(root, "sections"))) {
		bad = root_bad ? root_bad : dtw_verr(&v, root, "the schema needs sections");
	} else if (dtw_vseq(&v, x, "sections")) {
		bad = DTW_EINVALID;
	} else if (!x->n) {
		bad = dtw_verr(&v, x, "the schema needs at least one section");
	} else {
		s->sections = dtw_arena_alloc(&s->arena, x->n * sizeof(*s->sections));
		memset(s->sections, 0, x->n * sizeof(*s->sections));
		for (i = 0; i < x->n; i++) {
			CHECK(load_section(&v, s, &s->sections[i], x->items[i]));
			s->nsections++;
		}
		index_titles(s);
		CHECK(finish_sections(&v, s, x));
	}
	if (bad)
		goto fail;
	dtw_verrs_finish(&errs);
	*out = s;
	return 0;
fail:
	dtw_verrs_finish(&errs);
	dtw_schema_free(s);
	return ret ? ret : DTW_EINVALID;
}

void dtw_schema_free(struct dtw_schema *s)
{
	size_t i;
	if (!s)
		return;
	if (s->outro.pattern)
		pcre2_code_free((pcre2_code *)s->outro.pattern);
	for (i = 0; i < s->nsections; i++)
		if (s->sections[i].skip_items)
			pcre2_code_free((pcre2_code *)s->sections[i].skip_items);
	dtw_arena_release(&s->arena);
	free(s);
}

int dtw_title_eq(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;
	/* Most titles differ at their first letter: told before trimming. */
	if (alen && blen && (unsigned char)a[0] > ' ' && (unsigned char)b[0] > ' ' &&
	    (unsigned char)a[0] < 0x80 && (unsigned char)b[0] < 0x80 &&
	    ascii_lower((unsigned char)a[0]) != ascii_lower((unsigned char)b[0]))
		return 0;
	dtw_trim(&a, &alen);
	dtw_trim(&b, &blen);
	for (;;) {
		if (i + 3 <= alen && !memcmp(a + i, "\xEF\xB8\x8F", 3)) {
			i += 3;
			continue;
		}
		if (j + 3 <= blen && !memcmp(b + j, "\xEF\xB8\x8F", 3)) {
			j += 3;
			continue;
		}
		if (i == alen || j == blen)
			return i == alen && j == blen;
		/* A run of blanks is one ("##   📚   Blogs   to Read"). */
		if ((a[i] == ' ' || a[i] == '\t') && (b[j] == ' ' || b[j] == '\t')) {
			while (i < alen && (a[i] == ' ' || a[i] == '\t'))
				i++;
			while (j < blen && (b[j] == ' ' || b[j] == '\t'))
				j++;
			continue;
		}
		if (ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[j]))
			return 0;
		i++;
		j++;
	}
}

const struct dtw_section_def *dtw_schema_section_alias(const struct dtw_schema *s,
						       const char *title, size_t len,
						       int *alias)
{
	size_t i, k;
	unsigned char c = title_first(title, len);
	*alias = 0;
	if (!(s->title_first[c >> 3] & (1u << (c & 7))))
		return NULL;
	for (i = 0; i < s->nsections; i++)
		if (dtw_title_eq(title, len, s->sections[i].title, strlen(s->sections[i].title)))
			return &s->sections[i];
	for (i = 0; i < s->nsections; i++)
		for (k = 0; k < s->sections[i].naliases; k++)
			if (dtw_title_eq(title, len, s->sections[i].aliases[k],
					 strlen(s->sections[i].aliases[k]))) {
				*alias = 1;
				return &s->sections[i];
			}
	return NULL;
}

const struct dtw_section_def *dtw_schema_section(const struct dtw_schema *s,
						 const char *title, size_t len)
{
	int alias;
	return dtw_schema_section_alias(s, title, len, &alias);
}

const char *dtw_schema_group(const struct dtw_section_def *sec, const char *title, size_t len)
{
	size_t i;
	for (i = 0; sec && i < sec->ngroups; i++)
		if (dtw_title_eq(title, len, sec->groups[i], strlen(sec->groups[i])))
			return sec->groups[i];
	return NULL;
}

int dtw_schema_section_rule(const struct dtw_section_def *sec, const char *rule)
{
	size_t i;
	for (i = 0; sec && i < sec->nrules; i++)
		if (!strcmp(sec->rules[i].rule, rule))
			return (int)sec->rules[i].severity;
	return -1;
}

const char *dtw_schema_role_key(const struct dtw_schema *s, enum dtw_fm_role role)
{
	static const char *const defaults[DTW_NROLES] = { "issue", "date", "title", "status" };
	return s && s->role_keys[role] ? s->role_keys[role] : defaults[role];
}

const char *dtw_schema_role_name(enum dtw_fm_role role)
{
	return role < DTW_NROLES ? fm_roles[role] : "";
}

enum dtw_fm_role dtw_schema_key_role(const struct dtw_schema *s, const struct dtw_fm_key *k)
{
	int r;
	for (r = 0; r < DTW_NROLES; r++)
		if (s->role_keys[r] && !strcmp(s->role_keys[r], k->name))
			return (enum dtw_fm_role)r;
	return DTW_NROLES;
}

const struct dtw_fm_key *dtw_schema_role_def(const struct dtw_schema *s, enum dtw_fm_role role)
{
	const char *key = dtw_schema_role_key(s, role);
	size_t i;
	for (i = 0; s && i < s->nfm; i++)
		if (!strcmp(s->fm[i].name, key))
			return &s->fm[i];
	return NULL;
}
