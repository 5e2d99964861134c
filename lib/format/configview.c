/* The view of dtw config (see configview.h). Written whole into memory,
 * then through the escaping writer: the paths and names in the comments
 * come from the user's files. */
#include "format/configview.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "format/out.h"
#include "rules/rules.h"
#include "base/banned.h"

static const char *fm_type_name(enum dtw_fm_type t)
{
	switch (t) {
	case DTW_FM_STRING: return "string";
	case DTW_FM_INTEGER: return "integer";
	case DTW_FM_DATE: return "date";
	case DTW_FM_ENUM: return "enum";
	case DTW_FM_LIST: return "list";
	case DTW_FM_BOOL: return "bool";
	}
	return "?";
}

/* A YAML double-quoted scalar: a control character, invalid UTF-8 and the
 * code points no output carries as they are (dtw_cp_hidden) as YAML's own
 * escapes, so the value reads back the same and the writer has nothing
 * left to escape. */
static void put_quoted(FILE *o, const char *s)
{
	size_t len = strlen(s), i = 0, adv;
	fputc('"', o);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		if (c == '"' || c == '\\') {
			fprintf(o, "\\%c", c);
			i++;
		} else if (c < 0x20 || c == 0x7F) {
			fprintf(o, "\\x%02X", c);
			i++;
		} else if (c < 0x80) {
			fputc(c, o);
			i++;
		} else if ((cp = dtw_utf8_decode(s + i, len - i, &adv)) < 0) {
			fputs("\\uFFFD", o); /* one per invalid byte */
			i++;
		} else {
			if (dtw_cp_hidden(cp))
				fprintf(o, cp > 0xFFFF ? "\\U%08X" : "\\u%04X", (unsigned)cp);
			else
				fwrite(s + i, 1, adv, o);
			i += adv;
		}
	}
	fputc('"', o);
}

/* fprintf for a line of the output: what the arguments hold (paths,
 * names, ids from the user's files) is escaped as one line, so only the
 * format's own leading and trailing line feeds end lines. */
static void put(FILE *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(FILE *o, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT, esc = STRBUF_INIT;
	size_t lead = strspn(fmt, "\n"), n = strlen(fmt);
	int trail = n > lead && fmt[n - 1] == '\n';
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	while (lead--)
		strbuf_addch(&esc, '\n');
	dtw_escape(&esc, sb.buf + strspn(fmt, "\n"),
		   sb.len - strspn(fmt, "\n") - (size_t)trail);
	if (trail)
		strbuf_addch(&esc, '\n');
	fwrite(esc.buf, 1, esc.len, o);
	strbuf_release(&esc);
	strbuf_release(&sb);
}

static void put_list(FILE *o, const char *const *v, size_t n)
{
	size_t i;
	fputc('[', o);
	for (i = 0; i < n; i++) {
		if (i)
			fputs(", ", o);
		put_quoted(o, v[i]);
	}
	fputc(']', o);
}

/* A mapping key or an id as YAML takes it back: plain when it is a
 * simple name, else quoted. */
static void put_name(FILE *o, const char *s)
{
	size_t n = strlen(s);
	if (n && s[0] != '-' && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				     "0123456789_-") == n)
		fputs(s, o);
	else
		put_quoted(o, s);
}

/* The comment that ends a setting's line: where the config set it
 * (FILE:LINE), or "default". */
static void put_origin(FILE *o, const struct dtw_config *c, uint32_t line)
{
	if (line)
		put(o, "  # %s:%u\n", c->origin, (unsigned)line);
	else
		fputs("  # default\n", o);
}

/* A rule's severity as the config writes it: one, or one per status. */
static void put_setting(FILE *o, const struct dtw_rule_setting *rs)
{
	size_t j;
	fputc('{', o);
	for (j = 0; j < rs->nby_status; j++) {
		fputs(j ? ", " : " ", o);
		put_name(o, rs->by_status[j].status);
		put(o, ": %s", dtw_severity_name(rs->by_status[j].severity));
	}
	if (rs->has_default)
		put(o, "%s default: %s", rs->nby_status ? "," : "",
		    dtw_severity_name(rs->severity));
	fputs(" }", o);
}

/* Whether the schema's issues can be drafts: a status key that may say
 * "draft" (a rule's draft severity applies then). */
static int has_drafts(const struct dtw_schema *s)
{
	const struct dtw_fm_key *k = dtw_schema_role_def(s, DTW_ROLE_STATUS);
	size_t i;
	if (!k || k->type != DTW_FM_ENUM)
		return k != NULL;
	for (i = 0; i < k->nvalues; i++)
		if (!strcmp(k->values[i], "draft"))
			return 1;
	return 0;
}

