# dtw — one plain Makefile. `make` builds build/rel/dtw; `make check` runs
# the whole suite under ASan+UBSan; `make demo` lints the bundled example.

VERSION   := 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
CC        ?= cc
PKG_CONFIG ?= pkg-config
# The install's data directory, compiled in: dtw init names the JSON
# Schemas installed there in its modeline.
DATADIR   ?= $(PREFIX)/share/dtw
PKGS      := libgit2 libcmark-gfm libpcre2-8 yaml-0.1 libcurl
DEB_PKGS  := gcc make pkg-config git perl libgit2-dev libcmark-gfm-dev \
             libcmark-gfm-extensions-dev libpcre2-dev libyaml-dev libcmocka-dev libcurl4-openssl-dev groff-base mandoc zsh \
             nodejs util-linux

ifeq ($(FUZZ),1)
BUILD     := build/fuzz
CC        := clang
MODE_CFLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
               -fno-omit-frame-pointer -DDTW_ARENA_MALLOC
MODE_LDFLAGS := -fsanitize=address,undefined
else ifeq ($(VG),1)
BUILD     := build/vg
MODE_CFLAGS := -O1 -g -DDTW_ARENA_MALLOC
MODE_LDFLAGS :=
else ifeq ($(SAN),1)
BUILD     := build/asan
MODE_CFLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
               -fno-omit-frame-pointer -DDTW_ARENA_MALLOC
MODE_LDFLAGS := -fsanitize=address,undefined
else
BUILD     ?= build/rel
MODE_CFLAGS := -O2 -g
MODE_LDFLAGS :=
endif

PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
DTW_CFLAGS = -std=c11 -Wall -Wextra -Werror -Wshadow -Wformat=2 -D_GNU_SOURCE \
             -Ilib -I. $(PKG_CFLAGS) $(MODE_CFLAGS) -DDTW_VERSION='"$(VERSION)"' $(CPPFLAGS) $(CFLAGS)
DTW_LDFLAGS = $(MODE_LDFLAGS) $(LDFLAGS)

