/* Git stage: release tags — reading their trailers (through the cache),
 * creating them under git's reference lock, pushing one — and the blob and
 * status questions the release command asks. */
#include "git.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/file.h>
#include <fcntl.h>
#include <unistd.h>
#include <time.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "git/repo.h"
#include "base/banned.h"

char *dtw_repo_git_path(struct dtw_repo *r, const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s%s", git_repository_commondir(r->repo), name);
	return strbuf_detach(&sb, NULL);
}

/* Whether any filter can change a file between the work tree and git:
 * a .gitattributes at the top, info/attributes, or core.autocrlf/eol.
 * (A .gitattributes deeper down is found by libgit2 when this says yes;
 * one only in a subdirectory with nothing at the top is not looked for.) */
static int filters_possible(struct dtw_repo *r)
{
	git_config *cfg = NULL;
	struct strbuf p = STRBUF_INIT;
	struct stat st;
	int v = 0;

	if (r->filters >= 0)
		return r->filters;
	if (r->workdir) {
		strbuf_addf(&p, "%s/.gitattributes", r->workdir);
		v |= stat(p.buf, &st) == 0;
	}
	strbuf_reset(&p);
	strbuf_addf(&p, "%sinfo/attributes", git_repository_commondir(r->repo));
	v |= stat(p.buf, &st) == 0;
	strbuf_release(&p);
	if (!v && git_repository_config_snapshot(&cfg, r->repo) == 0) {
		int b;
		const char *s;
		if (git_config_get_bool(&b, cfg, "core.autocrlf") == 0 && b)
			v = 1;
		if (git_config_get_string(&s, cfg, "core.autocrlf") == 0 && !strcmp(s, "input"))
			v = 1;
		if (git_config_get_string(&s, cfg, "core.eol") == 0)
			v = 1;
		git_config_free(cfg);
	}
	git_error_clear();
	r->filters = v;
	return v;
}

int dtw_repo_worktree_blob(struct dtw_oid *out, struct dtw_repo *r, const char *path)
{
	git_oid id;
	int e;
	if (filters_possible(r)) {
		e = git_repository_hashfile(&id, r->repo, path, GIT_OBJECT_BLOB, NULL);
	} else {
		struct strbuf abs = STRBUF_INIT;
		strbuf_addf(&abs, "%s/%s", r->workdir ? r->workdir : ".", path);
		e = git_odb_hashfile(&id, abs.buf, GIT_OBJECT_BLOB);
		strbuf_release(&abs);
	}
	if (e < 0)
		return dtw_git_fail(path);
	*out = dtw_oid_of(&id);
	return 0;
}

void dtw_blob_id(struct dtw_oid *out, const char *data, size_t len)
{
	git_oid id;
	git_odb_hash(&id, data, len, GIT_OBJECT_BLOB);
	*out = dtw_oid_of(&id);
}

int dtw_repo_commit(struct dtw_oid *out, struct dtw_repo *r, const char *rev)
{
	git_object *obj = NULL, *c = NULL;
	if (git_revparse_single(&obj, r->repo, rev) < 0) {
		if (!strcmp(rev, "HEAD") && git_repository_head_unborn(r->repo) == 1)
			return dtw_error_setc(DTW_ENOREV, "HEAD has no commits yet");
		return dtw_error_setc(DTW_ENOREV, "unknown revision \"%s\"", rev);
	}
	if (git_object_peel(&c, obj, GIT_OBJECT_COMMIT) < 0) {
		git_object_free(obj);
		return dtw_error_setc(DTW_ENOREV, "\"%s\" does not name a commit", rev);
	}
	*out = dtw_oid_of(git_object_id(c));
	git_object_free(c);
	git_object_free(obj);
	return 0;
}