/* The rules: one the config or --rule sets as a setting; one left at its
 * default as a comment, for a rule at its default is not one set to the
 * same severity (a severity set applies to every finding of the rule, a
 * draft's placeholder URLs included). */
static void print_rules(FILE *o, const struct dtw_config_view *v)
{
	size_t i, nset = 0;
	for (i = 0; i < dtw_nrules; i++)
		nset += strcmp(v->origin[i], "default") != 0;
	fputs(nset ? "rules:\n" : "rules: {}\n", o);
	for (i = 0; i < dtw_nrules; i++) {
		const struct dtw_rule *r = dtw_rules[i];
		const struct dtw_rule_setting *rs = v->by_status ? v->by_status[i] : NULL;
		if (rs) {
			put(o, "  %s: ", r->id);
			put_setting(o, rs);
			put(o, "  # %s\n", v->origin[i]);
		} else if (strcmp(v->origin[i], "default")) {
			put(o, "  %s: %s  # %s\n", r->id, dtw_severity_name(v->severity[i]),
			    v->origin[i]);
		} else if (r->draft_severity != DTW_SEV_OFF && has_drafts(v->schema)) {
			put(o, "  # %s: { draft: %s, default: %s }  # default\n", r->id,
			    dtw_severity_name(r->draft_severity), dtw_severity_name(r->severity));
		} else {
			put(o, "  # %s: %s  # default\n", r->id, dtw_severity_name(r->severity));
		}
	}
}

static void print_pattern(FILE *o, const struct dtw_config *c, const struct dtw_pattern *p)
{
	size_t k;
	int first = 1;

	fputs("  - id: ", o);
	put_name(o, p->id);
	put_origin(o, c, p->key_line[DTW_PAT_ID]);
	fputs("    regex: ", o);
	put_quoted(o, p->regex);
	put_origin(o, c, p->key_line[DTW_PAT_REGEX]);
	fputs("    message: ", o);
	put_quoted(o, p->message);
	put_origin(o, c, p->key_line[DTW_PAT_MESSAGE]);
	fputs("    scope: [", o);
	for (k = 0; dtw_pattern_scopes[k]; k++) {
		if (!(p->scopes & (1u << k)))
			continue;
		fputs(first ? "" : ", ", o);
		fputs(dtw_pattern_scopes[k], o);
		first = 0;
	}
	fputc(']', o);
	/* Without scope:, a field: alone says where it looks. */
	put_origin(o, c, p->key_line[DTW_PAT_SCOPE] ? p->key_line[DTW_PAT_SCOPE]
						      : p->key_line[DTW_PAT_FIELD]);
	if (p->field) {
		fputs("    field: ", o);
		put_quoted(o, p->field);
		put_origin(o, c, p->key_line[DTW_PAT_FIELD]);
	}
	if (p->replacement) {
		fputs("    replacement: ", o);
		put_quoted(o, p->replacement);
		put_origin(o, c, p->key_line[DTW_PAT_REPLACEMENT]);
	}
	put(o, "    severity: %s", dtw_severity_name(p->severity));
	if (strcmp(p->origin, "default"))
		put(o, "  # %s\n", p->origin);
	else
		put_origin(o, c, p->key_line[DTW_PAT_SEVERITY]);
}

static void put_duration(FILE *o, const struct dtw_config *c, int64_t ms, enum dtw_links_key k)
{
	char b[32];
	dtw_duration_name(b, ms);
	put(o, "  %s: %s", dtw_links_keys[k], b);
	put_origin(o, c, c->links.key_line[k]);
}

static void put_count(FILE *o, const struct dtw_config *c, uint32_t n, enum dtw_links_key k)
{
	put(o, "  %s: %u", dtw_links_keys[k], (unsigned)n);
	put_origin(o, c, c->links.key_line[k]);
}

