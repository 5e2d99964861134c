#!/bin/sh
# dtw lint --rev REV (blobs of a commit, nothing checked out) and
# --changed-since REV (only the issues changed since the merge base of REV
# and HEAD, in the work tree or with --staged in the index).
. "$(dirname "$0")/lib.sh"


# --- local helpers ---

# snapshot NAME: records the work tree, the index and HEAD, for unchanged.
snapshot() {
	mkdir -p "../$1" &&
	printf "out\nerr\nexpected\n" >>.git/info/exclude &&
	git status --porcelain --untracked-files=all >"../$1/status" &&
	git rev-parse HEAD >"../$1/head" &&
	cp .git/index "../$1/index" &&
	find issues -type f -exec cksum {} + | sort >"../$1/files"
}

# unchanged NAME: the work tree, index and HEAD are as snapshot NAME found them.
unchanged() {
	snapshot after &&
	for f in status head index files; do
		if ! cmp -s "../$1/$f" "../after/$f"; then
			echo "dtw changed the repository ($f):"
			diff "../$1/$f" "../after/$f"
			return 1
		fi
	done
}

# feature_branch: a repository whose main holds four issues with a
# placeholder each (keep, mod, ren, del), and a branch "feature" made from
# it that modifies mod.md, renames ren.md to renamed.md, deletes del.md and
# adds added.md (also with a placeholder); main then moves on and changes
# keep.md. The feature branch is checked out.
feature_branch() {
	mkdir repo && cd repo &&
	git init -q &&
	mkdir issues &&
	k=50 &&
	for n in keep mod ren del; do
		todo_issue "issues/$n.md" && renumber "issues/$n.md" "$k" || return 1
		k=$((k + 1))
	done &&
	commit_all base &&
	git checkout -q -b feature &&
	echo "One more line." >>issues/mod.md &&
	git mv issues/ren.md issues/renamed.md &&
	git rm -q issues/del.md &&
	todo_issue issues/added.md && renumber issues/added.md 54 &&
	commit_all feature &&
	git checkout -q main &&
	echo "Changed on main." >>issues/keep.md &&
	commit_all "main moves on" &&
	git checkout -q feature
}

# --- --rev ---

test_case "--rev HEAD~1 lints the old content without touching the work tree or the index" '
	mkdir repo && cd repo &&
	git init -q &&
	mkdir issues &&
	todo_issue issues/a.md &&
	commit_all "with a placeholder" &&
	clean_issue issues/a.md &&
	commit_all "placeholder removed" &&
	echo "Work in progress." >>issues/a.md &&
	snapshot before &&
	run_dtw lint --rev HEAD~1 &&
	expect_one_placeholder issues/a.md 69 TODO &&
	unchanged before &&
	run_dtw lint --rev HEAD &&
	expect_rc 0 &&
	expect_file out <<-\EOF
	no problems in 1 file
	EOF
'

test_case "--rev REV PATH lints only that path at REV, shown relative to the current directory" '
	mkdir repo && cd repo &&
	git init -q &&
	mkdir issues notes &&
	todo_issue issues/a.md &&
	todo_issue issues/b.md FIXME &&
	commit_all two &&
	git rm -q issues/a.md &&
	commit_all "a removed" &&
	cd notes &&
	run_dtw lint --rev HEAD~1 ../issues/a.md &&
	expect_one_placeholder ../issues/a.md 69 TODO
'

test_case "--rev with an unknown revision is one line naming it and exit 2" '
	mkdir repo && cd repo &&
	git init -q &&
	mkdir issues &&
	clean_issue issues/a.md &&
	commit_all one &&
	run_dtw lint --rev no-such-branch &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: unknown revision "no-such-branch"
	EOF
	run_dtw lint --rev HEAD~5 &&
	expect_rc 2 &&
	expect_file err <<-\EOF
	dtw: error: unknown revision "HEAD~5"
	EOF
'

test_case "--rev cannot be combined with --staged: a usage error, exit 2" '
	mkdir repo && cd repo &&
	git init -q &&
	mkdir issues &&
	todo_issue issues/a.md &&
	commit_all one &&
	run_dtw lint --rev HEAD --staged &&
	expect_rc 2 &&
	expect_empty out &&
	head -n 1 err >first &&
	expect_file first <<-\EOF &&
	dtw: error: --rev cannot be combined with --staged or --changed-since
	EOF
	run_dtw lint --staged --rev=HEAD &&
	expect_rc 2 &&
	expect_empty out
'

test_case "--rev cannot be combined with --changed-since: a usage error, exit 2" '
	mkdir repo && cd repo &&
	git init -q &&
	mkdir issues &&
	todo_issue issues/a.md &&
	commit_all one &&
	run_dtw lint --changed-since HEAD --rev HEAD &&
	expect_rc 2 &&
	expect_empty out &&
	head -n 1 err >first &&
	expect_file first <<-\EOF
	dtw: error: --rev cannot be combined with --staged or --changed-since
	EOF
