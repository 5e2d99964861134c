/* Format stage: the gitlab format — a GitLab Code Quality report, the JSON
 * array a job gives as artifacts:reports:codequality so that the findings
 * show in the merge request: one object a finding (description,
 * check_name, fingerprint, severity, location.path, location.lines.begin),
 * one a line, written as it goes. */
#include "format.h"
#include "out.h"

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "source/source.h"
#include "base/banned.h"

static void gitlab_begin(struct dtw_fmt *f)
{
	dtw_out_str(f->out, "[");
}

static void gitlab_emit(struct dtw_fmt *f, const struct dtw_source *src,
			const struct dtw_diag *diags, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	/* dtw_fmt_emit counts a document's findings before emitting them, so
	 * the findings written before this call are the count less n. */
	size_t before = f->errors + f->warnings - n;
	/* GitLab wants the path in the repository, without "./". */
	const char *path = f->path ? f->path : src->path;
	size_t *nth = dtw_fmt_occurrences(diags, n);
	size_t i;

	for (i = 0; i < n; i++) {
		const struct dtw_diag *d = &diags[i];
		char fp[33];
		dtw_fmt_fingerprint(fp, path, d, nth[i]);
		strbuf_addstr(&sb, (before + i) ? ",\n{\"description\":" : "\n{\"description\":");
		dtw_json_add_string(&sb, d->message, strlen(d->message));
		strbuf_addstr(&sb, ",\"check_name\":");
		dtw_json_add_string(&sb, d->rule, strlen(d->rule));
		/* Of GitLab's info, minor, major, critical and blocker. */
		strbuf_addf(&sb, ",\"fingerprint\":\"%s\",\"severity\":\"%s\",\"location\":{\"path\":",
			    fp, d->severity == DTW_SEV_ERROR ? "major" : "minor");
		dtw_json_add_string(&sb, path, strlen(path));
		strbuf_addf(&sb, ",\"lines\":{\"begin\":%u}}}", d->line);
		dtw_out_literal(f->out, sb.buf, sb.len);
		strbuf_reset(&sb);
	}
	free(nth);
	strbuf_release(&sb);
}

static void gitlab_end(struct dtw_fmt *f)
{
	dtw_out_str(f->out, "\n]\n");
}

const struct dtw_formatter dtw_format_gitlab = {
	.name = "gitlab",
	.begin = gitlab_begin,
	.emit = gitlab_emit,
	.end = gitlab_end,
	.error = NULL,
};
