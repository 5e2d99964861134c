/* The release format, both ways it is used: writing a release (the tag's
 * name and message, for dtw release) and reading one back (the trailers of
 * a tag's message; for the rules that read releases while linting, whether
 * there can be any). tags.c finds the release tags of a repository. */
#include "catalog/release.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "git/git.h"
#include "source/source.h"
#include "base/banned.h"

char *dtw_release_tag_name(const char *tmpl, const struct dtw_facts *f)
{
	return dtw_tag_template_expand(tmpl, f->issue, f->date, f->title);
}

/* Appends s as text of one line: every control character (a line feed,
 * a carriage return, a tab) as a space, so that nothing from the draft
 * starts a line of the message, let alone a trailer. */
static void add_one_line(struct strbuf *sb, const char *s)
{
	for (; *s; s++)
		strbuf_addch(sb, (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s);
}

int dtw_release_path_check(const char *path)
{
	const char *p;
	for (p = path; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return dtw_error_setc(DTW_EINVALID,
				"%s: a path with a line feed or another control character cannot be written into a trailer",
				path);
	return 0;
}

int dtw_release_message(char **out, const struct dtw_facts *f, const struct dtw_issue *is,
			const char *path, const struct dtw_oid *blob)
{
	struct strbuf sb = STRBUF_INIT, title = STRBUF_INIT;
	char bhex[DTW_OID_HEXSZ + 1];
	size_t i;
	int r;

	*out = NULL;
	if ((r = dtw_release_path_check(path)))
		return r;
	dtw_oid_hex(bhex, blob);
	add_one_line(&title, f->title);
	/* Only the trailers start a line with "Dtw-": a title that does
	 * comes after the number in the subject. */
	if (!strncasecmp(title.buf, "dtw-", 4))
		strbuf_addf(&sb, "#%ld (%s) %s\n\n", f->issue, f->date, title.buf);
	else
		strbuf_addf(&sb, "%s #%ld (%s)\n\n", title.len ? title.buf : "Issue", f->issue,
			    f->date);
	strbuf_addf(&sb, "Title: %s\nIssue: %ld\nDate: ", title.buf, f->issue);
	add_one_line(&sb, f->date);
	strbuf_addstr(&sb, "\nItems:\n");
	for (i = 0; i < is->nsections; i++)
		if (is->sections[i].def) {
			strbuf_addstr(&sb, "  ");
			add_one_line(&sb, is->sections[i].def->heading);
			strbuf_addf(&sb, ": %zu\n", is->sections[i].nitems);
		}
	strbuf_addf(&sb, "\nDtw-Issue: %ld\nDtw-Path: %s\nDtw-Blob: %s\n", f->issue, path, bhex);
	strbuf_release(&title);
	*out = strbuf_detach(&sb, NULL);
	return 0;
}

void dtw_release_trailers_release(struct dtw_release_trailers *t)
{
	free(t->path);
	memset(t, 0, sizeof(*t));
}

/* Whether line p[0..n) is blank: nothing but white space. */
static int blank_line(const char *p, size_t n)
{
	while (n && (*p == ' ' || *p == '\t' || *p == '\r')) {
		p++;
		n--;
	}
	return !n;
}

int dtw_release_parse(struct dtw_release_trailers *out, const char *msg)
{
	const char *p, *next, *block = NULL;
	int in_paragraph = 0, seen_issue = 0, seen_path = 0, seen_blob = 0;

	memset(out, 0, sizeof(*out));
	/* The trailer block is the last paragraph, as git interpret-trailers
	 * reads it: from the first line after the last blank line (blank
	 * lines at the very end closing no paragraph). */
	for (p = msg; p && *p; p = next) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		next = p + n + !!nl;
		if (blank_line(p, n))
			in_paragraph = 0;
		else if (!in_paragraph) {
			in_paragraph = 1;
			block = p;
		}
	}
	/* Each key's first line there counts. */
	for (p = block; p && *p; p = next) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		next = p + n + !!nl;
		if (n > 11 && !strncmp(p, "Dtw-Issue: ", 11) && !seen_issue++) {
			/* Digits, and nothing after them but blanks: "2abc"
			 * and a number past a long are no issue number. */
			char *e;
			long v;
			errno = 0;
			v = strtol(p + 11, &e, 10);
			while (e < p + n && (*e == ' ' || *e == '\t' || *e == '\r'))
				e++;
			if (e == p + n && isdigit((unsigned char)p[11]) && v > 0 && errno != ERANGE)
				out->issue = v;
		} else if (n > 10 && !strncmp(p, "Dtw-Path: ", 10) && !seen_path++) {
			out->path = xstrndup(p + 10, n - 10);
		} else if (n > 10 && !strncmp(p, "Dtw-Blob: ", 10) && !seen_blob++) {
			out->has_blob = !dtw_oid_from_hex(&out->blob, p + 10, n - 10) &&
					!dtw_oid_is_zero(&out->blob);
		}
	}
	return out->issue && out->path ? 0 : DTW_ENOTFOUND;
}

int dtw_release_tags_possible(const char *root)
{
	struct strbuf p = STRBUF_INIT;
	struct stat st;
	const char *gd = getenv("GIT_DIR");
	int maybe = 0;

	strbuf_addf(&p, "%s/.git", root);
	/* The repository elsewhere (GIT_DIR), or a linked work tree (.git
	 * is a file): let libgit2 find the refs. */
	if ((gd && *gd) || (stat(p.buf, &st) == 0 && !S_ISDIR(st.st_mode))) {
		maybe = 1;
	} else {
		DIR *d;
		struct dtw_source packed;
		strbuf_addstr(&p, "/refs/tags");
		if ((d = opendir(p.buf))) {
			struct dirent *e;
			while (!maybe && (e = readdir(d)))
				maybe = e->d_name[0] != '.';
			closedir(d);
		}
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/.git/packed-refs", root);
		if (!maybe && !dtw_source_read_file(&packed, p.buf, p.buf)) {
			maybe = memmem(packed.data, packed.len, " refs/tags/", 11) != NULL;
			dtw_source_release(&packed);
		}
		dtw_error_clear();
	}
	strbuf_release(&p);
	return maybe;
}

void dtw_release_doc_git(struct dtw_doc_git *out, const struct dtw_released *rel,
			 struct dtw_repo *repo, const struct dtw_input *in,
			 const struct dtw_source *src, long issue)
{
	const struct dtw_release_info *ri;

	out->path = in->path;
	out->issue = issue;
	memset(&out->blob, 0, sizeof(out->blob));
	if (in->kind == DTW_INPUT_BLOB) {
		out->blob = in->oid;
		return;
	}
	if (!dtw_released_of(rel, out))
		return; /* never released: nothing to hash */
	/* The bytes as they are first; through git's filters (eol) only
	 * when those differ. */
	dtw_blob_id(&out->blob, src->data, src->len);
	if ((ri = dtw_released_of(rel, out)) && !dtw_oid_equal(&out->blob, &ri->blob) &&
	    dtw_repo_worktree_blob(&out->blob, repo, in->path))
		dtw_blob_id(&out->blob, src->data, src->len);
}