'

# --- --changed-since ---

test_case "--changed-since main on a feature branch lints the added, modified and renamed issues only" '
	feature_branch &&
	run_dtw lint --changed-since main &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF
	issues/added.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	issues/mod.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	issues/renamed.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	3 errors, 0 warnings in 3 files
	EOF
'

test_case "--changed-since counts an untracked new issue and uncommitted edits" '
	feature_branch &&
	todo_issue issues/untracked.md FIXME && renumber issues/untracked.md 55 &&
	clean_issue issues/added.md && renumber issues/added.md 54 &&
	run_dtw lint --changed-since main &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF
	issues/mod.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	issues/renamed.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	issues/untracked.md:69:1: error: placeholder "FIXME" left in the draft [placeholder]
	3 errors, 0 warnings in 3 of 4 files
	EOF
'

test_case "--changed-since with nothing changed lints nothing and succeeds" '
	feature_branch &&
	run_dtw lint --changed-since HEAD &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-\EOF
	no problems in 0 files
	EOF
'

test_case "--changed-since from a subdirectory prints paths relative to it" '
	feature_branch &&
	cd issues &&
	run_dtw lint --changed-since main &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF
	added.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	mod.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	renamed.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	3 errors, 0 warnings in 3 files
	EOF
'

test_case "--changed-since with --staged lints the index: staged content, not the work tree, and no untracked files" '
	feature_branch &&
	clean_issue issues/mod.md && renumber issues/mod.md 51 &&
	git add issues/mod.md &&
	echo FIXME >>issues/mod.md &&
	clean_issue issues/staged.md && renumber issues/staged.md 55 &&
	git add issues/staged.md &&
	echo TODO >>issues/staged.md &&
	todo_issue issues/untracked.md && renumber issues/untracked.md 56 &&
	run_dtw lint --changed-since main --staged &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/added.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	issues/renamed.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	2 errors, 0 warnings in 2 of 4 files
	EOF
	run_dtw lint --changed-since main &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issues/added.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	issues/mod.md:69:1: error: placeholder "FIXME" left in the draft [placeholder]
	issues/renamed.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	issues/staged.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	issues/untracked.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	5 errors, 0 warnings in 5 files
	EOF
'

test_case "--changed-since counts a change to .dtw.yaml as a change to every issue it governs" '
	feature_branch &&
	git checkout -q main && git checkout -q -b config &&
	printf "rules:\n  link-cta: error\n" >.dtw.yaml &&
	run_dtw lint --changed-since main &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/del.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	issues/keep.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	issues/mod.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	issues/ren.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	4 errors, 0 warnings in 4 files
	EOF
	run_dtw lint --changed-since main --staged &&
	expect_rc 0 &&
	expect_file out <<-\EOF &&
	no problems in 0 files
	EOF
	git add .dtw.yaml &&
	run_dtw lint --changed-since main --staged &&
	expect_rc 1 &&
	grep -q "^4 errors, 0 warnings in 4 files$" out
'

test_case "--changed-since counts a change to the schema file the config names" '
	mkdir repo && cd repo && git init -q && mkdir issues schemas &&
	todo_issue issues/a.md && todo_issue issues/b.md && renumber issues/b.md 43 &&
	printf "schema: mine\n" >.dtw.yaml &&
	cp "$TESTS_DIR/../schemas/data-this-week.yaml" schemas/mine.yaml &&
	commit_all base &&
	run_dtw lint --changed-since HEAD &&
	expect_rc 0 &&
	echo "# a comment" >>schemas/mine.yaml &&
	run_dtw lint --changed-since HEAD &&
	expect_rc 1 &&
	expect_empty err &&
	grep -q "^2 errors, 0 warnings in 2 files$" out
'

test_case "--changed-since: a changed .dtw.yaml of one newsletter brings in its issues only" '
	mkdir repo && cd repo && git init -q && mkdir -p a/issues b/issues &&
	todo_issue a/issues/x.md && todo_issue b/issues/y.md && todo_issue b/issues/z.md &&
	renumber b/issues/z.md 43 &&
	printf "{}\n" >a/.dtw.yaml && printf "{}\n" >b/.dtw.yaml &&
	commit_all base &&
	printf "rules: {}\n" >b/.dtw.yaml &&
	echo "More." >>a/issues/x.md &&
	run_dtw lint --changed-since HEAD &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF
	a/issues/x.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	b/issues/y.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	b/issues/z.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	3 errors, 0 warnings in 3 files
	EOF
'

