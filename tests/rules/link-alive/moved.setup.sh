#!/bin/sh
# The second link of the case moved for good (301) a minute ago, in the
# cache of the repository, the others answered 200: the lint reads them
# from there and asks nobody.
git init -q &&
cp "$CASE_DIR/$CASE.md" . &&
printf 'links: { online: true }\n' >.dtw.yaml &&
mkdir -p .git/dtw &&
now=$(( $(date +%s) - 60 )) &&
{
	printf 'dtw-links 1\n'
	for u in https://blog.streamfold.dev/postgres-cdc-to-kafka \
		https://tablewright.io/posts/iceberg-small-files https://dataops.guide/backfills \
		https://github.com/koala-io/koala "https://news.ycombinator.com/item?id=41234567"; do
		case $u in *tablewright*) printf '%s\tmoved\t200\t%s\thttps://tablewright.io/2026/11/iceberg-small-files\t\n' "$now" "$u" ;; *) printf '%s\tok\t200\t%s\t\t\n' "$now" "$u" ;; esac
	done
} >.git/dtw/links
