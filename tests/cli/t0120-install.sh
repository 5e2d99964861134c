#!/bin/sh
# make install and make uninstall, as a distribution runs them (DESTDIR,
# PREFIX=/usr): every file where its kind goes (the zsh completion in
# site-functions, which zsh's fpath holds), the JSON Schemas with an $id
# naming where they are, dtw init's modeline naming the schema installed
# beside the binary, nothing left behind by uninstall; and the license.
. "$(dirname "$0")/lib.sh"

TOP=$(cd "$TESTS_DIR/.." && pwd)
# The build the binary under test comes from, made again by nothing.
case $DTW in
*/build/asan/dtw) MODE="SAN=1" ;;
*/build/vg/*) MODE="VG=1" ;;
*/build/rel/dtw) MODE= ;;
*) MODE=none ;;
esac

# staged_install DIR: make install into DIR (DESTDIR) for PREFIX=/usr.
staged_install() {
	make -s -C "$TOP" $MODE install DESTDIR="$1" PREFIX=/usr >make.out 2>&1 ||
		{ cat make.out; return 1; }
}

# install_case "description" 'commands': a test_case that installs.
install_case() {
	if [ "$MODE" = none ]; then
		test_count=$((test_count + 1))
		echo "ok $test_count - $1 # SKIP not a build of this tree"
	else
		test_case "$1" "$2"
	fi
}

install_case "make install puts each file where a distribution looks for it" '
	staged_install "$PWD/root" &&
	(cd root && find . -type f | sort) >files &&
	expect_file files <<-\EOF &&
	./usr/bin/dtw
	./usr/share/bash-completion/completions/dtw
	./usr/share/dtw/hooks/pre-commit
	./usr/share/dtw/schemas/data-this-week.yaml
	./usr/share/dtw/schemas/json/dtw-config.schema.json
	./usr/share/dtw/schemas/json/dtw-schema.schema.json
	./usr/share/dtw/schemas/link-roundup.yaml
	./usr/share/dtw/schemas/project-weekly.yaml
	./usr/share/man/man1/dtw.1
	./usr/share/zsh/site-functions/_dtw
	EOF
	test -x root/usr/bin/dtw &&
	root/usr/bin/dtw --version >v && grep -q "^dtw [0-9]" v
'

install_case "the installed JSON Schemas say where they are in their \$id" '
	staged_install "$PWD/root" &&
	grep -qx "  \"\$id\": \"file:///usr/share/dtw/schemas/json/dtw-config.schema.json\"," \
		root/usr/share/dtw/schemas/json/dtw-config.schema.json &&
	grep -qx "  \"\$id\": \"file:///usr/share/dtw/schemas/json/dtw-schema.schema.json\"," \
		root/usr/share/dtw/schemas/json/dtw-schema.schema.json
'

install_case "an installed dtw init points YAML editors at the installed config schema" '
	staged_install "$PWD/root" &&
	mkdir repo && cd repo && git init -q &&
	../root/usr/bin/dtw init >/dev/null &&
	head -n 1 .dtw.yaml >first &&
	expect_file first <<-EOF &&
	# yaml-language-server: \$schema=$(cd ../root/usr/share/dtw/schemas/json && pwd -P)/dtw-config.schema.json
	EOF
	../root/usr/bin/dtw config >/dev/null
'

test_case "dtw init from a build directory writes no modeline" '
	git init -q &&
	run_dtw init && expect_rc 0 &&
	! grep -q "yaml-language-server" .dtw.yaml
'

install_case "make uninstall removes every file and the directories it made" '
	mkdir -p root/usr/share/man/man1 &&
	echo keep >root/usr/share/man/man1/other.1 &&
	staged_install "$PWD/root" &&
	make -s -C "$TOP" $MODE uninstall DESTDIR="$PWD/root" PREFIX=/usr >make.out 2>&1 &&
	(cd root && find . | sort) >left &&
	expect_file left <<-\EOF
	.
	./usr
	./usr/share
	./usr/share/man
	./usr/share/man/man1
	./usr/share/man/man1/other.1
	EOF
'

test_case "the license is MIT, The dtw authors" '
	head -n 1 "$TOP/LICENSE" | grep -qx "MIT License" &&
	grep -qx "Copyright (c) 2026 The dtw authors" "$TOP/LICENSE"
'

done_testing
