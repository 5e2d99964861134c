/* gen-man: reads Markdown on standard input and writes it as a man page
 * (roff, -man macros) on standard output, through cmark-gfm's man
 * renderer. cmark writes no title line, so a ".TH DTW 1" header comes
 * first; an optional argument is its footer (e.g. "dtw 0.1.0").
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
	if (strchr(footer, '"') || strchr(footer, '\n'))
		footer = "";
	printf(".TH DTW 1 \"\" \"%s\" \"User Commands\"\n", footer);
	fputs(man, stdout);
	free(man);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("gen-man: stdout");
		return 2;
	}
	return 0;
}
