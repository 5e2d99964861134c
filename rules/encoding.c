/* Rule encoding: bytes that are not clean UTF-8 text — a binary file, a
 * byte-order mark, invalid sequences, NUL and control characters. */
#include "rules.h"

#include <stdint.h>
#include <string.h>

#include "base/utf8.h"
#include "source/source.h"
#include "base/banned.h"

#define MAX_FINDINGS 100

/* Bytes that need no further look: printable ASCII, tab and line feed. */
static const unsigned char plain[256] = {
	['\t'] = 1, ['\n'] = 1,
	[0x20 ... 0x7E] = 1,
};

static void check_encoding(struct dtw_check *c)
{
	const struct dtw_source *src = c->src;
	const struct dtw_document *d = &c->issue->doc;
	size_t i, adv, found = 0;

	if (d->state == DTW_DOC_BINARY) {
		dtw_report(c, d->binary_at, d->binary_at + 1, NULL,
			   "binary file (NUL byte at offset %zu): not a text document",
			   d->binary_at);
		return;
	}
	if (d->state == DTW_DOC_OVER_LIMIT)
		dtw_report(c, d->limit_at, d->limit_at + 1, NULL, "%s: the Markdown is not read",
			   d->limit_msg);
	if (d->has_bom)
		dtw_report(c, 0, 3, "",
			   "byte-order mark at the start of the file; save it as UTF-8 without a BOM");
	for (i = d->has_bom ? 3 : 0; i < src->len; i += adv) {
		unsigned char ch = (unsigned char)src->data[i];
		size_t line;
		int32_t cp;
		adv = 1;
		if (plain[ch]) {
			/* Eight bytes at a time while they are printable ASCII
			 * (no high bit, nothing below 0x20, no DEL). */
			while (i + 9 <= src->len) {
				uint64_t x;
				memcpy(&x, src->data + i + 1, 8);
				if ((x & 0x8080808080808080ull) ||
				    ((x - 0x2020202020202020ull) & ~x & 0x8080808080808080ull) ||
				    (((x ^ 0x7F7F7F7F7F7F7F7Full) - 0x0101010101010101ull) &
				     ~(x ^ 0x7F7F7F7F7F7F7F7Full) & 0x8080808080808080ull))
					break;
				i += 8;
			}
			continue;
		}
		if (ch == '\r' && i + 1 < src->len && src->data[i + 1] == '\n')
			continue;
		if (ch >= 0x80) {
			cp = dtw_utf8_decode(src->data + i, src->len - i, &adv);
			if (cp >= 0 && !(cp >= 0x80 && cp <= 0x9F))
				continue;
		} else {
			cp = ch;
		}
		if (++found > MAX_FINDINGS) {
			dtw_report(c, i, i + adv, NULL,
				   "more bad bytes follow; the first %d are reported",
				   MAX_FINDINGS);
			return;
		}
		if (cp < 0)
			dtw_report(c, i, i + 1, NULL,
				   "invalid UTF-8 byte 0x%02X; is the file saved in another encoding (cp1252, latin-1)?",
				   ch);
		else if (cp == 0)
			dtw_report(c, i, i + 1, NULL, "NUL byte in text");
		else if (cp == '\r')
			dtw_report(c, i, i + 1, NULL,
				   "carriage return without a line feed");
		else
			dtw_report(c, i, i + adv, NULL,
				   "control character U+%04X in text", (unsigned)cp);
		/* One finding a line is enough to point at the problem: go on
		 * at the next line. */
		line = dtw_source_line_of(src, i) + 1;
		if (line < src->nlines && src->lines[line] > i + adv)
			adv = src->lines[line] - i;
		else if (line >= src->nlines)
			adv = src->len - i;
	}
}

const struct dtw_rule rule_encoding = {
	.id = "encoding",
	.severity = DTW_SEV_ERROR,
	.root_cause = 1,
	.needs = DTW_NEEDS_ANY,
	.summary = "bytes that are not UTF-8 text: binary, BOM, invalid sequences, control characters",
	.explain =
	"Finds bytes that do not belong in a UTF-8 Markdown file: a NUL byte near\n"
	"the start (the file is binary), a byte-order mark, sequences that are not\n"
	"valid UTF-8, and control characters other than tab and line endings.\n"
	"\n"
	"Why: e-mail clients and static site generators show such bytes as boxes\n"
	"or question marks, or stop reading the file. A draft pasted from a word\n"
	"processor or saved in a legacy encoding is the usual cause.\n"
	"\n"
	"Example: a file saved as cp1252 has the byte 0xE9 for \"é\", which is\n"
	"not valid UTF-8.\n"
	"\n"
	"Fix: save the file as UTF-8 without a BOM; delete control characters.\n"
	"--fix removes a byte-order mark.",
	.check = check_encoding,
};
