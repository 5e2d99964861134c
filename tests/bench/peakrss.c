/* Benchmark helper: `peakrss CMD ARGS...` runs CMD, prints its peak resident set as `peak-rss-kib: N` on stderr, and exits with CMD's status. */

#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * RUSAGE_CHILDREN covers every waited-for descendant, and this process waits
 * for exactly one child, so ru_maxrss is that child's peak (the largest of it
 * and anything it waited for itself).  On Linux ru_maxrss is in KiB.  A child
 * killed by a signal is reported as 128 + the signal, as shells do.
 */
int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: peakrss CMD [ARGS...]\n", stderr);
		return 2;
	}

	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "peakrss: fork: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		fprintf(stderr, "peakrss: %s: %s\n", argv[1], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}

	int status;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "peakrss: waitpid: %s\n", strerror(errno));
			return 2;
		}
	}

	struct rusage ru;
	if (getrusage(RUSAGE_CHILDREN, &ru) < 0) {
		fprintf(stderr, "peakrss: getrusage: %s\n", strerror(errno));
		return 2;
	}
	fprintf(stderr, "peak-rss-kib: %ld\n", ru.ru_maxrss);

	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 2;
}
