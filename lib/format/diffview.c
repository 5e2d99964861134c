/* The view of dtw diff (see diffview.h): changes as a reviewer reads
 * them, as JSON, as counts, or as a patch. */
#include "format/diffview.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "diff/diff.h"
#include "format/format.h"
#include "format/out.h"
#include "git/git.h"
#include "base/banned.h"

void dtw_diff_side_release(struct dtw_diff_side *v)
{
	dtw_issue_free(v->issue);
	if (v->present)
		dtw_source_release(&v->src);
	free(v->label);
	free(v->recorded);
	memset(v, 0, sizeof(*v));
}

void dtw_diff_view_begin(struct dtw_diff_view *v)
{
	strbuf_init(&v->out);
	v->first = 1;
	if (v->json)
		strbuf_addstr(&v->out, "{\"issues\":[");
}

void dtw_diff_view_note(struct dtw_diff_view *v, const char *text)
{
	if (v->json)
		return;
	dtw_escape(&v->out, text, strlen(text));
	strbuf_addch(&v->out, '\n');
}

void dtw_diff_view_end(struct dtw_diff_view *v, FILE *f)
{
	if (v->json)
		strbuf_addstr(&v->out, v->first ? "]}\n" : "\n]}\n");
	dtw_out_literal(f, v->out.buf, v->out.len); /* built from escaped parts */
	strbuf_release(&v->out);
}

static void json_str(struct strbuf *sb, const char *s)
{
	if (s)
		dtw_json_add_string(sb, s, strlen(s));
	else
		strbuf_addstr(sb, "null");
}

static void esc(struct strbuf *sb, const char *s)
{
	dtw_escape(sb, s, strlen(s));
}

static void item_ref(struct strbuf *sb, const struct dtw_change *c)
{
	esc(sb, c->section);
	/* An item added or removed says which group it is under. */
	if (c->group && *c->group && !c->from_group) {
		strbuf_addstr(sb, " \xE2\x80\xBA ");
		esc(sb, c->group);
	}
	strbuf_addstr(sb, " \xE2\x80\xBA \"");
	esc(sb, c->item);
	strbuf_addch(sb, '"');
}

