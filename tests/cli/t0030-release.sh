#!/bin/sh
# dtw release ISSUE: the issue as committed at REV is gated (lint errors,
# changes in the work tree or index, status, tagger identity, two files
# with one number) and tagged once with an annotated tag whose message and
# Dtw-* trailers say what was released; idempotent, --force, --dry-run,
# --push to a local bare remote, concurrent runs, a detached HEAD, the
# release.tag template, and no repository.
. "$(dirname "$0")/lib.sh"


# --- local helpers ---

# identity: the tagger identity comes from the repository's config alone
# (the identity lib.sh puts in the environment is dropped).
identity() {
	unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL &&
	git config user.name "T Agger" &&
	git config user.email tagger@example.com
}

# published_repo: a new repository (./repo, entered) with a tagger
# identity whose one commit holds the published issue 42 as issues/a.md.
# The files the helpers write are ignored.
published_repo() {
	mkdir repo && cd repo &&
	git init -q &&
	identity &&
	printf "out\nerr\nexpected\n*.tmp\n" >>.git/info/exclude &&
	mkdir issues &&
	published issues/a.md &&
	commit_all "issue 42"
}

# short REV: the abbreviated commit id dtw prints.
short() {
	git rev-parse --short=7 "$1^{commit}"
}

# expect_tag_42 TAG REV PATH: TAG is an annotated tag of REV whose message
# releases the clean issue 42 as PATH (the blob at REV); everything but
# the tagger line is compared, and that line names the configured tagger.
expect_tag_42() {
	git cat-file -t "$1" >tagtype && echo tag >tagtype.want &&
	cmp tagtype.want tagtype &&
	git cat-file -p "$1" >tagobj &&
	grep -E "^tagger T Agger <tagger@example.com> [0-9]+ [-+][0-9]{4}\$" tagobj >/dev/null &&
	sed "/^tagger /d" tagobj >tagbody &&
	expect_file tagbody <<-EOF
	object $(git rev-parse "$2^{commit}")
	type commit
	tag $1

	Data This Week #42 (2026-11-24)

	Title: Data This Week
	Issue: 42
	Date: 2026-11-24
	Items:
	  📚 Blogs to Read: 3
	  🛠️ Tools: 1
	  💬 Community Sentiments: 1

	Dtw-Issue: 42
	Dtw-Path: $3
	Dtw-Blob: $(git rev-parse "$2:$3")
	EOF
}

# expect_no_tags: the repository has no tags at all.
expect_no_tags() {
	git for-each-ref refs/tags >tags.now &&
	expect_empty tags.now
}

# expect_tag_target TAG REV: TAG points (peeled) at REV's commit.
expect_tag_target() {
	git rev-parse "$1^{commit}" >target.now &&
	git rev-parse "$2^{commit}" >target.want &&
	cmp target.want target.now
}

# repo_state NAME: the objects and references, for expect_repo_state.
repo_state() {
	git count-objects -v >"../$1.objects" &&
	git for-each-ref >"../$1.refs" &&
	(cd .git && find refs objects -print | sort) >"../$1.files"
}

# expect_repo_state NAME: no object or reference was written since
# repo_state NAME.
expect_repo_state() {
	repo_state now &&
	for f in objects refs files; do
		if ! cmp -s "../$1.$f" "../now.$f"; then
			echo "the repository changed ($f):"
			diff "../$1.$f" "../now.$f"
			return 1
		fi
	done
}

# --- success ---

test_case "release 42 writes an annotated tag issue-42 on HEAD with the title, counts and Dtw trailers" '
	published_repo &&
	run_dtw release 42 &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-EOF &&
	dtw: released issue 42 as issue-42 at $(short HEAD)
	EOF
	expect_tag_42 issue-42 HEAD issues/a.md &&
	git fsck --strict --no-progress
'

test_case "the issue can be named by its number, its date or its path (also from a subdirectory)" '
	published_repo &&
	run_dtw release 2026-11-24 &&
	expect_rc 0 &&
	expect_tag_42 issue-42 HEAD issues/a.md &&
	git tag -d issue-42 >/dev/null &&
	run_dtw release issues/a.md &&
	expect_rc 0 &&
	expect_tag_42 issue-42 HEAD issues/a.md &&
	git tag -d issue-42 >/dev/null &&
	cd issues &&
	run_dtw release a.md &&
	expect_rc 0 &&
	expect_file out <<-EOF &&
	dtw: released issue 42 as issue-42 at $(short HEAD)
	EOF
	expect_tag_42 issue-42 HEAD issues/a.md
'

