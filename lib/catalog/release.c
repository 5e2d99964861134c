/* The release format, both ways it is used: writing a release (the tag's
 * name and message, for dtw release) and reading one back (the trailers of
 * a tag's message; for the rules that read releases while linting, whether
 * there can be any). tags.c finds the release tags of a repository. */
#include "catalog/release.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "git/git.h"
#include "source/source.h"
#include "base/banned.h"

static void add_slug(struct strbuf *sb, const char *title)
{
	int dash = 0;
	for (; *title; title++) {
		char c = *title;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
			if (dash && sb->len && sb->buf[sb->len - 1] != '-')
				strbuf_addch(sb, '-');
			strbuf_addch(sb, c >= 'A' && c <= 'Z' ? c + 32 : c);
			dash = 0;
		} else {
			dash = 1;
		}
	}
}

char *dtw_release_tag_name(const char *tmpl, const struct dtw_facts *f)
{
	struct strbuf sb = STRBUF_INIT;
	while (*tmpl) {
		if (!strncmp(tmpl, "{issue}", 7)) {
			strbuf_addf(&sb, "%ld", f->issue);
			tmpl += 7;
		} else if (!strncmp(tmpl, "{date}", 6)) {
			strbuf_addstr(&sb, f->date);
			tmpl += 6;
		} else if (!strncmp(tmpl, "{slug}", 6)) {
			add_slug(&sb, f->title);
			tmpl += 6;
		} else {
			strbuf_addch(&sb, *tmpl++);
		}
	}
	return strbuf_detach(&sb, NULL);
}

char *dtw_release_tag_glob(const char *tmpl)
{
	struct strbuf glob = STRBUF_INIT;
	const char *p;

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
	return strbuf_detach(&glob, NULL);
}

char *dtw_release_message(const struct dtw_facts *f, const struct dtw_issue *is,
			  const char *path, const struct dtw_oid *blob)
{
	struct strbuf sb = STRBUF_INIT;
	char bhex[DTW_OID_HEXSZ + 1];
	size_t i;

	dtw_oid_hex(bhex, blob);
	strbuf_addf(&sb, "%s #%ld (%s)\n\n", *f->title ? f->title : "Issue", f->issue, f->date);
	strbuf_addf(&sb, "Title: %s\nIssue: %ld\nDate: %s\n", f->title, f->issue, f->date);
	strbuf_addstr(&sb, "Items:\n");
	for (i = 0; i < is->nsections; i++)
		if (is->sections[i].def)
			strbuf_addf(&sb, "  %s: %zu\n", is->sections[i].def->heading,
				    is->sections[i].nitems);
	strbuf_addf(&sb, "\nDtw-Issue: %ld\nDtw-Path: %s\nDtw-Blob: %s\n", f->issue, path, bhex);
	return strbuf_detach(&sb, NULL);
}

void dtw_release_trailers_release(struct dtw_release_trailers *t)
{
	free(t->path);
	memset(t, 0, sizeof(*t));
}

int dtw_release_parse(struct dtw_release_trailers *out, const char *msg)
{
	const char *p = msg;

	memset(out, 0, sizeof(*out));
	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n > 11 && !strncmp(p, "Dtw-Issue: ", 11)) {
			char *end;
			long v = strtol(p + 11, &end, 10);
			if (end != p + 11 && v > 0)
				out->issue = v;
		} else if (n > 10 && !strncmp(p, "Dtw-Path: ", 10)) {
			free(out->path);
			out->path = xstrndup(p + 10, n - 10);
		} else if (n > 10 && !strncmp(p, "Dtw-Blob: ", 10)) {
			out->has_blob = !dtw_oid_from_hex(&out->blob, p + 10, n - 10) &&
					!dtw_oid_is_zero(&out->blob);
		}
		p = nl ? nl + 1 : NULL;
	}
	return out->issue && out->path ? 0 : DTW_ENOTFOUND;
}

int dtw_release_tags_possible(const char *root, const char *tmpl)
{
	struct strbuf p = STRBUF_INIT;
	struct stat st;
	size_t plen = strcspn(tmpl, "{/");
	int maybe = 0;

	strbuf_addf(&p, "%s/.git", root);
	if (stat(p.buf, &st) == 0 && !S_ISDIR(st.st_mode)) {
		maybe = 1; /* a linked work tree: let libgit2 find the refs */
	} else {
		DIR *d;
		struct dtw_source packed;
		strbuf_addstr(&p, "/refs/tags");
		if ((d = opendir(p.buf))) {
			struct dirent *e;
			while (!maybe && (e = readdir(d)))
				maybe = e->d_name[0] != '.' &&
					(tmpl[plen] == '/' || !strncmp(e->d_name, tmpl, plen));
			closedir(d);
		}
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/.git/packed-refs", root);
		if (!maybe && !dtw_source_read_file(&packed, p.buf, p.buf)) {
			struct strbuf needle = STRBUF_INIT;
			strbuf_addf(&needle, " refs/tags/%.*s", (int)plen, tmpl);
			maybe = memmem(packed.data, packed.len, needle.buf, needle.len) != NULL;
			strbuf_release(&needle);
			dtw_source_release(&packed);
		}
		dtw_error_clear();
	}
	strbuf_release(&p);
	return maybe;
}

void dtw_release_doc_git(struct dtw_doc_git *out, const struct dtw_released *rel,
			 struct dtw_repo *repo, const struct dtw_input *in,
			 const struct dtw_source *src)
{
	size_t k;

	out->path = in->path;
	memset(&out->blob, 0, sizeof(out->blob));
	if (in->kind == DTW_INPUT_BLOB) {
		out->blob = in->oid;
		return;
	}
	for (k = 0; k < rel->n; k++)
		if (!strcmp(rel->v[k].path, in->path))
			break;
	if (k == rel->n)
		return; /* never released: nothing to hash */
	/* The bytes as they are first; through git's filters (eol) only
	 * when those differ. */
	dtw_blob_id(&out->blob, src->data, src->len);
	if (!dtw_oid_equal(&out->blob, &rel->v[k].blob) &&
	    dtw_repo_worktree_blob(&out->blob, repo, in->path))
		dtw_blob_id(&out->blob, src->data, src->len);
}
