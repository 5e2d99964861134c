/* One option parser for every command: a table of struct dtw_option, as
 * git's parse-options. It takes `--name value`, `--name=value`, `-x`,
 * `--` (the end of the options) and `-` (an argument: standard input),
 * and leaves the arguments in argv, in order. It prints nothing: a usage
 * error comes back as DTW_EINVALID with its one-line message in
 * dtw_error_last(). */
#ifndef DTW_OPTS_H
#define DTW_OPTS_H

#include <stddef.h>

enum dtw_opt_type {
	DTW_OPT_END = 0,
	DTW_OPT_FLAG,   /* int *value = .set; takes no value */
	DTW_OPT_STRING, /* const char **value = the value (never empty) */
	DTW_OPT_LIST,   /* struct dtw_opt_list *value: every value, in order */
	DTW_OPT_CHOICE, /* int *value = the index of the value in .choices */
	DTW_OPT_COUNT,  /* long *value = a number, 0 or more */
};

struct dtw_opt_list {
	const char **v; /* borrowed from argv; the array is xmalloc'd */
	size_t n, alloc;
};

struct dtw_option {
	const char *name;             /* "staged" is --staged */
	const char *alias;            /* another long name ("cached"), or NULL */
	void *value;
	const char *const *choices;   /* DTW_OPT_CHOICE: NULL-terminated */
	enum dtw_opt_type type;
	int set;                      /* DTW_OPT_FLAG: the value it stores */
	const char *given_as;         /* set by the parser: as last written (borrowed
				       * from argv, "--name=value" whole) */
	unsigned flags;               /* the caller's: what the option needs */
	/* Options whose masks share a bit cannot be given together: give
	 * --items, --patch and --stat the same bit and only one of them may
	 * be on the line (each as often as it likes). 0: no such bond. */
	unsigned excl;
	/* Not NULL: the option takes a value only as "--name=value", and
	 * alone stands for this one ("--online" is "--online=on"). */
	const char *bare;
	int given;                    /* set by the parser: seen on the line */
	char short_name;              /* 'n' is -n; 0 for none */
};

#define DTW_OPT_FLAG_(n, s, v) \
	{ .type = DTW_OPT_FLAG, .name = (n), .short_name = (s), .value = (v), .set = 1 }
/* A flag that stores `x`: one of several that set the same variable,
 * which exclude each other (excl bit `e`). */
#define DTW_OPT_SET_(n, v, x, e) \
	{ .type = DTW_OPT_FLAG, .name = (n), .value = (v), .set = (x), .excl = (e) }
#define DTW_OPT_STRING_(n, v) { .type = DTW_OPT_STRING, .name = (n), .value = (v) }

/* Parses argv[0..argc) against `opts` (ended by a DTW_OPT_END entry; the
 * entries of `more`, when not NULL, are taken too). Leaves the arguments
 * that are not options in argv[0..*nargs), in order. Returns 0, 1 when
 * -h or --help was given (nothing else is parsed), DTW_EUNKNOWN for an
 * option not in the tables ("unknown option \"--x\""), or DTW_EINVALID
 * ("needs a value", "takes no value", a choice or a number out of range,
 * two options that exclude each other: "--items and --patch cannot be
 * used together"; the message names the options as written). */
int dtw_opts_parse(size_t *nargs, int argc, const char **argv, struct dtw_option *opts,
		   struct dtw_option *more);

/* The choices as "a, b or c", into a static buffer (for messages). */
const char *dtw_opts_choices(const char *const *choices);

#endif
