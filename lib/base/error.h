/* Error codes and the one error message slot (after libgit2's giterr):
 * the failing function sets the message once, callers pass the code up. */
#ifndef DTW_ERROR_H
#define DTW_ERROR_H

enum {
	DTW_OK = 0,
	DTW_ERROR = -1,      /* generic failure; message set */
	DTW_ENOTFOUND = -3,  /* a file, key or object that does not exist */
	DTW_EEXISTS = -4,
	DTW_ELOCKED = -5,
	DTW_EINVALID = -6,   /* malformed input: config, schema, argument */
	DTW_ETOOBIG = -7,    /* over a documented limit */
	DTW_ECHANGED = -8,   /* a file changed under dtw; nothing written */
	DTW_ESYMLINK = -9,   /* a symbolic link dtw does not follow: out of the
				repository, or one recorded in git */
	DTW_EREADONLY = -10, /* a file dtw may not write */
	DTW_ENOREV = -11,    /* a revision that names nothing to read: unknown,
				HEAD with no commits yet, or not a commit */
	DTW_ENOIDENT = -12,  /* no identity to sign a tag with */
	DTW_EUNKNOWN = -13,  /* an option the command does not have */
};

/* Sets the message of the last error (printf-style); returns DTW_ERROR so
 * callers can write `return dtw_error_set(...)`. */
int dtw_error_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Same, returning `code`. */
int dtw_error_setc(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The last message, or "" when none; borrowed, valid until the next set. */
const char *dtw_error_last(void);
void dtw_error_clear(void);

/* How a stage that goes on past a failure tells about it: one line per
 * call ("PATH: what"), `error` 1 for an error, 0 for a note (a symbolic
 * link not followed). The caller prints it. */
typedef void dtw_report_fn(void *data, int error, const char *msg);

/* clang-tidy's analyzer (make lint) neither looks into another file nor
 * follows a variadic call, so it cannot see that these return a failure,
 * and reports the paths that follow a `return dtw_error_set(...)` taken as
 * success. This tells it. */
#ifdef __clang_analyzer__
#define dtw_error_set(...) (dtw_error_set(__VA_ARGS__), DTW_ERROR)
#define dtw_error_setc(code, ...) (dtw_error_setc(code, __VA_ARGS__), (code))
#endif

#endif