test_case "the issue is read as committed, among other issues, and numbers name the right file" '
	published_repo &&
	published issues/b.md 43 2026-12-01 &&
	commit_all "issue 43" &&
	run_dtw release 43 &&
	expect_rc 0 &&
	expect_file out <<-EOF &&
	dtw: released issue 43 as issue-43 at $(short HEAD)
	EOF
	git cat-file -p issue-43 | sed -n "/^Dtw-/p" >trailers &&
	expect_file trailers <<-EOF
	Dtw-Issue: 43
	Dtw-Path: issues/b.md
	Dtw-Blob: $(git rev-parse HEAD:issues/b.md)
	EOF
'

test_case "warnings do not stop a release" '
	published_repo &&
	sed "s/^## 🛠️ Tools\$/## 🛠 tools/" issues/a.md >a.tmp && mv a.tmp issues/a.md &&
	commit_all "heading off the canonical one" &&
	run_dtw lint issues/a.md &&
	expect_rc 0 &&
	grep "warning: .*\[section-heading\]" out >/dev/null &&
	run_dtw release 42 &&
	expect_rc 0 &&
	expect_file out <<-EOF
	dtw: released issue 42 as issue-42 at $(short HEAD)
	EOF
'

test_case "release is idempotent: the same tag on the same commit is already released, exit 0, tag untouched" '
	published_repo &&
	run_dtw release 42 &&
	expect_rc 0 &&
	git rev-parse issue-42 >tag.before &&
	run_dtw release 42 &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-EOF &&
	dtw: issue 42 is already released as issue-42 at $(short HEAD)
	EOF
	git rev-parse issue-42 >tag.after &&
	cmp tag.before tag.after &&
	run_dtw release 42 --force &&
	expect_rc 0 &&
	expect_file out <<-EOF &&
	dtw: issue 42 is already released as issue-42 at $(short HEAD)
	EOF
	git rev-parse issue-42 >tag.after &&
	cmp tag.before tag.after
'

test_case "after other commits, the same blob is already released (exit 0), the tag untouched, --push still pushes" '
	published_repo &&
	git init -q --bare ../remote.git &&
	git remote add origin ../remote.git &&
	run_dtw release 42 &&
	git rev-parse issue-42 >tag.before &&
	tagged=$(short HEAD) &&
	echo "A note." >notes.txt &&
	commit_all "a later commit" &&
	run_dtw release 42 &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-EOF &&
	dtw: issue 42 is already released as issue-42 at $tagged
	EOF
	git rev-parse issue-42 >tag.after &&
	cmp tag.before tag.after &&
	run_dtw_push release 42 --push origin &&
	expect_rc 0 &&
	expect_file out <<-EOF &&
	dtw: issue 42 is already released as issue-42 at $tagged
	dtw: origin: refs/tags/issue-42 pushed
	EOF
	git -C ../remote.git rev-parse refs/tags/issue-42 >remote.tag &&
	cmp tag.before remote.tag
'

test_case "a renamed issue whose blob is released is already released, not claimed twice" '
	published_repo &&
	run_dtw release 42 &&
	git rev-parse issue-42 >tag.before &&
	git mv issues/a.md issues/issue-42.md &&
	commit_all "rename" &&
	run_dtw release 42 &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-EOF &&
	dtw: issue 42 is already released as issue-42 at $(short HEAD~1)
	EOF
	git rev-parse issue-42 >tag.after &&
	cmp tag.before tag.after
'

test_case "--dry-run --push of an already released issue pushes nothing" '
	published_repo &&
	git init -q --bare ../remote.git &&
	run_dtw release 42 &&
	run_dtw_push release 42 --dry-run --push ../remote.git &&
	expect_rc 0 &&
	expect_file out <<-EOF &&
	dtw: issue 42 is already released as issue-42 at $(short HEAD)
	EOF
	git -C ../remote.git for-each-ref >remote.refs &&
	expect_empty remote.refs
'

# edit_issue: a lint-clean change to the text of issues/a.md, committed.
edit_issue() {
	sed "s/^Welcome back\. /Welcome back, everyone. /" issues/a.md >issues/a.md.tmp &&
	mv issues/a.md.tmp issues/a.md &&
	commit_all "an edit to issue 42"
}

