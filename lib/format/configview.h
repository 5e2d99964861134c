/* The view of dtw config: the configuration in force — the settings of
 * .dtw.yaml or their defaults, each rule's severity, and the schema — as
 * YAML that reads back the same, each setting with a comment saying
 * where it came from. */
#ifndef DTW_CONFIGVIEW_H
#define DTW_CONFIGVIEW_H

#include <stdio.h>

#include "diag/diag.h"
#include "schema/schema.h"

/* What is shown; all borrowed. */
struct dtw_config_view {
	const struct dtw_config *config;
	const char *schema_opt;           /* --schema, or NULL */
	const enum dtw_severity *severity; /* per rule, indexed like dtw_rules */
	const char *const *origin;        /* where each severity came from */
	const struct dtw_rule_setting *const *by_status; /* the config's per-status
					   * settings per rule, or NULL */
	const struct dtw_schema *schema;
};

/* Writes the view to `f` through the escaping writer. Returns 0, or -1
 * when it could not be built (out of memory). */
int dtw_config_view_write(FILE *f, const struct dtw_config_view *v);

#endif
