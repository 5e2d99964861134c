/* Schemas and the repository config: loaded from YAML, validated strictly
 * (every error names file:line:col), and kept as plain structs that the
 * model builder and the rules read. */
#ifndef DTW_SCHEMA_H
#define DTW_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "diag/diag.h"
#include "parse/document.h"

struct pcre2_real_code_8;

enum dtw_fm_type { DTW_FM_STRING, DTW_FM_INTEGER, DTW_FM_DATE, DTW_FM_ENUM,
		   DTW_FM_LIST, DTW_FM_BOOL };

struct dtw_fm_key {
	const char *name;
	enum dtw_fm_type type;
	int required;
	int has_min, has_max;
	int64_t min, max;            /* integer bounds; list lengths */
	uint32_t min_length, max_length; /* string length in characters, 0 = none */
	const char **values;         /* enum */
	size_t nvalues;
	const char *default_value;
};

struct dtw_field_def {
	const char *label;           /* canonical, with its colon: "Why it matters:" */
	const char **aliases;
	size_t naliases;
	int required;
	int why;                     /* the section's why field */
	int list;                    /* must be followed by a list */
	uint32_t min_words, max_words;
};

enum dtw_item_style { DTW_ITEMS_HEADING, DTW_ITEMS_LIST, DTW_ITEMS_NONE };

/* What a heading the schema does not name is: groups.others and
 * extra_sections. */
enum dtw_others { DTW_OTHERS_ERROR, DTW_OTHERS_WARNING, DTW_OTHERS_ALLOW };

/* A section's `rules:` entry: a rule's severity within that section. */
struct dtw_rule_override {
	const char *rule;
	enum dtw_severity severity;
};

struct dtw_section_def {
	const char *id;
	const char *title;
	const char *emoji;           /* may be NULL */
	const char *heading;         /* canonical heading text: emoji + " " + title */
	const char **aliases;        /* other accepted titles */
	size_t naliases;
	int level;                   /* its heading's level (the schema's
				      * section level unless it sets one) */
	int item_level;              /* its item headings' level */
	const char **groups;         /* groups.titles; none: any sub-heading */
	size_t ngroups;
	enum dtw_others groups_others; /* what a group not in groups is */
	struct pcre2_real_code_8 *skip_items; /* list entries that are notes */
	const char *skip_items_src;
	struct dtw_rule_override *rules; /* rules: severities in the section */
	size_t nrules;
	int required;
	enum dtw_item_style items;
	uint32_t min_items, max_items; /* max 0 = no limit */
	struct dtw_field_def *fields;
	size_t nfields;
	int link_required;
	const char **link_schemes;   /* link: {schemes}: what its links may
				      * use; NULL: https and http */
	size_t nlink_schemes;
	const char **cta;            /* allowed call-to-action texts */
	size_t ncta;
	int cta_required;
	uint32_t item_max_words;     /* 0 = the schema's limit */
};

struct dtw_text_def {
	int required;
	uint32_t min_words, max_words;
	struct pcre2_real_code_8 *pattern; /* outro only; may be NULL */
	const char *pattern_src;
};

/* What a front-matter value means to dtw, whatever the key is called:
 * the issue's number, date, title and status. */
enum dtw_fm_role { DTW_ROLE_NUMBER, DTW_ROLE_DATE, DTW_ROLE_TITLE, DTW_ROLE_STATUS, DTW_NROLES };

struct dtw_schema {
	struct dtw_arena arena;      /* owns everything below */
	const char *role_keys[DTW_NROLES]; /* the key of each role; NULL: the default */
	const char *name;
	const char *description;     /* may be NULL */
	const char *origin;          /* "built-in" or the file it was read from */
	unsigned long long digest;   /* dtw_hash64 of its text: what is cached
				      * from a schema's reading is keyed by it */
	enum dtw_fm_syntax fm_syntax; /* front_matter.syntax: yaml (default) | pelican */
	struct dtw_fm_key *fm;
	size_t nfm;
	int fm_allow_unknown;
	struct dtw_text_def intro, outro;
	uint32_t title_max_chars;    /* item titles; 0 = none */
	uint32_t item_max_words;     /* 0 = none */
	struct dtw_section_def *sections;
	size_t nsections;
	const char **link_schemes;   /* links.schemes: what links outside the
				      * items may use; NULL: https, http, mailto */
	size_t nlink_schemes;
	int section_level, item_level; /* headings: 2 and 3 unless set */
	int max_section_level;       /* the deepest level of any section */
	enum dtw_others extra_sections; /* a section-level heading no section names */
	uint32_t link_repeat_window; /* link_repeat.window: 0 = every release */
	unsigned char title_first[32]; /* a bit for the first byte (in lower
				      * case) of each section title and alias:
				      * most headings are no section's */
	int section_rules;           /* some section has rules: */
};

/* Tells the schema loader which rule ids a section's `rules:` may name
 * (the rules registry's); unset, any id is taken. */
void dtw_schema_set_rule_check(int (*known)(const char *id));
/* The severity `sec` gives rule `rule` within it, or -1 when it gives
 * none. */