/* One change as a line a reviewer reads. */
static void change_text(struct strbuf *sb, const struct dtw_change *c)
{
	switch (c->kind) {
	case DTW_CH_FRONT_MATTER:
		strbuf_addf(sb, "~ front matter: %s ", c->name);
		if (c->old_text && c->new_text) {
			strbuf_addch(sb, '"');
			esc(sb, c->old_text);
			strbuf_addstr(sb, "\" \xE2\x86\x92 \"");
			esc(sb, c->new_text);
			strbuf_addch(sb, '"');
		} else if (c->new_text) {
			strbuf_addstr(sb, "added: \"");
			esc(sb, c->new_text);
			strbuf_addch(sb, '"');
		} else {
			strbuf_addstr(sb, "removed");
		}
		break;
	case DTW_CH_SECTION_ADDED:
		strbuf_addstr(sb, "+ section \"");
		esc(sb, c->section);
		strbuf_addch(sb, '"');
		break;
	case DTW_CH_SECTION_REMOVED:
		strbuf_addstr(sb, "- section \"");
		esc(sb, c->section);
		strbuf_addch(sb, '"');
		break;
	case DTW_CH_SECTION_MOVED:
		strbuf_addstr(sb, "~ section \"");
		esc(sb, c->section);
		strbuf_addstr(sb, "\" moved");
		break;
	case DTW_CH_ITEM_ADDED:
		strbuf_addstr(sb, "+ ");
		item_ref(sb, c);
		break;
	case DTW_CH_ITEM_REMOVED:
		strbuf_addstr(sb, "- ");
		item_ref(sb, c);
		break;
	case DTW_CH_ITEM_MOVED:
		strbuf_addstr(sb, "~ ");
		item_ref(sb, c);
		if (c->from_group) {
			strbuf_addstr(sb, " \xE2\x80\x94 moved from ");
			if (*c->from_group) {
				strbuf_addstr(sb, "group \"");
				esc(sb, c->from_group);
				strbuf_addch(sb, '"');
			} else {
				strbuf_addstr(sb, "no group");
			}
			strbuf_addstr(sb, " to ");
			if (*c->group) {
				strbuf_addstr(sb, "group \"");
				esc(sb, c->group);
				strbuf_addch(sb, '"');
			} else {
				strbuf_addstr(sb, "no group");
			}
		} else if (!strcmp(c->from_section, c->section)) {
			strbuf_addstr(sb, " \xE2\x80\x94 moved within the section");
		} else {
			strbuf_addstr(sb, " \xE2\x80\x94 moved from ");
			esc(sb, c->from_section);
		}
		break;
	case DTW_CH_ITEM_RETITLED:
		strbuf_addstr(sb, "~ ");
		item_ref(sb, c);
		strbuf_addstr(sb, " \xE2\x80\x94 retitled from \"");
		esc(sb, c->old_text);
		strbuf_addch(sb, '"');
		break;
	case DTW_CH_FIELD_CHANGED:
		strbuf_addstr(sb, "~ ");
		item_ref(sb, c);
		strbuf_addf(sb, " \xE2\x80\x94 %s ", c->name);
		esc(sb, c->words);
		break;
	case DTW_CH_FIELD_ADDED:
	case DTW_CH_FIELD_REMOVED:
		strbuf_addstr(sb, "~ ");
		item_ref(sb, c);
		strbuf_addf(sb, " \xE2\x80\x94 %s %s", c->name,
			    c->kind == DTW_CH_FIELD_ADDED ? "added" : "removed");
		break;
	case DTW_CH_LINK_CHANGED:
		strbuf_addstr(sb, "~ ");
		item_ref(sb, c);
		strbuf_addstr(sb, " \xE2\x80\x94 link changed: ");
		esc(sb, c->old_text);
		strbuf_addstr(sb, " \xE2\x86\x92 ");
		esc(sb, c->new_text);
		break;
	case DTW_CH_LINK_ADDED:
	case DTW_CH_LINK_REMOVED:
		strbuf_addstr(sb, "~ ");
		item_ref(sb, c);
		strbuf_addf(sb, " \xE2\x80\x94 link %s: ",
			    c->kind == DTW_CH_LINK_ADDED ? "added" : "removed");
		esc(sb, c->kind == DTW_CH_LINK_ADDED ? c->new_text : c->old_text);
		break;
	case DTW_CH_BODY_CHANGED:
		strbuf_addstr(sb, "~ ");
		item_ref(sb, c);
		strbuf_addstr(sb, " \xE2\x80\x94 text changed: ");
		esc(sb, c->words);
		break;
	case DTW_CH_SECTION_TEXT_CHANGED:
		strbuf_addstr(sb, "~ section \"");
		esc(sb, c->section);
		strbuf_addstr(sb, "\" \xE2\x80\x94 text changed: ");
		esc(sb, c->words);
		break;
	case DTW_CH_TITLE_CHANGED:
		strbuf_addstr(sb, "~ title changed: ");
		esc(sb, c->words);
		break;
	case DTW_CH_INTRO_CHANGED:
		strbuf_addstr(sb, "~ intro changed: ");
		esc(sb, c->words);
		break;
	case DTW_CH_OUTRO_CHANGED:
		strbuf_addstr(sb, "~ outro changed: ");
		esc(sb, c->words);
		break;
	}
}

/* ", 2 sections added": one count, left out when 0. */
static void count(struct strbuf *sb, size_t n, const char *one, const char *many,
		  const char *what)
{
	if (n)
		strbuf_addf(sb, ", %zu %s %s", n, n == 1 ? one : many, what);
}

/* The counts of --stat and of the line under the changes: the items, then
 * what changed outside them (when anything did). */
