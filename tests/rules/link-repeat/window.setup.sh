#!/bin/sh
# link_repeat.window: the project weekly's schema with a window of 2.
# Issues 298, 299 and 300 are released (their pages on hosts of their
# own, "v298.…"); 298 featured the page window.md links first, 300 the
# one it links second. Only 299 and 300 are in the window of issue 301.
git init -q &&
sed "s/^link_repeat: { window: 25 }\$/link_repeat: { window: 2 }/" \
	"$CASE_DIR/../../../schemas/project-weekly.yaml" >weekly.yaml &&
grep -q "window: 2 }" weekly.yaml &&
printf "schema: weekly.yaml\npaths: [\"*.md\"]\n" >.dtw.yaml &&
for n in 298 299 300; do
	sed "/^\* \[Larch in 2025 again\]/d; /^\* \[Tarn 3.0 benchmarks\]/d; s/^Number: 301\$/Number: $n/; s/^Title: This Week in Larch 301\$/Title: This Week in Larch $n/; s|](https://|](https://v$n.|g" \
		"$CASE_DIR/$CASE.md" >"issue-$n.md" || exit 1
done &&
printf '/^### Official$/a\\\n* [Larch in 2025](https://blog.larch-lang.org/2025-in-review.html)\n' >a.sed &&
sed -f a.sed issue-298.md >x && mv x issue-298.md &&
printf '/^### Official$/a\\\n* [Tarn 3.0](https://github.com/mira-dev/tarn/releases/tag/v3.0.0)\n' >b.sed &&
sed -f b.sed issue-300.md >x && mv x issue-300.md &&
git add .dtw.yaml weekly.yaml issue-298.md issue-299.md issue-300.md &&
git commit -q -m "three issues" &&
"$DTW" release 298 >/dev/null &&
"$DTW" release 299 >/dev/null &&
"$DTW" release 300 >/dev/null &&
cp "$CASE_DIR/$CASE.md" .
