#!/bin/sh
# The repository of clean.setup.sh: issue 41 released. fires.md is the
# clean issue with one of issue 41's items copied in.
exec sh "$CASE_DIR/clean.setup.sh"