test_case "a release of another version of the issue is refused; --force moves it to REV" '
	published_repo &&
	run_dtw release 42 &&
	git rev-parse issue-42 >tag.before &&
	edit_issue &&
	run_dtw release 42 &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-EOF &&
	dtw: not released: issue-42 releases other content of issue 42 (dtw diff 42 shows what changed since); --force moves it to $(short HEAD)
	EOF
	git rev-parse issue-42 >tag.after &&
	cmp tag.before tag.after &&
	run_dtw release 42 --force &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-EOF &&
	dtw: released issue 42 as issue-42 at $(short HEAD)
	EOF
	expect_tag_42 issue-42 HEAD issues/a.md &&
	git fsck --strict --no-progress
'

test_case "--rev REV tags the issue as it is at REV, whatever the work tree holds" '
	published_repo &&
	echo "A note." >notes.txt &&
	commit_all "a later commit" &&
	echo "Work in progress." >>issues/a.md &&
	run_dtw release 42 --rev HEAD~1 &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-EOF &&
	dtw: released issue 42 as issue-42 at $(short HEAD~1)
	EOF
	expect_tag_42 issue-42 HEAD~1 issues/a.md
'

test_case "a detached HEAD is released like a branch" '
	published_repo &&
	echo "One more line." >>issues/a.md &&
	commit_all "edited after" &&
	git checkout -q --detach HEAD~1 &&
	run_dtw release 42 &&
	expect_rc 0 &&
	expect_file out <<-EOF &&
	dtw: released issue 42 as issue-42 at $(short HEAD)
	EOF
	expect_tag_42 issue-42 HEAD issues/a.md &&
	expect_tag_target issue-42 main~1
'

test_case "20 releases started at once create exactly one tag; each exits 0 and git fsck is clean" '
	published_repo &&
	i=0 &&
	while [ $i -lt 20 ]; do
		i=$((i + 1))
		( rc=0; "$DTW" release 42 >"../out.$i" 2>"../err.$i" || rc=$?; echo $rc >"../rc.$i" ) &
	done &&
	wait &&
	cat ../rc.* | sort | uniq -c | sed "s/^ *//" >rcs &&
	expect_file rcs <<-EOF &&
	20 0
	EOF
	cat ../err.* >errs &&
	expect_empty errs &&
	cat ../out.* | sort | uniq -c | sed "s/^ *//" >outs &&
	expect_file outs <<-EOF &&
	19 dtw: issue 42 is already released as issue-42 at $(short HEAD)
	1 dtw: released issue 42 as issue-42 at $(short HEAD)
	EOF
	git for-each-ref --format="%(refname) %(objecttype)" refs/tags >tags &&
	expect_file tags <<-EOF &&
	refs/tags/issue-42 tag
	EOF
	expect_tag_42 issue-42 HEAD issues/a.md &&
	git fsck --strict --no-progress
'

# --- --dry-run ---

test_case "--dry-run prints the tag it would write and writes no object and no reference" '
	published_repo &&
	repo_state before &&
	run_dtw release 42 --dry-run &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-EOF &&
	dtw: would tag $(short HEAD) as issue-42:

	Data This Week #42 (2026-11-24)

	Title: Data This Week
	Issue: 42
	Date: 2026-11-24
	Items:
	  📚 Blogs to Read: 3
	  🛠️ Tools: 1
	  💬 Community Sentiments: 1

	Dtw-Issue: 42
	Dtw-Path: issues/a.md
	Dtw-Blob: $(git rev-parse HEAD:issues/a.md)
	EOF
	expect_repo_state before &&
	expect_no_tags
'

test_case "--dry-run --force over a tag on another commit says it would move it, and leaves it" '
	published_repo &&
	run_dtw release 42 &&
	edit_issue &&
	repo_state before &&
	run_dtw release 42 --dry-run --force &&
	expect_rc 0 &&
	head -n 1 out >first &&
	expect_file first <<-EOF &&
	dtw: would tag $(short HEAD) as issue-42 (moving it):
	EOF
	expect_repo_state before &&
	expect_tag_target issue-42 HEAD~1 &&
	run_dtw release 42 --dry-run &&
	expect_rc 1 &&
	expect_file out <<-EOF &&
	dtw: not released: issue-42 releases other content of issue 42 (dtw diff 42 shows what changed since); --force moves it to $(short HEAD)
	EOF
	expect_repo_state before
'

# --- refusals ---

test_case "an issue with lint errors at REV is refused after its findings, and no tag is written" '
	published_repo &&
	echo TODO >>issues/a.md &&
	commit_all "a placeholder" &&
	run_dtw release 42 &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	issues/a.md:69:1: error: placeholder "TODO" left in the draft [placeholder]
	1 error, 0 warnings in 1 file
	dtw: not released: issues/a.md has lint errors at HEAD
	EOF
	expect_no_tags &&
	run_dtw release 42 --rev HEAD~1 &&
	expect_rc 0 &&
	expect_tag_target issue-42 HEAD~1
