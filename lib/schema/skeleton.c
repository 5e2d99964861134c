/* The skeleton dtw new writes (see skeleton.h): what the schema asks of an
 * issue, with TODO in every place the editor has to write. */
#include "schema/skeleton.h"

#include "parse/regex.h"

#include <string.h>

#include "base/banned.h"

/* Parses "YYYY-MM-DD" into *tm (a real calendar date); 0 or -1. */
int dtw_date_parse(struct tm *tm, const char *s)
{
	struct tm t;
	time_t when;
	int k;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (k = 0; k < 10; k++)
		if (k != 4 && k != 7 && (s[k] < '0' || s[k] > '9'))
			return -1;
	memset(&t, 0, sizeof(t));
	t.tm_year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
		    (s[3] - '0') - 1900;
	t.tm_mon = (s[5] - '0') * 10 + (s[6] - '0') - 1;
	t.tm_mday = (s[8] - '0') * 10 + (s[9] - '0');
	t.tm_hour = 12;
	*tm = t;
	when = timegm(&t);
	if (when == (time_t)-1 || t.tm_mon != tm->tm_mon || t.tm_mday != tm->tm_mday)
		return -1;
	*tm = t;
	return 0;
}

/* Writes tm as "YYYY-MM-DD"; -1 for a year not of four digits, which
 * strftime would write short or, past 9999, not at all (nor the NUL). */
int dtw_date_format(char out[11], const struct tm *tm)
{
	return strftime(out, 11, "%Y-%m-%d", tm) == 10 ? 0 : -1;
}

static void add_quoted(struct strbuf *sb, const char *s)
{
	strbuf_addch(sb, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			strbuf_addch(sb, '\\');
		if ((unsigned char)*s < 0x20)
			continue;
		strbuf_addch(sb, *s);
	}
	strbuf_addch(sb, '"');
}

/* A Pelican metadata line is "Key: value" as written by hand: the key
 * capitalised, the value as it is (Pelican does not unquote), with no
 * line break in it. */
static void pelicanize(struct strbuf *sb, size_t from)
{
	struct strbuf out = STRBUF_INIT;
	size_t i = from;
	if (sb->len == from)
		return;
	while (i < sb->len) {
		size_t e = i, colon;
		while (e < sb->len && sb->buf[e] != '\n')
			e++;
		for (colon = i; colon < e && sb->buf[colon] != ':'; colon++)
			;
		if (colon + 2 < e + 1) {
			const char *v = sb->buf + colon + 2;
			size_t vl = e > colon + 2 ? e - colon - 2 : 0;
			char c = sb->buf[i];
			strbuf_addch(&out, c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c);
			strbuf_add(&out, sb->buf + i + 1, colon - i - 1);
			strbuf_addstr(&out, ": ");
			/* A quoted YAML string: its text, unescaped. */
			if (vl >= 2 && v[0] == '"' && v[vl - 1] == '"') {
				size_t j;
				for (j = 1; j + 1 < vl; j++) {
					if (v[j] == '\\' && j + 2 < vl)
						j++;
					strbuf_addch(&out, v[j]);
				}
			} else if (vl >= 2 && v[0] == '[' && v[vl - 1] == ']') {
				strbuf_add(&out, v + 1, vl - 2);
			} else {
				strbuf_add(&out, v, vl);
			}
			strbuf_addch(&out, '\n');
		}
		i = e + 1;
	}
	sb->len = from;
	sb->buf[from] = '\0';
	strbuf_add(sb, out.buf, out.len);
	strbuf_release(&out);
}

