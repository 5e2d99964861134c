/* gen-man: reads Markdown on standard input and writes it as a man page
 * (roff, -man macros) on standard output, through cmark-gfm's man
 * renderer. cmark writes no title line, so a ".TH DTW 1" header comes
 * first; the optional arguments are its footer (e.g. "dtw 0.1.0") and its
 * date (2026-12-07). What cmark writes that mandoc -Tlint warns of is
 * mended on the way: a .PP right after a section heading (a paragraph
 * macro there is skipped) and the font C of code, which man does not
 * have (code is set in the roman font).
 * Build: cc -std=c11 -O2 -Wall -Wextra -Werror gen-man.c \
 *        $(pkg-config --cflags --libs libcmark-gfm) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmark-gfm.h>

int main(int argc, char **argv)
{
	size_t len = 0, cap = 65536;
	char *buf = malloc(cap);
	if (!buf) {
		fputs("gen-man: out of memory\n", stderr);
		return 2;
	}
	for (;;) {
		if (len == cap) {
			char *nb = realloc(buf, cap *= 2);
			if (!nb) {
				free(buf);
				fputs("gen-man: out of memory\n", stderr);
				return 2;
			}
			buf = nb;
		}
		size_t n = fread(buf + len, 1, cap - len, stdin);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(stdin)) {
		free(buf);
		perror("gen-man: stdin");
		return 2;
	}
	cmark_node *root = cmark_parse_document(buf, len, CMARK_OPT_DEFAULT);
	free(buf);
	if (!root) {
		fputs("gen-man: cannot parse the document\n", stderr);
		return 2;
	}
	char *man = cmark_render_man(root, CMARK_OPT_DEFAULT, 0);
	cmark_node_free(root);
	if (!man) {
		fputs("gen-man: cannot render the document\n", stderr);
		return 2;
	}
	const char *footer = argc > 1 ? argv[1] : "";
	const char *date = argc > 2 ? argv[2] : "";
	if (strchr(footer, '"') || strchr(footer, '\n'))
		footer = "";
	if (strchr(date, '"') || strchr(date, '\n'))
		date = "";
	printf(".TH DTW 1 \"%s\" \"%s\" \"User Commands\"\n", date, footer);
	/* Line by line: after ".SH" or ".SS" and the heading's text line,
	 * a ".PP" is dropped. */
	int heading = 0;
	for (char *line = man, *next; *line; line = next) {
		char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		next = nl ? nl + 1 : line + n;
		if (heading == 2 && n == 3 && !strncmp(line, ".PP", 3)) {
			heading = 0;
			continue;
		}
		if (n == 3 && (!strncmp(line, ".SH", 3) || !strncmp(line, ".SS", 3)))
			heading = 1;
		else
			heading = heading == 1 ? 2 : 0;
		for (size_t i = 0; i < n; i++) {
			if (n - i >= 5 && !strncmp(line + i, "\\f[C]", 5)) {
				fputs("\\f[R]", stdout);
				i += 4;
			} else {
				putchar(line[i]);
			}
		}
		if (nl)
			putchar('\n');
	}
	free(man);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("gen-man: stdout");
		return 2;
	}
	return 0;
}