'

test_case "the committed errors count, not the work tree: a fixed but uncommitted issue is still refused" '
	published_repo &&
	echo TODO >>issues/a.md &&
	commit_all "a placeholder" &&
	published issues/a.md &&
	run_dtw release 42 &&
	expect_rc 1 &&
	tail -n 1 out >last &&
	expect_file last <<-\EOF &&
	dtw: not released: issues/a.md has lint errors at HEAD
	EOF
	expect_no_tags
'

test_case "a change to the issue in the work tree is refused unless --rev names the commit" '
	published_repo &&
	echo "Work in progress." >>issues/a.md &&
	run_dtw release 42 &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	dtw: not released: issues/a.md has changes in the work tree or index that HEAD does not; commit them, or name the commit with --rev
	EOF
	expect_no_tags &&
	run_dtw release 42 --rev HEAD &&
	expect_rc 0 &&
	expect_tag_42 issue-42 HEAD issues/a.md
'

test_case "a change staged in the index (work tree as committed) is refused too" '
	published_repo &&
	echo "Work in progress." >>issues/a.md &&
	git add issues/a.md &&
	git show HEAD:issues/a.md >issues/a.md &&
	git diff --quiet HEAD -- issues/a.md &&
	run_dtw release 42 &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	dtw: not released: issues/a.md has changes in the work tree or index that HEAD does not; commit them, or name the commit with --rev
	EOF
	expect_no_tags
'

test_case "a deleted work-tree copy counts as a change; changes to other files do not" '
	published_repo &&
	echo "Scratch." >notes.txt &&
	published issues/b.md 43 2026-12-01 &&
	run_dtw release 42 &&
	expect_rc 0 &&
	git tag -d issue-42 >/dev/null &&
	rm issues/a.md &&
	run_dtw release issues/a.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	dtw: not released: issues/a.md has changes in the work tree or index that HEAD does not; commit them, or name the commit with --rev
	EOF
	expect_no_tags
'

test_case "a status other than release.require_status is refused (the clean issue is ready; no status is draft)" '
	published_repo &&
	clean_issue issues/a.md &&
	commit_all "back to ready" &&
	run_dtw release 42 &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	dtw: not released: issues/a.md has status "ready"; release.require_status is "published"
	EOF
	grep -v "^status:" issues/a.md >a.tmp && mv a.tmp issues/a.md &&
	commit_all "no status" &&
	run_dtw release 42 &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	dtw: not released: issues/a.md has status "draft"; release.require_status is "published"
	EOF
	expect_no_tags
'

test_case "release.require_status names the status a release needs" '
	published_repo &&
	clean_issue issues/a.md &&
	printf "release:\n  require_status: ready\n" >.dtw.yaml &&
	commit_all "ready is enough here" &&
	run_dtw release 42 &&
	expect_rc 0 &&
	expect_file out <<-EOF
	dtw: released issue 42 as issue-42 at $(short HEAD)
	EOF
'

test_case "release.require_status: null requires no status" '
	published_repo &&
	clean_issue issues/a.md &&
	printf "release:\n  require_status: null\n" >.dtw.yaml &&
	commit_all "any status" &&
	run_dtw release 42 &&
	expect_rc 0 &&
	expect_file out <<-EOF
	dtw: released issue 42 as issue-42 at $(short HEAD)
	EOF
'

test_case "a schema without a status key releases under the default require_status" '
	published_repo &&
	mkdir schemas &&
	grep -v "^  status: " "$TESTS_DIR/../schemas/data-this-week.yaml" >schemas/nostatus.yaml &&
	grep -v "^status: " issues/a.md >issues/a.md.tmp && mv issues/a.md.tmp issues/a.md &&
	printf "schema: nostatus\n" >.dtw.yaml &&
	commit_all "no status" &&
	run_dtw release 42 &&
	expect_rc 0 &&
	expect_file out <<-EOF
	dtw: released issue 42 as issue-42 at $(short HEAD)
	EOF
'

test_case "an issue missing at REV is refused: a path, a number, a date" '
	published_repo &&
	published issues/b.md 43 2026-12-01 &&
	run_dtw release issues/b.md &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	dtw: not released: issues/b.md does not exist at HEAD
	EOF
	run_dtw release 43 &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	dtw: not released: at HEAD, no newsletter issue numbered 43
	EOF
	run_dtw release 2026-12-01 &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	dtw: not released: at HEAD, no newsletter issue dated 2026-12-01
	EOF
	commit_all "issue 43" &&
	run_dtw release issues/b.md --rev HEAD~1 &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	dtw: not released: issues/b.md does not exist at HEAD~1
	EOF
	expect_no_tags