static void add_front_matter(struct strbuf *sb, const struct dtw_schema *s,
			     const char *title, long number, const char *date)
{
	size_t i, k, from;
	if (s->fm_syntax == DTW_FM_SYNTAX_YAML)
		strbuf_addstr(sb, "---\n");
	from = sb->len;
	for (i = 0; i < s->nfm; i++) {
		const struct dtw_fm_key *f = &s->fm[i];
		if (!strcmp(f->name, dtw_schema_role_key(s, DTW_ROLE_TITLE)) && f->type == DTW_FM_STRING) {
			strbuf_addf(sb, "%s: ", f->name);
			add_quoted(sb, title);
			strbuf_addch(sb, '\n');
		} else if (!strcmp(f->name, dtw_schema_role_key(s, DTW_ROLE_NUMBER)) &&
			   f->type == DTW_FM_INTEGER) {
			strbuf_addf(sb, "%s: %ld\n", f->name, number);
		} else if (f->type == DTW_FM_DATE && (!strcmp(f->name, dtw_schema_role_key(s, DTW_ROLE_DATE)) || f->required)) {
			strbuf_addf(sb, "%s: %s\n", f->name, date);
		} else if (!strcmp(f->name, dtw_schema_role_key(s, DTW_ROLE_STATUS)) &&
			   f->type == DTW_FM_ENUM) {
			/* A new issue is a draft, where the schema has one. */
			const char *v = NULL;
			for (k = 0; !v && k < f->nvalues; k++)
				if (!strcmp(f->values[k], "draft"))
					v = f->values[k];
			if (!v)
				v = f->default_value;
			if (!v && f->nvalues)
				v = f->values[0];
			if (v)
				strbuf_addf(sb, "%s: %s\n", f->name, v);
		} else if (f->default_value) {
			strbuf_addf(sb, "%s: ", f->name);
			add_quoted(sb, f->default_value);
			strbuf_addch(sb, '\n');
		} else if (f->required) {
			switch (f->type) {
			case DTW_FM_STRING:
				strbuf_addf(sb, "%s: TODO\n", f->name);
				break;
			case DTW_FM_INTEGER:
				strbuf_addf(sb, "%s: %lld\n", f->name,
					    (long long)(f->has_min ? f->min : 0));
				break;
			case DTW_FM_DATE:
				strbuf_addf(sb, "%s: %s\n", f->name, date);
				break;
			case DTW_FM_ENUM:
				strbuf_addf(sb, "%s: %s\n", f->name,
					    f->nvalues ? f->values[0] : "TODO");
				break;
			case DTW_FM_LIST:
				strbuf_addf(sb, "%s: [TODO]\n", f->name);
				break;
			case DTW_FM_BOOL:
				strbuf_addf(sb, "%s: false\n", f->name);
				break;
			}
		}
	}
	if (s->fm_syntax == DTW_FM_SYNTAX_PELICAN) {
		pelicanize(sb, from);
		strbuf_addch(sb, '\n');
		return;
	}
	strbuf_addstr(sb, "---\n\n");
}

/* A URL no reader can follow and no rule mistakes for a real page, one
 * per item so link-duplicate stays quiet. */
static void add_url(struct strbuf *sb, const struct dtw_section_def *d, size_t n)
{
	strbuf_addf(sb, "https://TODO/%s-%zu", d->id, n + 1);
}

/* "## " for level 2. */
static void add_hashes(struct strbuf *sb, int level)
{
	int i;
	for (i = 0; i < level; i++)
		strbuf_addch(sb, '#');
	strbuf_addch(sb, ' ');
}

static void add_heading_item(struct strbuf *sb, const struct dtw_section_def *d, size_t n)
{
	/* Without a CTA the link goes on the heading, as tools are written. */
	int heading_link = d->link_required && !d->ncta;
	size_t j;

	add_hashes(sb, d->item_level);
	if (heading_link) {
		strbuf_addstr(sb, "[TODO: item title](");
		add_url(sb, d, n);
		strbuf_addstr(sb, ")\n\n");
	} else {
		strbuf_addstr(sb, "TODO: item title\n\n");
	}
	if (!d->nfields)
		strbuf_addstr(sb, "TODO: what it is and why it matters.");
	for (j = 0; j < d->nfields; j++) {
		const struct dtw_field_def *f = &d->fields[j];
		if (j)
			strbuf_addstr(sb, "\n\n");
		strbuf_addf(sb, "**%s**", f->label);
		if (f->list)
			strbuf_addstr(sb, "\n\n- TODO\n- TODO");
		else
			strbuf_addstr(sb, " TODO");
	}
	/* The CTA closes the last paragraph; after a list it is its own. */
	if (d->ncta || (d->link_required && !heading_link)) {
		int after_list = d->nfields && d->fields[d->nfields - 1].list;
		strbuf_addstr(sb, after_list ? "\n\nTODO [" : " [");
		strbuf_addstr(sb, d->ncta ? d->cta[0] : "TODO");
		strbuf_addstr(sb, "](");
		add_url(sb, d, n);
		strbuf_addch(sb, ')');
	}
	strbuf_addstr(sb, "\n\n");
}