static void print_links(FILE *o, const struct dtw_config *c)
{
	const struct dtw_links_config *l = &c->links;
	size_t i;
	fputs("links:\n", o);
	put(o, "  online: %s", l->online ? "true" : "false");
	put_origin(o, c, l->key_line[DTW_LK_ONLINE]);
	fputs("  exclude: ", o);
	put_list(o, l->exclude, l->nexclude);
	put_origin(o, c, l->key_line[DTW_LK_EXCLUDE]);
	fputs("  accept: [", o);
	for (i = 0; i < l->naccept; i++)
		put(o, "%s%d", i ? ", " : "", l->accept[i]);
	fputc(']', o);
	put_origin(o, c, l->key_line[DTW_LK_ACCEPT]);
	put_duration(o, c, l->cache_ttl, DTW_LK_CACHE_TTL);
	put_duration(o, c, l->timeout, DTW_LK_TIMEOUT);
	put_duration(o, c, l->total_timeout, DTW_LK_TOTAL_TIMEOUT);
	put_count(o, c, l->parallel, DTW_LK_PARALLEL);
	put_count(o, c, l->per_host, DTW_LK_PER_HOST);
	put_count(o, c, l->retries, DTW_LK_RETRIES);
	put_count(o, c, l->max_redirects, DTW_LK_MAX_REDIRECTS);
}

static void print_config(FILE *o, const struct dtw_config_view *v)
{
	const struct dtw_config *c = v->config;
	size_t i;

	put(o, "# configuration: %s\n", c->origin ? c->origin : "none found; the defaults");
	fputs("schema: ", o);
	if (v->schema_opt) {
		put_quoted(o, v->schema_opt);
		fputs("  # --schema\n", o);
	} else {
		put_quoted(o, c->schema);
		put_origin(o, c, c->schema_line);
	}
	fputs("paths: ", o);
	put_list(o, c->written_paths ? c->written_paths : c->paths, c->npaths);
	put_origin(o, c, c->paths_line);
	print_rules(o, v);
	fputs(c->npatterns ? "patterns:\n" : "patterns: []\n", o);
	for (i = 0; i < c->npatterns; i++)
		print_pattern(o, c, &c->patterns[i]);
	fputs("release:\n", o);
	fputs("  tag: ", o);
	put_quoted(o, c->release_tag);
	put_origin(o, c, c->release_tag_line);
	fputs("  require_status: ", o);
	if (*c->release_status)
		put_quoted(o, c->release_status);
	else
		fputs("null", o); /* none required */
	put_origin(o, c, c->release_status_line);
	print_links(o, c);
}

static const char *others_name(enum dtw_others w)
{
	return w == DTW_OTHERS_ALLOW ? "allow" : w == DTW_OTHERS_WARNING ? "warning" : "error";
}

static const char *bool_name(int b)
{
	return b ? "true" : "false";
}

static void print_fm_key(FILE *o, const struct dtw_schema *s, const struct dtw_fm_key *k)
{
	fputs("  ", o);
	put_name(o, k->name);
	put(o, ": { type: %s, required: %s", fm_type_name(k->type), bool_name(k->required));
	if (k->has_min)
		put(o, ", min: %lld", (long long)k->min);
	if (k->has_max)
		put(o, ", max: %lld", (long long)k->max);
	if (k->type == DTW_FM_STRING || k->min_length || k->max_length)
		put(o, ", min_length: %u, max_length: %u", (unsigned)k->min_length,
		    (unsigned)k->max_length);
	if (k->nvalues) {
		fputs(", values: ", o);
		put_list(o, k->values, k->nvalues);
	}
	if (k->default_value) {
		fputs(", default: ", o);
		put_quoted(o, k->default_value);
	}
	if (dtw_schema_key_role(s, k) != DTW_NROLES)
		put(o, ", role: %s", dtw_schema_role_name(dtw_schema_key_role(s, k)));
	fputs(" }\n", o);
}

static void print_text(FILE *o, const char *name, const struct dtw_text_def *t, int pattern)
{
	put(o, "%s: { required: %s, min_words: %u, max_words: %u", name, bool_name(t->required),
	    (unsigned)t->min_words, (unsigned)t->max_words);
	if (pattern && t->pattern_src) {
		fputs(", pattern: ", o);
		put_quoted(o, t->pattern_src);
	}
	fputs(" }\n", o);
}

static void print_field(FILE *o, const struct dtw_field_def *f)
{
	fputs("      - label: ", o);
	put_quoted(o, f->label);
	fputs("\n        aliases: ", o);
	put_list(o, f->aliases, f->naliases);
	put(o, "\n        required: %s\n", bool_name(f->required));
	put(o, "        why: %s\n", bool_name(f->why));
	put(o, "        list: %s\n", bool_name(f->list));
	put(o, "        min_words: %u\n", (unsigned)f->min_words);
	put(o, "        max_words: %u\n", (unsigned)f->max_words);
}

