/* The libgit2 tag floor of SPEC §8: init, open the repository, resolve a
 * revision, write one annotated tag — what any release tool on libgit2
 * must do, and nothing else. usage: tag-floor NAME [REV] */
#include <git2.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	git_repository *repo;
	git_object *target;
	git_signature *sig;
	git_oid id;

	if (argc < 2) {
		fprintf(stderr, "usage: tag-floor NAME [REV]\n");
		return 2;
	}
	git_libgit2_init();
	if (git_repository_open_ext(&repo, ".", 0, NULL) < 0 ||
	    git_revparse_single(&target, repo, argc > 2 ? argv[2] : "HEAD") < 0 ||
	    git_signature_default(&sig, repo) < 0 ||
	    git_tag_create(&id, repo, argv[1], target, sig, "release\n", 1) < 0) {
		const git_error *e = git_error_last();
		fprintf(stderr, "tag-floor: %s\n", e ? e->message : "failed");
		return 2;
	}
	git_signature_free(sig);
	git_object_free(target);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return 0;
}
