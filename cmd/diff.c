/* dtw diff: what changed in a newsletter issue between two versions — a
 * revision (by default its release tag, else HEAD), the index or the work
 * tree — item by item from the two issue models, or as a line diff. */
#include "builtin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "catalog/catalog.h"
#include "diff/diff.h"
#include "format/format.h"
#include "git/git.h"
#include "model/issue.h"
#include "source/files.h"
#include "source/input.h"
#include "source/source.h"
#include "format/out.h"
#include "base/banned.h"

const char usage_diff[] =
	"usage: dtw diff [ISSUE] [FROM [TO]] [--staged] [--items | --patch | --stat]\n"
	"                [--format text|json]\n"
	"       dtw diff --changed-since REV [--items | --stat] [--format text|json]\n"
	"       dtw diff --no-index OLD NEW\n"
	"\n"
	"What changed in one newsletter issue: ISSUE is a path, a number or a\n"
	"date. FROM defaults to the issue's release tag, or HEAD if it was never\n"
	"released; TO to the work tree (the index with --staged). Any revision git\n"
	"understands.\n"
	"\n"
	"  --items            item by item (sections and items added, removed,\n"
	"                     moved, retitled; fields and links changed): the default\n"
	"  --patch            a unified line diff of the file\n"
	"  --stat             one line per issue with counts\n"
	"  --format json      a JSON document (with --items or --stat)\n"
	"  --changed-since REV  every issue changed since the merge base of REV and HEAD\n"
	"  --no-index OLD NEW compare two files, outside git\n";

enum mode { ITEMS, PATCH, STAT };

struct version {
	char *label;         /* "issue-42", "HEAD", "work tree", "index" */
	struct dtw_source src;
	int present;
	struct dtw_issue *issue;
};

struct diffrun {
	struct dtw_ctx *ctx;
	struct dtw_repo *repo;
	struct dtw_catalog *cat;
	enum mode mode;
	int json, staged, color, first;
	struct strbuf out;
};

static void version_release(struct version *v)
{
	dtw_issue_free(v->issue);
	if (v->present)
		dtw_source_release(&v->src);
	free(v->label);
	memset(v, 0, sizeof(*v));
}

/* Loads `path` as it is at `rev`: "" names the work tree, NULL the index.
 * A version where the file does not exist is absent, not an error. */
static int load(struct diffrun *d, struct version *v, const char *rev, const char *path,
		const char *display)
{
	struct dtw_input in;
	struct dtw_input_env env = { d->repo, dtw_repo_workdir(d->repo) };
	int r;

	memset(v, 0, sizeof(*v));
	if (rev && !*rev) {
		struct strbuf abs = STRBUF_INIT;
		v->label = xstrdup("work tree");
		strbuf_addf(&abs, "%s/%s", dtw_repo_workdir(d->repo), path);
		dtw_input_worktree(&in, display, abs.buf, path);
		strbuf_release(&abs);
	} else if (!rev) {
		v->label = xstrdup("index");
		dtw_input_index(&in, display, path);
	} else {
		v->label = xstrdup(rev);
		dtw_input_rev(&in, display, rev, path);
	}
	r = dtw_input_read(&v->src, &in, &env);
	dtw_input_release(&in);
	if (r == DTW_ENOTFOUND) {
		dtw_error_clear();
		return 0;
	}
	if (r)
		return r;
	v->present = 1;
	v->issue = dtw_issue_build(&v->src, d->ctx->schema);
	return 0;
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
		if (!strcmp(c->from_section, c->section)) {
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
		strbuf_addstr(sb, " \xE2\x80\x94 text changed");
		break;
	case DTW_CH_INTRO_CHANGED:
		strbuf_addstr(sb, "~ intro changed");
		break;
	case DTW_CH_OUTRO_CHANGED:
		strbuf_addstr(sb, "~ outro changed");
		break;
	}
}

static void counts(struct strbuf *sb, const struct dtw_diff *df)
{
	strbuf_addf(sb, "%zu item%s added, %zu removed, %zu changed", df->items_added,
		    df->items_added == 1 ? "" : "s", df->items_removed, df->items_changed);
}

/* Prints one issue's diff in the run's mode. */
static int report(struct diffrun *d, const char *display, struct version *a,
		  struct version *b)
{
	struct dtw_diff df;
	size_t i;

