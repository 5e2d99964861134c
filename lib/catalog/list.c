/* The catalog's listing: every newsletter issue of the work tree with its
 * facts and release, for dtw list. Facts come through the cache (by blob
 * id), so a long archive is parsed once, not on every run. */
#include "catalog/catalog.h"

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "catalog/release.h"
#include "source/files.h"
#include "source/input.h"
#include "base/banned.h"

static int cmp_row(const void *a, const void *b)
{
	const struct dtw_list_row *x = a, *y = b;
	if (x->f.issue != y->f.issue)
		return x->f.issue < y->f.issue ? -1 : 1;
	return strcmp(x->display, y->display);
}

/* The row's release: its tag, and whether the file changed after it. */
static void add_release(struct dtw_list_row *r, struct dtw_catalog *cat, const char *path,
			const struct dtw_source *src)
{
	struct dtw_oid blob, wt;
	const struct dtw_tag *t;

	dtw_blob_id(&blob, src->data, src->len);
	dtw_catalog_facts_data(&r->f, cat, &blob, src->data, src->len);
	t = dtw_catalog_tag_of(cat, r->f.issue, path);
	if (!t)
		t = dtw_catalog_tag_of(cat, r->f.issue, NULL);
	if (!t)
		return;
	/* As git status sees the file: through its filters. */
	if (dtw_repo_worktree_blob(&wt, cat->repo, path))
		wt = blob;
	/* Of several releases of the issue (a tag moved under another
	 * name), the one of this very content. */
	{
		const struct dtw_tag *same = dtw_catalog_tag_with_blob(cat, r->f.issue, &wt);
		if (same)
			t = same;
	}
	r->tag = t->name;
	r->changed = t->rel.has_blob && !dtw_oid_equal(&t->rel.blob, &wt);
}

int dtw_catalog_list(struct dtw_list_row **out, size_t *nout, struct dtw_catalog *cat,
		     const struct dtw_schema *schema, const char *base, const char *root,
		     const char *cwd, const char *const *patterns, size_t npatterns,
		     dtw_report_fn *report, void *data)
{
	struct dtw_filelist files = { 0 };
	struct dtw_list_row *rows;
	size_t i, n = 0;
	int failed = 0;

	if (dtw_files_match(&files, base, patterns, npatterns)) {
		report(data, 1, dtw_error_last());
		failed = 1;
	}
	dtw_filelist_sort_unwalked(&files);
	for (i = 0; i < files.nunwalked; i++) {
		struct strbuf abs = STRBUF_INIT, msg = STRBUF_INIT;
		char *display;
		strbuf_addf(&abs, "%s/%s", base, files.unwalked[i].path);
		display = dtw_path_display(cwd, abs.buf);
		strbuf_addf(&msg, "%s: %s", display, files.unwalked[i].why);
		report(data, 1, msg.buf);
		free(display);
		strbuf_release(&abs);
		strbuf_release(&msg);
		failed = 1;
	}
	rows = xcalloc(files.n + 1, sizeof(*rows));
	for (i = 0; i < files.n; i++) {
		struct strbuf abs = STRBUF_INIT;
		struct dtw_source src;
		struct dtw_list_row *r = &rows[n];
		int e;
		strbuf_addf(&abs, "%s/%s", base, files.paths[i]);
		r->display = dtw_path_display(cwd, abs.buf);
		e = dtw_input_read_file(&src, abs.buf, r->display, root);
		strbuf_release(&abs);
		if (e) {
			report(data, 1, dtw_error_last());
			free(r->display);
			r->display = NULL;
			failed = 1;
			continue;
		}
		if (cat) {
			add_release(r, cat, files.paths[i], &src);
		} else {
			struct dtw_issue *is = dtw_issue_build(&src, schema);
			dtw_facts_from_issue(&r->f, is);
			dtw_issue_free(is);
		}
		dtw_source_release(&src);
		n++;
	}
	dtw_filelist_release(&files);
	if (n > 1)
		qsort(rows, n, sizeof(*rows), cmp_row);
	*out = rows;
	*nout = n;
	return failed ? -1 : 0;
}

void dtw_list_rows_free(struct dtw_list_row *rows, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		free(rows[i].display);
		dtw_facts_release(&rows[i].f);
	}
	free(rows);
}
