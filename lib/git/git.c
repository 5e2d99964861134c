/* Git stage: lists and reads newsletter issues from the index, a revision
 * or a change, with libgit2 — never by checking anything out or running
 * git. Error messages name what the user gave (the revision, the path). */
#include "git.h"

#include <git2.h>
#include <git2/sys/repository.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "git/repo.h"
#include "git/discover.h"
#include "base/banned.h"

int dtw_git_fail(const char *what)
{
	const git_error *e = git_error_last();
	/* libgit2 reads no split index (git update-index --split-index):
	 * say what it is and how to turn it off, not its extension name. */
	if (e && e->message && strstr(e->message, "extension: 'link'"))
		return dtw_error_set("%s: the index is a split index, which dtw cannot read; git update-index --no-split-index turns it off (and git config core.splitIndex false keeps it off)",
				     what);
	return dtw_error_set("%s: %s", what, e && e->message ? e->message : "git error");
}

void dtw_git_files_release(struct dtw_git_files *f)
{
	size_t i;
	for (i = 0; i < f->n; i++) {
		free(f->v[i].path);
		free(f->v[i].old_path);
	}
	free(f->v);
	memset(f, 0, sizeof(*f));
}

static void add_file(struct dtw_git_files *out, const char *path,
		     const git_oid *oid, unsigned mode)
{
	struct dtw_git_file *f;
	ALLOC_GROW(out->v, out->n + 1, out->alloc);
	f = &out->v[out->n++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	if (oid && !git_oid_is_zero(oid)) {
		f->oid = dtw_oid_of(oid);
		f->has_oid = 1;
	}
	f->symlink = mode == GIT_FILEMODE_LINK;
}

/* The repository around `dir` when another user owns it (what git calls
 * dubious ownership), xmalloc'd; NULL otherwise. */
static char *foreign_repo(const char *dir)
{
	const char *gd = getenv("GIT_DIR");
	char *root = gd && *gd ? NULL : dtw_repo_discover(dir);
	struct strbuf p = STRBUF_INIT;
	struct stat st, gst;
	int foreign;

	if (!root)
		return NULL;
	strbuf_addf(&p, "%s/.git", root);
	foreign = (stat(root, &st) == 0 && st.st_uid != geteuid()) ||
		  (stat(p.buf, &gst) == 0 && gst.st_uid != geteuid());
	strbuf_release(&p);
	if (!foreign) {
		free(root);
		return NULL;
	}
	return root;
}

/* Whether the global or system git config trusts every repository
 * (safe.directory = *, which libgit2 1.5 does not read itself). */
static int trust_all(void)
{
	git_config *cfg = NULL, *snap = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *e;
	int all = 0;

	if (git_config_open_default(&cfg) < 0 || git_config_snapshot(&snap, cfg) < 0)
		goto out;
	if (git_config_multivar_iterator_new(&it, snap, "safe.directory", NULL) < 0)
		goto out;
	while (git_config_next(&e, it) == 0)
		all = !strcmp(e->value, "*") ? 1 : !*e->value ? 0 : all;
out:
	git_config_iterator_free(it);
	git_config_free(snap);
	git_config_free(cfg);
	git_error_clear();
	return all;
}

int dtw_repo_open(struct dtw_repo **out, const char *dir)
{
	git_repository *repo;
	const char *gitdir = getenv("GIT_DIR");
	int r;

	*out = NULL;
	git_libgit2_init();
	/* Like git, trust the object database on read (git fsck checks it):
	 * rehashing every tree read would double the cost of a release. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	/* GIT_DIR (and GIT_WORK_TREE, GIT_INDEX_FILE, …) as git reads
	 * them: bare-repository dotfiles, some CI. */
	if (gitdir && *gitdir) {
		const char *wt = getenv("GIT_WORK_TREE"), *ix = getenv("GIT_INDEX_FILE");
		r = git_repository_open_ext(&repo, gitdir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
		if (r == GIT_ENOTFOUND)
			return dtw_error_setc(DTW_ENOTFOUND, "not a git repository: GIT_DIR is %s",
					      gitdir);
		if (!r && !(wt && *wt) && !git_repository_is_bare(repo)) {
			/* No GIT_WORK_TREE: core.worktree, else (as git) the
			 * current directory is the top of the work tree. */
			git_config *cfg;
			git_buf b = GIT_BUF_INIT;
			int set = 0;
			if (git_repository_config_snapshot(&cfg, repo) == 0) {
				set = git_config_get_string_buf(&b, cfg, "core.worktree") == 0;
				git_buf_dispose(&b);
				git_config_free(cfg);
			}
			git_error_clear();
			if (!set)
				wt = dir;
		}
		if (!r && wt && *wt && git_repository_set_workdir(repo, wt, 0) < 0) {
			git_repository_free(repo);
			return dtw_git_fail("cannot use GIT_WORK_TREE");
		}
		if (!r && ix && *ix) {
			git_index *index;
			if (git_index_open(&index, ix) < 0) {
				git_repository_free(repo);
				return dtw_git_fail("cannot read GIT_INDEX_FILE");
			}
			git_repository_set_index(repo, index);
			git_index_free(index);
		}
	} else {
		r = git_repository_open_ext(&repo, dir, 0, NULL);
	}
	/* Another user's repository: as git, refused unless safe.directory
	 * trusts it (libgit2 reads the exact paths; "*" is read here). */
	if (r < 0) {
		char *foreign = foreign_repo(dir);
		if (foreign && trust_all()) {
			git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
			r = git_repository_open_ext(&repo, dir, 0, NULL);
			git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 1);
		} else if (foreign) {
			r = dtw_error_setc(DTW_EINVALID, "detected dubious ownership in repository at '%s' (another user owns it); if you trust it: git config --global --add safe.directory %s",
					   foreign, foreign);
			free(foreign);
			return r;
		}
		free(foreign);
	}
	if (r == GIT_ENOTFOUND)
		return dtw_error_setc(DTW_ENOTFOUND, "not a git repository (or any parent of %s)", dir);
	if (r < 0)
		return dtw_git_fail("cannot open the repository");
	*out = xcalloc(1, sizeof(**out));
	(*out)->repo = repo;
	(*out)->filters = -1;
	if (!git_repository_is_bare(repo) && git_repository_workdir(repo)) {
		const char *w = git_repository_workdir(repo);
		size_t n = strlen(w);
		while (n > 1 && w[n - 1] == '/')
			n--;
		(*out)->workdir = xstrndup(w, n);
	}
	return 0;
}

void dtw_repo_free(struct dtw_repo *r)
{
	if (!r)
		return;
	git_index_free(r->lookup);
	git_repository_free(r->repo);
	free(r->workdir);
	free(r);
	git_libgit2_shutdown();
}

const char *dtw_repo_workdir(const struct dtw_repo *r)
{
	return r->workdir;
}

static void set_pathspec(git_diff_options *o, const char *const *prefixes,
			 size_t n)
{
	git_diff_options_init(o, GIT_DIFF_OPTIONS_VERSION);
	o->pathspec.strings = (char **)prefixes;
	o->pathspec.count = n;
}

/* The tree of `rev`, with messages for the cases users meet. */
static int rev_tree(git_tree **out, struct dtw_repo *r, const char *rev)
{
	git_object *obj = NULL;
	int e = git_revparse_single(&obj, r->repo, rev);
	if (e == GIT_ENOTFOUND || e == GIT_EAMBIGUOUS || e == GIT_EINVALIDSPEC) {
		if (!strcmp(rev, "HEAD") && git_repository_head_unborn(r->repo) == 1)
			return dtw_error_setc(DTW_ENOREV,
					      "HEAD has no commits yet");
		return dtw_error_setc(DTW_ENOREV, "unknown revision \"%s\"", rev);
	}
	if (e < 0)
		return dtw_git_fail(rev);
	e = git_object_peel((git_object **)out, obj, GIT_OBJECT_TREE);
	git_object_free(obj);
	if (e < 0)
		return dtw_error_setc(DTW_ENOREV, "\"%s\" does not name a commit or tree", rev);
	return 0;
}

/* HEAD's tree, or NULL (and 0) when there are no commits yet. */
static int head_tree(git_tree **out, struct dtw_repo *r)
{
	*out = NULL;
	if (git_repository_head_unborn(r->repo) == 1)
		return 0;
	return rev_tree(out, r, "HEAD");
}

struct collect {
	struct dtw_git_files *out;
	dtw_git_match_fn match;
	void *data;
	int deletions;  /* list deleted files too (their old path, no blob) */
};

static void collect_deltas(git_diff *diff, struct collect *c)
{
	size_t i, n = git_diff_num_deltas(diff);
	for (i = 0; i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		if (d->status == GIT_DELTA_DELETED && c->deletions) {
			if (c->match(d->old_file.path, c->data))
				add_file(c->out, d->old_file.path, NULL, d->old_file.mode);
			continue;
		}
		if (d->status == GIT_DELTA_DELETED || d->status == GIT_DELTA_IGNORED ||
		    d->status == GIT_DELTA_UNREADABLE)
			continue;
		if (d->new_file.mode == GIT_FILEMODE_TREE ||
		    d->new_file.mode == GIT_FILEMODE_COMMIT)
			continue;
		if (!c->match(d->new_file.path, c->data))
			continue;
		add_file(c->out, d->new_file.path,
			 (d->new_file.flags & GIT_DIFF_FLAG_VALID_ID) ? &d->new_file.id : NULL,
			 d->new_file.mode);
		if (d->status == GIT_DELTA_RENAMED && strcmp(d->old_file.path, d->new_file.path))
			c->out->v[c->out->n - 1].old_path = xstrdup(d->old_file.path);
	}
}

/* The index a commit is being made from: git runs hooks with
 * GIT_INDEX_FILE naming a temporary index for `git commit -a` and
 * `git commit PATH`, and that is the one to judge. */
static int open_index(git_index **out, struct dtw_repo *r)
{
	const char *f = getenv("GIT_INDEX_FILE");
	if (f && *f) {
		if (git_index_open(out, f) < 0)
			return dtw_git_fail(f);
		return 0;
	}
	if (git_repository_index(out, r->repo) < 0)
		return dtw_git_fail("cannot read the index");
	return 0;
}

int dtw_repo_staged(struct dtw_git_files *out, struct dtw_repo *r,
		    const char *const *prefixes, size_t nprefixes,
		    dtw_git_match_fn match, void *data)
{
	git_diff_options o;
	git_tree *head = NULL;
	git_index *index = NULL;
	git_diff *diff = NULL;
	struct collect c = { out, match, data, 0 };
	int ret = 0;

	if ((ret = head_tree(&head, r)))
		return ret;
	if ((ret = open_index(&index, r)))
		goto out;
	set_pathspec(&o, prefixes, nprefixes);
	if (git_diff_tree_to_index(&diff, r->repo, head, index, &o) < 0) {
		ret = dtw_git_fail("cannot compare HEAD with the index");
		goto out;
	}
	collect_deltas(diff, &c);
out:
	git_diff_free(diff);
	git_index_free(index);
	git_tree_free(head);
	return ret;
}

static int prefix_match(const char *path, const char *const *prefixes, size_t n)
{
	size_t i;
	if (!n)
		return 1;
	for (i = 0; i < n; i++)
		if (!strncmp(path, prefixes[i], strlen(prefixes[i])))
			return 1;
	return 0;
}

int dtw_repo_index_has(struct dtw_repo *r, const char *path)
{
	/* Asked once a directory up from each file: read it once. */
	if (!r->lookup && open_index(&r->lookup, r)) {
		dtw_error_clear();
		return 0;
	}
	return git_index_get_bypath(r->lookup, path, 0) != NULL;
}

int dtw_repo_index_files(struct dtw_git_files *out, struct dtw_repo *r,
			 const char *const *prefixes, size_t nprefixes,
			 dtw_git_match_fn match, void *data)
{
	git_index *index = NULL;
	size_t i, n;
	int ret;
	if ((ret = open_index(&index, r)))
		return ret;
	n = git_index_entrycount(index);
	for (i = 0; i < n; i++) {
		const git_index_entry *e = git_index_get_byindex(index, i);
		if (git_index_entry_stage(e) > 1)
			continue; /* one entry per conflicted path */
		if (!prefix_match(e->path, prefixes, nprefixes) || !match(e->path, data))
			continue;
		add_file(out, e->path, &e->id, e->mode);
	}
	git_index_free(index);
	return 0;
}

struct walk_data {
	struct dtw_git_files *out;
	const char *const *prefixes;
	size_t nprefixes;
	dtw_git_match_fn match;
	void *data;
	struct strbuf path;
};

static int walk_cb(const char *root, const git_tree_entry *e, void *payload)
{
	struct walk_data *w = payload;
	git_object_t t = git_tree_entry_type(e);
	strbuf_reset(&w->path);
	strbuf_addf(&w->path, "%s%s", root, git_tree_entry_name(e));
	if (t == GIT_OBJECT_TREE) {
		size_t i;
		strbuf_addch(&w->path, '/');
		if (!w->nprefixes)
			return 0;
		/* Descend only into directories on the way to a prefix. */
		for (i = 0; i < w->nprefixes; i++) {
			size_t pl = strlen(w->prefixes[i]);
			size_t n = w->path.len < pl ? w->path.len : pl;
			if (!strncmp(w->path.buf, w->prefixes[i], n))
				return 0;
		}
		return 1;
	}
	if (t != GIT_OBJECT_BLOB)
		return 0;
	if (prefix_match(w->path.buf, w->prefixes, w->nprefixes) &&
	    w->match(w->path.buf, w->data))
		add_file(w->out, w->path.buf, git_tree_entry_id(e),
			 git_tree_entry_filemode(e));
	return 0;
}

int dtw_repo_rev_files(struct dtw_git_files *out, struct dtw_repo *r,
		       const char *rev, const char *const *prefixes,
		       size_t nprefixes, dtw_git_match_fn match, void *data)
{
	struct walk_data w = { out, prefixes, nprefixes, match, data, STRBUF_INIT };
	git_tree *tree;
	int e;
	if ((e = rev_tree(&tree, r, rev)))
		return e;
	e = git_tree_walk(tree, GIT_TREEWALK_PRE, walk_cb, &w);
	strbuf_release(&w.path);
	git_tree_free(tree);
	return e < 0 ? dtw_git_fail(rev) : 0;
}

/* A set of commit ids (open addressing), for the shallow merge base. */
struct oidset {
	git_oid *v;
	unsigned char *used;
	size_t cap, n;
};

static size_t oid_hash(const git_oid *id, size_t cap)
{
	size_t h;
	memcpy(&h, id->id, sizeof(h));
	return h & (cap - 1);
}

/* NOLINTNEXTLINE(misc-no-recursion): once, into a set that has the room */
static int oidset_add(struct oidset *s, const git_oid *id)
{
	size_t i;
	if ((s->n + 1) * 2 > s->cap) {
		struct oidset t = { 0 };
		t.cap = s->cap ? s->cap * 2 : 1024;
		t.v = xcalloc(t.cap, sizeof(*t.v));
		t.used = xcalloc(t.cap, 1);
		for (i = 0; i < s->cap; i++)
			if (s->used[i])
				oidset_add(&t, &s->v[i]);
		free(s->v);
		free(s->used);
		*s = t;
	}
	for (i = oid_hash(id, s->cap); s->used[i]; i = (i + 1) & (s->cap - 1))
		if (git_oid_equal(&s->v[i], id))
			return 0;
	s->used[i] = 1;
	s->v[i] = *id;
	s->n++;
	return 1;
}

static int oidset_has(const struct oidset *s, const git_oid *id)
{
	size_t i;
	if (!s->cap)
		return 0;
	for (i = oid_hash(id, s->cap); s->used[i]; i = (i + 1) & (s->cap - 1))
		if (git_oid_equal(&s->v[i], id))
			return 1;
	return 0;
}

/* Breadth-first over the commits reachable from `start` that are in the
 * object database: in a shallow clone the history just stops where the
 * parents were not fetched. With `stop`, returns at the first commit in
 * it (the merge base) through *found; otherwise records all in `seen`. */
static int walk_present(struct dtw_repo *r, const git_oid *start, struct oidset *seen,
			const struct oidset *stop, git_oid *found)
{
	git_oid *queue = NULL;
	size_t head = 0, n = 0, alloc = 0;
	int hit = 0;

	ALLOC_GROW(queue, n + 1, alloc);
	queue[n++] = *start;
	oidset_add(seen, start);
	while (head < n && !hit) {
		git_oid id = queue[head++];
		git_commit *c;
		unsigned i, np;
		if (stop && oidset_has(stop, &id)) {
			*found = id;
			hit = 1;
			break;
		}
		if (git_commit_lookup(&c, r->repo, &id) < 0)
			continue; /* beyond the shallow boundary */
		np = git_commit_parentcount(c);
		for (i = 0; i < np; i++) {
			const git_oid *p = git_commit_parent_id(c, i);
			if (p && oidset_add(seen, p)) {
				ALLOC_GROW(queue, n + 1, alloc);
				queue[n++] = *p;
			}
		}
		git_commit_free(c);
	}
	free(queue);
	git_error_clear();
	return hit;
}

/* libgit2 1.5 cannot compute a merge base across a shallow boundary (it
 * tries to load parents that were never fetched), so a shallow clone gets
 * this search: the nearest commit of a's history that HEAD's history
 * holds. Returns 0 and *out, or GIT_ENOTFOUND. */
static int shallow_merge_base(git_oid *out, struct dtw_repo *r, const git_oid *a,
			      const git_oid *b)
{
	struct oidset from_b = { 0 }, from_a = { 0 };
	int hit;
	walk_present(r, b, &from_b, NULL, NULL);
	hit = walk_present(r, a, &from_a, &from_b, out);
	free(from_b.v);
	free(from_b.used);
	free(from_a.v);
	free(from_a.used);
	return hit ? 0 : GIT_ENOTFOUND;
}

#define SHALLOW_MSG \
	"cannot find the merge base of \"%s\" and HEAD: this is a shallow clone; " \
	"fetch more history (git fetch --unshallow, or fetch-depth: 0 in CI)"

int dtw_repo_merge_base(struct dtw_oid *out, struct dtw_repo *r, const char *rev)
{
	git_object *a = NULL, *ac = NULL;
	git_oid head, base;
	int e;

	if (git_repository_head_unborn(r->repo) == 1)
		return dtw_error_setc(DTW_ENOREV, "HEAD has no commits yet");
	if (git_revparse_single(&a, r->repo, rev) < 0)
		return dtw_error_setc(DTW_ENOREV, "unknown revision \"%s\"", rev);
	if (git_reference_name_to_id(&head, r->repo, "HEAD") < 0) {
		git_object_free(a);
		return dtw_git_fail("HEAD");
	}
	if (git_object_peel(&ac, a, GIT_OBJECT_COMMIT) < 0) {
		git_object_free(a);
		return dtw_error_setc(DTW_ENOREV, "\"%s\" does not name a commit", rev);
	}
	if (git_repository_is_shallow(r->repo) == 1)
		e = shallow_merge_base(&base, r, git_object_id(ac), &head);
	else
		e = git_merge_base(&base, r->repo, git_object_id(ac), &head);
	git_object_free(ac);
	git_object_free(a);
	if (e == GIT_ENOTFOUND) {
		if (git_repository_is_shallow(r->repo))
			return dtw_error_setc(DTW_ENOTFOUND, SHALLOW_MSG, rev);
		return dtw_error_setc(DTW_ENOTFOUND,
				      "no merge base of \"%s\" and HEAD: unrelated histories", rev);
	}
	if (e < 0)
		return dtw_git_fail("cannot find the merge base");
	*out = dtw_oid_of(&base);
	return 0;
}

static void libgit2_shutdown(void)
{
	git_libgit2_shutdown();
}

/* libgit2 for the rest of the process: its first init loads the system's
 * certificates, far dearer than a diff, so a run diffing many files
 * outside a repository initialises it once. */
static void libgit2_keep(void)
{
	static int kept;
	if (!kept && git_libgit2_init() > 0 && !atexit(libgit2_shutdown))
		kept = 1;
}

int dtw_unified_diff(char **out, const char *old, size_t oldlen, const char *new,
		     size_t newlen, const char *path)
{
	git_patch *patch = NULL;
	git_buf buf = GIT_BUF_INIT;
	git_diff_options o;
	int e;

	libgit2_keep();
	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	/* libgit2 adds the a/ and b/ prefixes itself. */
	e = git_patch_from_buffers(&patch, old, old ? oldlen : 0, path,
				   new, new ? newlen : 0, path, &o);
	if (e < 0 || git_patch_to_buf(&buf, patch) < 0) {
		git_patch_free(patch);
		return dtw_git_fail("cannot compute the line diff");
	}
	*out = xstrndup(buf.ptr ? buf.ptr : "", buf.size);
	git_buf_dispose(&buf);
	git_patch_free(patch);
	return 0;
}

int dtw_merge_lines(char **out, size_t *outlen, int *conflicted, const char *const text[3],
		    const size_t len[3], const char *path, unsigned marker_size)
{
	git_merge_file_input in[3];
	git_merge_file_options o;
	git_merge_file_result res;
	int k;

	libgit2_keep();
	memset(&res, 0, sizeof(res));
	for (k = 0; k < 3; k++) {
		git_merge_file_input_init(&in[k], GIT_MERGE_FILE_INPUT_VERSION);
		in[k].ptr = text[k];
		in[k].size = len[k];
		in[k].path = path;
	}
	git_merge_file_options_init(&o, GIT_MERGE_FILE_OPTIONS_VERSION);
	o.ancestor_label = "base";
	o.our_label = "ours";
	o.their_label = "theirs";
	o.marker_size = (unsigned short)(marker_size > 0xffff ? 0xffff : marker_size);
	if (git_merge_file(&res, &in[0], &in[1], &in[2], &o) < 0)
		return dtw_git_fail(path);
	*out = xmalloc(res.len + 1);
	if (res.len)
		memcpy(*out, res.ptr, res.len);
	(*out)[res.len] = '\0';
	*outlen = res.len;
	*conflicted = !res.automergeable;
	git_merge_file_result_free(&res);
	return 0;
}

int dtw_repo_changed_since(struct dtw_git_files *out, struct dtw_repo *r,
			   const char *rev, unsigned flags,
			   const char *const *prefixes, size_t nprefixes,
			   dtw_git_match_fn match, void *data)
{
	git_diff_options o;
	git_oid base;
	struct dtw_oid dbase;
	git_commit *bc = NULL;
	git_tree *bt = NULL;
	git_index *index = NULL;
	git_diff *diff = NULL;
	struct collect c = { out, match, data, !!(flags & DTW_CHANGED_DELETED) };
	int ret = 0, e, staged = !!(flags & DTW_CHANGED_STAGED);

	if ((ret = dtw_repo_merge_base(&dbase, r, rev)))
		return ret;
	base = dtw_git_oid(&dbase);
	if (git_commit_lookup(&bc, r->repo, &base) < 0 || git_commit_tree(&bt, bc) < 0) {
		ret = git_repository_is_shallow(r->repo) ?
		      dtw_error_setc(DTW_ENOTFOUND, SHALLOW_MSG, rev) :
		      dtw_git_fail("cannot read the merge base");
		goto out;
	}
	set_pathspec(&o, prefixes, nprefixes);
	if (staged) {
		if ((ret = open_index(&index, r)))
			goto out;
		e = git_diff_tree_to_index(&diff, r->repo, bt, index, &o);
	} else {
		o.flags |= GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS;
		e = git_diff_tree_to_workdir_with_index(&diff, r->repo, bt, &o);
	}
	if (e < 0) {
		ret = dtw_git_fail("cannot compute the change");
		goto out;
	}
	if (flags & DTW_CHANGED_RENAMES) {
		/* As git diff -M finds them (diff.renameLimit bounds the
		 * pairs it scores), a new file not yet added included. */
		git_diff_find_options fo;
		git_diff_find_options_init(&fo, GIT_DIFF_FIND_OPTIONS_VERSION);
		fo.flags = GIT_DIFF_FIND_RENAMES | GIT_DIFF_FIND_FOR_UNTRACKED;
		if (git_diff_find_similar(diff, &fo) < 0) {
			ret = dtw_git_fail("cannot find renames");
			goto out;
		}
	}
	collect_deltas(diff, &c);
	if (!staged) {
		/* Work-tree content is read from disk, not from a blob. */
		size_t i;
		for (i = 0; i < out->n; i++)
			out->v[i].has_oid = 0;
	}
out:
	git_diff_free(diff);
	git_index_free(index);
	git_tree_free(bt);
	git_commit_free(bc);
	return ret;
}

int dtw_repo_read_blob(char **data, size_t *len, struct dtw_repo *r,
		       const struct dtw_oid *oid, size_t max)
{
	git_blob *blob;
	git_oid id;
	git_object_size_t n;
	id = dtw_git_oid(oid);
	if (git_blob_lookup(&blob, r->repo, &id) < 0)
		return dtw_git_fail("cannot read a blob");
	n = git_blob_rawsize(blob);
	if (n > max) {
		git_blob_free(blob);
		return dtw_error_setc(DTW_ETOOBIG, "blob is %ju bytes, over the %zu MiB limit for a newsletter issue",
				      (uintmax_t)n, max / (1024 * 1024));
	}
	*len = (size_t)n;
	*data = xmalloc(*len + 1);
	memcpy(*data, git_blob_rawcontent(blob), *len);
	(*data)[*len] = '\0';
	git_blob_free(blob);
	return 0;
}

int dtw_repo_read_at(char **data, size_t *len, struct dtw_repo *r,
		     const char *rev, const char *path, size_t max)
{
	git_tree *tree;
	git_tree_entry *e = NULL;
	int ret;
	if ((ret = rev_tree(&tree, r, rev)))
		return ret;
	if (git_tree_entry_bypath(&e, tree, path) < 0 ||
	    git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		git_tree_entry_free(e);
		git_tree_free(tree);
		return dtw_error_setc(DTW_ENOTFOUND, "%s does not exist at %s", path, rev);
	}
	if (git_tree_entry_filemode(e) == GIT_FILEMODE_LINK) {
		git_tree_entry_free(e);
		git_tree_free(tree);
		return dtw_error_setc(DTW_ESYMLINK, "%s: symbolic link at %s, not followed",
				      path, rev);
	}
	{
		struct dtw_oid blob = dtw_oid_of(git_tree_entry_id(e));
		ret = dtw_repo_read_blob(data, len, r, &blob, max);
	}
	git_tree_entry_free(e);
	git_tree_free(tree);
	return ret;
}

int dtw_repo_config_set(struct dtw_repo *r, const char *name, const char *value)
{
	git_config *cfg = NULL, *local = NULL, *snap = NULL;
	git_buf buf = GIT_BUF_INIT;
	int ret = 0;

	if (git_repository_config(&cfg, r->repo) < 0 ||
	    git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL) < 0) {
		git_config_free(cfg);
		return dtw_git_fail("cannot open the repository's git config");
	}
	if (git_config_snapshot(&snap, local) == 0 &&
	    git_config_get_string_buf(&buf, snap, name) == 0 && !strcmp(buf.ptr, value)) {
		ret = 1;
	} else if (git_config_set_string(local, name, value) < 0) {
		ret = dtw_git_fail("cannot write the repository's git config");
	}
	git_buf_dispose(&buf);
	git_config_free(snap);
	git_config_free(local);
	git_config_free(cfg);
	return ret;
}

int dtw_repo_hooks_dir(char **out, struct dtw_repo *r)
{
	git_config *cfg = NULL;
	git_buf buf = GIT_BUF_INIT;
	struct strbuf sb = STRBUF_INIT;
	size_t n;

	if (git_repository_config_snapshot(&cfg, r->repo) < 0)
		return dtw_git_fail("cannot read the git config");
	if (git_config_get_path(&buf, cfg, "core.hooksPath") == 0 && buf.size) {
		if (buf.ptr[0] != '/' && r->workdir)
			strbuf_addf(&sb, "%s/", r->workdir);
		strbuf_add(&sb, buf.ptr, buf.size);
	} else {
		strbuf_addf(&sb, "%shooks", git_repository_commondir(r->repo));
	}
	git_buf_dispose(&buf);
	git_config_free(cfg);
	n = sb.len;
	while (n > 1 && sb.buf[n - 1] == '/')
		sb.buf[--n] = '\0';
	sb.len = n;
	*out = strbuf_detach(&sb, NULL);
	return 0;
}