'

test_case "no tagger identity (no user.name/user.email, nothing in the environment) is refused" '
	published_repo &&
	git config --unset user.name &&
	git config --unset user.email &&
	run_dtw release 42 &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	dtw: not released: no tagger identity: set it with git config user.name "Your Name" and git config user.email you@example.org
	EOF
	git config user.name "T Agger" &&
	run_dtw release 42 &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	dtw: not released: no tagger identity: set it with git config user.name "Your Name" and git config user.email you@example.org
	EOF
	expect_no_tags
'

test_case "a number claimed by two files is refused, naming both" '
	published_repo &&
	published issues/b.md 42 2026-12-01 &&
	commit_all "a second issue 42" &&
	run_dtw release 42 &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	dtw: not released: at HEAD, issue 42 is claimed by two files: issues/a.md and issues/b.md
	EOF
	expect_no_tags
'

test_case "a path with a line feed (which would split its trailer) is refused, escaped, before anything is written" '
	published_repo &&
	bad=$(printf "issues/b\nDtw-Issue: 7.md") &&
	published "$bad" 43 2026-12-01 &&
	commit_all "an issue with a line feed in its name" &&
	repo_state before &&
	run_dtw release "$bad" &&
	expect_rc 1 &&
	expect_empty err &&
	expect_file out <<-\EOF &&
	dtw: not released: issues/b\x0ADtw-Issue: 7.md: a path with a line feed or another control character cannot be written into a trailer
	EOF
	run_dtw release 43 --dry-run &&
	expect_rc 1 &&
	grep -q "^dtw: not released: issues/b.x0ADtw-Issue: 7.md: a path with a line feed" out &&
	expect_no_tags &&
	expect_repo_state before
'

test_case "a title with line feeds is one line of the message: only the trailers start with Dtw-" '
	published_repo &&
	sed "s/^title: Data This Week\$/title: \"Data This Week\\\\n\\\\nDtw-Issue: 7\\\\nDtw-Path: forged.md\"/" issues/a.md >a.tmp &&
	mv a.tmp issues/a.md &&
	grep -q "^title: \"Data This Week.n.nDtw-Issue: 7.nDtw-Path: forged.md\"\$" issues/a.md &&
	commit_all "a title with line feeds" &&
	run_dtw release 42 &&
	expect_rc 0 &&
	git cat-file -p issue-42 | sed -n "/^Data This Week/p;/^Title:/p;/^[Dd][Tt][Ww]-/p" >lines &&
	expect_file lines <<-EOF &&
	Data This Week  Dtw-Issue: 7 Dtw-Path: forged.md #42 (2026-11-24)
	Title: Data This Week  Dtw-Issue: 7 Dtw-Path: forged.md
	Dtw-Issue: 42
	Dtw-Path: issues/a.md
	Dtw-Blob: $(git rev-parse HEAD:issues/a.md)
	EOF
	run_dtw list &&
	grep -q "^ *42  2026-11-24  published  issue-42 " out
'

test_case "trailers are read from the last paragraph, first line first: earlier or later lines cannot name another issue" '
	published_repo &&
	blob=$(git rev-parse HEAD:issues/a.md) &&
	printf "Dtw-Issue: 7\nDtw-Path: issues/a.md\n\nTitle: x\nDtw-Issue: 7\n\nDtw-Issue: 42\nDtw-Path: issues/a.md\nDtw-Blob: %s\nDtw-Issue: 7\n" "$blob" >msg &&
	git tag -a -F msg issue-by-hand &&
	run_dtw list &&
	expect_rc 0 &&
	grep -q "^ *42  2026-11-24  published  issue-by-hand  " out
'

# --- --push ---

test_case "--push REMOTE pushes the tag, and only the tag, to a bare remote and reports its answer" '
	published_repo &&
	git init -q --bare ../remote.git &&
	run_dtw_push release 42 --push ../remote.git &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-EOF &&
	dtw: released issue 42 as issue-42 at $(short HEAD)
	dtw: ../remote.git: refs/tags/issue-42 pushed
	EOF
	git -C ../remote.git for-each-ref >remote.refs &&
	expect_file remote.refs <<-EOF &&
	$(git rev-parse issue-42) tag	refs/tags/issue-42
	EOF
	git -C ../remote.git fsck --strict --no-progress
'

