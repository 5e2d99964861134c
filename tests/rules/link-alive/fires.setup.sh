#!/bin/sh
# The first link of the case answered 404 a minute ago, the others 200.
. "$CASE_DIR/cached.sh" &&
cached "gone 404" ok ok ok ok
