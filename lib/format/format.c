/* Format stage: the table of output formats and the counting every format
 * shares. */
#include "format.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "base/banned.h"

static const struct dtw_formatter *const formats[] = {
	&dtw_format_text,
	&dtw_format_json,
	&dtw_format_sarif,
	&dtw_format_github,
};

const struct dtw_formatter *dtw_formatter_find(const char *name)
{
	size_t i;
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(formats[i]->name, name))
			return formats[i];
	return NULL;
}

const char *dtw_formatter_names(void)
{
	return "text, json, sarif, github";
}

void dtw_fmt_begin(struct dtw_fmt *f)
{
	f->files = f->files_with = f->errors = f->warnings = f->hidden = 0;
	if (f->ops->begin)
		f->ops->begin(f);
}

void dtw_fmt_emit(struct dtw_fmt *f, const struct dtw_source *src,
		  const struct dtw_diag *diags, size_t n)
{
	struct dtw_diag *kept = NULL;
	size_t i, k = 0;

	f->files++;
	if (f->quiet) {
		kept = xmalloc((n + 1) * sizeof(*kept));
		for (i = 0; i < n; i++)
			if (diags[i].severity == DTW_SEV_ERROR)
				kept[k++] = diags[i];
			else
				f->hidden++;
		diags = kept;
		n = k;
	}
	for (i = 0; i < n; i++) {
		if (diags[i].severity == DTW_SEV_ERROR)
			f->errors++;
		else
			f->warnings++;
	}
	if (n)
		f->files_with++;
	f->ops->emit(f, src, diags, n);
	free(kept);
}

void dtw_fmt_end(struct dtw_fmt *f)
{
	if (f->ops->end)
		f->ops->end(f);
	fflush(f->out);
}
