/* dtw release ISSUE: reads the issue as committed at REV, gates it on
 * lint errors, status and a clean work tree, and writes one annotated tag
 * whose trailers (Dtw-Issue, Dtw-Path, Dtw-Blob) tell later runs what was
 * released. Idempotent, and safe when two runs race: git's reference lock
 * lets one create the tag and the other finds it. */
#include "builtin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "catalog/catalog.h"
#include "catalog/release.h"
#include "format/format.h"
#include "git/git.h"
#include "model/issue.h"
#include "rules/rules.h"
#include "source/source.h"
#include "format/out.h"
#include "base/banned.h"

const char usage_release[] =
	"usage: dtw release ISSUE [--rev REV] [--dry-run] [--force] [--push REMOTE]\n"
	"\n"
	"Tag a published newsletter issue. ISSUE is a path, an issue number (42)\n"
	"or a date (2026-11-24). The issue is read as committed at REV (default\n"
	"HEAD) and refused when it has lint errors, when its status is not the\n"
	"one release.require_status names, when the work tree or index changes it\n"
	"(unless --rev is given), or when no tagger identity is configured.\n"
	"\n"
	"  --rev REV        release the issue as it is at REV\n"
	"  --dry-run        print the tag that would be written; change nothing\n"
	"  --force          move an existing tag of this issue to REV\n"
	"  --push REMOTE    push the tag (and only the tag) to REMOTE\n"
	"\n"
	"Exit status: 0 released (or already released: a tag holds this blob), 1 refused,\n"
	"2 usage, config or git error (an unreachable remote).\n";

struct release {
	struct dtw_ctx *ctx;
	struct dtw_repo *repo;
	struct dtw_catalog *cat;
	const char *arg, *rev, *push;
	int dry_run, force, explicit_rev;
	struct dtw_oid commit;
	char *path;                 /* repository path of the issue */
	struct dtw_oid blob;
	struct dtw_source src;
	struct dtw_issue *issue;
	struct dtw_facts facts;
};

/* ISSUE as a repository path: a path as given, or the file at the commit
 * whose front matter has that number or date. */
static int resolve(struct release *r)
{
	char rev[DTW_OID_HEXSZ + 1];
	int key = dtw_issue_arg_is_key(r->arg);

	/* A number or a date: the catalog knows which file claims it; and
	 * it knows the releases, under whatever tag names, as last listed
	 * (the one release relied on is read again). */
	if (dtw_catalog_open_known(&r->cat, r->repo, r->ctx->schema)) {
		dtw_errorf("%s", dtw_error_last());
		return DTW_EXIT_ERROR;
	}
	dtw_oid_hex(rev, &r->commit);
	if (!dtw_catalog_resolve(&r->path, r->repo, r->cat, r->ctx->config, r->ctx->cwd, rev,
				 r->arg))
		return 0;
	if (!key) {
		dtw_errorf("%s", dtw_error_last());
		return DTW_EXIT_ERROR;
	}
	dtw_out_line(stdout, "dtw: not released: at %s, %s", r->rev, dtw_error_last());
	return DTW_EXIT_FINDINGS;
}

/* Whether `path` exists at the commit being released. */
/* Whether REV has a file at `path` that claims issue number `issue`:
 * a released path that now holds another issue (the release's file
 * renamed, a new draft at the old name) is no second claim. */
static int claims_at(struct release *r, const char *path, long issue)
{
	char *data = NULL;
	size_t len;
	struct dtw_oid blob;
	struct dtw_facts f;
	int e = dtw_repo_read_commit_path(&data, &len, &blob, r->repo, &r->commit, path,
					  DTW_MAX_FILE_SIZE), claims = 0;
	free(data);
	if (!e && !dtw_catalog_facts(&f, r->cat, &blob)) {
		claims = f.issue == issue;
		dtw_facts_release(&f);
	}
	dtw_error_clear();
	return claims;
}

/* What tag t is to the issue as it is at REV. */
enum kin {
	KIN_THIS,       /* releases it: its Dtw-Blob is the issue's blob, on whatever
			   commit the tag is, and its Dtw-Path the issue's, or gone at
			   REV, or another issue's there (a rename keeps the blob) */
	KIN_OTHER_FILE, /* releases another file with the same number, which REV
			   still has: two files claim the number */
	KIN_EARLIER,    /* releases this issue with other content: an earlier
			   version, at this path or one renamed since */
	KIN_NONE,       /* not a release of this issue */
};

