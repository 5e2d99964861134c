/* Git stage: tags — listing the references a glob matches, reading the
 * object each points at (its commit and message), creating one under git's
 * reference lock, pushing one — and the blob and status questions the
 * release command asks. What a tag's message means is for the caller. */
#include "git.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
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

int dtw_repo_clean_text(char **out, size_t *outlen, struct dtw_repo *r, const char *path,
			const char *data, size_t len)
{
	git_filter_list *fl = NULL;
	git_buf b = GIT_BUF_INIT;
	int same;

	*out = NULL;
	*outlen = 0;
	if (!filters_possible(r))
		return 0;
	if (git_filter_list_load(&fl, r->repo, NULL, path, GIT_FILTER_TO_ODB,
				 GIT_FILTER_DEFAULT) < 0)
		return dtw_git_fail(path);
	if (!fl)
		return 0;
	if (git_filter_list_apply_to_buffer(&b, fl, data, len) < 0) {
		git_filter_list_free(fl);
		return dtw_git_fail(path);
	}
	git_filter_list_free(fl);
	same = b.size == len && (!len || !memcmp(b.ptr, data, len));
	if (!same) {
		*out = xmalloc(b.size + 1);
		memcpy(*out, b.ptr, b.size);
		(*out)[b.size] = '\0';
		*outlen = b.size;
	}
	git_buf_dispose(&b);
	return !same;
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

int dtw_repo_commit_path_blob(struct dtw_oid *blob, struct dtw_repo *r,
			      const struct dtw_oid *commit, const char *path)
{
	git_oid id;
	git_commit *c;
	git_tree *t;
	git_tree_entry *e = NULL;
	int ret = 0;

	id = dtw_git_oid(commit);
	if (git_commit_lookup(&c, r->repo, &id) < 0)
		return dtw_git_fail("cannot read the commit");
	if (git_commit_tree(&t, c) < 0) {
		git_commit_free(c);
		return dtw_git_fail("cannot read the commit's tree");
	}
	if (git_tree_entry_bypath(&e, t, path) < 0 || git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		ret = dtw_error_setc(DTW_ENOTFOUND, "%s does not exist at that commit", path);
	else if (git_tree_entry_filemode(e) == GIT_FILEMODE_LINK)
		ret = dtw_error_setc(DTW_ESYMLINK, "%s: symbolic link at that commit, not followed",
				     path);
	else
		*blob = dtw_oid_of(git_tree_entry_id(e));
	git_tree_entry_free(e);
	git_tree_free(t);
	git_commit_free(c);
	return ret;
}

int dtw_repo_read_commit_path(char **data, size_t *len, struct dtw_oid *blob,
			      struct dtw_repo *r, const struct dtw_oid *commit,
			      const char *path, size_t max)
{
	int ret = dtw_repo_commit_path_blob(blob, r, commit, path);
	return ret ? ret : dtw_repo_read_blob(data, len, r, blob, max);
}

int dtw_repo_path_changed(struct dtw_repo *r, const char *path,
			  const struct dtw_oid *blob, int *changed)
{
	struct strbuf abs = STRBUF_INIT;
	struct dtw_oid staged;
	struct stat st;
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
		if ((f = (ie != NULL))) {
			staged = dtw_oid_of(&ie->id);
			if (ie->flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE)
				f = 2;
		}
		git_index_free(index);
	}
	if (!f || !dtw_oid_equal(&staged, blob))
		*changed = 1;
	if (*changed || !r->workdir || f == 2) {
		strbuf_release(&abs);
		return 0;
	}
	/* The file's bytes first; only when they differ, through its filters
	 * (eol, autocrlf) as git status sees it — which costs reading the
	 * attributes, so it is not paid when the bytes already match. */
	strbuf_addf(&abs, "%s/%s", r->workdir, path);
	/* A file made a symbolic link is a change of type (git status: T),
	 * whatever the link points at. */
	if (lstat(abs.buf, &st) || !S_ISREG(st.st_mode)) {
		*changed = 1;
	} else if (git_odb_hashfile(&wt, abs.buf, GIT_OBJECT_BLOB) < 0 ||
		   memcmp(wt.id, blob->id, DTW_OID_RAWSZ)) {
		if (!filters_possible(r) ||
		    git_repository_hashfile(&wt, r->repo, path, GIT_OBJECT_BLOB, NULL) < 0 ||
		    memcmp(wt.id, blob->id, DTW_OID_RAWSZ))
			*changed = 1;
	}
	strbuf_release(&abs);
	git_error_clear();
	return 0;
}

int dtw_repo_path_sparse(struct dtw_repo *r, const char *path)
{
	struct strbuf abs = STRBUF_INIT;
	struct dtw_oid staged;
	int f;

	strbuf_addf(&abs, "%sindex", git_repository_path(r->repo));
	f = dtw_index_lookup(abs.buf, path, &staged);
	strbuf_release(&abs);
	if (f < 0) {
		git_index *index;
		const git_index_entry *ie;
		f = 0;
		if (git_repository_index(&index, r->repo) == 0) {
			ie = git_index_get_bypath(index, path, 0);
			f = ie && (ie->flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE) ? 2 : 0;
			git_index_free(index);
		}
		git_error_clear();
	}
	return f == 2;
}

void dtw_git_tag_release(struct dtw_git_tag *t)
{
	free(t->name);
	free(t->message);
	memset(t, 0, sizeof(*t));
}

/* git's rules for a reference name (git check-ref-format), applied to
 * refs/tags/NAME without libgit2, which need not be set up to ask: no
 * component that starts with "." or ends with ".lock", no "..", "@{",
 * "//", control character, space or any of ~^:?*[\, and no "/" or "."
 * at the end; and, as git tag has it, no "-" first (it would read as an
 * option). */
int dtw_tag_name_valid(const char *name)
{
	size_t i, n = strlen(name), comp = 0;

	if (!n || name[0] == '/' || name[0] == '-' || name[n - 1] == '/' || name[n - 1] == '.')
		return 0;
	for (i = 0; i <= n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c == '/' || c == '\0') {
			size_t len = i - comp;
			if (!len || name[comp] == '.' ||
			    (len >= 5 && !memcmp(name + i - 5, ".lock", 5)))
				return 0;
			comp = i + 1;
			continue;
		}
		if (c < 0x20 || c == 0x7f || strchr(" ~^:?*[\\", c))
			return 0;
		if ((c == '.' && name[i + 1] == '.') || (c == '@' && name[i + 1] == '{'))
			return 0;
	}
	return 1;
}

