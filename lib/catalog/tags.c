/* Catalog: the release tags of a repository. lib/git lists the tag
 * references and reads tag objects; this decides which tags are releases
 * (by their trailers) and what the cache keeps, so that a warm run reads
 * no tag object and, when no tag changed, no reference either. */
#include "catalog/release.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "catalog/cache.h"
#include "git/git.h"
#include "base/banned.h"

/* The cache's kinds: 't' is keyed by what a tag reference points at (a
 * tag object, or a lightweight tag's commit), and says what dtw makes of
 * it; 'r', under the all-zero id, is the last listing of the references. */
#define KIND_TAG 't'
#define KIND_REFS 'r'

void dtw_tag_release(struct dtw_tag *t)
{
	free(t->name);
	dtw_release_trailers_release(&t->rel);
	memset(t, 0, sizeof(*t));
}

/* A release without a Dtw-Blob (a tag written by hand, or by an older
 * dtw) releases the file at its Dtw-Path in the tagged commit: that is
 * its blob, so that release, diff, list and released-edit all take the
 * tag for the same content. */
static void blob_from_commit(struct dtw_tag *t, struct dtw_repo *r)
{
	if (t->rel.has_blob || !t->rel.issue || !t->rel.path)
		return;
	t->rel.has_blob = !dtw_repo_commit_path_blob(&t->rel.blob, r, &t->commit, t->rel.path);
	dtw_error_clear();
}

int dtw_release_tag_read(struct dtw_tag *out, struct dtw_repo *r, const char *name)
{
	struct dtw_git_tag t;
	int e;

	memset(out, 0, sizeof(*out));
	if ((e = dtw_repo_tag(&t, r, name)))
		return e;
	/* A tag that is no release is read all the same: dtw release
	 * tells such a tag from its own. One of no commit releases
	 * nothing, whatever its message says. */
	if (!dtw_oid_is_zero(&t.commit))
		(void)dtw_release_parse(&out->rel, t.message);
	out->name = t.name;
	out->oid = t.oid;
	out->commit = t.commit;
	t.name = NULL;
	dtw_git_tag_release(&t);
	blob_from_commit(out, r);
	return 0;
}

/* A release, as a cache value: "ISSUE COMMIT BLOB PATH" (BLOB all zero
 * when there is none, which no Dtw-Blob reads as); a tag that is no
 * release is "-". */
static char *tag_encode(const struct dtw_tag *t)
{
	static const struct dtw_oid none;
	struct strbuf v = STRBUF_INIT;
	char ch[DTW_OID_HEXSZ + 1], bh[DTW_OID_HEXSZ + 1];

	dtw_oid_hex(ch, &t->commit);
	dtw_oid_hex(bh, t->rel.has_blob ? &t->rel.blob : &none);
	strbuf_addf(&v, "%ld %s %s %s", t->rel.issue, ch, bh, t->rel.path);
	return strbuf_detach(&v, NULL);
}

/* Reads the id of "HEX " at *p and moves past it; -1 when it is not. */
static int take_oid(struct dtw_oid *out, const char **p)
{
	if (strnlen(*p, DTW_OID_HEXSZ + 1) <= DTW_OID_HEXSZ || (*p)[DTW_OID_HEXSZ] != ' ' ||
	    dtw_oid_from_hex(out, *p, DTW_OID_HEXSZ))
		return -1;
	*p += DTW_OID_HEXSZ + 1;
	return 0;
}

/* Fills t's commit and trailers from a cache value; -1 when it is not
 * one tag_encode wrote (then it is read again from git). It must give
 * back what dtw_release_parse gave: the path as it was, leading blanks
 * too, and no blob for the all-zero id. */
static int tag_decode(struct dtw_tag *t, const char *v)
{
	const char *p;
	char *end;
	long issue = strtol(v, &end, 10);

	if (end == v || issue <= 0 || *end != ' ')
		return -1;
	p = end + 1;
	if (take_oid(&t->commit, &p) || take_oid(&t->rel.blob, &p) || !*p)
		return -1;
	t->rel.issue = issue;
	t->rel.has_blob = !dtw_oid_is_zero(&t->rel.blob);
	t->rel.path = xstrdup(p);
	return 0;
}

/* The release that `ref` is, into *out: from the cache, or by reading the
 * tag object once and caching what it says. DTW_ENOTFOUND when it is no
 * release, or cannot be read (then it is not cached: it may be readable
 * next time). */