int dtw_schema_section_rule(const struct dtw_section_def *sec, const char *rule);
/* The group title of `sec` that `title` names (ignoring case, space and
 * U+FE0F), or NULL. */
const char *dtw_schema_group(const struct dtw_section_def *sec, const char *title, size_t len);

/* Whether a link of `sec` (NULL: outside every section), in an item or
 * not, may use URL scheme `scheme` (`len` bytes, no ":"; any case): an
 * item's links what its section's link.schemes says (https and http by
 * default); the other links what the schema's links.schemes says (https,
 * http and mailto by default), or the section's link.schemes. */
int dtw_schema_scheme_ok(const struct dtw_schema *s, const struct dtw_section_def *sec,
			 int in_item, const char *scheme, size_t len);

#define DTW_DEFAULT_SCHEMA "data-this-week"

/* The front-matter key that holds `role` under schema `s` ("issue",
 * "date", "title", "status" unless the schema names others). Borrowed. */
const char *dtw_schema_role_key(const struct dtw_schema *s, enum dtw_fm_role role);
/* A role's name as a schema writes it: "number", "date", "title", "status". */
const char *dtw_schema_role_name(enum dtw_fm_role role);
/* The role key `k` was given with role: in the schema, or DTW_NROLES. */
enum dtw_fm_role dtw_schema_key_role(const struct dtw_schema *s, const struct dtw_fm_key *k);
/* The front-matter key definition of `role`, or NULL when the schema
 * declares none. */
const struct dtw_fm_key *dtw_schema_role_def(const struct dtw_schema *s, enum dtw_fm_role role);

/* Loads a schema from YAML text; `origin` names it in errors. On failure
 * returns DTW_EINVALID with the message "ORIGIN:LINE:COL: what". The caller
 * frees a loaded schema with dtw_schema_free. */
int dtw_schema_load(struct dtw_schema **out, const char *text, size_t len,
		    const char *origin);
/* Loads a built-in schema by name, or a schema file by path (a name with a
 * '/' or ending in .yaml/.yml is a path, relative to `base_dir` if given). */
int dtw_schema_resolve(struct dtw_schema **out, const char *name_or_path,
		       const char *base_dir);
/* Whether dtw_schema_resolve takes `name` as a path, not a name. */
int dtw_schema_name_is_path(const char *name);
void dtw_schema_free(struct dtw_schema *schema);
/* The section whose title or one of its aliases matches `title` (case,
 * surrounding space and U+FE0F ignored), or NULL. */
const struct dtw_section_def *dtw_schema_section(const struct dtw_schema *s,
						 const char *title, size_t len);
/* The same, and whether it was an alias that matched. */
const struct dtw_section_def *dtw_schema_section_alias(const struct dtw_schema *s,
						       const char *title, size_t len,
						       int *alias);
/* Titles compared as sections and groups are: case, surrounding space
 * and U+FE0F ignored. */
int dtw_title_eq(const char *a, size_t alen, const char *b, size_t blen);

/* Names of the schemas compiled into the binary, and their YAML text. */
extern const char *const dtw_builtin_schema_names[];
extern const char *const dtw_builtin_schema_texts[];
extern const size_t dtw_builtin_schema_lens[];
extern const size_t dtw_builtin_schema_count;

/* --- repository config (.dtw.yaml) --- */

/* A rule's severity at one value of the status role. */
struct dtw_status_severity {
	const char *status;
	enum dtw_severity severity;
	uint32_t line, col;          /* of its key in the config */
};

struct dtw_rule_setting {
	const char *rule;
	enum dtw_severity severity;  /* at any other status (its "default") */
	int has_default;             /* per status, with a "default" entry; a
				      * map without one leaves other statuses
				      * at the rule's own severity */
	const struct dtw_status_severity *by_status; /* rule: { draft: warning, ... } */
	size_t nby_status;
	int per_status;              /* written as a map */
	const char *origin;          /* "FILE:LINE" or "--rule" */
};

/* The severity setting s gives at status `status` (NULL: none): its
 * entry for that status, else its default. */
enum dtw_severity dtw_rule_setting_for(const struct dtw_rule_setting *s, const char *status);
/* Whether s sets a severity at that status: an entry for it, or a
 * "default" (or one severity for all). */
int dtw_rule_setting_names(const struct dtw_rule_setting *s, const char *status);

/* Where a user pattern looks (a bit each). */
enum {
	DTW_SCOPE_HEADING = 1 << 0,    /* section and item headings */
	DTW_SCOPE_ITEM_TITLE = 1 << 1, /* item headings */
	DTW_SCOPE_PARAGRAPH = 1 << 2,  /* the prose of items, intro and outro */
	DTW_SCOPE_FIELD = 1 << 3,      /* fields (all, or the one named) */
	DTW_SCOPE_LINK_TEXT = 1 << 4,
	DTW_SCOPE_URL = 1 << 5,
	DTW_SCOPE_INTRO = 1 << 6,
	DTW_SCOPE_OUTRO = 1 << 7,
	DTW_SCOPE_ALL = 1 << 8,        /* the whole Markdown body */
};

/* The names of the scopes, one per bit above in their order ("heading"
 * for DTW_SCOPE_HEADING ... "all"); NULL-terminated. */
