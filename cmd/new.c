/* dtw new: starts the next newsletter issue. Reads the issues the config's
 * paths match for the highest number and the latest date, and writes a
 * skeleton of the schema — every section, its items' fields and CTAs —
 * with TODO where the editor has writing to do, so that `dtw lint` points
 * at exactly what is left. Never overwrites a file. */
#include "builtin.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "catalog/catalog.h"
#include "git/git.h"
#include "model/issue.h"
#include "source/files.h"
#include "source/source.h"
#include "source/write.h"
#include "format/out.h"
#include "source/input.h"
#include "base/banned.h"

const char usage_new[] =
	"usage: dtw new [--date YYYY-MM-DD] [--title TITLE]\n"
	"\n"
	"Starts the next newsletter issue: number one more than the highest\n"
	"`issue` among the files matching the config's paths, dated --date or a\n"
	"week after the latest issue (today when there is none), written to\n"
	"DATE.md in the directory of the first paths pattern. Every section of\n"
	"the schema gets its items with their fields and call-to-action links,\n"
	"and TODO wherever there is writing to do: `dtw lint` lists what is\n"
	"left. The title is --title, or the latest issue's. An existing file is\n"
	"never overwritten.\n";

/* Parses "YYYY-MM-DD" into *tm (a real calendar date); 0 or -1. */
static int parse_date(struct tm *tm, const char *s)
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
static int format_date(char out[11], const struct tm *tm)
{
	return strftime(out, 11, "%Y-%m-%d", tm) == 10 ? 0 : -1;
}

