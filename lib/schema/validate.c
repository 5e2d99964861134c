/* Schema stage: the strict checks shared by every YAML-described setting. */
#include "validate.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/strutil.h"
#include "base/xalloc.h"
#include "base/banned.h"

/* The name in parentheses: not validate.h's macro for the analyzer. */
int (dtw_verr)(const struct dtw_vctx *v, const struct dtw_ynode *n,
	       const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	strbuf_addf(&sb, "%s:%u:%u: ", v->origin, n ? n->line : 1, n ? n->col : 1);
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (v->errs) {
		/* One error a line: a line break of its own (a key written
		 * with one) is shown escaped. */
		struct strbuf one = STRBUF_INIT;
		struct dtw_verr_entry *x;
		size_t i;
		for (i = 0; i < sb.len; i++) {
			if (sb.buf[i] == '\n')
				strbuf_addstr(&one, "\\n");
			else if (sb.buf[i] == '\r')
				strbuf_addstr(&one, "\\r");
			else
				strbuf_addch(&one, sb.buf[i]);
		}
		ALLOC_GROW(v->errs->v, v->errs->n + 1, v->errs->alloc);
		x = &v->errs->v[v->errs->n++];
		x->line = n ? n->line : 1;
		x->col = n ? n->col : 1;
		x->seq = v->errs->n - 1;
		x->msg = strbuf_detach(&one, NULL);
	}
	dtw_error_setc(DTW_EINVALID, "%s", sb.buf);
	strbuf_release(&sb);
	return DTW_EINVALID;
}

static int cmp_entry(const void *pa, const void *pb)
{
	const struct dtw_verr_entry *a = pa, *b = pb;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

void dtw_verrs_finish(struct dtw_verrs *errs)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i;
	if (errs->n > 1)
		qsort(errs->v, errs->n, sizeof(*errs->v), cmp_entry);
	for (i = 0; i < errs->n; i++) {
		if (i)
			strbuf_addch(&sb, '\n');
		strbuf_addstr(&sb, errs->v[i].msg);
		free(errs->v[i].msg);
	}
	if (errs->n > 1)
		dtw_error_setc(DTW_EINVALID, "%s", sb.buf);
	strbuf_release(&sb);
	free(errs->v);
	errs->v = NULL;
	errs->n = errs->alloc = 0;
}

int dtw_vmap(const struct dtw_vctx *v, const struct dtw_ynode *n, const char *what)
{
	if (!n || n->kind != DTW_Y_MAP)
		return dtw_verr(v, n, "%s must be a mapping, not %s", what,
				n ? dtw_ykind_name(n->kind) : "empty");
	return 0;
}

int dtw_vseq(const struct dtw_vctx *v, const struct dtw_ynode *n, const char *what)
{
	if (!n || n->kind != DTW_Y_SEQ)
		return dtw_verr(v, n, "%s must be a list, not %s", what,
				n ? dtw_ykind_name(n->kind) : "empty");
	return 0;
}

int dtw_vkeys(const struct dtw_vctx *v, const struct dtw_ynode *map,
	      const char *const *allowed, const char *what)
{
	size_t i, j, n = 0;
	int bad = 0;
	for (; allowed[n]; n++)
		;
	/* Every bad key, when the loader gathers errors; else the first. */
	for (i = 0; i < map->n && !(bad && !v->errs); i++) {
		const struct dtw_ynode *k = map->pairs[i].key;
		int ok = 0;
		if (k->kind != DTW_Y_SCALAR) {
			bad = dtw_verr(v, k, "%s keys must be plain names", what);
			continue;
		}
		for (j = 0; j < n; j++)
			if (!strcmp(k->value, allowed[j]))
				ok = 1;
		if (!ok) {
			long near = dtw_suggest(k->value, allowed, n);
			if (near >= 0)
				bad = dtw_verr(v, k, "unknown key \"%s\" in %s; did you mean \"%s\"?",
					       k->value, what, allowed[near]);
			else
				bad = dtw_verr(v, k, "unknown key \"%s\" in %s", k->value, what);
			continue;
		}
		for (j = 0; j < i; j++)
			if (map->pairs[j].key->kind == DTW_Y_SCALAR &&
			    !strcmp(map->pairs[j].key->value, k->value)) {
				bad = dtw_verr(v, k, "key \"%s\" given twice in %s",
					       k->value, what);
				break;
			}
	}
	return bad;
}

int dtw_vstr(const struct dtw_vctx *v, const struct dtw_ynode *n,
	     const char *what, const char **out)
{
	if (!n || n->kind != DTW_Y_SCALAR)
		return dtw_verr(v, n, "%s must be a string, not %s", what,
				n ? dtw_ykind_name(n->kind) : "empty");
	*out = n->value;
	return 0;
}

int dtw_vbool(const struct dtw_vctx *v, const struct dtw_ynode *n,
	      const char *what, int *out)
{
	if (n && n->kind == DTW_Y_SCALAR && n->plain) {
		if (!strcmp(n->value, "true")) {
			*out = 1;
			return 0;
		}
		if (!strcmp(n->value, "false")) {
			*out = 0;
			return 0;
		}
	}
	return dtw_verr(v, n, "%s must be true or false", what);
}

int dtw_parse_int(const char *s, int64_t *out)
{
	char *end;
	long long x;
	const char *p = s;
	if (*p == '+' || *p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	errno = 0;
	x = strtoll(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = x;
	return 0;
}

int dtw_vint(const struct dtw_vctx *v, const struct dtw_ynode *n,
	     const char *what, int64_t *out)
{
	if (!n || n->kind != DTW_Y_SCALAR || !n->plain ||
	    dtw_parse_int(n->value, out))
		return dtw_verr(v, n, "%s must be an integer", what);
	return 0;
}

int dtw_vuint(const struct dtw_vctx *v, const struct dtw_ynode *n,
	      const char *what, uint32_t *out)
{
	int64_t x;
	if (dtw_vint(v, n, what, &x))
		return DTW_EINVALID;
	if (x < 0 || x > 1000000000)
		return dtw_verr(v, n, "%s must be between 0 and 1000000000", what);
	*out = (uint32_t)x;
	return 0;
}

int dtw_vstrlist(const struct dtw_vctx *v, const struct dtw_ynode *n,
		 const char *what, const char ***out, size_t *nout)
{
	size_t i;
	if (n && n->kind == DTW_Y_SCALAR) {
		*out = dtw_arena_alloc(v->arena, sizeof(**out));
		(*out)[0] = n->value;
		*nout = 1;
		return 0;
	}
	if (dtw_vseq(v, n, what))
		return DTW_EINVALID;
	*out = dtw_arena_alloc(v->arena, (n->n + 1) * sizeof(**out));
	for (i = 0; i < n->n; i++)
		if (dtw_vstr(v, n->items[i], what, &(*out)[i]))
			return DTW_EINVALID;
	*nout = n->n;
	return 0;
}

int dtw_vchoice(const struct dtw_vctx *v, const struct dtw_ynode *n,
		const char *what, const char *const *choices, int *out)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = NULL;
	int i, r;
	if (dtw_vstr(v, n, what, &s))
		return DTW_EINVALID;
	for (i = 0; choices[i]; i++) {
		if (!strcmp(s, choices[i])) {
			*out = i;
			return 0;
		}
	}
	for (i = 0; choices[i]; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", choices[i]);
	r = dtw_verr(v, n, "%s must be one of %s, not \"%s\"", what, sb.buf, s);
	strbuf_release(&sb);
	return r;
}
