/* Links stage: the URLs an issue model holds that are to be asked — its
 * links (not its images) that dtw_link_askable takes, that no
 * links.exclude pattern matches, and that no suppression comment of the
 * issue silences link-alive at (what would be suppressed is not asked). */
#include "links/links.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "diag/diag.h"
#include "diag/suppress.h"
#include "model/issue.h"
#include "base/banned.h"

void dtw_links_gather(struct dtw_links *set, const struct dtw_issue *issue,
		      const struct dtw_links_config *lc)
{
	struct dtw_sink sink;
	size_t k;

	/* Each link to ask is a finding of link-alive where its finding
	 * would be (at the link's text for a reference link); the
	 * suppression comments take away the ones they silence. */
	dtw_sink_init(&sink, issue->src);
	for (k = 0; k < issue->nlinks; k++) {
		const struct dtw_link *l = &issue->links[k];
		size_t at = l->ref && l->text_end > l->text_start ? l->text_start : l->start;
		if (!l->image && dtw_link_askable(l->url) && !dtw_links_excluded(lc, l->url))
			dtw_sink_add(&sink, "link-alive", DTW_SEV_ERROR, 0, 0, at, at + 1,
				     xstrdup(l->url), NULL);
	}
	if (sink.n && issue->ncomments)
		dtw_suppress(&sink, issue->src, issue->comments, issue->ncomments, NULL, NULL,
			     DTW_SEV_OFF, 0);
	for (k = 0; k < sink.n; k++)
		(void)dtw_links_add(set, sink.diags[k].message);
	dtw_sink_release(&sink);
}
