/* dtw config: prints the configuration in force — the settings of
 * .dtw.yaml (or their defaults), the rule severities and the schema — as
 * YAML-like text, each setting with where it came from. */
#include "builtin.h"

#include <stdio.h>
#include <string.h>

#include "rules/rules.h"
#include "base/banned.h"

const char usage_config[] =
	"usage: dtw config [--config FILE] [--schema NAME|PATH] [--rule ID=SEVERITY]...\n"
	"\n"
	"Prints the configuration in force: the repository config (.dtw.yaml, or\n"
	"the defaults), each rule's severity, and the schema with its sections,\n"
	"fields and limits. A comment after each setting says where it came\n"
	"from: FILE:LINE, \"default\", \"--rule\" or the schema's file.\n";

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

/* A YAML double-quoted scalar. */
static void put_quoted(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
	putchar('"');
}

static void put_list(const char *const *v, size_t n)
{
	size_t i;
	putchar('[');
	for (i = 0; i < n; i++) {
		if (i)
			fputs(", ", stdout);
		put_quoted(v[i]);
	}
	putchar(']');
}

static void print_config(const struct dtw_ctx *ctx)
{
	const struct dtw_config *c = ctx->config;
	const char *file = c->origin ? c->origin : "default";
	/* The config keeps lines for schema and rules only: a value equal to
	 * its default is shown as the default. */
	int paths_default = c->npaths == 1 && !strcmp(c->paths[0], "issues/*.md");
	size_t i;

	printf("# configuration: %s\n", c->origin ? c->origin : "none found; the defaults");
	fputs("schema: ", stdout);
	if (ctx->schema_opt) {
		put_quoted(ctx->schema_opt);
		fputs("  # --schema\n", stdout);
	} else {
		put_quoted(c->schema);
		printf("  # %s\n", c->schema_origin ? c->schema_origin : "default");
	}
	fputs("paths: ", stdout);
	put_list(c->paths, c->npaths);
	printf("  # %s\n", paths_default ? "default" : file);
	fputs("rules:\n", stdout);
	for (i = 0; i < dtw_nrules; i++)
		printf("  %s: %s  # %s\n", dtw_rules[i]->id,
		       dtw_severity_name(ctx->severity[i]), ctx->sev_origin[i]);
	fputs("patterns:", stdout);
	if (!c->npatterns)
		fputs(" []\n", stdout);
	else
		putchar('\n');
	for (i = 0; i < c->npatterns; i++) {
		const struct dtw_pattern *p = &c->patterns[i];
		printf("  - id: %s  # %s\n", p->id, file);
		printf("    severity: %s\n", dtw_severity_name(p->severity));
		fputs("    message: ", stdout);
		put_quoted(p->message ? p->message : "");
		putchar('\n');
		if (p->field) {
			fputs("    field: ", stdout);
			put_quoted(p->field);
			putchar('\n');
		}
		if (p->replacement) {
			fputs("    replacement: ", stdout);
			put_quoted(p->replacement);
			putchar('\n');
		}
	}
	fputs("release:\n", stdout);
	fputs("  tag: ", stdout);
	put_quoted(c->release_tag);
	printf("  # %s\n", !strcmp(c->release_tag, "issue-{issue}") ? "default" : file);
	fputs("  require_status: ", stdout);
	put_quoted(c->release_status ? c->release_status : "");
	printf("  # %s\n", c->release_status && !strcmp(c->release_status, "published")
				? "default" : file);
}

static void print_limit(const char *name, uint32_t v)
{
	if (v)
		printf("  %s: %u\n", name, (unsigned)v);
}