/* Fills *out from the object `oid` that tag `name` points at. */
static int read_tag(struct dtw_git_tag *out, struct dtw_repo *r, const char *name,
		    const git_oid *oid)
{
	git_object *obj, *commit = NULL;

	memset(out, 0, sizeof(*out));
	if (git_object_lookup(&obj, r->repo, oid, GIT_OBJECT_ANY) < 0) {
		struct strbuf what = STRBUF_INIT;
		int e;
		strbuf_addf(&what, "cannot read tag %s", name);
		e = dtw_git_fail(what.buf);
		strbuf_release(&what);
		return e;
	}
	out->name = xstrdup(name);
	out->oid = dtw_oid_of(oid);
	if (git_object_type(obj) == GIT_OBJECT_TAG) {
		/* libgit2 gives NULL for a tag object without a message. */
		const char *msg = git_tag_message((git_tag *)obj);
		out->message = xstrdup(msg ? msg : "");
	}
	if (git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) == 0) {
		out->commit = dtw_oid_of(git_object_id(commit));
		git_object_free(commit);
	}
	git_object_free(obj);
	git_error_clear();
	return 0;
}

int dtw_repo_tag_read(struct dtw_git_tag *out, struct dtw_repo *r,
		      const struct dtw_git_tag_ref *ref)
{
	git_oid oid = dtw_git_oid(&ref->oid);
	return read_tag(out, r, ref->name, &oid);
}

int dtw_repo_tag(struct dtw_git_tag *out, struct dtw_repo *r, const char *name)
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
	ret = git_reference_target(ref) ? read_tag(out, r, name, git_reference_target(ref)) :
	      dtw_error_set("%s: a symbolic tag", name);
	git_reference_free(ref);
	return ret;
}