extern const char *const dtw_pattern_scopes[];

/* The keys of a pattern, in the order dtw config writes them. */
enum dtw_pattern_key { DTW_PAT_ID, DTW_PAT_REGEX, DTW_PAT_MESSAGE, DTW_PAT_SCOPE,
		       DTW_PAT_FIELD, DTW_PAT_REPLACEMENT, DTW_PAT_SEVERITY, DTW_PAT_NKEYS };

/* A user rule from .dtw.yaml `patterns`, compiled once at load. */
struct dtw_pattern {
	const char *id;               /* "no-click-here" */
	const char *rule;             /* "pattern/no-click-here" */
	struct pcre2_real_code_8 *re;
	const char *regex;            /* as written */
	const char *message;
	enum dtw_severity severity;
	unsigned scopes;
	const char *field;            /* with DTW_SCOPE_FIELD: this label only */
	uint32_t field_line, field_col; /* where field is written */
	const char *replacement;      /* a fix ($0-$9 name groups), or NULL */
	const char *origin;           /* where its severity came from: "default"
				       * (its own severity: key), "FILE:LINE" of
				       * rules: {pattern/ID: ...}, or "--rule" */
	uint32_t line;                /* where it is defined */
	uint32_t key_line[DTW_PAT_NKEYS]; /* where each key is written; 0: not given */
};


/* links: what dtw lint --online does (SPEC §10). Durations are in
 * milliseconds. */
enum dtw_links_key { DTW_LK_ONLINE, DTW_LK_EXCLUDE, DTW_LK_ACCEPT, DTW_LK_CACHE_TTL,
		     DTW_LK_TIMEOUT, DTW_LK_TOTAL_TIMEOUT, DTW_LK_PARALLEL, DTW_LK_PER_HOST,
		     DTW_LK_RETRIES, DTW_LK_MAX_REDIRECTS, DTW_LK_NKEYS };
extern const char *const dtw_links_keys[DTW_LK_NKEYS + 1];
struct dtw_links_config {
	int online;                   /* check links without --online */
	const char **exclude;         /* regexes as written: URLs never asked */
	struct pcre2_real_code_8 **exclude_re;
	size_t nexclude;
	const int *accept;            /* statuses that count as alive (lychee's --accept) */
	size_t naccept;
	int64_t cache_ttl, timeout, total_timeout;
	uint32_t parallel, per_host, retries, max_redirects;
	uint32_t key_line[DTW_LK_NKEYS]; /* where each key is written; 0: default */
};

/* Whether url matches one of links.exclude (a regex that gives up on its
 * limits counts as a match: the URL is not asked for). */
int dtw_links_excluded(const struct dtw_links_config *l, const char *url);
/* "1d", "1h30m", "500ms": a duration as the config writes it, from ms. */
void dtw_duration_name(char buf[32], int64_t ms);

struct dtw_config {
	struct dtw_arena arena;
	const char *origin;          /* file it came from, or NULL for defaults */
	const char *schema;          /* name or path; default data-this-week */
	const char *schema_origin;   /* "FILE:LINE" of schema:, or "default" */
	/* Where each setting is written in the file: its key's line, 0 for
	 * a setting left at its default (dtw config says which). */
	uint32_t schema_line, paths_line, release_tag_line;
	/* The `paths` as repository paths: a config in a subdirectory has
	 * its directory put before each (dtw lint's profile); written_paths
	 * are then the ones of the file, else NULL. */
	const char **paths;
	size_t npaths;
	const char **written_paths;
	struct dtw_rule_setting *rules;
	size_t nrules, arules;
	const char *release_tag;
	const char *release_status;  /* "" when none is required */
	uint32_t release_status_line, release_status_col; /* 0: the default */
	struct dtw_pattern *patterns;
	size_t npatterns;
	struct dtw_links_config links;
};

/* The config's pattern with id `id` (no "pattern/"), or NULL. */
struct dtw_pattern *dtw_config_pattern(struct dtw_config *c, const char *id);

/* Loads .dtw.yaml text. Validates rule ids with `known_rule` (returns 1 for
 * a known id). Errors as for schemas. */
int dtw_config_load(struct dtw_config **out, const char *text, size_t len,
		    const char *origin, int (*known_rule)(const char *id, const char **near));
/* release.tag's template expanded: {number} (or {issue}), {date} and {slug} (the title
 * in lower case, its words joined by "-"). xmalloc'd; may not be a valid
 * tag name (dtw_tag_name_valid tells). */
char *dtw_tag_template_expand(const char *tmpl, long issue, const char *date, const char *title);
/* Fits the config to the schema in force: release.require_status, when
 * the config sets it, must be a status the schema allows (one of its
 * values, when the status key is an enum); when it is the default and
 * the schema has no status key, no status is required. 0, or
 * DTW_EINVALID with the message naming the config's file:line:col. */
int dtw_config_fit_schema(struct dtw_config *cfg, const struct dtw_schema *schema);
/* The defaults, as if from an empty file. */
struct dtw_config *dtw_config_default(void);
void dtw_config_free(struct dtw_config *cfg);

#endif