/* mkdir -p of root/rel. */
static int make_dirs(const char *root, const char *rel)
{
	struct strbuf d = STRBUF_INIT;
	int r;
	strbuf_addf(&d, "%s/%s", root, rel);
	r = dtw_mkdirs(d.buf);
	if (r)
		dtw_errorf("%s", dtw_error_last());
	strbuf_release(&d);
	return r ? -1 : 0;
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

static void add_front_matter(struct strbuf *sb, const struct dtw_schema *s,
			     const char *title, long number, const char *date)
{
	size_t i, k;
	strbuf_addstr(sb, "---\n");
	for (i = 0; i < s->nfm; i++) {
		const struct dtw_fm_key *f = &s->fm[i];
		if (!strcmp(f->name, "title") && f->type == DTW_FM_STRING) {
			strbuf_addstr(sb, "title: ");
			add_quoted(sb, title);
			strbuf_addch(sb, '\n');
		} else if (!strcmp(f->name, "issue") && f->type == DTW_FM_INTEGER) {
			strbuf_addf(sb, "issue: %ld\n", number);
		} else if (f->type == DTW_FM_DATE && (!strcmp(f->name, "date") || f->required)) {
			strbuf_addf(sb, "%s: %s\n", f->name, date);
		} else if (!strcmp(f->name, "status") && f->type == DTW_FM_ENUM) {
			const char *v = f->default_value;
			for (k = 0; !v && k < f->nvalues; k++)
				if (!strcmp(f->values[k], "draft"))
					v = f->values[k];
			if (!v && f->nvalues)
				v = f->values[0];
			if (v)
				strbuf_addf(sb, "status: %s\n", v);
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
	strbuf_addstr(sb, "---\n\n");
}

/* A URL no reader can follow and no rule mistakes for a real page, one
 * per item so link-duplicate stays quiet. */
static void add_url(struct strbuf *sb, const struct dtw_section_def *d, size_t n)
{
	strbuf_addf(sb, "https://TODO/%s-%zu", d->id, n + 1);
}

static void add_heading_item(struct strbuf *sb, const struct dtw_section_def *d, size_t n)
{
	/* Without a CTA the link goes on the heading, as tools are written. */
	int heading_link = d->link_required && !d->ncta;
	size_t j;

	if (heading_link) {
		strbuf_addstr(sb, "### [TODO: item title](");
		add_url(sb, d, n);
		strbuf_addstr(sb, ")\n\n");
	} else {
		strbuf_addstr(sb, "### TODO: item title\n\n");
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
		     const char *title, long number)
{
	size_t i, n, count;
	strbuf_addf(sb, "# %s #%ld\n\n", title, number);
	strbuf_addstr(sb, "TODO: a few sentences on what this issue covers.\n\n");
	for (i = 0; i < s->nsections; i++) {
		const struct dtw_section_def *d = &s->sections[i];
		count = d->min_items > 1 ? d->min_items : 1;
		strbuf_addf(sb, "## %s\n\n", d->heading);
		for (n = 0; n < count; n++) {
			if (d->items == DTW_ITEMS_LIST)
				add_list_item(sb, d, n);
			else
				add_heading_item(sb, d, n);
		}
		if (d->items == DTW_ITEMS_LIST)
			strbuf_addch(sb, '\n');
	}
	strbuf_addstr(sb, "---\n\n"
		      "That\xe2\x80\x99s all for this week! See you in the next edition.\n");
}

/* Reads every issue the config's paths match: the highest number, and
 * the latest date with that issue's title. */
static int scan_issues(const struct dtw_ctx *ctx, const char *root, long *max_issue, char latest[11],
		       char **latest_title)
{
	struct dtw_filelist l = { 0 };
	struct strbuf abs = STRBUF_INIT;
	size_t i;

	if (dtw_files_match(&l, root, ctx->config->paths, ctx->config->npaths)) {
		dtw_errorf("%s", dtw_error_last());
		dtw_filelist_release(&l);
		return -1;
	}
	for (i = 0; i < l.n; i++) {
		struct dtw_source src;
		struct dtw_issue *is;
		struct dtw_facts f;
		strbuf_reset(&abs);
		strbuf_addf(&abs, "%s/%s", root, l.paths[i]);
		if (dtw_input_read_file(&src, abs.buf, l.paths[i], root))
			continue;
		is = dtw_issue_build(&src, ctx->schema);
		dtw_facts_from_issue(&f, is);
		if (f.issue > *max_issue)
			*max_issue = f.issue;
		if (f.date[0] && strcmp(f.date, latest) > 0) {
			memcpy(latest, f.date, 11);
			free(*latest_title);
			*latest_title = f.title && *f.title ? xstrdup(f.title) : NULL;
		}
		dtw_facts_release(&f);
		dtw_issue_free(is);
		dtw_source_release(&src);
	}
	strbuf_release(&abs);
	dtw_filelist_release(&l);
	return 0;
}

int cmd_new(int argc, const char **argv, struct dtw_ctx *ctx)
{
	struct { const char *date, *title; } o = { NULL, NULL };
	const char *root;
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	char latest[11] = "", date[11], *title = NULL, *dir = NULL, *shown = NULL;
	long max_issue = 0;
	struct tm tm;
	int r, st;
	struct dtw_option opts[] = {
		DTW_OPT_STRING_("date", &o.date),
		DTW_OPT_STRING_("title", &o.title),
		{ .type = DTW_OPT_END },
	};

	if ((st = dtw_cmd_parse(ctx, &argc, argv, opts, 0)) != DTW_CONTINUE)
		return st;
	st = DTW_EXIT_ERROR;
	if (o.date && parse_date(&tm, o.date)) {
		dtw_errorf("--date must be a calendar date YYYY-MM-DD, not \"%s\"", o.date);
		return DTW_EXIT_ERROR;
	}
	if ((r = dtw_ctx_load(ctx)))
		return r;
	root = dtw_repo_workdir(ctx->repo);
	if (!ctx->config->npaths) {
		dtw_errorf("the config's paths are empty; dtw new has nowhere to write");
		return DTW_EXIT_ERROR;
	}
	if (scan_issues(ctx, root, &max_issue, latest, &title))
		goto out;

	if (o.date) {
		r = format_date(date, &tm);
	} else if (latest[0] && !parse_date(&tm, latest)) {
		tm.tm_mday += 7;
		timegm(&tm);
		r = format_date(date, &tm);
	} else {
		time_t now = time(NULL);
		struct tm lt;
		if (!localtime_r(&now, &lt)) {
			dtw_errorf("cannot read the clock");
			goto out;
		}
		r = format_date(date, &lt);
	}
	if (r) {
		dtw_errorf("the new issue's date is outside the years 1000 to 9999");
		goto out;
	}
	if (o.title) {
		free(title);
		title = xstrdup(o.title);
	} else if (!title) {
		title = xstrdup("TODO: newsletter title");
	}

	dir = xstrndup(ctx->config->paths[0], dtw_pattern_dir_len(ctx->config->paths[0]));
	if (*dir && make_dirs(root, dir))
		goto out;
	strbuf_addf(&path, "%s/%s%s%s.md", root, dir, *dir ? "/" : "", date);
	shown = dtw_ctx_display(ctx, path.buf);
	{
		struct stat sst;
		if (lstat(path.buf, &sst) == 0) {
			dtw_errorf("%s exists already; not overwritten (use --date for another day)",
				   shown);
			st = DTW_EXIT_FINDINGS;
			goto out;
		}
	}
	add_front_matter(&text, ctx->schema, title, max_issue + 1, date);
	add_body(&text, ctx->schema, title, max_issue + 1);
	if (dtw_write_atomic(path.buf, text.buf, text.len, 0666)) {
		dtw_errorf("%s", dtw_error_last());
		goto out;
	}
	dtw_out_line(stdout, "dtw: started issue %ld (%s) in %s", max_issue + 1, date, shown);
	st = DTW_EXIT_OK;
out:
	free(shown);
	free(dir);
	free(title);
	strbuf_release(&path);
	strbuf_release(&text);
	return st;
}