test_case "an already released issue is pushed to a named remote" '
	published_repo &&
	git init -q --bare ../remote.git &&
	git remote add origin ../remote.git &&
	run_dtw release 42 &&
	run_dtw_push release 42 --push origin &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-EOF &&
	dtw: issue 42 is already released as issue-42 at $(short HEAD)
	dtw: origin: refs/tags/issue-42 pushed
	EOF
	git -C ../remote.git rev-parse refs/tags/issue-42 >remote.tag &&
	git rev-parse issue-42 >local.tag &&
	cmp local.tag remote.tag
'

test_case "a remote that is neither configured nor a repository is named as such; the tag is kept" '
	published_repo &&
	run_dtw_push release 42 --push nosuchremote &&
	expect_rc 2 &&
	expect_file out <<-EOF &&
	dtw: released issue 42 as issue-42 at $(short HEAD)
	EOF
	expect_file err <<-\EOF &&
	dtw: error: no remote named "nosuchremote" (git remote lists the configured ones) (the tag is kept locally)
	EOF
	git rev-parse -q --verify refs/tags/issue-42 >/dev/null &&
	run_dtw_push release 42 --push ../missing.git &&
	expect_rc 2 &&
	expect_file err <<-\EOF
	dtw: error: ../missing.git: no such repository (not a configured remote, and no such directory) (the tag is kept locally)
	EOF
'

test_case "--dry-run --push neither tags nor pushes" '
	published_repo &&
	git init -q --bare ../remote.git &&
	repo_state before &&
	run_dtw_push release 42 --dry-run --push ../remote.git &&
	expect_rc 0 &&
	head -n 1 out >first &&
	expect_file first <<-EOF &&
	dtw: would tag $(short HEAD) as issue-42:
	EOF
	expect_repo_state before &&
	git -C ../remote.git for-each-ref >remote.refs &&
	expect_empty remote.refs
'

test_case "a push the remote refuses (its issue-42 tags another commit) fails and changes neither tag" '
	published_repo &&
	git clone -q --bare . ../remote.git &&
	git commit -q --allow-empty -m "elsewhere" &&
	git tag -a -m "someone else" issue-42 &&
	git push -q ../remote.git issue-42 &&
	git tag -d issue-42 >/dev/null &&
	git reset -q --hard HEAD~1 &&
	git -C ../remote.git rev-parse refs/tags/issue-42 >remote.before &&
	run_dtw_push release 42 --push ../remote.git &&
	test "$rc" -ne 0 &&
	head -n 1 out >first &&
	expect_file first <<-EOF &&
	dtw: released issue 42 as issue-42 at $(short HEAD)
	EOF
	expect_tag_42 issue-42 HEAD issues/a.md &&
	git -C ../remote.git rev-parse refs/tags/issue-42 >remote.after &&
	cmp remote.before remote.after
'

test_case "an unreachable remote is an error (exit 2); the tag is kept locally" '
	published_repo &&
	mkdir "$TEST_ROOT/not-a-repo.git" &&
	run_dtw_push release 42 --push "$TEST_ROOT/not-a-repo.git" &&
	expect_rc 2 &&
	expect_file out <<-EOF &&
	dtw: released issue 42 as issue-42 at $(short HEAD)
	EOF
	grep "^dtw: error: cannot reach $TEST_ROOT/not-a-repo.git: .* (the tag is kept locally)\$" err >/dev/null &&
	expect_tag_42 issue-42 HEAD issues/a.md
'

# --- release.tag ---

test_case "release.tag with {date} and {slug} names the tag" '
	published_repo &&
	printf "release:\n  tag: \"news/{date}-{slug}\"\n" >.dtw.yaml &&
	sed "s/^title: Data This Week\$/title: \"Data This Week: Kafka, Iceberg \\& dbt!\"/" issues/a.md >a.tmp &&
	mv a.tmp issues/a.md &&
	commit_all "titled" &&
	run_dtw release 42 &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-EOF &&
	dtw: released issue 42 as news/2026-11-24-data-this-week-kafka-iceberg-dbt at $(short HEAD)
	EOF
	git for-each-ref --format="%(refname)" refs/tags >tags &&
	expect_file tags <<-\EOF &&
	refs/tags/news/2026-11-24-data-this-week-kafka-iceberg-dbt
	EOF
	git cat-file -p news/2026-11-24-data-this-week-kafka-iceberg-dbt | sed -n "/^tag /p;/^Data This Week/p;/^Title:/p" >lines &&
	expect_file lines <<-\EOF &&
	tag news/2026-11-24-data-this-week-kafka-iceberg-dbt
	Data This Week: Kafka, Iceberg & dbt! #42 (2026-11-24)
	Title: Data This Week: Kafka, Iceberg & dbt!
	EOF
	run_dtw release 2026-11-24 &&
	expect_rc 0 &&
	expect_file out <<-EOF
	dtw: issue 42 is already released as news/2026-11-24-data-this-week-kafka-iceberg-dbt at $(short HEAD)
	EOF
