/* The libgit2 hook floor of SPEC §8: what any pre-commit linter built on
 * libgit2 must do — init, open the repository, diff HEAD's tree to the
 * index on the issue paths, read each staged blob — and nothing else.
 * usage: hook-floor PREFIX (e.g. "issues/"), run inside the repository. */
#include <git2.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	git_repository *repo;
	git_object *head;
	git_tree *tree;
	git_index *index;
	git_diff *diff;
	git_diff_options o;
	char *spec[1];
	size_t i, n, bytes = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: hook-floor PREFIX\n");
		return 2;
	}
	git_libgit2_init();
	if (git_repository_open_ext(&repo, ".", 0, NULL) < 0 ||
	    git_revparse_single(&head, repo, "HEAD^{tree}") < 0 ||
	    git_repository_index(&index, repo) < 0)
		return 2;
	tree = (git_tree *)head;
	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	spec[0] = argv[1];
	o.pathspec.strings = spec;
	o.pathspec.count = 1;
	if (git_diff_tree_to_index(&diff, repo, tree, index, &o) < 0)
		return 2;
	n = git_diff_num_deltas(diff);
	for (i = 0; i < n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		git_blob *b;
		if (d->status == GIT_DELTA_DELETED)
			continue;
		if (git_blob_lookup(&b, repo, &d->new_file.id) < 0)
			return 2;
		bytes += (size_t)git_blob_rawsize(b);
		git_blob_free(b);
	}
	git_diff_free(diff);
	git_index_free(index);
	git_object_free(head);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return bytes ? 0 : 1;
}
