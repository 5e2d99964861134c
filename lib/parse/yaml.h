/* YAML with limits: a document parsed by libyaml's event parser into a small
 * tree whose every node knows its line and column in the original file.
 * Nesting depth, alias expansion and input size are bounded, so no input
 * can exhaust the stack or memory. */
#ifndef DTW_YAML_H
#define DTW_YAML_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

#define DTW_YAML_MAX_DEPTH 64
#define DTW_YAML_MAX_NODES 100000 /* after alias expansion */
#define DTW_YAML_MAX_SIZE (1024u * 1024)

enum dtw_ykind { DTW_Y_SCALAR, DTW_Y_SEQ, DTW_Y_MAP };

struct dtw_ypair;

struct dtw_ynode {
	enum dtw_ykind kind;
	uint32_t line, col;       /* 1-based, in the original file */
	const char *value;        /* scalar text, NUL-terminated */
	size_t vlen;
	int plain;                /* scalar written without quotes or block style */
	struct dtw_ynode **items; /* sequence entries */
	struct dtw_ypair *pairs;  /* mapping entries, in document order */
	size_t n;
};

struct dtw_ypair {
	struct dtw_ynode *key, *val;
};

/* Parses text[0..len) (whose first line is line `line0`, column 1, of the
 * file). Returns 0 and the root in *out (NULL for an empty document), all
 * nodes owned by `arena`; or DTW_EINVALID / DTW_ETOOBIG with the message
 * set as "LINE:COL: what" (the caller prefixes the path) and *err_line,
 * *err_col set. */
int dtw_yaml_parse(struct dtw_ynode **out, struct dtw_arena *arena,
		   const char *text, size_t len, uint32_t line0,
		   uint32_t *err_line, uint32_t *err_col);

/* The value for `key` in a mapping, or NULL. Borrowed. */
struct dtw_ynode *dtw_ymap_get(const struct dtw_ynode *map, const char *key);
/* Whether a scalar equals s exactly. */
int dtw_yscalar_is(const struct dtw_ynode *n, const char *s);
/* A kind's name for messages: "a string", "a list", "a mapping". */
const char *dtw_ykind_name(enum dtw_ykind k);

#endif