'

test_case "a release.tag that gives an invalid tag name is a config error at load time, also with --dry-run and for lint" '
	published_repo &&
	printf "release:\n  tag: \"bad..{issue}\"\n" >.dtw.yaml &&
	commit_all "bad template" &&
	run_dtw release 42 &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF &&
	dtw: error: .dtw.yaml:2:8: tag "bad..{issue}" does not make a valid tag name (issue 42 would be "bad..42")
	EOF
	run_dtw release 42 --dry-run &&
	expect_rc 2 &&
	expect_empty out &&
	run_dtw lint &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: .dtw.yaml:2:8: tag "bad..{issue}" does not make a valid tag name (issue 42 would be "bad..42")
	EOF
	expect_no_tags
'

test_case "a release.tag without {number} or {date} is a config error at its line and column" '
	published_repo &&
	printf "release:\n  tag: \"latest\"\n" >.dtw.yaml &&
	run_dtw release 42 &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF &&
	dtw: error: .dtw.yaml:2:8: tag "latest" must contain {number} or {date}
	EOF
	expect_no_tags
'

# --- usage and no repository ---

test_case "release needs one ISSUE and known options (exit 2)" '
	published_repo &&
	run_dtw release &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: release: which issue? (dtw release ISSUE; dtw release --help)
	EOF
	run_dtw release 42 43 &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: release: unexpected argument "43" (dtw release --help)
	EOF
	run_dtw release 42 --bogus &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: release: unknown option "--bogus" (dtw release --help lists them)
	EOF
	expect_no_tags
'

test_case "outside any repository release says it needs one and exits 2" '
	published a.md &&
	run_dtw release a.md &&
	expect_rc 2 &&
	expect_empty out &&
	grep "^dtw: error: dtw release needs a git repository: " err >/dev/null &&
	test "$(wc -l <err)" -eq 1 &&
	run_dtw release 42 &&
	expect_rc 2 &&
	grep "^dtw: error: dtw release needs a git repository: " err >/dev/null
'

test_case "a repository with no commits: HEAD names nothing yet (exit 2)" '
	git init -q &&
	mkdir issues &&
	published issues/a.md &&
	run_dtw release issues/a.md &&
	expect_rc 2 &&
	expect_empty out &&
	expect_file err <<-\EOF
	dtw: error: HEAD has no commits yet
	EOF
'

# --- fixed since the first tests ---

test_case "an invalid tag template exits 2" '
	published_repo &&
	printf "release:\n  tag: \"bad..{issue}\"\n" >.dtw.yaml &&
	run_dtw release 42 &&
	expect_rc 2
'

test_case "a remote holding the tag on another commit rejects the push: exit 1, one line, both tags kept" '
	published_repo &&
	git init -q --bare ../rej.git &&
	echo other >other && git add other && git commit -q -m other &&
	git tag -a -m other issue-42 && git push -q ../rej.git issue-42 &&
	git tag -d issue-42 >/dev/null && git reset -q --hard HEAD~1 &&
	remote_before=$(git --git-dir=../rej.git rev-parse issue-42) &&
	run_dtw_push release 42 --push ../rej.git &&
	expect_rc 1 &&
	expect_file out <<-EOF &&
	dtw: released issue 42 as issue-42 at $(short HEAD)
	dtw: ../rej.git: rejected: it has this tag on another commit
	EOF
	test "$(git --git-dir=../rej.git rev-parse issue-42)" = "$remote_before" &&
	expect_tag_42 issue-42 HEAD issues/a.md
'

test_case "a remote holding another tag of the name on the same commit is said to be so: exit 1, both tags kept" '
	published_repo &&
	git init -q --bare ../rej.git &&
	git tag -a -m "made elsewhere" issue-42 && git push -q ../rej.git issue-42 &&
	git tag -d issue-42 >/dev/null &&
	remote_before=$(git --git-dir=../rej.git rev-parse issue-42) &&
	run_dtw_push release 42 --push ../rej.git &&
	expect_rc 1 &&
	expect_file out <<-EOF &&
	dtw: released issue 42 as issue-42 at $(short HEAD)
	dtw: ../rej.git: rejected: it has another tag of this name on the same commit (made elsewhere; git ls-remote --tags shows it)
	EOF
	test "$(git --git-dir=../rej.git rev-parse issue-42)" = "$remote_before" &&
	expect_tag_42 issue-42 HEAD issues/a.md