static void add_list_item(struct strbuf *sb, const struct dtw_section_def *d, size_t n)
{
	size_t j;
	strbuf_addstr(sb, "- [TODO: item title](");
	add_url(sb, d, n);
	strbuf_addch(sb, ')');
	for (j = 0; j < d->nfields; j++)
		strbuf_addf(sb, " **%s** TODO", d->fields[j].label);
	if (d->ncta) {
		strbuf_addf(sb, " [%s](", d->cta[0]);
		add_url(sb, d, n);
		strbuf_addch(sb, ')');
	}
	strbuf_addch(sb, '\n');
}

static void add_body(struct strbuf *sb, const struct dtw_schema *s,
		     const char *title, long number, const char *outro)
{
	size_t i, n, count;
	int title_heading = s->section_level >= 2;
	for (i = 0; i < s->nsections; i++)
		title_heading &= s->sections[i].level >= 2;
	/* A title heading where level 1 is free for it. */
	if (title_heading)
		strbuf_addf(sb, "# %s #%ld\n\n", title, number);
	strbuf_addstr(sb, "TODO: a few sentences on what this issue covers.\n\n");
	for (i = 0; i < s->nsections; i++) {
		const struct dtw_section_def *d = &s->sections[i];
		count = d->min_items > 1 ? d->min_items : 1;
		add_hashes(sb, d->level);
		strbuf_addf(sb, "%s\n\n", d->heading);
		if (d->items == DTW_ITEMS_NONE) {
			strbuf_addstr(sb, "TODO: this section's text.\n\n");
			continue;
		}
		if (d->ngroups) {
			/* Items go under a group the section lists. */
			add_hashes(sb, d->level + 1);
			strbuf_addf(sb, "%s\n\n", d->groups[0]);
		}
		for (n = 0; n < count; n++) {
			if (d->items == DTW_ITEMS_LIST)
				add_list_item(sb, d, n);
			else
				add_heading_item(sb, d, n);
		}
		if (d->items == DTW_ITEMS_LIST)
			strbuf_addch(sb, '\n');
	}
	if (s->outro.required) {
		static const char fallback[] =
			"That\xe2\x80\x99s all for this week! See you in the next edition.";
		/* The schema's pattern holds the closing words: the stock
		 * ones only when they fit it, else a TODO that says what will. */
		if (outro && *outro)
			strbuf_addf(sb, "---\n\n%s\n", outro);
		else if (s->outro.pattern &&
			 dtw_re_matches(s->outro.pattern, fallback, strlen(fallback)) != 1)
			strbuf_addf(sb, "---\n\nTODO: the closing words; the schema's outro pattern is /%s/.\n",
				    s->outro.pattern_src);
		else
			strbuf_addf(sb, "---\n\n%s\n", fallback);
	} else
		while (sb->len >= 2 && sb->buf[sb->len - 1] == '\n' && sb->buf[sb->len - 2] == '\n')
			sb->buf[--sb->len] = '\0';
}

void dtw_schema_skeleton(struct strbuf *out, const struct dtw_schema *s, const char *title,
			 long number, const char *date, const char *outro)
{
	add_front_matter(out, s, title, number, date);
	add_body(out, s, title, number, outro);
}
