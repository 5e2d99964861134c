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
#include "parse/regex.h"
#include "source/input.h"
#include "schema/skeleton.h"
#include "source/files.h"
#include "source/write.h"
#include "format/out.h"
#include "base/banned.h"

const char usage_new[] =
	"usage: dtw new [--date YYYY-MM-DD] [--title TITLE]\n"
	"\n"
	"Starts the next newsletter issue: number one more than the highest\n"
	"`issue` among the files matching the config's paths, dated --date or a\n"
	"week after the latest issue (today when there is none), written to\n"
	"DATE.md in the directory of the first paths pattern (where that would\n"
	"not match the paths, beside the latest issue, or in a directory of the\n"
	"year). Every section of the schema gets its items with their fields and\n"
	"call-to-action links, and TODO wherever there is writing to do: `dtw\n"
	"lint` lists what is left. The title is --title, or the one most issues\n"
	"have. The closing words are the latest issue's (when they match the\n"
	"schema's outro pattern), else a stock sign-off that does, else a TODO\n"
	"naming the pattern. An existing file is never overwritten.\n";

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

/* Prints what could not be read and counts it: a number cannot be
 * picked past an issue that was not read. */
static void counted(void *data, int error, const char *msg)
{
	dtw_ctx_report(NULL, error, msg);
	if (error)
		++*(size_t *)data;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reads every issue the config's paths match (a file that cannot be
 * read counts for nothing): the highest number, the latest date and the
 * directory of that issue (relative to the root), and the newsletter's
 * title — the one most issues have (of two as common, the latest's), so
 * that a one-off title is not handed on. */
static size_t scan_issues(const struct dtw_ctx *ctx, const char *root, long *max_issue,
			  char latest[11], char **title, char **latest_dir, char **latest_path)
{
	struct dtw_list_row *rows;
	const char **titles;
	const char *latest_title = NULL;
	size_t i, j, n, nt = 0, best = 0, unread = 0;

	dtw_catalog_list(&rows, &n, NULL, ctx->schema, root, root, ctx->cwd,
			 (const char *const *)ctx->config->paths, ctx->config->npaths, counted,
			 &unread);
	titles = xmalloc((n + 1) * sizeof(*titles));
	for (i = 0; i < n; i++) {
		const struct dtw_facts *f = &rows[i].f;
		if (f->issue > *max_issue)
			*max_issue = f->issue;
		if (f->issue <= 0)
			dtw_out_line(stderr, "dtw: note: %s has no issue number; not counted",
				     rows[i].display);
		if (*f->title)
			titles[nt++] = f->title;
		if (f->date[0] && strcmp(f->date, latest) > 0) {
			char *rel = dtw_path_relative(root, ctx->cwd, rows[i].display), *slash;
			memcpy(latest, f->date, 11);
			latest_title = *f->title ? f->title : NULL;
			free(*latest_path);
			*latest_path = xstrdup(rows[i].display);
			free(*latest_dir);
			*latest_dir = NULL;
			if (rel && (slash = strrchr(rel, '/'))) {
				*slash = '\0';
				*latest_dir = rel;
			} else {
				free(rel);
				*latest_dir = xstrdup("");
			}
		}
	}
	if (nt > 1)
		qsort(titles, nt, sizeof(*titles), cmp_str);
	for (i = 0; i < nt; i = j) {
		for (j = i; j < nt && !strcmp(titles[j], titles[i]); j++)
			;
		if (j - i > best || (j - i == best && latest_title && !strcmp(titles[i], latest_title))) {
			best = j - i;
			free(*title);
			*title = xstrdup(titles[i]);
		}
	}
	free(titles);
	dtw_list_rows_free(rows, n);
	return unread;
}

/* Whether s[0, n) holds a control character other than LF and tab
 * (C0, DEL, or C1 as UTF-8), CR included. */
static int has_controls(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f ||
		    (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		     (unsigned char)s[i + 1] <= 0x9f))
			return 1;
	}
	return 0;
}

/* The closing words of the issue at `path` (as displayed, from the
 * current directory), as written, when the schema requires an outro and
 * they match its pattern: a newsletter signs off the same way each week.
 * xmalloc'd, or NULL. */
static char *latest_outro(const struct dtw_ctx *ctx, const char *path)
{
	struct dtw_source src;
	struct dtw_issue *is;
	char *outro = NULL;

	if (!path || !ctx->schema->outro.required ||
	    dtw_input_read_file(&src, path, path, ctx->root)) {
		dtw_error_clear();
		return NULL;
	}
	is = dtw_issue_build(&src, ctx->schema);
	if (is->outro_paras && is->outro_end > is->outro_start &&
	    (!ctx->schema->outro.pattern ||
	     dtw_re_matches(ctx->schema->outro.pattern, is->outro_text,
			    strlen(is->outro_text)) == 1)) {
		size_t a = is->outro_start, b = is->outro_end;
		while (b > a && (src.data[b - 1] == '\n' || src.data[b - 1] == '\r'))
			b--;
		/* Plain text with the skeleton's line endings: no CR, no
		 * control character (the encoding rule's finding). */
		if (!has_controls(src.data + a, b - a))
			outro = xstrndup(src.data + a, b - a);
	}
	dtw_issue_free(is);
	dtw_source_release(&src);
	return outro;
}