'

test_case "a configured remote whose path is missing is no such repository, not an unsupported protocol" '
	published_repo &&
	git remote add gone ../nothere.git &&
	run_dtw_push release 42 --push gone &&
	expect_rc 2 &&
	expect_file err <<-\EOF &&
	dtw: error: remote "gone" is ../nothere.git: no such repository (the tag is kept locally)
	EOF
	expect_tag_42 issue-42 HEAD issues/a.md
'

test_case "a configured remote with a relative path is read from the top of the work tree, as git does, from a subdirectory too" '
	published_repo &&
	git init -q --bare ../remote.git &&
	git remote add rel ../remote.git &&
	cd issues &&
	run_dtw_push release 42 --push rel &&
	expect_rc 0 &&
	expect_empty err &&
	expect_file out <<-EOF &&
	dtw: released issue 42 as issue-42 at $(short HEAD)
	dtw: rel: refs/tags/issue-42 pushed
	EOF
	test "$(git --git-dir=../../remote.git rev-parse issue-42)" = "$(git rev-parse issue-42)"
'

test_case "the tagger comes from GIT_COMMITTER_NAME, _EMAIL and _DATE when set, as for git tag" '
	published_repo &&
	git config --unset user.name && git config --unset user.email &&
	GIT_COMMITTER_NAME="Env Tagger" GIT_COMMITTER_EMAIL="env@example.org" \
	GIT_COMMITTER_DATE="2026-11-24T12:00:00Z" run_dtw release 42 &&
	expect_rc 0 &&
	git cat-file -p issue-42 | grep "^tagger " >tagger &&
	expect_file tagger <<-\EOF
	tagger Env Tagger <env@example.org> 1795521600 +0000
	EOF
'

test_case "ISSUE paths are normalised, and one outside the repository exits 2" '
	published_repo &&
	run_dtw release --dry-run ./issues/a.md && expect_rc 0 &&
	run_dtw release --dry-run "$(pwd)/issues/a.md" && expect_rc 0 &&
	(cd issues && "$DTW" release --dry-run ../issues/a.md >/dev/null) &&
	run_dtw release ../elsewhere.md &&
	expect_rc 2 &&
	grep -q "^dtw: error: ../elsewhere.md: outside the repository" err
'

test_case "a tag that releases another file with the same number is refused" '
	published_repo &&
	run_dtw release issues/a.md && expect_rc 0 &&
	cp issues/a.md issues/b.md && git add issues/b.md && git commit -q -m b &&
	run_dtw release issues/b.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF &&
	dtw: not released: issue-42 already releases issues/a.md; two files claim issue 42
	EOF
	git tag -l >tags && echo issue-42 >tags.want && cmp tags.want tags
'

test_case "a tag that releases a file the paths no longer cover, still at REV, is a second claim too" '
	published_repo &&
	run_dtw release issues/a.md && expect_rc 0 &&
	mkdir new && cp issues/a.md new/a.md &&
	printf "paths:\n  - \"new/*.md\"\n" >.dtw.yaml &&
	commit_all "issues move to new/" &&
	run_dtw release new/a.md &&
	expect_rc 1 &&
	expect_file out <<-\EOF
	dtw: not released: issue-42 already releases issues/a.md; two files claim issue 42
	EOF
'

test_case "an ISSUE given as a path is released under the .dtw.yaml nearest it, not the current directory's" '
	git init -q && mkdir -p nl/issues &&
	issue_with nl/issues/2026-11-24.md "s/^status: ready\$/status: published/" &&
	printf "release:\n  tag: \"nl-{number}\"\n" >nl/.dtw.yaml &&
	commit_all "the newsletter" &&
	run_dtw release --dry-run nl/issues/2026-11-24.md &&
	expect_rc 0 &&
	head -n 1 out | grep -q "^dtw: would tag [0-9a-f]* as nl-42:\$" &&
	printf "release:\n  tag: [\n" >nl/.dtw.yaml &&
	run_dtw release --dry-run nl/issues/2026-11-24.md &&
	expect_rc 2 &&
	grep -q "^dtw: error: nl/.dtw.yaml:3:1: " err &&
	run_dtw render --text nl/issues/2026-11-24.md &&
	expect_rc 2 &&
	run_dtw diff nl/issues/2026-11-24.md &&
	expect_rc 2
'

done_testing