int dtw_repo_read_commit_path(char **data, size_t *len, struct dtw_oid *blob,
			      struct dtw_repo *r, const struct dtw_oid *commit,
			      const char *path, size_t max)
{
	git_oid id;
	git_commit *c;
	git_tree *t;
	git_tree_entry *e = NULL;
	int ret;

	id = dtw_git_oid(commit);
	if (git_commit_lookup(&c, r->repo, &id) < 0)
		return dtw_git_fail("cannot read the commit");
	if (git_commit_tree(&t, c) < 0) {
		git_commit_free(c);
		return dtw_git_fail("cannot read the commit's tree");
	}
	if (git_tree_entry_bypath(&e, t, path) < 0 || git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		git_tree_entry_free(e);
		git_tree_free(t);
		git_commit_free(c);
		return dtw_error_setc(DTW_ENOTFOUND, "%s does not exist at that commit", path);
	}
	if (git_tree_entry_filemode(e) == GIT_FILEMODE_LINK) {
		git_tree_entry_free(e);
		git_tree_free(t);
		git_commit_free(c);
		return dtw_error_setc(DTW_ESYMLINK, "%s: symbolic link at that commit, not followed",
				      path);
	}
	*blob = dtw_oid_of(git_tree_entry_id(e));
	ret = dtw_repo_read_blob(data, len, r, blob, max);
	git_tree_entry_free(e);
	git_tree_free(t);
	git_commit_free(c);
	return ret;
}

int dtw_repo_path_changed(struct dtw_repo *r, const char *path,
			  const struct dtw_oid *blob, int *changed)
{
	struct strbuf abs = STRBUF_INIT;
	struct dtw_oid staged;
	git_oid wt;
	int f;

	*changed = 0;
	strbuf_addf(&abs, "%sindex", git_repository_path(r->repo));
	f = dtw_index_lookup(abs.buf, path, &staged);
	strbuf_reset(&abs);
	if (f < 0) {
		git_index *index;
		const git_index_entry *ie;
		if (git_repository_index(&index, r->repo) < 0) {
			strbuf_release(&abs);
			return dtw_git_fail("cannot read the index");
		}
		ie = git_index_get_bypath(index, path, 0);
		if ((f = (ie != NULL)))
			staged = dtw_oid_of(&ie->id);
		git_index_free(index);
	}
	if (!f || !dtw_oid_equal(&staged, blob))
		*changed = 1;
	if (*changed || !r->workdir) {
		strbuf_release(&abs);
		return 0;
	}
	/* The file's bytes first; only when they differ, through its filters
	 * (eol, autocrlf) as git status sees it — which costs reading the
	 * attributes, so it is not paid when the bytes already match. */
	strbuf_addf(&abs, "%s/%s", r->workdir, path);
	if (git_odb_hashfile(&wt, abs.buf, GIT_OBJECT_BLOB) < 0 || memcmp(wt.id, blob->id, DTW_OID_RAWSZ)) {
		if (!filters_possible(r) ||
		    git_repository_hashfile(&wt, r->repo, path, GIT_OBJECT_BLOB, NULL) < 0 ||
		    memcmp(wt.id, blob->id, DTW_OID_RAWSZ))
			*changed = 1;
	}
	strbuf_release(&abs);
	git_error_clear();
	return 0;
}

void dtw_tag_release(struct dtw_tag *t)
{
	free(t->name);
	free(t->path);
	memset(t, 0, sizeof(*t));
}

int dtw_tag_name_valid(const char *name)
{
	struct strbuf sb = STRBUF_INIT;
	int valid = 0;
	strbuf_addf(&sb, "refs/tags/%s", name);
	if (git_reference_name_is_valid(&valid, sb.buf) < 0)
		valid = 0;
	strbuf_release(&sb);
	return valid && *name;
}

/* Reads the Dtw-* trailers of a tag message. */
static void parse_trailers(struct dtw_tag *t, const char *msg)
{
	const char *p = msg;
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n > 11 && !strncmp(p, "Dtw-Issue: ", 11)) {
			char *end;
			long v = strtol(p + 11, &end, 10);
			if (end != p + 11 && v > 0)
				t->issue = v;
		} else if (n > 10 && !strncmp(p, "Dtw-Path: ", 10)) {
			free(t->path);
			t->path = xstrndup(p + 10, n - 10);
		} else if (n > 10 && !strncmp(p, "Dtw-Blob: ", 10)) {
			t->has_blob = !dtw_oid_from_hex(&t->blob, p + 10, n - 10);
		}
		p = nl ? nl + 1 : NULL;
	}
}

/* Fills t from the object `target` the reference points at. */
static int read_tag(struct dtw_tag *t, struct dtw_repo *r, const git_oid *target)
{
	git_object *obj, *commit = NULL;
	t->oid = dtw_oid_of(target);
	if (git_object_lookup(&obj, r->repo, target, GIT_OBJECT_ANY) < 0)
		return dtw_git_fail("cannot read a tag");
	if (git_object_type(obj) == GIT_OBJECT_TAG)
		parse_trailers(t, git_tag_message((git_tag *)obj));
	if (git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) == 0) {
		t->commit = dtw_oid_of(git_object_id(commit));
		git_object_free(commit);
	}
	git_object_free(obj);
	git_error_clear();
	return 0;
}

