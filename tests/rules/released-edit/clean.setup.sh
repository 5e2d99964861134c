#!/bin/sh
# The case's issue, committed and released as it is: the file linted is
# the released content, so released-edit has nothing to say.
git init -q &&
cp "$CASE_DIR/$CASE.md" . &&
git add "$CASE.md" &&
git commit -q -m "issue 42" &&
"$DTW" release "$CASE.md"