	if (d->mode == PATCH) {
		char *patch = NULL;
		if (dtw_unified_diff(&patch, a->present ? a->src.data : NULL, a->src.len,
				     b->present ? b->src.data : NULL, b->src.len, display)) {
			dtw_errorf("%s", dtw_error_last());
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
		strbuf_addstr(&d->out, ",\"changes\":[");
		for (i = 0; d->mode == ITEMS && i < df.n; i++) {
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
			if (c->name) {
				strbuf_addstr(&d->out, ",\"name\":");
				json_str(&d->out, c->name);
			}
			strbuf_addstr(&d->out, ",\"old\":");
			json_str(&d->out, c->old_text);
			strbuf_addstr(&d->out, ",\"new\":");
			json_str(&d->out, c->new_text);
			if (c->kind == DTW_CH_FIELD_CHANGED) {
				strbuf_addstr(&d->out, ",\"words\":");
				json_str(&d->out, c->words);
			}
			strbuf_addch(&d->out, '}');
		}
		strbuf_addstr(&d->out, df.n && d->mode == ITEMS ? "\n  ]}" : "]}");
	} else if (d->mode == STAT) {
		esc(&d->out, display);
		strbuf_addstr(&d->out, " | ");
		counts(&d->out, &df);
		strbuf_addch(&d->out, '\n');
	} else {
		strbuf_addf(&d->out, "%s", d->color ? "\033[1m" : "");
		esc(&d->out, display);
		strbuf_addf(&d->out, " (%s \xE2\x86\x92 %s)%s\n", a->present ? a->label : "nothing",
			    b->present ? b->label : "nothing", d->color ? "\033[0m" : "");
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

static int diff_one(struct diffrun *d, const char *arg, const char *from, const char *to)
{
	struct version a, b;
	char *path = NULL, *display;
	struct strbuf abs = STRBUF_INIT;
	const char *from_rev = from;
	int st = DTW_EXIT_OK;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (dtw_resolve_issue(&path, d->ctx, d->repo, d->cat, NULL, arg)) {
		dtw_errorf("%s", dtw_error_last());
		return DTW_EXIT_ERROR;
	}
	strbuf_addf(&abs, "%s/%s", dtw_repo_workdir(d->repo), path);
	display = dtw_ctx_display(d->ctx, abs.buf);
	strbuf_release(&abs);
	if (!from_rev) {
		/* The release tag of this issue, else HEAD. */
		struct dtw_source src;
		const struct dtw_tag *t = NULL;
		struct strbuf p = STRBUF_INIT;
		strbuf_addf(&p, "%s/%s", dtw_repo_workdir(d->repo), path);
		if (!dtw_input_read_file(&src, p.buf, display, dtw_repo_workdir(d->repo))) {
			struct dtw_issue *is = dtw_issue_build(&src, d->ctx->schema);
			struct dtw_facts f;
			dtw_facts_from_issue(&f, is);
			t = dtw_catalog_tag_of(d->cat, f.issue, path);
			dtw_facts_release(&f);
			dtw_issue_free(is);
			dtw_source_release(&src);
		}
		dtw_error_clear();
		strbuf_release(&p);
		from_rev = t ? t->name : "HEAD";
	}
	if (load(d, &a, from_rev, path, display) ||
	    load(d, &b, to ? to : d->staged ? NULL : "", path, display)) {
		dtw_errorf("%s", dtw_error_last()); /* names the file */
		st = DTW_EXIT_ERROR;
	} else if (!a.present && !b.present) {
		dtw_errorf("%s: exists neither at %s nor in the %s", display, from_rev,
			   to ? to : d->staged ? "index" : "work tree");
		st = DTW_EXIT_ERROR;
	} else if (report(d, display, &a, &b)) {
		st = DTW_EXIT_ERROR;
	}
	version_release(&a);
	version_release(&b);
	free(display);
	free(path);
	return st;
}

static int diff_changed(struct diffrun *d, const char *rev)
{
	struct dtw_git_files files = { 0 };
	unsigned char base[20];
	char hex[41];
	size_t i;
	int st = DTW_EXIT_OK;

	if (dtw_repo_merge_base(base, d->repo, rev) ||
	    dtw_repo_changed_since(&files, d->repo, rev, d->staged, NULL, 0, dtw_want_issue,
				   d->ctx->config)) {
		dtw_errorf("%s", dtw_error_last());
		return DTW_EXIT_ERROR;
	}
	for (i = 0; i < 20; i++) {
		static const char dig[] = "0123456789abcdef";
		hex[2 * i] = dig[base[i] >> 4];
		hex[2 * i + 1] = dig[base[i] & 15];
	}
	hex[40] = '\0';
	for (i = 0; i < files.n; i++) {
		struct version a, b;
		struct strbuf abs = STRBUF_INIT;
		char *display;
		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		strbuf_addf(&abs, "%s/%s", dtw_repo_workdir(d->repo), files.v[i].path);
		display = dtw_ctx_display(d->ctx, abs.buf);
		strbuf_release(&abs);
		if (load(d, &a, hex, files.v[i].path, display) ||
		    load(d, &b, d->staged ? NULL : "", files.v[i].path, display)) {
			dtw_errorf("%s", dtw_error_last()); /* names the file */
			st = DTW_EXIT_ERROR;
		} else {
			struct strbuf l = STRBUF_INIT;
			strbuf_addf(&l, "merge base with %s", rev);
			free(a.label);
			a.label = strbuf_detach(&l, NULL);
			if (report(d, display, &a, &b))
				st = DTW_EXIT_ERROR;
		}
		version_release(&a);
		version_release(&b);
		free(display);
	}
	if (!files.n && !d->json)
		strbuf_addf(&d->out, "no newsletter issue changed since %s\n", rev);
	dtw_git_files_release(&files);
	return st;
}

static int diff_files(struct diffrun *d, const char *old, const char *new)
{
	struct version a, b;
	int st = DTW_EXIT_OK;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	/* Two files named outright, outside git (as git diff --no-index):
	 * no repository bounds them. */
	{
		struct dtw_input_env env = { NULL, NULL };
		struct dtw_input ia, ib;
		int r;
		dtw_input_worktree(&ia, old, old, NULL);
		dtw_input_worktree(&ib, new, new, NULL);
		r = dtw_input_read(&a.src, &ia, &env);
		if (!r) {
			a.present = 1;
			r = dtw_input_read(&b.src, &ib, &env);
			b.present = !r;
		}
		dtw_input_release(&ia);
		dtw_input_release(&ib);
		if (r) {
			dtw_errorf("%s", dtw_error_last());
			version_release(&a);
			return DTW_EXIT_ERROR;
		}
	}
	a.label = xstrdup(old);
	b.label = xstrdup(new);
	a.issue = dtw_issue_build(&a.src, d->ctx->schema);
	b.issue = dtw_issue_build(&b.src, d->ctx->schema);
	if (report(d, new, &a, &b))
		st = DTW_EXIT_ERROR;
	version_release(&a);
	version_release(&b);
	return st;
}

int cmd_diff(int argc, const char **argv, struct dtw_ctx *ctx)
{
	struct diffrun d;
	const char *args[3] = { NULL, NULL, NULL }, *changed = NULL;
	int nargs, no_index = 0, st, k, mode = ITEMS, json = 0;
	struct dtw_option opts[] = {
		DTW_OPT_SET_("items", &mode, ITEMS),
		DTW_OPT_SET_("patch", &mode, PATCH),
		DTW_OPT_SET_("stat", &mode, STAT),
		{ .type = DTW_OPT_FLAG, .name = "staged", .alias = "cached", .value = &d.staged,
		  .set = 1 },
		{ .type = DTW_OPT_FLAG, .name = "no-index", .value = &no_index, .set = 1,
		  .flags = DTW_NO_REPO },
		DTW_OPT_STRING_("changed-since", &changed),
		{ .type = DTW_OPT_CHOICE, .name = "format", .value = &json, .choices = dtw_text_json },
		{ .type = DTW_OPT_END },
	};

	memset(&d, 0, sizeof(d));
	d.ctx = ctx;
	d.first = 1;
	strbuf_init(&d.out);
	if ((st = dtw_cmd_parse(ctx, &argc, argv, opts, 3)) != DTW_CONTINUE)
		return st;
	nargs = argc;
	for (k = 0; k < argc; k++)
		args[k] = argv[k];
	d.json = json;
	d.mode = mode;
	if (d.staged && nargs == 3) {
		dtw_errorf("diff: --staged compares with the index; it cannot be given with FROM and TO");
		return DTW_EXIT_ERROR;
	}
	if (d.json && d.mode == PATCH) {
		dtw_errorf("--patch has no JSON form; use --items or --stat");
		return DTW_EXIT_ERROR;
	}
	d.color = !d.json && dtw_ctx_use_color(ctx);
	if (no_index ? nargs != 2 : changed ? nargs != 0 : nargs < 1) {
		dtw_errorf(no_index ? "diff --no-index takes two files" :
			   changed ? "diff --changed-since takes no ISSUE" :
			   "diff: which issue? (dtw diff ISSUE; dtw diff --help)");
		return DTW_EXIT_ERROR;
	}
	if ((st = dtw_ctx_load(ctx)))
		return st;
	if (d.json)
		strbuf_addstr(&d.out, "{\"issues\":[");
	if (no_index) {
		st = diff_files(&d, args[0], args[1]);
	} else {
		d.repo = ctx->repo; /* DTW_NEEDS_WORKTREE */
		if (dtw_catalog_open(&d.cat, d.repo, ctx->schema, ctx->config->release_tag)) {
			dtw_errorf("%s", dtw_error_last());
			st = DTW_EXIT_ERROR;
		} else if (changed) {
			st = diff_changed(&d, changed);
		} else {
			st = diff_one(&d, args[0], args[1], args[2]);
		}
		dtw_catalog_free(d.cat);
	}
	if (d.json)
		strbuf_addstr(&d.out, d.first ? "]}\n" : "\n]}\n");
	dtw_out_literal(stdout, d.out.buf, d.out.len); /* built from escaped parts */
	strbuf_release(&d.out);
	return st;
}
