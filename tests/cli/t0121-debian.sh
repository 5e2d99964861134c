#!/bin/sh
# debian/: dpkg-buildpackage -us -uc -b builds the package from the tracked
# files, with dpkg-buildflags' hardening, and lintian finds nothing to
# warn of in it. Skipped where dpkg-buildpackage or lintian is missing
# (make deps does not install them).
. "$(dirname "$0")/lib.sh"

TOP=$(cd "$TESTS_DIR/.." && pwd)

# build_deb: the tracked files copied to src/dtw, built there; the log
# shown when the build fails.
build_deb() {
	mkdir -p src/dtw &&
	(cd "$TOP" && git ls-files -z | xargs -0 cp --parents -t "$CASE_DIR/src/dtw") || return 1
	(cd src/dtw && dpkg-buildpackage -us -uc -b >../build.log 2>&1) && return 0
	tail -n 30 src/build.log
	return 1
}

# lintian_clean DEB: lintian finds no error and no warning in DEB.
lintian_clean() {
	lintian --fail-on error,warning "$1" >lintian.out 2>&1 && return 0
	cat lintian.out
	return 1
}

deb_case() {
	if command -v dpkg-buildpackage >/dev/null 2>&1 && command -v lintian >/dev/null 2>&1 &&
	   command -v dh >/dev/null 2>&1 && git -C "$TOP" rev-parse --git-dir >/dev/null 2>&1; then
		test_case "$1" "$2"
	else
		test_count=$((test_count + 1))
		echo "ok $test_count - $1 # SKIP dpkg-buildpackage, dh or lintian not installed"
	fi
}

deb_case "the package builds, is hardened, holds dtw's files, and lintian is clean" '
	build_deb &&
	deb=$(ls src/dtw_*_*.deb | grep -v dbgsym) &&
	dpkg-deb -c "$deb" | awk "{ print \$6 }" >files &&
	grep -qx "./usr/bin/dtw" files &&
	grep -qx "./usr/share/man/man1/dtw.1.gz" files &&
	grep -qx "./usr/share/zsh/site-functions/_dtw" files &&
	grep -qx "./usr/share/dtw/schemas/json/dtw-config.schema.json" files &&
	dpkg-deb -x "$deb" root &&
	{ objdump -T root/usr/bin/dtw | grep -q "_chk" || { echo "no fortified functions"; false; }; } &&
	lintian_clean "$deb"
'

done_testing