static void print_schema(const struct dtw_schema *s)
{
	const char *o = s->origin && strcmp(s->origin, "built-in") ? s->origin
								     : "built-in schema";
	size_t i, j;

	printf("\n# schema: %s  (%s)\n", s->name ? s->name : "(unnamed)", o);
	fputs("name: ", stdout);
	put_quoted(s->name ? s->name : "");
	printf("  # %s\n", o);
	printf("front_matter:%s\n", s->fm_allow_unknown ? "  # unknown keys allowed" : "");
	for (i = 0; i < s->nfm; i++) {
		const struct dtw_fm_key *k = &s->fm[i];
		printf("  %s: { type: %s, required: %s", k->name, fm_type_name(k->type),
		       k->required ? "true" : "false");
		if (k->has_min)
			printf(", min: %lld", (long long)k->min);
		if (k->has_max)
			printf(", max: %lld", (long long)k->max);
		if (k->min_length)
			printf(", min_length: %u", (unsigned)k->min_length);
		if (k->max_length)
			printf(", max_length: %u", (unsigned)k->max_length);
		if (k->nvalues) {
			fputs(", values: ", stdout);
			put_list(k->values, k->nvalues);
		}
		if (k->default_value) {
			fputs(", default: ", stdout);
			put_quoted(k->default_value);
		}
		fputs(" }\n", stdout);
	}
	printf("intro: { required: %s", s->intro.required ? "true" : "false");
	if (s->intro.min_words)
		printf(", min_words: %u", (unsigned)s->intro.min_words);
	if (s->intro.max_words)
		printf(", max_words: %u", (unsigned)s->intro.max_words);
	fputs(" }\n", stdout);
	printf("outro: { required: %s", s->outro.required ? "true" : "false");
	if (s->outro.min_words)
		printf(", min_words: %u", (unsigned)s->outro.min_words);
	if (s->outro.max_words)
		printf(", max_words: %u", (unsigned)s->outro.max_words);
	if (s->outro.pattern_src) {
		fputs(", pattern: ", stdout);
		put_quoted(s->outro.pattern_src);
	}
	fputs(" }\n", stdout);
	if (s->title_max_chars || s->item_max_words) {
		fputs("limits:\n", stdout);
		print_limit("title_max_chars", s->title_max_chars);
		print_limit("item_max_words", s->item_max_words);
	}
	fputs("sections:\n", stdout);
	for (i = 0; i < s->nsections; i++) {
		const struct dtw_section_def *d = &s->sections[i];
		printf("  - id: %s\n", d->id);
		fputs("    title: ", stdout);
		put_quoted(d->title);
		putchar('\n');
		if (d->emoji) {
			fputs("    emoji: ", stdout);
			put_quoted(d->emoji);
			putchar('\n');
		}
		fputs("    heading: ", stdout);
		put_quoted(d->heading);
		putchar('\n');
		printf("    required: %s\n", d->required ? "true" : "false");
		printf("    items: %s\n", d->items == DTW_ITEMS_LIST ? "list" : "heading");
		printf("    min_items: %u\n", (unsigned)d->min_items);
		if (d->max_items)
			printf("    max_items: %u\n", (unsigned)d->max_items);
		if (d->item_max_words)
			printf("    item_max_words: %u\n", (unsigned)d->item_max_words);
		printf("    link: %s\n", d->link_required ? "required" : "optional");
		if (d->ncta) {
			fputs("    cta: { texts: ", stdout);
			put_list(d->cta, d->ncta);
			printf(", required: %s }\n", d->cta_required ? "true" : "false");
		}
		fputs("    fields:", stdout);
		fputs(d->nfields ? "\n" : " []\n", stdout);
		for (j = 0; j < d->nfields; j++) {
			const struct dtw_field_def *f = &d->fields[j];
			fputs("      - label: ", stdout);
			put_quoted(f->label);
			putchar('\n');
			if (f->naliases) {
				fputs("        aliases: ", stdout);
				put_list(f->aliases, f->naliases);
				putchar('\n');
			}
			printf("        required: %s\n", f->required ? "true" : "false");
			if (f->why)
				fputs("        why: true\n", stdout);
			if (f->list)
				fputs("        list: true\n", stdout);
			if (f->min_words)
				printf("        min_words: %u\n", (unsigned)f->min_words);
			if (f->max_words)
				printf("        max_words: %u\n", (unsigned)f->max_words);
		}
	}
}

int cmd_config(int argc, const char **argv, struct dtw_ctx *ctx)
{
	int i, r;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage_config, stdout);
			return DTW_EXIT_OK;
		}
		r = dtw_ctx_option(ctx, argc, argv, &i);
		if (r < 0)
			return DTW_EXIT_ERROR;
		if (r == 0) {
			dtw_errorf("config: unexpected argument \"%s\"", argv[i]);
			fputs(usage_config, stderr);
			return DTW_EXIT_ERROR;
		}
	}
	if ((r = dtw_ctx_load(ctx)))
		return r;
	print_config(ctx);
	print_schema(ctx->schema);
	return DTW_EXIT_OK;
}
