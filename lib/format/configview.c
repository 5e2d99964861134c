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

static void print_config(FILE *o, const struct dtw_config_view *v)
{
	const struct dtw_config *c = v->config;
	const char *file = c->origin ? c->origin : "default";
	/* The config keeps lines for schema and rules only: a value equal to
	 * its default is shown as the default. */
	const char **paths = c->written_paths ? c->written_paths : c->paths;
	int paths_default = c->npaths == 1 && !strcmp(paths[0], "issues/*.md");
	size_t i;

	put(o, "# configuration: %s\n", c->origin ? c->origin : "none found; the defaults");
	fputs("schema: ", o);
	if (v->schema_opt) {
		put_quoted(o, v->schema_opt);
		fputs("  # --schema\n", o);
	} else {
		put_quoted(o, c->schema);
		put(o, "  # %s\n", c->schema_origin ? c->schema_origin : "default");
	}
	fputs("paths: ", o);
	put_list(o, paths, c->npaths);
	put(o, "  # %s\n", paths_default ? "default" : file);
	fputs("rules:\n", o);
	for (i = 0; i < dtw_nrules; i++) {
		const struct dtw_rule_setting *rs = v->by_status ? v->by_status[i] : NULL;
		size_t j;
		if (rs) { /* one per status, as written */
			put(o, "  %s: {", dtw_rules[i]->id);
			for (j = 0; j < rs->nby_status; j++)
				put(o, "%s %s: %s", j ? "," : "", rs->by_status[j].status,
				    dtw_severity_name(rs->by_status[j].severity));
			if (rs->has_default)
				put(o, "%s default: %s", rs->nby_status ? "," : "",
				    dtw_severity_name(rs->severity));
			put(o, " }  # %s\n", v->origin[i]);
		} else if (!strcmp(v->origin[i], "default") && dtw_rules[i]->draft_severity != DTW_SEV_OFF) {
			put(o, "  %s: { draft: %s, default: %s }  # default\n", dtw_rules[i]->id,
			    dtw_severity_name(dtw_rules[i]->draft_severity),
			    dtw_severity_name(v->severity[i]));
		} else {
			put(o, "  %s: %s  # %s\n", dtw_rules[i]->id,
			    dtw_severity_name(v->severity[i]), v->origin[i]);
		}
	}
	fputs("patterns:", o);
	if (!c->npatterns)
		fputs(" []\n", o);
	else
		fputc('\n', o);
	for (i = 0; i < c->npatterns; i++) {
		const struct dtw_pattern *p = &c->patterns[i];
		put(o, "  - id: %s  # %s\n", p->id, file);
		put(o, "    severity: %s\n", dtw_severity_name(p->severity));
		fputs("    message: ", o);
		put_quoted(o, p->message ? p->message : "");
		fputc('\n', o);
		if (p->field) {
			fputs("    field: ", o);
			put_quoted(o, p->field);
			fputc('\n', o);
		}
		if (p->replacement) {
			fputs("    replacement: ", o);
			put_quoted(o, p->replacement);
			fputc('\n', o);
		}
	}
	fputs("release:\n", o);
	fputs("  tag: ", o);
	put_quoted(o, c->release_tag);
	put(o, "  # %s\n", !strcmp(c->release_tag, "issue-{number}") ? "default" : file);
	fputs("  require_status: ", o);
	put_quoted(o, c->release_status ? c->release_status : "");
	put(o, "  # %s\n", c->release_status && !strcmp(c->release_status, "published")
				? "default" : file);
}

static void print_limit(FILE *o, const char *name, uint32_t v)
{
	if (v)
		put(o, "  %s: %u\n", name, (unsigned)v);
}

static const char *others_name(enum dtw_others w)
{
	return w == DTW_OTHERS_ALLOW ? "allow" : w == DTW_OTHERS_WARNING ? "warning" : "error";
}

