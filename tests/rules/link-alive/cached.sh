# Sourced by this directory's setups: cached A1 A2 A3 A4 A5 makes the case's
# repository (the case's issue, links: { online: true }) whose cache holds
# what each of the five links answered a minute ago, in order —
# "ok", "gone 404" or "moved https://NEW" — so that the lint reads the
# answers from there and asks nobody.
cached() {
	git init -q &&
	cp "$CASE_DIR/$CASE.md" . &&
	printf 'links: { online: true }\n' >.dtw.yaml &&
	mkdir -p .git/dtw &&
	now=$(( $(date +%s) - 60 )) &&
	printf 'dtw-links 1\n' >.git/dtw/links &&
	for u in https://blog.streamfold.dev/postgres-cdc-to-kafka \
		https://tablewright.io/posts/iceberg-small-files https://dataops.guide/backfills \
		https://github.com/koala-io/koala "https://news.ycombinator.com/item?id=41234567"; do
		case $1 in
		ok) printf '%s\tok\t200\t%s\t\t\n' "$now" "$u" ;;
		"gone "*) printf '%s\tgone\t%s\t%s\t\t\n' "$now" "${1#gone }" "$u" ;;
		"moved "*) printf '%s\tmoved\t200\t%s\t%s\t\n' "$now" "$u" "${1#moved }" ;;
		*) return 1 ;;
		esac >>.git/dtw/links || return 1
		shift
	done
}