static int tag_of_ref(struct dtw_tag *out, struct dtw_repo *r, struct dtw_cache *cache,
		      const struct dtw_git_tag_ref *ref)
{
	const char *cached = dtw_cache_get(cache, KIND_TAG, &ref->oid);
	struct dtw_git_tag t;
	char *v;

	memset(out, 0, sizeof(*out));
	if (cached && !strcmp(cached, "-"))
		return DTW_ENOTFOUND;
	if (!cached || tag_decode(out, cached)) {
		dtw_tag_release(out); /* what a damaged entry left */
		if (dtw_repo_tag_read(&t, r, ref)) {
			dtw_error_clear();
			return DTW_ENOTFOUND;
		}
		out->commit = t.commit;
		/* A release tags a commit: a tag of a tree or a blob is none,
		 * whatever trailers it copied. */
		if (dtw_oid_is_zero(&t.commit) || dtw_release_parse(&out->rel, t.message)) {
			dtw_git_tag_release(&t);
			dtw_tag_release(out);
			dtw_cache_put(cache, KIND_TAG, &ref->oid, "-");
			return DTW_ENOTFOUND;
		}
		dtw_git_tag_release(&t);
		blob_from_commit(out, r);
		v = tag_encode(out);
		dtw_cache_put(cache, KIND_TAG, &ref->oid, v);
		free(v);
	}
	out->name = xstrdup(ref->name);
	out->oid = ref->oid;
	return 0;
}

/* What the listing of references depends on: the state of refs/tags/,
 * its subdirectories and packed-refs (dtw_repo_tag_stamp). NULL when it
 * cannot be told (too many subdirectories): then the references are
 * always listed. */
static char *refs_stamp(struct dtw_repo *r, time_t *newest)
{
	return dtw_repo_tag_stamp(newest, r);
}

/* Every tag reference, into *out: a release is known by its trailers,
 * whatever the template that named it. The cache entry is
 * "WRITTEN STAMP{\trefs/tags/NAME OID}". As git treats a racily clean
 * index, a stamp is trusted only if the refs were last changed well
 * before the entry was written: a change within the same clock tick would
 * leave the stamp as it was. */
static int list_refs(struct dtw_git_tag_refs *out, struct dtw_repo *r,
		     struct dtw_cache *cache, int as_known)
{
	static const struct dtw_oid refs_key; /* the one 'r' entry: all zero */
	static const char prefix[] = "refs/tags/";
	const size_t plen = sizeof(prefix) - 1;
	const char *cached;
	char *stamp;
	time_t newest;
	size_t i;
	int e;

	stamp = refs_stamp(r, &newest);
	cached = stamp ? dtw_cache_get(cache, KIND_REFS, &refs_key) : NULL;
	if (cached) {
		char *end;
		long long written = strtoll(cached, &end, 10);
		cached = *end == ' ' && (as_known || newest + 2 <= (time_t)written) ? end + 1 : NULL;
	}
	if (cached && as_known) {
		/* The listing as the last run saw it, whatever changed since:
		 * skip its stamp. */
		const char *sp = strchr(cached, '\t');
		free(stamp);
		stamp = xstrndup(cached, sp ? (size_t)(sp - cached) : strlen(cached));
	}
	if (cached && !strncmp(cached, stamp, strlen(stamp)) &&
	    (cached[strlen(stamp)] == '\t' || !cached[strlen(stamp)])) {
		/* No tag changed since the last run: no reference is read. */
		const char *q = cached + strlen(stamp);
		while (*q == '\t') {
			const char *sp = strchr(q + 1, ' ');
			struct dtw_git_tag_ref *ref;
			struct dtw_oid oid;
			if (!sp || (size_t)(sp - q - 1) <= plen || strncmp(q + 1, prefix, plen) ||
			    strnlen(sp + 1, DTW_OID_HEXSZ) < DTW_OID_HEXSZ ||
			    dtw_oid_from_hex(&oid, sp + 1, DTW_OID_HEXSZ))
				break;
			ALLOC_GROW(out->v, out->n + 1, out->alloc);
			ref = &out->v[out->n++];
			ref->name = xstrndup(q + 1 + plen, (size_t)(sp - q - 1) - plen);
			ref->oid = oid;
			q = sp + 1 + DTW_OID_HEXSZ;
		}
		free(stamp);
		return 0;
	}
	e = dtw_repo_tag_refs(out, r, "*");
	if (e) {
		free(stamp);
		return e;
	}
	if (stamp) {
		struct strbuf v = STRBUF_INIT;
		strbuf_addf(&v, "%lld %s", (long long)time(NULL), stamp);
		for (i = 0; i < out->n; i++) {
			char hex[DTW_OID_HEXSZ + 1];
			strbuf_addf(&v, "\t%s%s %s", prefix, out->v[i].name,
				    dtw_oid_hex(hex, &out->v[i].oid));
		}
		dtw_cache_put(cache, KIND_REFS, &refs_key, v.buf);
		strbuf_release(&v);
	}
	free(stamp);
	return 0;
}

int dtw_release_tags(struct dtw_tag **out, size_t *n, struct dtw_repo *r,
		     struct dtw_cache *cache, int as_known)
{
	struct dtw_git_tag_refs refs = { 0 };
	struct dtw_tag *v = NULL;
	size_t i, nv = 0, alloc = 0;
	int e;

	*out = NULL;
	*n = 0;
	if ((e = list_refs(&refs, r, cache, as_known)))
		return e;
	for (i = 0; i < refs.n; i++) {
		struct dtw_tag t;
		if (tag_of_ref(&t, r, cache, &refs.v[i]))
			continue;
		ALLOC_GROW(v, nv + 1, alloc);
		v[nv++] = t;
	}
	dtw_git_tag_refs_release(&refs);
	*out = v;
	*n = nv;
	return 0;
}
