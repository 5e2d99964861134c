/* Source stage: reading an issue's bytes, whatever holds them (see
 * input.h). */
#include "input.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "git/git.h"
#include "source/guard.h"
#include "base/banned.h"

static void input_init(struct dtw_input *out, enum dtw_input_kind kind, const char *display,
		       const char *path)
{
	memset(out, 0, sizeof(*out));
	out->kind = kind;
	out->display = xstrdup(display);
	out->path = path ? xstrdup(path) : NULL;
}

void dtw_input_worktree(struct dtw_input *out, const char *display, const char *fspath,
			const char *path)
{
	input_init(out, DTW_INPUT_WORKTREE, display, path);
	out->fspath = xstrdup(fspath);
}

void dtw_input_index(struct dtw_input *out, const char *display, const char *path)
{
	input_init(out, DTW_INPUT_INDEX, display, path);
}

void dtw_input_rev(struct dtw_input *out, const char *display, const char *rev,
		   const char *path)
{
	input_init(out, DTW_INPUT_REV, display, path);
	out->rev = rev;
}

void dtw_input_blob(struct dtw_input *out, const char *display, const char *path,
		    const struct dtw_oid *oid)
{
	input_init(out, DTW_INPUT_BLOB, display, path);
	out->oid = *oid;
}

int dtw_input_stdin(struct dtw_input *out, const char *display, const char *path, FILE *f)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (sb.len + n > DTW_MAX_FILE_SIZE) {
			strbuf_release(&sb);
			return dtw_error_setc(DTW_ETOOBIG,
					      "%s: standard input is over the %u MiB limit for a newsletter issue",
					      display, DTW_MAX_FILE_SIZE / (1024 * 1024));
		}
		strbuf_add(&sb, buf, n);
	}
	if (ferror(f)) {
		strbuf_release(&sb);
		return dtw_error_set("%s: cannot read standard input", display);
	}
	input_init(out, DTW_INPUT_STDIN, display, path);
	out->len = sb.len;
	out->data = strbuf_detach(&sb, NULL);
	return 0;
}

/* The index entry of exactly `path`. */
static int match_exact(const char *p, void *data)
{
	return !strcmp(p, (const char *)data);
}

static int read_index(char **data, size_t *len, const struct dtw_input *in,
		      struct dtw_repo *repo)
{
	struct dtw_git_files f = { 0 };
	const char *one[1] = { in->path };
	int r = dtw_repo_index_files(&f, repo, one, 1, match_exact, in->path);
	if (!r && (!f.n || (!f.v[0].symlink && !f.v[0].has_oid)))
		r = dtw_error_setc(DTW_ENOTFOUND, "%s: not in the index", in->display);
	else if (!r && f.v[0].symlink)
		r = dtw_error_setc(DTW_ESYMLINK, "%s: symbolic link, not followed", in->display);
	else if (!r)
		r = dtw_repo_read_blob(data, len, repo, &f.v[0].oid, DTW_MAX_FILE_SIZE);
	dtw_git_files_release(&f);
	return r;
}

static int read_bytes(struct dtw_source *out, const struct dtw_input *in,
		      const struct dtw_input_env *env)
{
	char *data = NULL;
	size_t len = 0;
	int r;

	memset(out, 0, sizeof(*out));
	switch (in->kind) {
	case DTW_INPUT_STDIN:
		dtw_source_init_copy(out, in->display, in->data, in->len);
		return 0;
	case DTW_INPUT_WORKTREE:
		return dtw_source_read_file_within(out, in->fspath, in->display, env->root);
	case DTW_INPUT_INDEX:
	case DTW_INPUT_REV:
	case DTW_INPUT_BLOB:
		break;
	}
	if (!env->repo)
		return dtw_error_setc(DTW_EINVALID, "%s: not in a git repository", in->display);
	if (in->kind == DTW_INPUT_INDEX) {
		r = read_index(&data, &len, in, env->repo);
		if (r)
			return r; /* the message names the input already */
	} else {
		if (in->kind == DTW_INPUT_REV)
			r = dtw_repo_read_at(&data, &len, env->repo, in->rev, in->path,
					     DTW_MAX_FILE_SIZE);
		else
			r = dtw_repo_read_blob(&data, &len, env->repo, &in->oid, DTW_MAX_FILE_SIZE);
		if (r == DTW_ENOTFOUND && in->kind == DTW_INPUT_REV)
			return dtw_error_setc(r, "%s: does not exist at %s", in->display, in->rev);
		if (r == DTW_ESYMLINK)
			return dtw_error_setc(r, "%s: symbolic link at %s, not followed", in->display,
					      in->kind == DTW_INPUT_REV ? in->rev : "that revision");
		if (r && in->kind == DTW_INPUT_REV)
			return dtw_error_setc(r, "%s: at %s: %s", in->display, in->rev,
					      dtw_error_last());
		if (r)
			return dtw_error_setc(r, "%s: %s", in->display, dtw_error_last());
	}
	dtw_source_init_owned(out, in->display, data, len);
	return 0;
}

int dtw_input_read(struct dtw_source *out, const struct dtw_input *in,
		   const struct dtw_input_env *env)
{
	struct strbuf why = STRBUF_INIT;
	size_t at;
	int r = read_bytes(out, in, env);

	/* Refused before any parse: what would make the parser blow up. */
	if (!r && dtw_markdown_over_limits(out->data, out->len, &at, &why)) {
		uint32_t line, col;
		dtw_source_pos(out, at, &line, &col);
		r = dtw_error_setc(DTW_ETOOBIG, "%s:%u: %s", in->display, (unsigned)line, why.buf);
		dtw_source_release(out);
	} else if (!r) {
		out->within_limits = 1; /* the parse stage need not look again */
	}
	strbuf_release(&why);
	return r;
}

int dtw_input_read_file(struct dtw_source *out, const char *fspath, const char *display,
			const char *root)
{
	struct dtw_input_env env = { NULL, root };
	struct dtw_input in;
	int r;
	dtw_input_worktree(&in, display, fspath, NULL);
	r = dtw_input_read(out, &in, &env);
	dtw_input_release(&in);
	return r;
}

void dtw_input_release(struct dtw_input *in)
{
	free(in->display);
	free(in->fspath);
	free(in->path);
	free(in->data);
	memset(in, 0, sizeof(*in));
}