static void print_section(FILE *o, const struct dtw_section_def *d)
{
	size_t j;

	fputs("  - id: ", o);
	put_name(o, d->id);
	fputs("\n    title: ", o);
	put_quoted(o, d->title);
	fputs("\n    aliases: ", o);
	put_list(o, d->aliases, d->naliases);
	fputc('\n', o);
	if (d->emoji) {
		fputs("    emoji: ", o);
		put_quoted(o, d->emoji);
		fputc('\n', o);
	}
	put(o, "    level: %d\n", d->level);
	put(o, "    required: %s\n", bool_name(d->required));
	put(o, "    items: %s\n", d->items == DTW_ITEMS_LIST ? "list" :
			      d->items == DTW_ITEMS_NONE ? "none" : "heading");
	if (d->ngroups || d->groups_others != DTW_OTHERS_ALLOW) {
		fputs("    groups: { titles: ", o);
		put_list(o, d->groups, d->ngroups);
		put(o, ", others: %s }\n", others_name(d->groups_others));
	}
	if (d->skip_items_src) {
		fputs("    skip_items: ", o);
		put_quoted(o, d->skip_items_src);
		fputc('\n', o);
	}
	put(o, "    min_items: %u\n", (unsigned)d->min_items);
	put(o, "    max_items: %u\n", (unsigned)d->max_items);
	put(o, "    max_words: %u\n", (unsigned)d->item_max_words);
	if (d->nlink_schemes) {
		put(o, "    link: { required: %s, schemes: ", bool_name(d->link_required));
		put_list(o, d->link_schemes, d->nlink_schemes);
		fputs(" }\n", o);
	} else {
		put(o, "    link: %s\n", d->link_required ? "required" : "optional");
	}
	if (d->ncta) {
		fputs("    cta: { texts: ", o);
		put_list(o, d->cta, d->ncta);
		put(o, ", required: %s }\n", bool_name(d->cta_required));
	}
	fputs("    rules: {", o);
	for (j = 0; j < d->nrules; j++)
		put(o, "%s %s: %s", j ? "," : "", d->rules[j].rule,
		    dtw_severity_name(d->rules[j].severity));
	fputs(d->nrules ? " }\n" : "}\n", o);
	fputs(d->nfields ? "    fields:\n" : "    fields: []\n", o);
	for (j = 0; j < d->nfields; j++)
		print_field(o, &d->fields[j]);
}

static void print_schema(FILE *o, const struct dtw_schema *s)
{
	const char *from = s->origin && strcmp(s->origin, "built-in") ? s->origin
								     : "built-in schema";
	size_t i;

	put(o, "\n# schema: %s  (%s)\n", s->name ? s->name : "(unnamed)", from);
	fputs("name: ", o);
	put_quoted(o, s->name ? s->name : "");
	put(o, "  # %s\n", from);
	if (s->description) {
		fputs("description: ", o);
		put_quoted(o, s->description);
		fputc('\n', o);
	}
	fputs("front_matter:\n", o);
	put(o, "  syntax: %s\n", s->fm_syntax == DTW_FM_SYNTAX_PELICAN ? "pelican" : "yaml");
	for (i = 0; i < s->nfm; i++)
		print_fm_key(o, s, &s->fm[i]);
	print_text(o, "intro", &s->intro, 0);
	print_text(o, "outro", &s->outro, 1);
	put(o, "limits: { title_max_chars: %u, item_max_words: %u, allow_unknown_front_matter: %s }\n",
	    (unsigned)s->title_max_chars, (unsigned)s->item_max_words,
	    bool_name(s->fm_allow_unknown));
	if (s->nlink_schemes) {
		fputs("links: { schemes: ", o);
		put_list(o, s->link_schemes, s->nlink_schemes);
		fputs(" }\n", o);
	} else {
		fputs("links: {}  # default: schemes https, http, mailto\n", o);
	}
	put(o, "headings: { section: %d, item: %d }\n", s->section_level, s->item_level);
	put(o, "extra_sections: %s\n", others_name(s->extra_sections));
	if (s->link_repeat_window)
		put(o, "link_repeat: { window: %u }\n", (unsigned)s->link_repeat_window);
	else
		fputs("link_repeat: {}  # default: every release\n", o);
	fputs("sections:\n", o);
	for (i = 0; i < s->nsections; i++)
		print_section(o, &s->sections[i]);
}

int dtw_config_view_write(FILE *f, const struct dtw_config_view *v)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *o = open_memstream(&buf, &len);
	int r;

	if (!o)
		return -1;
	print_config(o, v);
	print_schema(o, v->schema);
	r = fclose(o);
	if (!r)
		dtw_out_text(f, buf, len);
	free(buf);
	return r ? -1 : 0;
}
