/* Format stage: the github format — one GitHub Actions workflow command
 * per finding ("::error file=…,line=…,col=…,endLine=…,endColumn=…,
 * title=RULE::message"), then the text format's summary line. GitHub
 * shows 10 annotations of each type a step: past them, findings are plain
 * log lines ("PATH:LINE:COL: error: message [RULE]"), and one ::notice
 * says how many. The run's errors (what dtw says on stderr) are ::error
 * annotations too. Each finding
 * is exactly one line, escaped as the runner unescapes it, so text from a
 * draft can neither end the command early nor start one of its own. */
#include "format.h"
#include "out.h"

#include <string.h>

#include "base/strbuf.h"
#include "base/utf8.h"
#include "source/source.h"
#include "base/banned.h"

/* Code points written as %XX of their bytes: what the escaping writer
 * escapes (dtw_cp_hidden). The runner leaves such sequences as they are,
 * so they show up visibly in the log. */
static int github_escape_cp(int32_t cp)
{
	return dtw_cp_hidden(cp);
}

static void add_pct(struct strbuf *sb, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		strbuf_addch(sb, '%');
		strbuf_addch(sb, hex[c >> 4]);
		strbuf_addch(sb, hex[c & 15]);
	}
}

/* Appends s escaped as workflow-command data (the message): "%", CR and
 * LF as %25, %0D, %0A, as the runner expects; other control characters and
 * invalid UTF-8 as %XX of their bytes. In a property value (`prop`), ":"
 * and "," too, as %3A and %2C. */
static void add_escaped(struct strbuf *sb, const char *s, int prop)
{
	size_t len = strlen(s), i = 0, adv;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		if (c < 0x20 || c == 0x7F || c == '%' || (prop && (c == ':' || c == ','))) {
			add_pct(sb, s + i, 1);
			i++;
			continue;
		}
		if (c < 0x80) {
			strbuf_addch(sb, c);
			i++;
			continue;
		}
		cp = dtw_utf8_decode(s + i, len - i, &adv);
		if (cp < 0 || github_escape_cp(cp))
			add_pct(sb, s + i, adv);
		else
			strbuf_add(sb, s + i, adv);
		i += adv;
	}
}

static void github_begin(struct dtw_fmt *f)
{
	f->annotated[0] = f->annotated[1] = f->over[0] = f->over[1] = 0;
}

static void github_emit(struct dtw_fmt *f, const struct dtw_source *src,
			const struct dtw_diag *diags, size_t n)
{
	struct strbuf sb = STRBUF_INIT, file = STRBUF_INIT;
	size_t i;

	add_escaped(&file, src->path, 1);
	for (i = 0; i < n; i++) {
		const struct dtw_diag *d = &diags[i];
		int t = d->severity == DTW_SEV_ERROR ? 0 : 1;
		if (f->annotated[t] >= DTW_GITHUB_MAX_ANNOTATIONS) {
			/* The path, escaped as a property, has no ":" and
			 * starts the line: no command can begin. */
			f->over[t]++;
			strbuf_add(&sb, file.buf, file.len);
			strbuf_addf(&sb, ":%u:%u: %s: ", d->line, d->col, t ? "warning" : "error");
			add_escaped(&sb, d->message, 0);
			strbuf_addstr(&sb, " [");
			add_escaped(&sb, d->rule, 0);
			strbuf_addstr(&sb, "]\n");
			dtw_out_literal(f->out, sb.buf, sb.len);
			strbuf_reset(&sb);
			continue;
		}
		f->annotated[t]++;
		strbuf_addf(&sb, "::%s file=", t ? "warning" : "error");
		strbuf_add(&sb, file.buf, file.len);
		strbuf_addf(&sb, ",line=%u,col=%u,endLine=%u,endColumn=%u,title=",
			    d->line, d->col, d->end_line, d->end_col);
		add_escaped(&sb, d->rule, 1);
		strbuf_addstr(&sb, "::");
		add_escaped(&sb, d->message, 0);
		strbuf_addch(&sb, '\n');
		dtw_out_literal(f->out, sb.buf, sb.len);
		strbuf_reset(&sb);
	}
	strbuf_release(&sb);
	strbuf_release(&file);
}

/* The summary line, exactly as the text format writes it, never coloured
 * (it is read from a CI log). The type is struct dtw_formatter's .end. */
/* cppcheck-suppress constParameter */
static void github_end(struct dtw_fmt *f)
{
	struct dtw_fmt plain = *f;
	if (f->over[0] || f->over[1]) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "::notice title=dtw::%zu more not annotated (GitHub shows %d "
			    "of each type): %zu error%s, %zu warning%s; they are in the log\n",
			    f->over[0] + f->over[1], DTW_GITHUB_MAX_ANNOTATIONS,
			    f->over[0], f->over[0] == 1 ? "" : "s",
			    f->over[1], f->over[1] == 1 ? "" : "s");
		dtw_out_literal(f->out, sb.buf, sb.len);
		strbuf_release(&sb);
	}
	plain.color = 0;
	dtw_format_text.end(&plain);
}

/* An error of the run as an annotation of its own (it is on stderr too,
 * as plain text). */
static void github_error(struct dtw_fmt *f, const char *msg)
{
	struct strbuf sb = STRBUF_INIT;
	if (f->annotated[0] >= DTW_GITHUB_MAX_ANNOTATIONS) {
		f->over[0]++;
		return;
	}
	f->annotated[0]++;
	strbuf_addstr(&sb, "::error title=dtw::");
	add_escaped(&sb, msg, 0);
	strbuf_addch(&sb, '\n');
	dtw_out_literal(f->out, sb.buf, sb.len);
	strbuf_release(&sb);
}

const struct dtw_formatter dtw_format_github = {
	.name = "github",
	.begin = github_begin,
	.emit = github_emit,
	.end = github_end,
	.error = github_error,
};