int dtw_repo_tag(struct dtw_tag *out, struct dtw_repo *r, const char *name)
{
	git_reference *ref;
	struct strbuf sb = STRBUF_INIT;
	int ret;

	memset(out, 0, sizeof(*out));
	strbuf_addf(&sb, "refs/tags/%s", name);
	ret = git_reference_lookup(&ref, r->repo, sb.buf);
	strbuf_release(&sb);
	if (ret == GIT_ENOTFOUND)
		return DTW_ENOTFOUND;
	if (ret < 0)
		return dtw_git_fail(name);
	out->name = xstrdup(name);
	ret = git_reference_target(ref) ? read_tag(out, r, git_reference_target(ref)) :
	      dtw_error_set("%s: a symbolic tag", name);
	git_reference_free(ref);
	return ret;
}

struct foreach {
	struct dtw_repo *r;
	const struct dtw_oid_memo *memo;
	struct dtw_tag *v;
	size_t n, alloc;
	struct strbuf seen;   /* "\tNAME OID" of every matching ref, for the cache */
};

/* Cache value for a tag object: "ISSUE COMMIT BLOB PATH" or "-" (not a
 * release). */
static void consider(struct foreach *f, const char *refname, const git_oid *tgt)
{
	git_oid target = *tgt;
	struct dtw_oid dtarget = dtw_oid_of(tgt);
	struct dtw_tag t;
	const char *cached = f->memo->get(f->memo->data, 't', &dtarget);
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), &target);
	strbuf_addf(&f->seen, "\t%s %s", refname, hex);
	memset(&t, 0, sizeof(t));
	if (cached) {
		char chex[DTW_OID_HEXSZ + 1], bhex[DTW_OID_HEXSZ + 1]; /* %40s below */
		long issue;
		int off = 0;
		if (!strcmp(cached, "-"))
			return;
		/* NOLINTNEXTLINE(cert-err34-c): dtw's own cache line; a bad one is only a miss */
		if (sscanf(cached, "%ld %40s %40s %n", &issue, chex, bhex, &off) == 3 && off &&
		    !dtw_oid_from_hex(&t.commit, chex, strlen(chex))) {
			t.oid = dtarget;
			t.issue = issue;
			t.has_blob = !dtw_oid_from_hex(&t.blob, bhex, strlen(bhex));
			t.path = xstrdup(cached + off);
		} else {
			cached = NULL;
		}
	}
	if (!cached) {
		struct strbuf v = STRBUF_INIT;
		if (read_tag(&t, f->r, &target))
			return;
		if (!t.issue || !t.path) {
			f->memo->put(f->memo->data, 't', &dtarget, "-");
			dtw_tag_release(&t);
			return;
		}
		{
			char ch[DTW_OID_HEXSZ + 1], bh[DTW_OID_HEXSZ + 1];
			struct dtw_oid none = { { 0 } };
			dtw_oid_hex(ch, &t.commit);
			dtw_oid_hex(bh, t.has_blob ? &t.blob : &none);
			strbuf_addf(&v, "%ld %s %s %s", t.issue, ch, bh, t.path);
		}
		f->memo->put(f->memo->data, 't', &dtarget, v.buf);
		strbuf_release(&v);
	}
	t.name = xstrdup(refname + strlen("refs/tags/"));
	ALLOC_GROW(f->v, f->n + 1, f->alloc);
	f->v[f->n++] = t;
}

static int tag_cb(const char *refname, void *payload)
{
	struct foreach *f = payload;
	git_oid target;
	if (git_reference_name_to_id(&target, f->r->repo, refname) < 0) {
		git_error_clear();
		return 0;
	}
	consider(f, refname, &target);
	return 0;
}

/* What changes when any tag is created, moved or deleted: the mtime of
 * refs/tags/ (a ref is written by renaming a lock file into it) and the
 * size and mtime of packed-refs. *newest is the later of the two mtimes.
 * NULL when tags may live in subdirectories (a template with "/"): then
 * the refs are always read. */