/* Whether root-relative rel is a newsletter issue by the config's paths. */
static int matches_paths(const struct dtw_ctx *ctx, const char *rel)
{
	size_t i;
	for (i = 0; i < ctx->config->npaths; i++)
		if (dtw_path_match(ctx->config->paths[i], rel))
			return 1;
	return 0;
}

/* The directory (relative to the root) the new issue goes in, so that
 * DATE.md there is one the config's paths match: the first pattern's
 * own directory; else the latest issue's; else a directory of the year
 * under the first pattern's ("issues/2026" for issues/ * / *.md). NULL
 * when none fits. xmalloc'd. */
static char *issue_dir(const struct dtw_ctx *ctx, const char *latest_dir, const char *date)
{
	struct strbuf cand[3] = { STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
	size_t first = dtw_pattern_dir_len(ctx->config->paths[0]), i, l;
	int by_year = 0;
	char *found = NULL;

	strbuf_add(&cand[0], ctx->config->paths[0], first);
	/* A directory per year ("issues/2025"): the new issue's year. */
	l = latest_dir ? strlen(latest_dir) : 0;
	if (l >= 4 && (l == 4 || latest_dir[l - 5] == '/') &&
	    strspn(latest_dir + l - 4, "0123456789") == 4)
		by_year = 1;
	if (latest_dir && !(by_year && memcmp(latest_dir + l - 4, date, 4)))
		strbuf_addstr(&cand[1], latest_dir);
	if (by_year)
		strbuf_addf(&cand[2], "%.*s%.4s", (int)(l - 4), latest_dir, date);
	else
		strbuf_addf(&cand[2], "%.*s%s%.4s", (int)first, ctx->config->paths[0],
			    first ? "/" : "", date);
	for (i = 0; i < 3 && !found; i++) {
		struct strbuf f = STRBUF_INIT;
		if (i == 1 && !cand[1].len && !(latest_dir && !*latest_dir && !by_year))
			continue;
		strbuf_addf(&f, "%s%s%s.md", cand[i].buf, cand[i].len ? "/" : "", date);
		if (matches_paths(ctx, f.buf))
			found = xstrdup(cand[i].buf);
		strbuf_release(&f);
	}
	for (i = 0; i < 3; i++)
		strbuf_release(&cand[i]);
	return found;
}

int cmd_new(int argc, const char **argv, struct dtw_ctx *ctx)
{
	struct { const char *date, *title; } o = { NULL, NULL };
	const char *root;
	struct strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	char latest[11] = "", date[11], *title = NULL, *dir = NULL, *shown = NULL,
	     *latest_dir = NULL, *latest_path = NULL, *outro = NULL;
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
	if (o.date && dtw_date_parse(&tm, o.date)) {
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
	if (scan_issues(ctx, root, &max_issue, latest, &title, &latest_dir, &latest_path)) {
		dtw_errorf("cannot tell the next issue number: an issue above could not be read");
		goto out;
	}

	if (o.date) {
		r = dtw_date_format(date, &tm);
	} else if (latest[0] && !dtw_date_parse(&tm, latest)) {
		tm.tm_mday += 7;
		timegm(&tm);
		r = dtw_date_format(date, &tm);
	} else {
		time_t now = time(NULL);
		struct tm lt;
		if (!localtime_r(&now, &lt)) {
			dtw_errorf("cannot read the clock");
			goto out;
		}
		r = dtw_date_format(date, &lt);
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

	if (!(dir = issue_dir(ctx, latest_dir, date))) {
		dtw_errorf("no directory for the new issue: %s.md would not match the config's paths (%s%s); write the first issue where they match, then dtw new follows it",
			   date, ctx->config->paths[0], ctx->config->npaths > 1 ? ", ..." : "");
		goto out;
	}
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
	outro = latest_outro(ctx, latest_path);
	dtw_schema_skeleton(&text, ctx->schema, title, max_issue + 1, date, outro);
	if (dtw_write_atomic(path.buf, text.buf, text.len, 0666)) {
		dtw_errorf("%s", dtw_error_last());
		goto out;
	}
	dtw_out_line(stdout, "dtw: started issue %ld (%s) in %s", max_issue + 1, date, shown);
	st = DTW_EXIT_OK;
out:
	free(shown);
	free(dir);
	free(latest_dir);
	free(latest_path);
	free(outro);
	free(title);
	strbuf_release(&path);
	strbuf_release(&text);
	return st;
}
