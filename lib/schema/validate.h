/* Strict validation helpers for YAML-described settings: every failure sets
 * "ORIGIN:LINE:COL: message" and returns DTW_EINVALID. Shared by the schema
 * and config loaders. */
#ifndef DTW_VALIDATE_H
#define DTW_VALIDATE_H

#include <stdint.h>

#include "base/arena.h"
#include "base/strbuf.h"
#include "parse/yaml.h"

/* Errors gathered: a loader that reports every error of a file. */
struct dtw_verr_entry {
	uint32_t line, col;
	size_t seq;                  /* the order it was found in */
	char *msg;                   /* "ORIGIN:LINE:COL: what", one line; owned */
};

struct dtw_verrs {
	struct dtw_verr_entry *v;
	size_t n, alloc;
};

/* When errs holds more than one error, sets the message of the last
 * error to all of them, one a line, in the order of the file (one error
 * is the message dtw_verr set already); frees them. */
void dtw_verrs_finish(struct dtw_verrs *errs);

struct dtw_vctx {
	const char *origin;
	struct dtw_arena *arena;
	struct dtw_verrs *errs;      /* NULL: the last error is the message */
};

int dtw_verr(const struct dtw_vctx *v, const struct dtw_ynode *n,
	     const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* What dtw_verr returns, for the analyzer: see base/error.h. */
#ifdef __clang_analyzer__
#include "base/error.h"
#define dtw_verr(...) (dtw_verr(__VA_ARGS__), DTW_EINVALID)
#endif
/* Fails on a key not in `allowed` (NULL-terminated), naming the nearest,
 * and on a key given twice. `what` names the mapping ("schema", "section"). */
int dtw_vkeys(const struct dtw_vctx *v, const struct dtw_ynode *map,
	      const char *const *allowed, const char *what);
int dtw_vmap(const struct dtw_vctx *v, const struct dtw_ynode *n, const char *what);
int dtw_vseq(const struct dtw_vctx *v, const struct dtw_ynode *n, const char *what);
int dtw_vstr(const struct dtw_vctx *v, const struct dtw_ynode *n,
	     const char *what, const char **out);
int dtw_vbool(const struct dtw_vctx *v, const struct dtw_ynode *n,
	      const char *what, int *out);
int dtw_vuint(const struct dtw_vctx *v, const struct dtw_ynode *n,
	      const char *what, uint32_t *out);
int dtw_vint(const struct dtw_vctx *v, const struct dtw_ynode *n,
	     const char *what, int64_t *out);
/* A list of strings (a lone string is taken as a list of one). */
int dtw_vstrlist(const struct dtw_vctx *v, const struct dtw_ynode *n,
		 const char *what, const char ***out, size_t *nout);
/* Fails unless the scalar is one of `choices` (NULL-terminated); returns
 * its index in *out. */
int dtw_vchoice(const struct dtw_vctx *v, const struct dtw_ynode *n,
		const char *what, const char *const *choices, int *out);
/* Parses a decimal integer scalar strictly; 0 on success. */
int dtw_parse_int(const char *s, int64_t *out);

#endif