static char *refs_stamp(struct dtw_repo *r, const char *tmpl, time_t *newest)
{
	struct strbuf p = STRBUF_INIT, s = STRBUF_INIT;
	struct stat st;
	*newest = 0;
	if (strchr(tmpl, '/') || strchr(tmpl, ' ') || strchr(tmpl, '\t'))
		return NULL;
	strbuf_addf(&p, "%srefs/tags", git_repository_commondir(r->repo));
	strbuf_addf(&s, "%s:", tmpl);
	if (stat(p.buf, &st) == 0) {
		strbuf_addf(&s, "%lld.%ld", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
		*newest = st.st_mtim.tv_sec;
	}
	strbuf_reset(&p);
	strbuf_addf(&p, "%spacked-refs", git_repository_commondir(r->repo));
	if (stat(p.buf, &st) == 0) {
		strbuf_addf(&s, ":%lld:%lld.%ld", (long long)st.st_size,
			    (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
		if (st.st_mtim.tv_sec > *newest)
			*newest = st.st_mtim.tv_sec;
	}
	strbuf_release(&p);
	return strbuf_detach(&s, NULL);
}

int dtw_repo_release_tags(struct dtw_tag **out, size_t *n, struct dtw_repo *r,
			  const struct dtw_oid_memo *memo, const char *tmpl)
{
	static const struct dtw_oid refs_key; /* the one 'r' entry: all zero */
	struct foreach f = { r, memo, NULL, 0, 0, STRBUF_INIT };
	struct strbuf glob = STRBUF_INIT;
	const char *p, *cached;
	char *stamp;
	time_t newest;
	int e;

	/* refs/tags/ + the template with each {field} as "*": only the
	 * references that can be releases are read. */
	strbuf_addstr(&glob, "refs/tags/");
	for (p = tmpl; *p; p++) {
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		if (close) {
			if (!glob.len || glob.buf[glob.len - 1] != '*')
				strbuf_addch(&glob, '*');
			p = close;
		} else {
			strbuf_addch(&glob, *p);
		}
	}
	/* Unchanged tags since the last run: the names and targets are in
	 * the cache, and no reference is read at all. */
	/* The entry is "WRITTEN STAMP\tNAME OID...". As git treats a racily
	 * clean index, a stamp is trusted only if the refs were last changed
	 * well before the entry was written: a change within the same clock
	 * tick would leave the stamp as it was. */
	stamp = refs_stamp(r, tmpl, &newest);
	cached = stamp ? memo->get(memo->data, 'r', &refs_key) : NULL;
	if (cached) {
		char *end;
		long long written = strtoll(cached, &end, 10);
		cached = *end == ' ' && newest + 2 <= (time_t)written ? end + 1 : NULL;
	}
	if (cached && !strncmp(cached, stamp, strlen(stamp)) &&
	    (cached[strlen(stamp)] == '\t' || !cached[strlen(stamp)])) {
		const char *q = cached + strlen(stamp);
		strbuf_release(&glob);
		while (*q == '\t') {
			const char *sp = strchr(q + 1, ' ');
			git_oid target;
			char *name;
			if (!sp || git_oid_fromstrn(&target, sp + 1, GIT_OID_HEXSZ) < 0)
				break;
			name = xstrndup(q + 1, (size_t)(sp - q - 1));
			consider(&f, name, &target);
			free(name);
			q = sp + 1 + GIT_OID_HEXSZ;
		}
		free(stamp);
		strbuf_release(&f.seen);
		*out = f.v;
		*n = f.n;
		return 0;
	}
	e = git_reference_foreach_glob(r->repo, glob.buf, tag_cb, &f);
	strbuf_release(&glob);
	if (e < 0 && git_error_last()) {
		size_t i;
		for (i = 0; i < f.n; i++)
			dtw_tag_release(&f.v[i]);
		free(f.v);
		free(stamp);
		strbuf_release(&f.seen);
		return dtw_git_fail("cannot list the tags");
	}
	if (stamp) {
		struct strbuf v = STRBUF_INIT;
		strbuf_addf(&v, "%lld %s%s", (long long)time(NULL), stamp, f.seen.buf);
		memo->put(memo->data, 'r', &refs_key, v.buf);
		strbuf_release(&v);
	}
	free(stamp);
	strbuf_release(&f.seen);
	*out = f.v;
	*n = f.n;
	return 0;
}

/* Parses GIT_COMMITTER_DATE in the forms git writes and tests use:
 * "@SECONDS [+-]HHMM", "SECONDS [+-]HHMM" and ISO 8601
 * "YYYY-MM-DDTHH:MM:SS" with "Z" or "[+-]HH:MM". 0 on success. */
/* NOLINTBEGIN(cert-err34-c): the input is the user's own
 * GIT_COMMITTER_DATE, and every field but the seconds is width-bounded. */
static int parse_date(const char *s, git_time_t *when, int *offset)
{
	int y, mo, d, h, mi, sec, n = 0, oh = 0, om = 0;
	char sign = '+';
	long long secs;
	if (*s == '@')
		s++;
	if (sscanf(s, "%lld %c%2d%2d", &secs, &sign, &oh, &om) == 4 &&
	    (sign == '+' || sign == '-') && !strchr(s, '-')) {
		*when = (git_time_t)secs;
		*offset = (sign == '-' ? -1 : 1) * (oh * 60 + om);
		return 0;
	}
	if (sscanf(s, "%4d-%2d-%2d%*[T ]%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) == 6) {
		const char *z = s + n;
		long long days;
		int a, yy, mm;
		*offset = 0;
		if (*z == '+' || *z == '-') {
			if (sscanf(z + 1, "%2d:%2d", &oh, &om) != 2 && sscanf(z + 1, "%2d%2d", &oh, &om) != 2)
				return -1;
			*offset = (*z == '-' ? -1 : 1) * (oh * 60 + om);
		} else if (*z && *z != 'Z') {
			return -1;
		}
		/* Days since the epoch (proleptic Gregorian). */
		a = (14 - mo) / 12;
		yy = y + 4800 - a;
		mm = mo + 12 * a - 3;
		days = d + (153 * mm + 2) / 5 + 365LL * yy + yy / 4 - yy / 100 + yy / 400 - 32045 - 2440588;
		*when = (git_time_t)(days * 86400 + h * 3600 + mi * 60 + sec - *offset * 60);
		return 0;
	}
	return -1;
}
/* NOLINTEND(cert-err34-c) */

/* The tagger, as git finds it: GIT_COMMITTER_NAME and _EMAIL over
 * user.name and user.email, GIT_COMMITTER_DATE over the clock. */
static int tagger(git_signature **out, struct dtw_repo *r)
{
	git_config *cfg = NULL;
	git_buf name = GIT_BUF_INIT, email = GIT_BUF_INIT;
	const char *n = getenv("GIT_COMMITTER_NAME"), *e = getenv("GIT_COMMITTER_EMAIL");
	const char *date = getenv("GIT_COMMITTER_DATE");
	git_time_t when;
	int off, ret;

	if (git_repository_config_snapshot(&cfg, r->repo) == 0) {
		if ((!n || !*n) && git_config_get_string_buf(&name, cfg, "user.name") == 0)
			n = name.ptr;
		if ((!e || !*e) && git_config_get_string_buf(&email, cfg, "user.email") == 0)
			e = email.ptr;
	}
	git_error_clear();
	if (!n || !*n || !e || !*e)
		ret = dtw_error_setc(DTW_ENOIDENT,
				     "no tagger identity: set it with git config user.name \"Your Name\" and git config user.email you@example.org");
	else if (date && *date && !parse_date(date, &when, &off))
		ret = git_signature_new(out, n, e, when, off) < 0 ? dtw_git_fail("tagger") : 0;
	else
		ret = git_signature_now(out, n, e) < 0 ? dtw_git_fail("tagger") : 0;
	git_buf_dispose(&name);
	git_buf_dispose(&email);
	git_config_free(cfg);
	return ret;
}

int dtw_repo_tagger_ok(struct dtw_repo *r)
{
	git_signature *sig;
	int e = tagger(&sig, r);
	if (e)
		return e;
	git_signature_free(sig);
	return 0;
}

int dtw_repo_lock_releases(struct dtw_repo *r)
{
	struct strbuf p = STRBUF_INIT;
	int fd;
	strbuf_addf(&p, "%sdtw", git_repository_commondir(r->repo));
	mkdir(p.buf, 0777);
	strbuf_addstr(&p, "/release.lock");
	fd = open(p.buf, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	strbuf_release(&p);
	if (fd >= 0 && flock(fd, LOCK_EX) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

void dtw_repo_unlock(int fd)
{
	if (fd >= 0)
		close(fd); /* closing lets go of the flock */
}

int dtw_repo_tag_create(struct dtw_repo *r, const char *name,
			const struct dtw_oid *commit, const char *message, int force)
{
	git_object *target;
	git_signature *sig;
	git_oid id, tag;
	int e;

	id = dtw_git_oid(commit);
	if ((e = tagger(&sig, r)))
		return e;
	if (git_object_lookup(&target, r->repo, &id, GIT_OBJECT_COMMIT) < 0) {
		git_signature_free(sig);
		return dtw_git_fail("cannot read the commit to tag");
	}
	e = git_tag_create(&tag, r->repo, name, target, sig, message, force);
	git_object_free(target);
	git_signature_free(sig);
	if (e == GIT_EEXISTS)
		return dtw_error_setc(DTW_EEXISTS, "tag %s exists", name);
	if (e == GIT_ELOCKED)
		return dtw_error_setc(DTW_ELOCKED, "tag %s is being written by another process", name);
	if (e < 0)
		return dtw_git_fail(name);
	return 0;
}

struct push_answer {
	struct strbuf msg;
	int rejected;
};

static int push_ref_cb(const char *refname, const char *status, void *data)
{
	struct push_answer *a = data;
	if (status) {
		a->rejected = 1;
		strbuf_addf(&a->msg, "%s rejected: %s", refname, status);
	} else {
		strbuf_addf(&a->msg, "%s pushed", refname);
	}
	return 0;
}

int dtw_repo_push_tag(struct dtw_repo *r, const char *remote, const char *name,
		      char **answer)
{
	git_remote *rem;
	git_push_options o;
	struct push_answer a = { STRBUF_INIT, 0 };
	struct strbuf spec = STRBUF_INIT;
	char *specs[1];
	git_strarray refspecs;
	int e;

	*answer = NULL;
	if (git_remote_lookup(&rem, r->repo, remote) < 0) {
		e = git_remote_create_anonymous(&rem, r->repo, remote);
		if (e < 0)
			return dtw_error_setc(DTW_ENOTFOUND, "no remote \"%s\"", remote);
	}
	/* Ask the remote first: a tag it holds on another object is a
	 * rejection to report as such (libgit2's local transport would fail
	 * with a confusing error instead), the same one is up to date. */
	strbuf_addf(&spec, "refs/tags/%s", name);
	{
		git_remote_callbacks cb;
		const git_remote_head **heads;
		git_oid local;
		size_t nh, i;
		int verdict = -1;
		git_remote_init_callbacks(&cb, GIT_REMOTE_CALLBACKS_VERSION);
		if (git_reference_name_to_id(&local, r->repo, spec.buf) < 0) {
			git_remote_free(rem);
			strbuf_release(&spec);
			return dtw_git_fail(name);
		}
		if (git_remote_connect(rem, GIT_DIRECTION_PUSH, &cb, NULL, NULL) < 0) {
			const git_error *ge = git_error_last();
			git_remote_free(rem);
			strbuf_release(&spec);
			return dtw_error_set("cannot reach %s: %s", remote,
					     ge && ge->message ? ge->message : "unreachable");
		}
		if (git_remote_ls(&heads, &nh, rem) == 0) {
			for (i = 0; i < nh; i++)
				if (!strcmp(heads[i]->name, spec.buf))
					verdict = git_oid_equal(&heads[i]->oid, &local);
		}
		git_remote_disconnect(rem);
		if (verdict >= 0) {
			git_remote_free(rem);
			*answer = xstrdup(verdict ? "already has the tag (up to date)" :
					  "rejected: it has this tag on another commit");
			strbuf_release(&spec);
			return verdict ? 0 : DTW_EEXISTS;
		}
	}
	strbuf_reset(&spec);
	git_push_options_init(&o, GIT_PUSH_OPTIONS_VERSION);
	o.callbacks.push_update_reference = push_ref_cb;
	o.callbacks.payload = &a;
	strbuf_addf(&spec, "refs/tags/%s:refs/tags/%s", name, name);
	specs[0] = spec.buf;
	refspecs.strings = specs;
	refspecs.count = 1;
	e = git_remote_push(rem, &refspecs, &o);
	git_remote_free(rem);
	strbuf_release(&spec);
	if (e < 0) {
		const git_error *ge = git_error_last();
		strbuf_release(&a.msg);
		return dtw_error_set("cannot push to %s: %s", remote,
				     ge && ge->message ? ge->message : "unreachable");
	}
	if (!a.msg.len)
		strbuf_addf(&a.msg, "refs/tags/%s pushed", name);
	*answer = strbuf_detach(&a.msg, NULL);
	return a.rejected ? DTW_EEXISTS : 0;
}
