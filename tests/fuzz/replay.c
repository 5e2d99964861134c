/* Runs a fuzz target once over each file named, or each file of each
 * directory named: how make check replays the corpora without libFuzzer. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/error.h"
#include "fuzz.h"

static int run_file(const char *path)
{
	struct dtw_source src;
	if (dtw_source_read_file(&src, path, path)) {
		fprintf(stderr, "%s\n", dtw_error_last());
		return 1;
	}
	LLVMFuzzerTestOneInput((const uint8_t *)src.data, src.len);
	dtw_source_release(&src);
	return 0;
}

int main(int argc, char **argv)
{
	int i, bad = 0;
	size_t files = 0;
	for (i = 1; i < argc; i++) {
		struct stat st;
		DIR *dir;
		struct dirent *de;
		if (stat(argv[i], &st) < 0) {
			perror(argv[i]);
			return 1;
		}
		if (!S_ISDIR(st.st_mode)) {
			bad |= run_file(argv[i]);
			files++;
			continue;
		}
		dir = opendir(argv[i]);
		if (!dir) {
			perror(argv[i]);
			return 1;
		}
		while ((de = readdir(dir))) {
			char path[4096];
			if (de->d_name[0] == '.')
				continue;
			if ((size_t)snprintf(path, sizeof(path), "%s/%s", argv[i], de->d_name) >=
			    sizeof(path)) {
				fprintf(stderr, "%s/%s: path too long\n", argv[i], de->d_name);
				bad = 1;
				continue;
			}
			bad |= run_file(path);
			files++;
		}
		closedir(dir);
	}
	printf("replayed %zu inputs\n", files);
	return bad;
}