void dtw_git_tag_refs_release(struct dtw_git_tag_refs *refs)
{
	size_t i;
	for (i = 0; i < refs->n; i++)
		free(refs->v[i].name);
	free(refs->v);
	memset(refs, 0, sizeof(*refs));
}

struct foreach {
	struct dtw_repo *r;
	struct dtw_git_tag_refs *out;
};

static int tag_cb(const char *refname, void *payload)
{
	struct foreach *f = payload;
	struct dtw_git_tag_ref *ref;
	git_oid target;
	if (git_reference_name_to_id(&target, f->r->repo, refname) < 0) {
		git_error_clear();
		return 0;
	}
	ALLOC_GROW(f->out->v, f->out->n + 1, f->out->alloc);
	ref = &f->out->v[f->out->n++];
	ref->name = xstrdup(refname + strlen("refs/tags/"));
	ref->oid = dtw_oid_of(&target);
	return 0;
}

int dtw_repo_tag_refs(struct dtw_git_tag_refs *out, struct dtw_repo *r, const char *glob)
{
	struct strbuf full = STRBUF_INIT;
	struct foreach f = { r, out };
	size_t had = out->n;
	int e;

	/* The glob starts with refs/tags/, so every name the callback gets
	 * does too. */
	strbuf_addf(&full, "refs/tags/%s", glob);
	e = git_reference_foreach_glob(r->repo, full.buf, tag_cb, &f);
	strbuf_release(&full);
	if (e < 0 && git_error_last()) {
		while (out->n > had)
			free(out->v[--out->n].name);
		return dtw_git_fail("cannot list the tags");
	}
	return 0;
}

/* The mtimes of the directories below p (a directory), depth first, as
 * ":SEC.NSEC" each; -1 past `*budget` directories or 8 levels. */
