/* The option parser every command uses: argv against a table of struct
 * dtw_option, arguments left in place. Errors are usage errors
 * (DTW_EINVALID) with the option named in the message. */
#include "base/opts.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "base/banned.h"

const char *dtw_opts_choices(const char *const *choices)
{
	static char buf[256];
	struct strbuf sb = STRBUF_INIT;
	size_t i, n = 0;

	while (choices[n])
		n++;
	for (i = 0; i < n; i++) {
		if (i)
			strbuf_addstr(&sb, i + 1 == n ? " or " : ", ");
		strbuf_addstr(&sb, choices[i]);
	}
	/* The tables are dtw's own: short words that always fit. */
	strbuf_addch(&sb, '\0');
	memcpy(buf, sb.buf, sb.len < sizeof(buf) ? sb.len : sizeof(buf));
	buf[sizeof(buf) - 1] = '\0';
	strbuf_release(&sb);
	return buf;
}

/* The entry whose long name (or alias) is name[0..len), or whose short
 * name is `sh`. */
static struct dtw_option *find(struct dtw_option *opts, struct dtw_option *more,
			       const char *name, size_t len, char sh)
{
	struct dtw_option *tables[2] = { opts, more }, *o;
	size_t t;
	for (t = 0; t < 2; t++)
		for (o = tables[t]; o && o->type != DTW_OPT_END; o++) {
			if (sh) {
				if (o->short_name == sh)
					return o;
				continue;
			}
			if ((strlen(o->name) == len && !strncmp(o->name, name, len)) ||
			    (o->alias && strlen(o->alias) == len && !strncmp(o->alias, name, len)))
				return o;
		}
	return NULL;
}

/* The option's name as argument `a` wrote it (--cached, not --staged;
 * --format, not --format=json) into shown[0..64). A name that matched a
 * table is short; a longer one is cut. */
static void written(char shown[64], const char *a)
{
	const char *eq = a[1] == '-' ? strchr(a + 2, '=') : NULL;
	size_t n = a[1] == '-' ? (eq ? (size_t)(eq - a) : strlen(a)) : 2;
	if (n >= 64)
		n = 63;
	memcpy(shown, a, n);
	shown[n] = '\0';
}

/* An option given earlier that `o` cannot be used with, or NULL. */
static const struct dtw_option *excluded_by(const struct dtw_option *o,
					    struct dtw_option *opts, struct dtw_option *more)
{
	struct dtw_option *tables[2] = { opts, more }, *p;
	size_t t;
	if (!o->excl)
		return NULL;
	for (t = 0; t < 2; t++)
		for (p = tables[t]; p && p->type != DTW_OPT_END; p++)
			if (p != o && p->given && (p->excl & o->excl))
				return p;
	return NULL;
}

static int take(struct dtw_option *o, const char *shown, const char *v)
{
	char *end;
	long n;
	size_t i;

	switch (o->type) {
	case DTW_OPT_FLAG:
	case DTW_OPT_END:
		break;
	case DTW_OPT_STRING:
		*(const char **)o->value = v;
		break;
	case DTW_OPT_LIST: {
		struct dtw_opt_list *l = o->value;
		ALLOC_GROW(l->v, l->n + 1, l->alloc);
		l->v[l->n++] = v;
		break;
	}
	case DTW_OPT_CHOICE:
		for (i = 0; o->choices[i]; i++)
			if (!strcmp(o->choices[i], v)) {
				*(int *)o->value = (int)i;
				return 0;
			}
		return dtw_error_setc(DTW_EINVALID, "%s must be %s, not \"%s\"", shown,
				      dtw_opts_choices(o->choices), v);
	case DTW_OPT_COUNT:
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno || end == v || *end || n < 0)
			return dtw_error_setc(DTW_EINVALID, "%s takes a number, not \"%s\"", shown, v);
		*(long *)o->value = n;
		break;
	}
	return 0;
}

int dtw_opts_parse(size_t *nargs, int argc, const char **argv, struct dtw_option *opts,
		   struct dtw_option *more)
{
	size_t out = 0;
	int i, dashdash = 0;

	*nargs = 0;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *eq = NULL, *v = NULL;
		const struct dtw_option *other;
		struct dtw_option *o;
		char shown[64];

		if (dashdash || a[0] != '-' || !a[1]) {
			argv[out++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			dashdash = 1;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help"))
			return 1;
		if (a[1] == '-') {
			eq = strchr(a + 2, '=');
			o = find(opts, more, a + 2, eq ? (size_t)(eq - a - 2) : strlen(a + 2), 0);
			if (eq)
				v = eq + 1;
		} else {
			o = a[2] ? NULL : find(opts, more, NULL, 0, a[1]);
		}
		if (!o)
			return dtw_error_setc(DTW_EUNKNOWN, "unknown option \"%s\"", a);
		written(shown, a);
		if ((other = excluded_by(o, opts, more))) {
			char first[64];
			written(first, other->given_as);
			return dtw_error_setc(DTW_EINVALID, "%s and %s cannot be used together",
					      first, shown);
		}
		o->given = 1;
		o->given_as = a;
		if (o->type == DTW_OPT_FLAG) {
			if (v)
				return dtw_error_setc(DTW_EINVALID, "option %s takes no value", shown);
			*(int *)o->value = o->set;
			continue;
		}
		if (!v && o->bare) {
			v = o->bare; /* "--online" alone; "--online=refresh" */
		} else if (!v) {
			if (i + 1 >= argc)
				return dtw_error_setc(DTW_EINVALID, "option %s needs a value", shown);
			v = argv[++i];
		}
		if (!*v)
			return dtw_error_setc(DTW_EINVALID, "option %s needs a value", shown);
		if (take(o, shown, v))
			return DTW_EINVALID;
	}
	*nargs = out;
	return 0;
}