LIB_SRC  := $(sort $(wildcard lib/*/*.c) $(wildcard rules/*.c))
CMD_SRC  := $(sort $(wildcard cmd/*.c))
SCHEMAS  := $(sort $(wildcard schemas/*.yaml))
LIB_OBJ  := $(patsubst %.c,$(BUILD)/%.o,$(LIB_SRC)) $(BUILD)/gen/builtin-schemas.o \
            $(BUILD)/gen/hook-pre-commit.o $(BUILD)/gen/manual.o
CMD_OBJ  := $(patsubst %.c,$(BUILD)/%.o,$(CMD_SRC))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(UNIT_SRC))

.PHONY: all deps demo check asan unit bench valgrind cost install uninstall clean
.DEFAULT_GOAL := all

all: $(BUILD)/dtw

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(DTW_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/gen/builtin-schemas.c: lib/schema/gen-builtin.sh lib/base/embed.sh $(SCHEMAS)
	@mkdir -p $(@D)
	sh lib/schema/gen-builtin.sh $(SCHEMAS) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/hook-pre-commit.c: lib/base/embed.sh hooks/pre-commit
	@mkdir -p $(@D)
	sh lib/base/embed.sh dtw_hook_pre_commit hooks/pre-commit > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(DTW_CFLAGS) -c $< -o $@

$(BUILD)/libdtw.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/dtw: $(CMD_OBJ) $(BUILD)/libdtw.a
	$(CC) $(DTW_LDFLAGS) -o $@ $(CMD_OBJ) $(BUILD)/libdtw.a $(PKG_LIBS)

$(BUILD)/tests/unit/%: tests/unit/%.c $(BUILD)/libdtw.a
	@mkdir -p $(@D)
	$(CC) $(DTW_CFLAGS) $(shell $(PKG_CONFIG) --cflags cmocka) -o $@ $< \
		$(DTW_LDFLAGS) $(BUILD)/libdtw.a $(PKG_LIBS) $(shell $(PKG_CONFIG) --libs cmocka)

unit: $(UNIT_BIN)

# Installs the Debian packages the build and the tests need, if missing.
deps:
	@missing=""; for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

demo: deps
	@$(MAKE) --no-print-directory all
	@echo "--- dtw lint examples/2026-11-24.md (the built-in Data This Week schema, no config)"
	@cd examples && ../$(BUILD)/dtw lint 2026-11-24.md
	@echo "--- dtw lint examples/broken/missing-why.md (one rule broken on purpose)"
	@cd examples && ../$(BUILD)/dtw lint broken/missing-why.md || true

asan:
	@$(MAKE) --no-print-directory SAN=1 all unit

check: deps
	@$(MAKE) --no-print-directory SAN=1 all unit man fuzz-replay
	@sh tests/run.sh build/asan

# The CLI tests again, each dtw run under valgrind (memcheck, leaks
# fail). Arenas hand out one malloc per allocation (DTW_ARENA_MALLOC) so
# that memcheck sees each.
valgrind: deps
	@command -v valgrind >/dev/null 2>&1 || { SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq valgrind >/dev/null; }
	@$(MAKE) --no-print-directory VG=1 all man
	@mkdir -p build/vg/valgrind && ln -sfn ../doc build/vg/valgrind/doc
	@printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect --suppressions=%s/tests/valgrind.supp %s/build/vg/dtw "$$@"\n' \
		"$$(pwd)" "$$(pwd)" > build/vg/valgrind/dtw
	@chmod +x build/vg/valgrind/dtw
	@DTW_UNDER_TEST=$$(pwd)/build/vg/valgrind/dtw ONLY=cli sh tests/run.sh build/vg

include tests/bench/Makefile.inc
include tests/cost/Makefile.inc
include doc/Makefile.inc
include tests/fuzz/Makefile.inc
include tests/lint/Makefile.inc

bench: deps
	@command -v hyperfine >/dev/null 2>&1 || { SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq hyperfine >/dev/null || true; }
	@$(MAKE) --no-print-directory BUILD=build/rel all bench-tools
	@sh tests/bench/run.sh build/rel

# The cost harness: instructions at n and 4n for every input family, and
# peak memory at the limits (tests/cost/run.sh). Run by CI.
cost: deps
	@command -v valgrind >/dev/null 2>&1 || { SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq valgrind >/dev/null; }
	@$(MAKE) --no-print-directory BUILD=build/rel all cost-tools
	@sh tests/cost/run.sh build/rel

# The JSON Schemas are installed with their $id naming where they are.
JSON_SCHEMAS := $(sort $(wildcard schemas/json/*.schema.json))
INSTALL_DIRS := bin share/dtw/schemas/json share/dtw/hooks share/man/man1 \
                share/bash-completion/completions share/zsh/site-functions

install: all man
	for d in $(INSTALL_DIRS); do install -d $(DESTDIR)$(PREFIX)/$$d || exit 1; done
	install -m 755 $(BUILD)/dtw $(DESTDIR)$(PREFIX)/bin/dtw
	install -m 644 $(SCHEMAS) $(DESTDIR)$(PREFIX)/share/dtw/schemas/
	for f in $(JSON_SCHEMAS); do \
		sed 's|"\$$id": "file://[^"]*/schemas/json/|"$$id": "file://$(PREFIX)/share/dtw/schemas/json/|' \
			$$f >$(DESTDIR)$(PREFIX)/share/dtw/schemas/json/$${f##*/} && \
		chmod 644 $(DESTDIR)$(PREFIX)/share/dtw/schemas/json/$${f##*/} || exit 1; \
	done
	install -m 755 hooks/pre-commit $(DESTDIR)$(PREFIX)/share/dtw/hooks/pre-commit
	install -m 644 $(BUILD)/doc/dtw.1 $(DESTDIR)$(PREFIX)/share/man/man1/dtw.1
	install -m 644 completions/dtw.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/dtw
	install -m 644 completions/_dtw $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_dtw

# Removes what install wrote, then each directory it made that is left
# empty, up to PREFIX (never PREFIX itself, nor a directory that holds
# anything else).
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/dtw
	rm -f $(DESTDIR)$(PREFIX)/share/man/man1/dtw.1
	rm -f $(DESTDIR)$(PREFIX)/share/bash-completion/completions/dtw
	rm -f $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_dtw
	rm -rf $(DESTDIR)$(PREFIX)/share/dtw
	for d in $(INSTALL_DIRS); do \
		p=$(DESTDIR)$(PREFIX)/$$d; \
		while [ "$$p" != "$(DESTDIR)$(PREFIX)" ] && [ "$$p" != "/" ] && rmdir "$$p" 2>/dev/null; do \
			p=$${p%/*}; \
		done; \
	done

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
