/* dtw config: prints the configuration in force — the settings of
 * .dtw.yaml (or their defaults), the rule severities and the schema — as
 * YAML that reads back the same, each setting with where it came from. */
#include "builtin.h"

#include "format/configview.h"
#include "base/banned.h"

const char usage_config[] =
	"usage: dtw config [--config FILE] [--schema NAME|PATH] [--rule ID=SEVERITY]...\n"
	"\n"
	"Prints the configuration in force: the repository config (.dtw.yaml, or\n"
	"the defaults), each rule's severity, and the schema with its sections,\n"
	"fields and limits, every key of each. A comment after each setting says\n"
	"where it came from: FILE:LINE, \"default\" or \"--rule\". What is above\n"
	"the \"# schema:\" line is a valid .dtw.yaml, the rest a valid schema.\n";

int cmd_config(int argc, const char **argv, struct dtw_ctx *ctx)
{
	struct dtw_config_view v;
	int r;

	if ((r = dtw_cmd_parse(ctx, &argc, argv, NULL, 0)) != DTW_CONTINUE)
		return r;
	if ((r = dtw_ctx_load(ctx)))
		return r;
	v.config = ctx->config;
	v.schema_opt = ctx->schema_opt;
	v.severity = ctx->severity;
	v.origin = ctx->sev_origin;
	v.by_status = ctx->by_status;
	v.schema = ctx->schema;
	if (dtw_config_view_write(stdout, &v)) {
		dtw_errorf("config: out of memory");
		return DTW_EXIT_ERROR;
	}
	return DTW_EXIT_OK;
}
