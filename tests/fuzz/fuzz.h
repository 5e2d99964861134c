/* What the fuzz targets share: the built-in schema and a .dtw.yaml with
 * user patterns, loaded once; every rule on. Each target defines
 * LLVMFuzzerTestOneInput; it links with libFuzzer (make fuzz) or with
 * replay.c, which runs a corpus once (make check). */
#ifndef DTW_FUZZ_H
#define DTW_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "diag/diag.h"
#include "model/issue.h"
#include "rules/rules.h"
#include "schema/schema.h"
#include "source/source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fuzz_env {
	struct dtw_schema *schema;
	struct dtw_config *config;
	enum dtw_severity *sev;
	struct dtw_rule_env env;
};

/* The shared set-up, made on first use and kept for the process. */
const struct fuzz_env *fuzz_env(void);
/* Builds the model of src and runs every rule into sink. */
struct dtw_issue *fuzz_lint(const struct dtw_source *src, struct dtw_sink *sink);
/* Checks what every finding must satisfy (positions within the text,
 * lines and columns in order); aborts with a message otherwise. */
void fuzz_check_diags(const struct dtw_source *src, const struct dtw_sink *sink);

#define FUZZ_ASSERT(cond, ...)                                            \
	do {                                                              \
		if (!(cond)) {                                            \
			fprintf(stderr, "fuzz: %s:%d: ", __FILE__, __LINE__); \
			fprintf(stderr, __VA_ARGS__);                     \
			fputc('\n', stderr);                              \
			abort();                                          \
		}                                                         \
	} while (0)

#endif