/* NOLINTNEXTLINE(misc-no-recursion): at most 8 deep */
static int stamp_subdirs(struct strbuf *p, struct strbuf *s, time_t *newest, int depth,
			 int *budget)
{
	DIR *d = opendir(p->buf);
	struct dirent *e;
	size_t len = p->len;
	int r = 0;

	if (!d)
		return 0;
	while (!r && (e = readdir(d))) {
		struct stat st;
		if (e->d_name[0] == '.' || (e->d_type != DT_DIR && e->d_type != DT_UNKNOWN))
			continue;
		strbuf_addf(p, "/%s", e->d_name);
		if (lstat(p->buf, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (depth >= 8 || --*budget < 0) {
				r = -1;
			} else {
				strbuf_addf(s, ":%lld.%ld", (long long)st.st_mtim.tv_sec,
					    st.st_mtim.tv_nsec);
				if (st.st_mtim.tv_sec > *newest)
					*newest = st.st_mtim.tv_sec;
				r = stamp_subdirs(p, s, newest, depth + 1, budget);
			}
		}
		p->len = len;
		p->buf[len] = '\0';
	}
	closedir(d);
	return r;
}

char *dtw_repo_tag_stamp(time_t *newest, struct dtw_repo *r)
{
	struct strbuf p = STRBUF_INIT, s = STRBUF_INIT;
	struct stat st;
	int budget = 64;

	*newest = 0;
	strbuf_addf(&p, "%srefs/tags", git_repository_commondir(r->repo));
	if (stat(p.buf, &st) == 0) {
		strbuf_addf(&s, "%lld.%ld", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
		*newest = st.st_mtim.tv_sec;
		strbuf_addch(&s, '/');
		if (stamp_subdirs(&p, &s, newest, 0, &budget)) {
			strbuf_release(&p);
			strbuf_release(&s);
			return NULL;
		}
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

/* Whether a remote URL is a path as git takes it: no "scheme://", and no
 * scp-like "host:path" (a ":" before any "/"). */
static int is_local_path(const char *url)
{
	const char *colon = strchr(url, ':'), *slash = strchr(url, '/');
	return !strstr(url, "://") && !(colon && (!slash || colon < slash));
}

/* A configured remote whose URL is a path: git reads a relative one from
 * the top of the work tree (it runs there), libgit2 from the current
 * directory; and a path that is not there is "no such repository", not
 * the transport's "unsupported URL protocol". Replaces *rem by an
 * anonymous remote of the absolute path when it is relative. */
static int local_remote(git_remote **rem, struct dtw_repo *r, const char *remote)
{
	const char *url = git_remote_pushurl(*rem) ? git_remote_pushurl(*rem) : git_remote_url(*rem);
	struct strbuf abs = STRBUF_INIT;
	struct stat st;
	int e = 0;

	if (!url || !is_local_path(url))
		return 0;
	if (url[0] == '/')
		strbuf_addstr(&abs, url);
	else
		strbuf_addf(&abs, "%s/%s", r->workdir ? r->workdir : git_repository_path(r->repo),
			    url);
	if (stat(abs.buf, &st) != 0) {
		e = dtw_error_setc(DTW_ENOTFOUND, "remote \"%s\" is %s: no such repository",
				   remote, url);
	} else if (url[0] != '/') {
		git_remote *anon;
		if (git_remote_create_anonymous(&anon, r->repo, abs.buf) < 0) {
			e = dtw_git_fail(remote);
		} else {
			git_remote_free(*rem);
			*rem = anon;
		}
	}
	strbuf_release(&abs);
	return e;
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
		/* Not a configured remote: a URL, or a path as git takes it
		 * ("host:path" is scp-like, unless a "/" comes first). What
		 * is neither is said so, not left to the transport (which
		 * calls it an unsupported protocol). */
		const char *slash = strchr(remote, '/');
		struct stat st;
		if (is_local_path(remote) && stat(remote, &st) != 0) {
			if (!slash && remote[0] != '.')
				return dtw_error_setc(DTW_ENOTFOUND, "no remote named \"%s\" (git remote lists the configured ones)",
						      remote);
			return dtw_error_setc(DTW_ENOTFOUND, "%s: no such repository (not a configured remote, and no such directory)",
					      remote);
		}
		e = git_remote_create_anonymous(&rem, r->repo, remote);
		if (e < 0)
			return dtw_error_setc(DTW_ENOTFOUND, "no remote \"%s\"", remote);
	} else if ((e = local_remote(&rem, r, remote))) {
		git_remote_free(rem);
		return e;
	}
	/* Ask the remote first: a tag it holds on another object is a
	 * rejection to report as such (libgit2's local transport would fail
	 * with a confusing error instead), the same one is up to date. */
	strbuf_addf(&spec, "refs/tags/%s", name);
	{
		git_remote_callbacks cb;
		const git_remote_head **heads;
		git_oid local, local_commit, theirs = { { 0 } };
		git_object *lo = NULL, *lc = NULL;
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
				if (!strcmp(heads[i]->name, spec.buf)) {
					verdict = git_oid_equal(&heads[i]->oid, &local);
					theirs = heads[i]->oid; /* a lightweight tag: its commit */
				}
		}
		git_remote_disconnect(rem);
		/* A push advertisement has no peeled tags: on a rejection,
		 * ask as a fetch would what the remote's tag tags. */
		if (verdict == 0 && git_remote_connect(rem, GIT_DIRECTION_FETCH, &cb, NULL, NULL) == 0) {
			if (git_remote_ls(&heads, &nh, rem) == 0)
				for (i = 0; i < nh; i++)
					if (!strncmp(heads[i]->name, spec.buf, spec.len) &&
					    !strcmp(heads[i]->name + spec.len, "^{}"))
						theirs = heads[i]->oid;
			git_remote_disconnect(rem);
		}
		if (verdict >= 0) {
			/* Another tag object of this name: on this very
			 * commit (made again, elsewhere) or another one. */
			int same_commit = 0;
			if (!verdict && git_object_lookup(&lo, r->repo, &local, GIT_OBJECT_ANY) == 0 &&
			    git_object_peel(&lc, lo, GIT_OBJECT_COMMIT) == 0) {
				local_commit = *git_object_id(lc);
				same_commit = git_oid_equal(&local_commit, &theirs);
			}
			git_object_free(lc);
			git_object_free(lo);
			git_error_clear();
			git_remote_free(rem);
			*answer = xstrdup(verdict ? "already has the tag (up to date)" :
					  same_commit ?
					  "rejected: it has another tag of this name on the same commit (made elsewhere; git ls-remote --tags shows it)" :
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