static void print_schema(FILE *o, const struct dtw_schema *s)
{
	const char *from = s->origin && strcmp(s->origin, "built-in") ? s->origin
								     : "built-in schema";
	size_t i, j;

	put(o, "\n# schema: %s  (%s)\n", s->name ? s->name : "(unnamed)", from);
	fputs("name: ", o);
	put_quoted(o, s->name ? s->name : "");
	put(o, "  # %s\n", from);
	put(o, "front_matter:%s\n", s->fm_allow_unknown ? "  # unknown keys allowed" : "");
	if (s->fm_syntax == DTW_FM_SYNTAX_PELICAN)
		fputs("  syntax: pelican\n", o);
	for (i = 0; i < s->nfm; i++) {
		const struct dtw_fm_key *k = &s->fm[i];
		put(o, "  %s: { type: %s, required: %s", k->name, fm_type_name(k->type),
		       k->required ? "true" : "false");
		if (k->has_min)
			put(o, ", min: %lld", (long long)k->min);
		if (k->has_max)
			put(o, ", max: %lld", (long long)k->max);
		if (k->min_length)
			put(o, ", min_length: %u", (unsigned)k->min_length);
		if (k->max_length)
			put(o, ", max_length: %u", (unsigned)k->max_length);
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
	put(o, "intro: { required: %s", s->intro.required ? "true" : "false");
	if (s->intro.min_words)
		put(o, ", min_words: %u", (unsigned)s->intro.min_words);
	if (s->intro.max_words)
		put(o, ", max_words: %u", (unsigned)s->intro.max_words);
	fputs(" }\n", o);
	put(o, "outro: { required: %s", s->outro.required ? "true" : "false");
	if (s->outro.min_words)
		put(o, ", min_words: %u", (unsigned)s->outro.min_words);
	if (s->outro.max_words)
		put(o, ", max_words: %u", (unsigned)s->outro.max_words);
	if (s->outro.pattern_src) {
		fputs(", pattern: ", o);
		put_quoted(o, s->outro.pattern_src);
	}
	fputs(" }\n", o);
	if (s->title_max_chars || s->item_max_words) {
		fputs("limits:\n", o);
		print_limit(o, "title_max_chars", s->title_max_chars);
		print_limit(o, "item_max_words", s->item_max_words);
	}
	if (s->nlink_schemes) {
		fputs("links: { schemes: ", o);
		put_list(o, s->link_schemes, s->nlink_schemes);
		fputs(" }\n", o);
	} else {
		fputs("links: { schemes: [\"https\", \"http\", \"mailto\"] }  # default\n", o);
	}
	put(o, "headings: { section: %d, item: %d }\n", s->section_level, s->item_level);
	put(o, "extra_sections: %s\n", others_name(s->extra_sections));
	if (s->link_repeat_window)
		put(o, "link_repeat: { window: %u }\n", (unsigned)s->link_repeat_window);
	else
		fputs("link_repeat: {}  # every release\n", o);
	fputs("sections:\n", o);
	for (i = 0; i < s->nsections; i++) {
		const struct dtw_section_def *d = &s->sections[i];
		put(o, "  - id: %s\n", d->id);
		fputs("    title: ", o);
		put_quoted(o, d->title);
		fputc('\n', o);
		if (d->emoji) {
			fputs("    emoji: ", o);
			put_quoted(o, d->emoji);
			fputc('\n', o);
		}
		fputs("    heading: ", o);
		put_quoted(o, d->heading);
		fputc('\n', o);
		if (d->naliases) {
			fputs("    aliases: ", o);
			put_list(o, d->aliases, d->naliases);
			fputc('\n', o);
		}
		put(o, "    level: %d\n", d->level);
		put(o, "    required: %s\n", d->required ? "true" : "false");
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
		if (d->nrules) {
			fputs("    rules: {", o);
			for (j = 0; j < d->nrules; j++)
				put(o, "%s %s: %s", j ? "," : "", d->rules[j].rule,
				    dtw_severity_name(d->rules[j].severity));
			fputs(" }\n", o);
		}
		put(o, "    min_items: %u\n", (unsigned)d->min_items);
		if (d->max_items)
			put(o, "    max_items: %u\n", (unsigned)d->max_items);
		if (d->item_max_words)
			put(o, "    item_max_words: %u\n", (unsigned)d->item_max_words);
		if (d->nlink_schemes) {
			put(o, "    link: { required: %s, schemes: ", d->link_required ? "true" : "false");
			put_list(o, d->link_schemes, d->nlink_schemes);
			fputs(" }\n", o);
		} else {
			put(o, "    link: %s\n", d->link_required ? "required" : "optional");
		}
		if (d->ncta) {
			fputs("    cta: { texts: ", o);
			put_list(o, d->cta, d->ncta);
			put(o, ", required: %s }\n", d->cta_required ? "true" : "false");
		}
		fputs("    fields:", o);
		fputs(d->nfields ? "\n" : " []\n", o);
		for (j = 0; j < d->nfields; j++) {
			const struct dtw_field_def *f = &d->fields[j];
			fputs("      - label: ", o);
			put_quoted(o, f->label);
			fputc('\n', o);
			if (f->naliases) {
				fputs("        aliases: ", o);
				put_list(o, f->aliases, f->naliases);
				fputc('\n', o);
			}
			put(o, "        required: %s\n", f->required ? "true" : "false");
			if (f->why)
				fputs("        why: true\n", o);
			if (f->list)
				fputs("        list: true\n", o);
			if (f->min_words)
				put(o, "        min_words: %u\n", (unsigned)f->min_words);
			if (f->max_words)
				put(o, "        max_words: %u\n", (unsigned)f->max_words);
		}
	}
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
