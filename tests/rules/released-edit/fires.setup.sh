#!/bin/sh
# Issue 42 was released with the content of clean.md; fires.md is the
# same file edited afterwards (one word of an item changed), not yet
# committed.
git init -q &&
cp "$CASE_DIR/clean.md" "$CASE.md" &&
git add "$CASE.md" &&
git commit -q -m "issue 42" &&
"$DTW" release "$CASE.md" &&
cp "$CASE_DIR/$CASE.md" .
