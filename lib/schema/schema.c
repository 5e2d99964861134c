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
	"links", "sections", NULL };
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
	"id", "title", "emoji", "required", "items", "min_items", "max_items",
	"fields", "link", "cta", "max_words", NULL };
static const char *const item_styles[] = { "heading", "list", NULL };
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

static int load_fm(const struct dtw_vctx *v, struct dtw_schema *s,
		   const struct dtw_ynode *map)
{
	size_t i;
	if (dtw_vmap(v, map, "front_matter"))
		return DTW_EINVALID;
	s->fm = dtw_arena_alloc(v->arena, (map->n + 1) * sizeof(*s->fm));
	s->nfm = 0;
	for (i = 0; i < map->n; i++) {
		const struct dtw_ynode *k = map->pairs[i].key, *d = map->pairs[i].val, *x;
		struct dtw_fm_key *f = &s->fm[s->nfm];
		int t;
		size_t m;
		if (k->kind != DTW_Y_SCALAR)
			return dtw_verr(v, k, "front_matter keys must be plain names");
		/* syntax: a scalar is how the front matter is written; a
		 * mapping would declare a key of that name. */
		if (!strcmp(k->value, "syntax") && d->kind == DTW_Y_SCALAR) {
			if (dtw_vchoice(v, d, "front_matter.syntax", fm_syntaxes, &t))
				return DTW_EINVALID;
			s->fm_syntax = (enum dtw_fm_syntax)t;
			continue;
		}

		for (m = 0; m < s->nfm; m++)
			if (!strcmp(s->fm[m].name, k->value))
				return dtw_verr(v, k, "front-matter key \"%s\" declared twice", k->value);
		f->name = k->value;
		s->nfm++;
		if (dtw_vmap(v, d, "a front-matter key") ||
		    dtw_vkeys(v, d, fm_keys, "a front-matter key"))
			return DTW_EINVALID;
		if (!(x = dtw_ymap_get(d, "type")))
			return dtw_verr(v, d, "front-matter key \"%s\" needs a type", f->name);
		if (dtw_vchoice(v, x, "type", fm_types, &t))
			return DTW_EINVALID;
		f->type = (enum dtw_fm_type)t;
		if ((x = dtw_ymap_get(d, "required")) && dtw_vbool(v, x, "required", &f->required))
			return DTW_EINVALID;
		if ((x = dtw_ymap_get(d, "min"))) {
			if (f->type != DTW_FM_INTEGER && f->type != DTW_FM_LIST)
				return dtw_verr(v, x, "min applies to integer and list keys only");
			if (dtw_vint(v, x, "min", &f->min))
				return DTW_EINVALID;
			f->has_min = 1;
		}
		if ((x = dtw_ymap_get(d, "max"))) {
			if (f->type != DTW_FM_INTEGER && f->type != DTW_FM_LIST)
				return dtw_verr(v, x, "max applies to integer and list keys only");
			if (dtw_vint(v, x, "max", &f->max))
				return DTW_EINVALID;
			f->has_max = 1;
		}
		if (f->has_min && f->has_max && f->min > f->max)
			return dtw_verr(v, dtw_ymap_get(d, "max"), "max is below min");
		if ((x = dtw_ymap_get(d, "min_length")) &&
		    dtw_vuint(v, x, "min_length", &f->min_length))
			return DTW_EINVALID;
		if ((x = dtw_ymap_get(d, "max_length")) &&
		    dtw_vuint(v, x, "max_length", &f->max_length))
			return DTW_EINVALID;
		if ((x = dtw_ymap_get(d, "values"))) {
			if (f->type != DTW_FM_ENUM)
				return dtw_verr(v, x, "values applies to enum keys only");
			if (dtw_vstrlist(v, x, "values", &f->values, &f->nvalues))
				return DTW_EINVALID;
		}
		if (f->type == DTW_FM_ENUM && !f->nvalues)
			return dtw_verr(v, d, "enum key \"%s\" needs values", f->name);
		if ((x = dtw_ymap_get(d, "role")) && load_role(v, s, f, x))
			return DTW_EINVALID;
		if ((x = dtw_ymap_get(d, "default"))) {
			if (dtw_vstr(v, x, "default", &f->default_value))
				return DTW_EINVALID;
			if (f->type == DTW_FM_ENUM) {
				int ok = 0;
				for (m = 0; m < f->nvalues; m++)
					ok |= !strcmp(f->values[m], f->default_value);
				if (!ok)
					return dtw_verr(v, x, "default \"%s\" is not one of the values",
							f->default_value);
			}
		}
	}
	/* Pelican reads its keys in lower case: a key declared otherwise
	 * would never be found. */
	for (i = 0; s->fm_syntax == DTW_FM_SYNTAX_PELICAN && i < map->n; i++) {
		const struct dtw_ynode *k = map->pairs[i].key;
		const char *c;
		if (map->pairs[i].val->kind == DTW_Y_SCALAR)
			continue;
		for (c = k->value; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				return dtw_verr(v, k, "front-matter key \"%s\": Pelican metadata keys are read in lower case; declare it in lower case",
						k->value);
	}
	return 0;
}

static int load_text(const struct dtw_vctx *v, struct dtw_text_def *t,
		     const struct dtw_ynode *map, const char *what, int patterns)
{
	const struct dtw_ynode *x;
	if (dtw_vmap(v, map, what) || dtw_vkeys(v, map, text_keys, what))
		return DTW_EINVALID;
	if ((x = dtw_ymap_get(map, "required")) && dtw_vbool(v, x, "required", &t->required))
		return DTW_EINVALID;
	if ((x = dtw_ymap_get(map, "min_words")) && dtw_vuint(v, x, "min_words", &t->min_words))
		return DTW_EINVALID;
	if ((x = dtw_ymap_get(map, "max_words")) && dtw_vuint(v, x, "max_words", &t->max_words))
		return DTW_EINVALID;
	if ((x = dtw_ymap_get(map, "pattern"))) {
		int err;
		PCRE2_SIZE off;
		if (!patterns)
			return dtw_verr(v, x, "pattern applies to the outro only");
		if (dtw_vstr(v, x, "pattern", &t->pattern_src))
			return DTW_EINVALID;
		t->pattern = (struct pcre2_real_code_8 *)pcre2_compile(
			(PCRE2_SPTR)t->pattern_src, PCRE2_ZERO_TERMINATED,
			PCRE2_UTF | PCRE2_UCP, &err, &off, NULL);
		if (!t->pattern) {
			PCRE2_UCHAR msg[256];
			pcre2_get_error_message(err, msg, sizeof(msg));
			return dtw_verr(v, x, "pattern does not compile: %s (at offset %zu)",
					(const char *)msg, (size_t)off);
		}
	}
	return 0;
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
	if (dtw_vmap(v, d, "a field") || dtw_vkeys(v, d, field_keys, "a field"))
		return DTW_EINVALID;
	if (!(x = dtw_ymap_get(d, "label")))
		return dtw_verr(v, d, "a field needs a label");
	if (dtw_vstr(v, x, "label", &f->label))
		return DTW_EINVALID;
	if (!*f->label || f->label[strlen(f->label) - 1] != ':')
		return dtw_verr(v, x, "label \"%s\" must end with a colon", f->label);
	f->required = 1;
	if ((x = dtw_ymap_get(d, "aliases"))) {
		size_t i;
		if (dtw_vstrlist(v, x, "aliases", &f->aliases, &f->naliases))
			return DTW_EINVALID;
		for (i = 0; i < f->naliases; i++)
			if (!*f->aliases[i] || f->aliases[i][strlen(f->aliases[i]) - 1] != ':')
				return dtw_verr(v, x, "alias \"%s\" must end with a colon",
						f->aliases[i]);
	}
	if ((x = dtw_ymap_get(d, "required")) && dtw_vbool(v, x, "required", &f->required))
		return DTW_EINVALID;
	if ((x = dtw_ymap_get(d, "why")) && dtw_vbool(v, x, "why", &f->why))
		return DTW_EINVALID;
	if ((x = dtw_ymap_get(d, "list")) && dtw_vbool(v, x, "list", &f->list))
		return DTW_EINVALID;
	if ((x = dtw_ymap_get(d, "min_words")) && dtw_vuint(v, x, "min_words", &f->min_words))
		return DTW_EINVALID;
	if ((x = dtw_ymap_get(d, "max_words")) && dtw_vuint(v, x, "max_words", &f->max_words))
		return DTW_EINVALID;
	return 0;
}

static int load_section(const struct dtw_vctx *v, struct dtw_schema *s,
			struct dtw_section_def *sec, const struct dtw_ynode *d)
{
	const struct dtw_ynode *x;
	size_t i, j;
	int k;

	if (dtw_vmap(v, d, "a section") || dtw_vkeys(v, d, section_keys, "a section"))
		return DTW_EINVALID;
	if (!(x = dtw_ymap_get(d, "id")))
		return dtw_verr(v, d, "a section needs an id");
	if (dtw_vstr(v, x, "id", &sec->id))
		return DTW_EINVALID;
	for (i = 0; i < s->nsections; i++)
		if (!strcmp(s->sections[i].id, sec->id))
			return dtw_verr(v, x, "duplicate section id \"%s\"", sec->id);
	if (!(x = dtw_ymap_get(d, "title")))
		return dtw_verr(v, d, "section \"%s\" needs a title", sec->id);
	if (dtw_vstr(v, x, "title", &sec->title))
		return DTW_EINVALID;
	if (!*sec->title)
		return dtw_verr(v, x, "section \"%s\" has an empty title", sec->id);
	if (dtw_schema_section(s, sec->title, strlen(sec->title)))
		return dtw_verr(v, x, "two sections are titled \"%s\"", sec->title);
	if ((x = dtw_ymap_get(d, "emoji")) && dtw_vstr(v, x, "emoji", &sec->emoji))
		return DTW_EINVALID;
	sec->heading = join_heading(v->arena, sec->emoji, sec->title);
	if ((x = dtw_ymap_get(d, "required")) && dtw_vbool(v, x, "required", &sec->required))
		return DTW_EINVALID;
	if ((x = dtw_ymap_get(d, "items"))) {
		if (dtw_vchoice(v, x, "items", item_styles, &k))
			return DTW_EINVALID;
		sec->items = (enum dtw_item_style)k;
	}
	if ((x = dtw_ymap_get(d, "min_items")) && dtw_vuint(v, x, "min_items", &sec->min_items))
		return DTW_EINVALID;
	if ((x = dtw_ymap_get(d, "max_items")) && dtw_vuint(v, x, "max_items", &sec->max_items))
		return DTW_EINVALID;
	if (sec->max_items && sec->max_items < sec->min_items)
		return dtw_verr(v, x, "max_items is below min_items");
	if ((x = dtw_ymap_get(d, "max_words")) &&
	    dtw_vuint(v, x, "max_words", &sec->item_max_words))
		return DTW_EINVALID;
	if ((x = dtw_ymap_get(d, "link")) && x->kind == DTW_Y_MAP) {
		/* link: { required: BOOL, schemes: [...] } */
		const struct dtw_ynode *y;
		if (dtw_vkeys(v, x, section_link_keys, "link"))
			return DTW_EINVALID;
		if ((y = dtw_ymap_get(x, "required")) &&
		    dtw_vbool(v, y, "required", &sec->link_required))
			return DTW_EINVALID;
		if ((y = dtw_ymap_get(x, "schemes")) &&
		    load_schemes(v, y, &sec->link_schemes, &sec->nlink_schemes))
			return DTW_EINVALID;
	} else if (x) {
		if (dtw_vchoice(v, x, "link", link_modes, &k))
			return DTW_EINVALID;
		sec->link_required = k == 0;
	}
	if ((x = dtw_ymap_get(d, "cta"))) {
		const struct dtw_ynode *t;
		if (dtw_vmap(v, x, "cta") || dtw_vkeys(v, x, cta_keys, "cta"))
			return DTW_EINVALID;
		if (!(t = dtw_ymap_get(x, "texts")))
			return dtw_verr(v, x, "cta needs texts");
		if (dtw_vstrlist(v, t, "texts", &sec->cta, &sec->ncta))
			return DTW_EINVALID;
		sec->cta_required = 1;
		if ((t = dtw_ymap_get(x, "required")) &&
		    dtw_vbool(v, t, "required", &sec->cta_required))
			return DTW_EINVALID;
	}
	if ((x = dtw_ymap_get(d, "fields"))) {
		int nwhy = 0;
		if (dtw_vseq(v, x, "fields"))
			return DTW_EINVALID;
		sec->fields = dtw_arena_alloc(v->arena, (x->n + 1) * sizeof(*sec->fields));
		for (i = 0; i < x->n; i++) {
			if (load_field(v, &sec->fields[i], x->items[i]))
				return DTW_EINVALID;
			for (j = 0; j < i; j++)
				if (dtw_eq_nocase(sec->fields[j].label, strlen(sec->fields[j].label),
						  sec->fields[i].label, strlen(sec->fields[i].label)))
					return dtw_verr(v, x->items[i], "field \"%s\" declared twice",
							sec->fields[i].label);
			if (sec->fields[i].why && ++nwhy > 1)
				return dtw_verr(v, x->items[i],
						"section \"%s\" has more than one why field", sec->id);
		}
		sec->nfields = x->n;
	}
	return 0;
}

int dtw_schema_load(struct dtw_schema **out, const char *text, size_t len,
		    const char *origin)
{
	struct dtw_schema *s = xcalloc(1, sizeof(*s));
	struct dtw_ynode *root, *x;
	struct dtw_vctx v;
	uint32_t el, ec;
	int ret;
	size_t i;

	*out = NULL;
	s->origin = dtw_arena_strndup(&s->arena, origin, strlen(origin));
	s->digest = dtw_hash64(text, len);
	v.origin = s->origin;
	v.arena = &s->arena;
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
	if (dtw_vmap(&v, root, "a schema") || dtw_vkeys(&v, root, schema_keys, "the schema"))
		goto fail;
	if (!(x = dtw_ymap_get(root, "name"))) {
		dtw_verr(&v, root, "the schema needs a name");
		goto fail;
	}
	if (dtw_vstr(&v, x, "name", &s->name))
		goto fail;
	if ((x = dtw_ymap_get(root, "front_matter")) && load_fm(&v, s, x))
		goto fail;
	s->intro.required = s->outro.required = 1;
	if ((x = dtw_ymap_get(root, "intro")) && load_text(&v, &s->intro, x, "intro", 0))
		goto fail;
	if ((x = dtw_ymap_get(root, "outro")) && load_text(&v, &s->outro, x, "outro", 1))
		goto fail;
	if ((x = dtw_ymap_get(root, "limits"))) {
		const struct dtw_ynode *y;
		if (dtw_vmap(&v, x, "limits") || dtw_vkeys(&v, x, limit_keys, "limits"))
			goto fail;
		if ((y = dtw_ymap_get(x, "title_max_chars")) &&
		    dtw_vuint(&v, y, "title_max_chars", &s->title_max_chars))
			goto fail;
		if ((y = dtw_ymap_get(x, "item_max_words")) &&
		    dtw_vuint(&v, y, "item_max_words", &s->item_max_words))
			goto fail;
		if ((y = dtw_ymap_get(x, "allow_unknown_front_matter")) &&
		    dtw_vbool(&v, y, "allow_unknown_front_matter", &s->fm_allow_unknown))
			goto fail;
	}
	if ((x = dtw_ymap_get(root, "links"))) {
		const struct dtw_ynode *y;
		if (dtw_vmap(&v, x, "links") || dtw_vkeys(&v, x, links_keys, "links"))
			goto fail;
		if ((y = dtw_ymap_get(x, "schemes")) &&
		    load_schemes(&v, y, &s->link_schemes, &s->nlink_schemes))
			goto fail;
	}
	if (!(x = dtw_ymap_get(root, "sections"))) {
		dtw_verr(&v, root, "the schema needs sections");
		goto fail;
	}
	if (dtw_vseq(&v, x, "sections"))
		goto fail;
	if (!x->n) {
		dtw_verr(&v, x, "the schema needs at least one section");
		goto fail;
	}
	s->sections = dtw_arena_alloc(&s->arena, x->n * sizeof(*s->sections));
	for (i = 0; i < x->n; i++) {
		if (load_section(&v, s, &s->sections[i], x->items[i]))
			goto fail;
		s->nsections++;
	}
	*out = s;
	return 0;
fail:
	dtw_schema_free(s);
	return ret ? ret : DTW_EINVALID;
}

void dtw_schema_free(struct dtw_schema *s)
{
	if (!s)
		return;
	if (s->outro.pattern)
		pcre2_code_free((pcre2_code *)s->outro.pattern);
	dtw_arena_release(&s->arena);
	free(s);
}

/* Compares titles ignoring case, surrounding space and U+FE0F. */
static int title_eq(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;
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
		if (!dtw_eq_nocase(a + i, 1, b + j, 1))
			return 0;
		i++;
		j++;
	}
}

const struct dtw_section_def *dtw_schema_section(const struct dtw_schema *s,
						 const char *title, size_t len)
{
	size_t i;
	for (i = 0; i < s->nsections; i++)
		if (title_eq(title, len, s->sections[i].title,
			     strlen(s->sections[i].title)))
			return &s->sections[i];
	return NULL;
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