static enum kin kin_of(struct release *r, const struct dtw_tag *t)
{
	int here;
	if (t->rel.issue != r->facts.issue || !t->rel.path)
		return KIN_NONE;
	here = !strcmp(t->rel.path, r->path) || !claims_at(r, t->rel.path, t->rel.issue);
	if (!here)
		return KIN_OTHER_FILE;
	return t->rel.has_blob && dtw_oid_equal(&t->rel.blob, &r->blob) ? KIN_THIS : KIN_EARLIER;
}

/* The release of this issue under a name other than `name` (release.tag
 * changed since it was made) that the issue's release is: the one that
 * releases it as it is, else one of an earlier version of it. Read again
 * into *out (the catalog's listing may be stale); 0 when there is none.
 * `fresh`: list the tags again first, so that none is missed. */
static int release_elsewhere(struct release *r, const char *name, struct dtw_tag *out,
			     enum kin *kin, int fresh)
{
	const struct dtw_tag *t;
	size_t i;

	if (fresh && dtw_catalog_refresh(r->cat))
		dtw_error_clear(); /* then the listing as known */
	t = dtw_catalog_tag_with_blob(r->cat, r->facts.issue, &r->blob);

	for (i = 0; !t && i < r->cat->ntags; i++)
		if (r->cat->tags[i].rel.issue == r->facts.issue && strcmp(r->cat->tags[i].name, name))
			t = &r->cat->tags[i];
	if (t && strcmp(t->name, name) && !dtw_release_tag_read(out, r->repo, t->name)) {
		*kin = kin_of(r, out);
		/* Another file that REV still has, released under the old
		 * name: two files claim the number, whatever the template. */
		if (*kin == KIN_THIS || *kin == KIN_EARLIER || *kin == KIN_OTHER_FILE)
			return 1;
		dtw_tag_release(out);
	}
	dtw_error_clear();
	return 0;
}

/* Lints the issue as committed; prints the errors. Returns the count. */
static size_t gate(struct release *r)
{
	struct dtw_sink sink;
	struct dtw_fmt fmt;
	size_t i, errors = 0;

	dtw_sink_init(&sink, &r->src);
	{
		struct dtw_rule_env env = { NULL, NULL, r->ctx->config->patterns,
					    r->ctx->config->npatterns, 0, r->ctx->sev_origin,
					    r->ctx->by_status, NULL, NULL };
		dtw_rules_run(r->issue, r->ctx->severity, &env, &sink);
	}
	for (i = 0; i < sink.n; i++)
		errors += sink.diags[i].severity == DTW_SEV_ERROR;
	if (errors) {
		memset(&fmt, 0, sizeof(fmt));
		fmt.ops = &dtw_format_text;
		fmt.out = stdout;
		fmt.quiet = 1;
		fmt.color = dtw_ctx_use_color(r->ctx);
		fmt.context = dtw_ctx_use_context(r->ctx, fmt.out);
		dtw_fmt_begin(&fmt);
		dtw_fmt_emit(&fmt, &r->src, sink.diags, sink.n);
		dtw_fmt_end(&fmt);
	}
	dtw_sink_release(&sink);
	return errors;
}