test_case "--changed-since: a schema named ../shared/s.yaml or ./schemas/x.yaml, and --config ./FILE, are the files they name" '
	mkdir repo && cd repo && git init -q && mkdir -p nl/p shared &&
	todo_issue nl/p/a.md &&
	printf "paths: [\"p/*.md\"]\nschema: ../shared/s.yaml\n" >nl/.dtw.yaml &&
	cp "$TESTS_DIR/../schemas/data-this-week.yaml" shared/s.yaml &&
	printf "paths: [\"nl/p/*.md\"]\nschema: ./shared/s.yaml\n" >alt.yaml &&
	commit_all base &&
	echo "# a comment" >>shared/s.yaml &&
	run_dtw lint --changed-since HEAD &&
	expect_rc 1 && grep -q "^1 error, 0 warnings in 1 file\$" out &&
	cd nl &&
	run_dtw lint --changed-since HEAD --config ../alt.yaml &&
	expect_rc 1 && grep -q "^1 error, 0 warnings in 1 file\$" out &&
	cd .. && git commit -q -am schema &&
	echo "# a comment" >>alt.yaml &&
	cd nl &&
	run_dtw lint --changed-since HEAD --config ./../alt.yaml &&
	expect_rc 1 && grep -q "^1 error, 0 warnings in 1 file\$" out
'

test_case "--changed-since: a .dtw.yaml deleted or renamed away is a change to the issues it governed" '
	mkdir repo && cd repo && git init -q && mkdir -p issues nl/p &&
	todo_issue issues/a.md && todo_issue nl/p/b.md && renumber nl/p/b.md 43 &&
	printf "rules: {placeholder: off}\n" >.dtw.yaml &&
	printf "paths: [\"p/*.md\"]\nrules: {placeholder: off}\n" >nl/.dtw.yaml &&
	commit_all base &&
	git mv nl/.dtw.yaml nl/old.yaml &&
	run_dtw lint --changed-since HEAD --staged &&
	expect_rc 0 && expect_empty err &&
	expect_file out <<-\EOF &&
	no problems in 1 file
	EOF
	git rm -q --cached .dtw.yaml && rm .dtw.yaml &&
	run_dtw lint --changed-since HEAD --staged &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issues/a.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "--changed-since with an unknown revision is one line naming it and exit 2" '
	feature_branch &&
	run_dtw lint --changed-since origin/main &&
	expect_rc 2 &&
	expect_file err <<-\EOF
	dtw: error: unknown revision "origin/main"
	EOF
'

test_case "--changed-since outside a repository is one line and exit 2" '
	mkdir issues &&
	todo_issue issues/a.md &&
	run_dtw lint --changed-since main &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-EOF
	dtw: error: --changed-since needs a git repository: not a git repository (or any parent of $(pwd -P))
	EOF
'

# --- named paths, bare repositories, shallow clones ---

test_case "--rev with a path that does not exist at the revision exits 2 naming it" '
	mkdir repo && cd repo && git init -q && mkdir issues &&
	clean_issue issues/a.md && commit_all a &&
	run_dtw lint --rev HEAD issues/missing.md &&
	expect_rc 2 &&
	expect_file err <<-\EOF
	dtw: error: issues/missing.md: no such issue at that revision
	EOF
'

test_case "in a bare repository, --rev REV PATH lints that path" '
	mkdir work && (cd work && git init -q && mkdir issues &&
		todo_issue issues/a.md && clean_issue issues/b.md && commit_all ab) &&
	git clone -q --bare work repo.git && cd repo.git &&
	run_dtw lint --rev HEAD issues/a.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issues/a.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	1 error, 0 warnings in 1 file
	EOF
'

# shallow_pair DEPTH: origin has main r0-r1-r2-c1-c2 and feature from c1
# adding issues/new.md with a placeholder; "s" is a clone of DEPTH commits
# of each branch, on feature.
shallow_pair() {
	mkdir origin && (cd origin && git init -q && mkdir issues &&
		clean_issue issues/a.md && commit_all r0 &&
		echo "r1" >notes && commit_all r1 && echo "r2" >notes && commit_all r2 &&
		echo "c1" >notes && commit_all c1 &&
		git checkout -q -b feature && todo_issue issues/new.md && commit_all feature &&
		git checkout -q main && echo "c2" >notes && commit_all c2) &&
	git clone -q --depth "$1" --no-single-branch --branch feature "file://$(pwd)/origin" s 2>/dev/null &&
	cd s
}

test_case "in a shallow clone that holds the merge base, --changed-since works" '
	shallow_pair 2 &&
	test -f .git/shallow &&
	run_dtw lint --changed-since origin/main &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	issues/new.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	1 error, 0 warnings in 1 file
	EOF
'

test_case "in a shallow clone without the merge base, --changed-since says to fetch more history" '
	shallow_pair 1 &&
	run_dtw lint --changed-since origin/main &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: cannot find the merge base of "origin/main" and HEAD: this is a shallow clone; fetch more history (git fetch --unshallow, or fetch-depth: 0 in CI)
	EOF
'

done_testing
