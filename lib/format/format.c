/* Format stage: the table of output formats and the counting every format
 * shares. */
#include "format.h"

#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "base/xalloc.h"
#include "base/banned.h"

static const struct dtw_formatter *const formats[] = {
	&dtw_format_text,
	&dtw_format_json,
	&dtw_format_sarif,
	&dtw_format_github,
	&dtw_format_gitlab,
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
	return "text, json, sarif, github, gitlab";
}

void dtw_fmt_begin(struct dtw_fmt *f)
{
	size_t i;
	f->files = f->files_with = f->errors = f->warnings = f->hidden = 0;
	if (f->ops->begin)
		f->ops->begin(f);
	f->begun = 1;
	for (i = 0; f->ops->error && i < f->nnotes; i++)
		f->ops->error(f, f->notes[i]);
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

void dtw_fmt_error(struct dtw_fmt *f, const char *msg)
{
	ALLOC_GROW(f->notes, f->nnotes + 1, f->anotes);
	f->notes[f->nnotes++] = xstrdup(msg);
	if (f->begun && f->ops && f->ops->error)
		f->ops->error(f, msg);
}

void dtw_fmt_release(struct dtw_fmt *f)
{
	size_t i;
	for (i = 0; i < f->nnotes; i++)
		free(f->notes[i]);
	free(f->notes);
	f->notes = NULL;
	f->nnotes = f->anotes = 0;
}

/* FNV-1a over s and its NUL, from `h`. */
static uint64_t fnv(uint64_t h, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	do {
		h ^= *p;
		h *= 0x100000001b3ULL;
	} while (*p++);
	return h;
}

void dtw_fmt_fingerprint(char out[33], const char *path, const struct dtw_diag *d, size_t nth)
{
	static const char hex[] = "0123456789abcdef";
	uint64_t h[2] = { 0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL };
	char num[32];
	size_t k, i;

	(void)snprintf(num, sizeof(num), "%zu", nth);
	for (k = 0; k < 2; k++) {
		h[k] = fnv(h[k], d->rule);
		h[k] = fnv(h[k], path ? path : "");
		h[k] = fnv(h[k], d->message);
		h[k] = dtw_mix64(fnv(h[k], num) + k);
	}
	h[1] ^= h[0];
	for (k = 0; k < 2; k++)
		for (i = 0; i < 16; i++)
			out[k * 16 + i] = hex[(h[k] >> (60 - 4 * i)) & 15];
	out[32] = '\0';
}

struct occ {
	const struct dtw_diag *d;
	size_t i;
};

static int cmp_occ(const void *a, const void *b)
{
	const struct occ *x = a, *y = b;
	int c = strcmp(x->d->rule, y->d->rule);
	if (!c)
		c = strcmp(x->d->message, y->d->message);
	if (!c)
		c = x->i < y->i ? -1 : x->i > y->i;
	return c;
}

size_t *dtw_fmt_occurrences(const struct dtw_diag *diags, size_t n)
{
	struct occ *v = xmalloc((n + 1) * sizeof(*v));
	size_t *nth = xmalloc((n + 1) * sizeof(*nth));
	size_t i;

	for (i = 0; i < n; i++) {
		v[i].d = &diags[i];
		v[i].i = i;
	}
	qsort(v, n, sizeof(*v), cmp_occ);
	for (i = 0; i < n; i++)
		nth[v[i].i] = i && !strcmp(v[i].d->rule, v[i - 1].d->rule) &&
			      !strcmp(v[i].d->message, v[i - 1].d->message) ?
			      nth[v[i - 1].i] + 1 : 0;
	free(v);
	return nth;
}