static int run(struct release *r)
{
	struct dtw_tag existing;
	char *data, *name = NULL, *msg = NULL;
	char chex[DTW_OID_HEXSZ + 1];
	size_t len;
	int st = DTW_EXIT_ERROR, e, changed, lock = -1;

	r->repo = r->ctx->repo; /* opened by dtw_ctx_load: DTW_NEEDS_REPO */
	if (dtw_repo_commit(&r->commit, r->repo, r->rev)) {
		dtw_errorf("%s", dtw_error_last());
		return DTW_EXIT_ERROR;
	}
	dtw_oid_hex(chex, &r->commit);
	if ((st = resolve(r)))
		return st;

	/* 1. The issue as committed at REV. */
	e = dtw_repo_read_commit_path(&data, &len, &r->blob, r->repo, &r->commit, r->path,
				      DTW_MAX_FILE_SIZE);
	if (e == DTW_ENOTFOUND) {
		dtw_out_line(stdout, "dtw: not released: %s does not exist at %s", r->path, r->rev);
		return DTW_EXIT_FINDINGS;
	}
	if (e) {
		dtw_errorf("%s", dtw_error_last());
		return DTW_EXIT_ERROR;
	}
	dtw_source_init_owned(&r->src, r->path, data, len);
	r->issue = dtw_issue_build(&r->src, r->ctx->schema);
	dtw_facts_from_issue(&r->facts, r->issue);

	/* 2. The refusals. */
	if (dtw_release_path_check(r->path)) {
		dtw_out_line(stdout, "dtw: not released: %s", dtw_error_last());
		return DTW_EXIT_FINDINGS;
	}
	if (gate(r)) {
		dtw_out_line(stdout, "dtw: not released: %s has lint errors at %s", r->path, r->rev);
		return DTW_EXIT_FINDINGS;
	}
	if (!r->explicit_rev && dtw_repo_workdir(r->repo)) {
		if (dtw_repo_path_changed(r->repo, r->path, &r->blob, &changed)) {
			dtw_errorf("%s", dtw_error_last());
			return DTW_EXIT_ERROR;
		}
		if (changed) {
			dtw_out_line(stdout, "dtw: not released: %s has changes in the work tree or index that %s does not; commit them, or name the commit with --rev",
			       r->path, r->rev);
			return DTW_EXIT_FINDINGS;
		}
	}
	if (*r->ctx->config->release_status &&
	    strcmp(r->facts.status, r->ctx->config->release_status)) {
		dtw_out_line(stdout, "dtw: not released: %s has status \"%s\"; release.require_status is \"%s\"",
		       r->path, r->facts.status, r->ctx->config->release_status);
		return DTW_EXIT_FINDINGS;
	}
	if (!r->facts.issue) {
		dtw_out_line(stdout, "dtw: not released: %s has no issue number in its front matter", r->path);
		return DTW_EXIT_FINDINGS;
	}
	if (!r->dry_run && dtw_repo_tagger_ok(r->repo)) {
		dtw_out_line(stdout, "dtw: not released: %s", dtw_error_last());
		return DTW_EXIT_FINDINGS;
	}

	/* 3. The tag. */
	st = DTW_EXIT_ERROR;
	name = dtw_release_tag_name(r->ctx->config->release_tag, &r->facts);
	if (!dtw_tag_name_valid(name)) {
		dtw_errorf("release.tag \"%s\" gives \"%s\", which is not a valid tag name",
			   r->ctx->config->release_tag, name);
		goto out;
	}
	if (dtw_release_message(&msg, &r->facts, r->issue, r->path, &r->blob)) {
		dtw_errorf("%s", dtw_error_last());
		goto out;
	}
	if (!r->dry_run)
		lock = dtw_repo_lock_releases(r->repo);
	for (int attempt = 0;; attempt++) {
		enum kin kin = KIN_NONE;
		struct dtw_tag other;
		enum kin other_kin;
		e = dtw_release_tag_read(&existing, r->repo, name);
		if (e && e != DTW_ENOTFOUND) {
			dtw_errorf("%s", dtw_error_last());
			goto out;
		}
		if (!e)
			kin = kin_of(r, &existing);
		/* The issue may have been released under another name
		 * (release.tag changed since): the trailers say so, whatever
		 * the name. That release is the issue's: it counts when it
		 * releases the issue as it is, or when no tag has this name
		 * (then it is the one --force moves, rather than a second). */
		if (kin != KIN_THIS &&
		    release_elsewhere(r, name, &other, &other_kin, e == DTW_ENOTFOUND)) {
			if (other_kin == KIN_THIS || e == DTW_ENOTFOUND) {
				if (!e)
					dtw_tag_release(&existing);
				existing = other;
				kin = other_kin;
				free(name);
				name = xstrdup(existing.name);
				e = 0;
			} else {
				dtw_tag_release(&other);
			}
		}
		if (!e && kin == KIN_THIS)
			goto released;
		if (!e && kin == KIN_OTHER_FILE) {
			dtw_out_line(stdout, "dtw: not released: %s already releases %s; two files claim issue %ld",
			       name, existing.rel.path, r->facts.issue);
			dtw_tag_release(&existing);
			st = DTW_EXIT_FINDINGS;
			goto out;
		}
		if (!e) {
			long theirs = existing.rel.issue;
			const char *why = dtw_oid_is_zero(&existing.commit) ? "it tags no commit" :
					  dtw_oid_equal(&existing.oid, &existing.commit) ?
					  "a lightweight tag has no message" :
					  "its message has no Dtw-Issue and Dtw-Path trailers of this issue";
			dtw_tag_release(&existing);
			/* A tag of this name that is no release of this issue,
			 * on whatever commit: nothing says the issue was
			 * released. */
			if (!r->force && kin == KIN_NONE && theirs && theirs != r->facts.issue) {
				dtw_out_line(stdout, "dtw: not released: %s already releases issue %ld (release.tag gives both one name); --force moves it to %.7s",
					     name, theirs, chex);
				st = DTW_EXIT_FINDINGS;
				goto out;
			}
			if (!r->force && kin == KIN_NONE) {
				dtw_out_line(stdout, "dtw: not released: a tag %s exists and is no release (%s); --force replaces it",
					     name, why);
				st = DTW_EXIT_FINDINGS;
				goto out;
			}
			if (!r->force && kin == KIN_EARLIER) {
				dtw_out_line(stdout, "dtw: not released: %s releases other content of issue %ld (dtw diff %ld shows what changed since); --force moves it to %.7s",
				       name, r->facts.issue, r->facts.issue, chex);
				st = DTW_EXIT_FINDINGS;
				goto out;
			}
			if (!r->force) {
				dtw_out_line(stdout, "dtw: not released: %s already tags another commit; --force moves it to %.7s",
				       name, chex);
				st = DTW_EXIT_FINDINGS;
				goto out;
			}
		}
		if (r->dry_run) {
			dtw_out_line(stdout, "dtw: would tag %.7s as %s%s:", chex, name,
				     e ? "" : " (moving it)");
			dtw_out_str(stdout, "\n");
			dtw_out_text(stdout, msg, strlen(msg));
			st = DTW_EXIT_OK;
			goto out;
		}
		e = dtw_repo_tag_create(r->repo, name, &r->commit, msg, r->force);
		if (!e)
			break;
		/* Another run got there first: look again, it may be ours. */
		if ((e == DTW_EEXISTS || e == DTW_ELOCKED) && attempt < 50) {
			if (e == DTW_ELOCKED) {
				struct timespec ts = { 0, 20 * 1000 * 1000 };
				nanosleep(&ts, NULL);
			}
			continue;
		}
		dtw_errorf("%s", dtw_error_last());
		goto out;
	}
	dtw_out_line(stdout, "dtw: released issue %ld as %s at %.7s", r->facts.issue, name, chex);
	st = DTW_EXIT_OK;
	goto push;
released: /* `existing` releases the issue as it is */
	{
		char at[DTW_OID_HEXSZ + 1];
		dtw_out_line(stdout, "dtw: issue %ld is already released as %s at %.7s", r->facts.issue,
			     existing.name, dtw_oid_hex(at, &existing.commit));
		dtw_tag_release(&existing);
		st = DTW_EXIT_OK;
	}
push:
	dtw_repo_unlock(lock);
	lock = -1;
	if (r->push && !r->dry_run) { /* a dry run changes no remote either */
		char *answer = NULL;
		e = dtw_repo_push_tag(r->repo, r->push, name, &answer);
		if (answer)
			dtw_out_line(stdout, "dtw: %s: %s", r->push, answer);
		if (e == DTW_EEXISTS)
			st = DTW_EXIT_FINDINGS;
		else if (e) {
			dtw_errorf("%s (the tag is kept locally)", dtw_error_last());
			st = DTW_EXIT_ERROR;
		}
		free(answer);
	}
out:
	dtw_repo_unlock(lock);
	free(name);
	free(msg);
	return st;
}

