#!/bin/sh
# The second link of the case moved for good a minute ago (a 301 to a
# page that answers); the others answered 200.
. "$CASE_DIR/cached.sh" &&
cached ok "moved https://tablewright.io/2026/11/iceberg-small-files" ok ok ok