static void counts(struct strbuf *sb, const struct dtw_diff *df)
{
	strbuf_addf(sb, "%zu item%s added, %zu removed, %zu changed", df->items_added,
		    df->items_added == 1 ? "" : "s", df->items_removed, df->items_changed);
	count(sb, df->fm_changed, "front-matter key", "front-matter keys", "changed");
	count(sb, df->sections_added, "section", "sections", "added");
	count(sb, df->sections_removed, "section", "sections", "removed");
	count(sb, df->sections_moved, "section", "sections", "moved");
	count(sb, df->sections_changed, "section's text", "sections' text", "changed");
	if (df->title_changed)
		strbuf_addstr(sb, ", title changed");
	if (df->intro_changed)
		strbuf_addstr(sb, ", intro changed");
	if (df->outro_changed)
		strbuf_addstr(sb, ", outro changed");
}

int dtw_diff_view_issue(struct dtw_diff_view *d, const char *display,
			const struct dtw_diff_side *a, const struct dtw_diff_side *b)
{
	struct dtw_diff df;
	size_t i;

	if (d->mode == DTW_DIFF_PATCH) {
		char *patch = NULL;
		const char *ad = !a->present ? NULL : a->recorded ? a->recorded : a->src.data;
		const char *bd = !b->present ? NULL : b->recorded ? b->recorded : b->src.data;
		if (dtw_unified_diff(&patch, ad, a->recorded ? a->recorded_len : a->src.len, bd,
				     b->recorded ? b->recorded_len : b->src.len, display)) {
			return -1;
		}
		if (d->color) {
			const char *p = patch;
			while (*p) {
				const char *nl = strchr(p, '\n');
				size_t n = nl ? (size_t)(nl - p) : strlen(p);
				const char *col = *p == '+' ? "\033[32m" : *p == '-' ? "\033[31m" :
						  *p == '@' ? "\033[36m" : NULL;
				if (col)
					strbuf_addstr(&d->out, col);
				dtw_escape(&d->out, p, n);
				if (col)
					strbuf_addstr(&d->out, "\033[0m");
				strbuf_addch(&d->out, '\n');
				p += n + (nl ? 1 : 0);
			}
		} else {
			strbuf_addstr(&d->out, patch);
		}
		free(patch);
		return 0;
	}
	dtw_diff_issues(&df, a->issue, b->issue);
	if (d->json) {
		strbuf_addstr(&d->out, d->first ? "\n  {\"path\":" : ",\n  {\"path\":");
		json_str(&d->out, display);
		strbuf_addstr(&d->out, ",\"from\":");
		json_str(&d->out, a->label);
		strbuf_addstr(&d->out, ",\"to\":");
		json_str(&d->out, b->label);
		strbuf_addf(&d->out, ",\"exists\":{\"from\":%s,\"to\":%s}",
			    a->present ? "true" : "false", b->present ? "true" : "false");
		strbuf_addf(&d->out, ",\"items\":{\"added\":%zu,\"removed\":%zu,\"changed\":%zu}",
			    df.items_added, df.items_removed, df.items_changed);
		strbuf_addf(&d->out, ",\"front_matter\":{\"changed\":%zu}", df.fm_changed);
		strbuf_addf(&d->out,
			    ",\"sections\":{\"added\":%zu,\"removed\":%zu,\"moved\":%zu,\"changed\":%zu}",
			    df.sections_added, df.sections_removed, df.sections_moved,
			    df.sections_changed);
		strbuf_addf(&d->out, ",\"title\":{\"changed\":%s}",
			    df.title_changed ? "true" : "false");
		strbuf_addf(&d->out, ",\"intro\":{\"changed\":%s},\"outro\":{\"changed\":%s}",
			    df.intro_changed ? "true" : "false", df.outro_changed ? "true" : "false");
		strbuf_addstr(&d->out, ",\"changes\":[");
		for (i = 0; d->mode == DTW_DIFF_ITEMS && i < df.n; i++) {
			const struct dtw_change *c = &df.v[i];
			strbuf_addstr(&d->out, i ? ",\n    {\"kind\":" : "\n    {\"kind\":");
			json_str(&d->out, dtw_change_kind_name(c->kind));
			strbuf_addstr(&d->out, ",\"section\":");
			json_str(&d->out, c->section);
			strbuf_addstr(&d->out, ",\"item\":");
			json_str(&d->out, c->item);
			if (c->from_section) {
				strbuf_addstr(&d->out, ",\"from_section\":");
				json_str(&d->out, c->from_section);
			}
			if (c->from_group) {
				strbuf_addstr(&d->out, ",\"from_group\":");
				json_str(&d->out, c->from_group);
			}
			if (c->group) {
				strbuf_addstr(&d->out, ",\"group\":");
				json_str(&d->out, c->group);
			}
			if (c->name) {
				strbuf_addstr(&d->out, ",\"name\":");
				json_str(&d->out, c->name);
			}
			strbuf_addstr(&d->out, ",\"old\":");
			json_str(&d->out, c->old_text);
			strbuf_addstr(&d->out, ",\"new\":");
			json_str(&d->out, c->new_text);
			if (c->kind == DTW_CH_FIELD_CHANGED || c->kind == DTW_CH_BODY_CHANGED ||
			    c->kind == DTW_CH_SECTION_TEXT_CHANGED || c->kind == DTW_CH_INTRO_CHANGED ||
			    c->kind == DTW_CH_OUTRO_CHANGED || c->kind == DTW_CH_TITLE_CHANGED) {
				strbuf_addstr(&d->out, ",\"words\":");
				json_str(&d->out, c->words);
			}
			strbuf_addch(&d->out, '}');
		}
		strbuf_addstr(&d->out, df.n && d->mode == DTW_DIFF_ITEMS ? "\n  ]}" : "]}");
	} else if (d->mode == DTW_DIFF_STAT) {
		esc(&d->out, display);
		strbuf_addstr(&d->out, " | ");
		counts(&d->out, &df);
		strbuf_addch(&d->out, '\n');
	} else {
		strbuf_addf(&d->out, "%s", d->color ? "\033[1m" : "");
		esc(&d->out, display);
		/* A label is a revision, a tag name or a path: anyone's text. */
		strbuf_addstr(&d->out, " (");
		esc(&d->out, a->present ? a->label : "nothing");
		strbuf_addstr(&d->out, " \xE2\x86\x92 ");
		esc(&d->out, b->present ? b->label : "nothing");
		strbuf_addf(&d->out, ")%s\n", d->color ? "\033[0m" : "");
		if (!a->present && b->present)
			strbuf_addstr(&d->out, "  (new issue)\n");
		if (a->present && !b->present)
			strbuf_addstr(&d->out, "  (issue removed)\n");
		for (i = 0; i < df.n; i++) {
			const char *col = NULL;
			strbuf_addstr(&d->out, "  ");
			if (d->color)
				col = df.v[i].kind == DTW_CH_ITEM_ADDED || df.v[i].kind == DTW_CH_SECTION_ADDED ?
				      "\033[32m" : df.v[i].kind == DTW_CH_ITEM_REMOVED ||
				      df.v[i].kind == DTW_CH_SECTION_REMOVED ? "\033[31m" : "\033[33m";
			if (col)
				strbuf_addstr(&d->out, col);
			change_text(&d->out, &df.v[i]);
			if (col)
				strbuf_addstr(&d->out, "\033[0m");
			strbuf_addch(&d->out, '\n');
		}
		if (!df.n)
			strbuf_addstr(&d->out, "  no changes\n");
		strbuf_addstr(&d->out, "  ");
		counts(&d->out, &df);
		strbuf_addch(&d->out, '\n');
	}
	d->first = 0;
	dtw_diff_release(&df);
	return 0;
}