int cmd_release(int argc, const char **argv, struct dtw_ctx *ctx)
{
	struct release r;
	int st;
	struct dtw_option opts[] = {
		DTW_OPT_FLAG_("dry-run", 'n', &r.dry_run),
		DTW_OPT_FLAG_("force", 'f', &r.force),
		DTW_OPT_STRING_("rev", &r.rev),
		DTW_OPT_STRING_("push", &r.push),
		{ .type = DTW_OPT_END },
	};

	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	if ((st = dtw_cmd_parse(ctx, &argc, argv, opts, 1)) != DTW_CONTINUE)
		return st;
	r.arg = argc ? argv[0] : NULL;
	r.explicit_rev = opts[2].given;
	if (!r.rev)
		r.rev = "HEAD";
	if (!r.arg) {
		dtw_errorf("release: which issue? (dtw release ISSUE; dtw release --help)");
		return DTW_EXIT_ERROR;
	}
	if ((st = dtw_ctx_load(ctx)))
		return st;
	if (dtw_ctx_use_for_arg(ctx, r.arg))
		return DTW_EXIT_ERROR;
	st = run(&r);
	dtw_issue_free(r.issue);
	if (r.src.data)
		dtw_source_release(&r.src);
	dtw_facts_release(&r.facts);
	free(r.path);
	dtw_catalog_save(r.cat);
	dtw_catalog_free(r.cat);
	return st;
}
