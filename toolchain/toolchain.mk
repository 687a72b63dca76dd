# The real x86_64-basalt cross toolchain (issue 17): GNU Binutils 2.40 and
# GCC 12.2.0 from Debian's source packages with toolchain/patches/, built by
# toolchain/build-toolchain.sh into ~/.cache/basalt/toolchain-KEY and
# exposed as toolchain/cross/ (git-ignored). `make test` does not build it
# (25 minutes with HOST_CFLAGS=-O0 once per machine on 2 shared cores,
# toolchain/README.md);
# `make toolchain-test` does,
# then builds test programs and two ports with it and runs them inside
# Basalt. See toolchain/README.md.

TOOLCHAIN_CROSS     := toolchain/cross
TOOLCHAIN_CROSS_GCC := $(TOOLCHAIN_CROSS)/bin/x86_64-basalt-gcc
TOOLCHAIN_STAMP     := $(BUILD)/toolchain/.cross
TOOLCHAIN_INPUTS    := toolchain/build-toolchain.sh $(shell find toolchain/patches -type f)

# The toolchain does not depend on the C library's contents (only its
# headers' presence while libgcc is built): the sysroot is order-only.
$(TOOLCHAIN_STAMP): $(TOOLCHAIN_INPUTS) $(HOST_DEPS_STAMP) | $(SYSROOT_HEADERS_STAMP) $(SYSROOT_LIBS)
	$(Q)sh toolchain/build-toolchain.sh $(SYSROOT) $(TOOLCHAIN_CROSS)
	@mkdir -p $(@D) && touch $@

.PHONY: toolchain toolchain-test
toolchain: $(TOOLCHAIN_STAMP) ## Build the real x86_64-basalt binutils and GCC into toolchain/cross/ (cached in ~/.cache/basalt)

# The programs: tests/abi's hello and every newlib build of tests/abi and
# tests/libc, with the flags of their wrapper builds (tests/tests.mk,
# tests/libc/libc-tests.mk), but compiled and linked by the real GCC.
TC_TEST_DIR      := $(BUILD)/toolchain-test
TC_TEST_ROOT     := $(TC_TEST_DIR)/abi-root
TC_TEST_ABI      := $(sort hello $(ABI_NEWLIB))
TC_TEST_BINS     := $(TC_TEST_ABI:%=$(TC_TEST_DIR)/bin/%) \
	$(LIBC_TESTS:%=$(TC_TEST_DIR)/bin/libc-%)
# Two ports built with it (ports/build.sh with toolchain/cross/bin first in
# PATH), installed into a directory of their own, not the sysroot; the
# Basalt side runs GNU Hello and tests/ports/zlib.sh.
TC_TEST_PORTS    := hello zlib
TC_TEST_DEST     := $(TC_TEST_DIR)/dest
TC_TEST_PORT_STAMPS := $(TC_TEST_PORTS:%=$(TC_TEST_DIR)/ports/%/.installed)
# Binutils built by the cross toolchain to run on Basalt (issue 17's
# native toolchain, first part): as, ld, ar, nm, objdump and strip go into
# the root's /usr/bin, checked by toolchain/native-binutils.sh.
TC_TEST_NATIVE   := $(TC_TEST_DIR)/native
TC_TEST_NATIVE_TOOLS := as ld ar nm objdump strip
$(TC_TEST_NATIVE)/.installed: $(TOOLCHAIN_STAMP) $(SYSROOT_LIBS)
	$(Q)TOOLCHAIN_STAGE=native-binutils sh toolchain/build-toolchain.sh $(SYSROOT) $(TC_TEST_NATIVE)
	@touch $@

# interp runs hello-dyn from beside it: tests/tests.mk's glibc dynamic
# hello, a fixture (not a program of the toolchain under test).
TC_TEST_FIXTURES := $(BUILD)/abi/hello-dyn
TC_TEST_INITRAMFS := $(TC_TEST_DIR)/abi-initramfs.cpio.gz
TC_TEST_ISO      := $(TC_TEST_DIR)/basalt-toolchain.iso
TC_TEST_BASALT   := $(TC_TEST_DIR)/toolchain-basalt
TC_TEST_HOST     := $(TC_TEST_DIR)/toolchain-host

$(TC_TEST_DIR)/bin/libc-%: tests/libc/%_test.c tests/libc/tap.h $(TOOLCHAIN_STAMP) $(SYSROOT_LIBS)
	@mkdir -p $(@D) && echo "  XGCC    $@"
	$(Q)$(TOOLCHAIN_CROSS_GCC) $(LIBC_TEST_CFLAGS) -o $@ $< $(LIBC_TEST_LDLIBS)

$(TC_TEST_DIR)/bin/%: tests/abi/%.c tests/abi/abi_tap.h $(TOOLCHAIN_STAMP) $(SYSROOT_LIBS)
	@mkdir -p $(@D) && echo "  XGCC    $@"
	$(Q)$(TOOLCHAIN_CROSS_GCC) $(ABI_CFLAGS) -pthread -o $@ $<

$(TC_TEST_DIR)/ports/%/.installed: $(PORTS_SRC)/%/.fetched ports/build.sh $(TOOLCHAIN_STAMP) $(SYSROOT_LIBS)
	$(Q)BASALT_CROSS_BIN=$(CURDIR)/$(TOOLCHAIN_CROSS)/bin \
		sh ports/build.sh ports/$* $(PORTS_SRC)/$* $(TC_TEST_DIR)/ports/$* $(TC_TEST_DEST)
	@touch $@

# The root: abi-init runs each /abi/NAME as in tests/tests.mk's abi root
# (Debian's BusyBox, also as /bin/sh, and bash-static, glibc's ld.so for
# interp, passwd and group for the libc tests), plus the ports' programs in
# /usr/bin (BusyBox has no applet of their names) and the scripts that
# check them in /ports.
$(TC_TEST_INITRAMFS): $(BUILD)/abi/abi-init $(TC_TEST_BINS) $(TC_TEST_FIXTURES) $(TC_TEST_PORT_STAMPS) \
		$(TC_TEST_NATIVE)/.installed toolchain/native-binutils.sh toolchain/gnu-hello.sh tests/ports/zlib.sh tests/ports/lib.sh tests/system/tap.sh \
		initramfs/mkcpio.sh toolchain/toolchain.mk
	@rm -rf $(TC_TEST_ROOT)
	@mkdir -p $(addprefix $(TC_TEST_ROOT)/,abi bin dev proc tmp etc ports usr/bin)
	@chmod 1777 $(TC_TEST_ROOT)/tmp
	@cp $(BUILD)/abi/abi-init $(TC_TEST_ROOT)/init
	@cp /bin/busybox $(TC_TEST_ROOT)/bin/
	@for a in $$(/bin/busybox --list); do \
		case $$a in busybox | sh | ash) ;; *) ln -s busybox $(TC_TEST_ROOT)/bin/$$a ;; esac; done
	@ln -s busybox $(TC_TEST_ROOT)/bin/sh && cp /bin/bash-static $(TC_TEST_ROOT)/bin/bash-static
	@for l in $(ABI_DYN_LIBS); do mkdir -p $(TC_TEST_ROOT)$$(dirname $$l) && \
		cp -L $$l $(TC_TEST_ROOT)$$l; done
	@cp initramfs/rootfs/etc/passwd initramfs/rootfs/etc/group $(TC_TEST_ROOT)/etc/
	@cp $(TC_TEST_BINS) $(TC_TEST_FIXTURES) $(TC_TEST_ROOT)/abi/
	@strip --strip-debug $(TC_TEST_ROOT)/abi/*
	@cp $(TC_TEST_DEST)/usr/bin/hello $(TC_TEST_DEST)/usr/bin/minigzip $(TC_TEST_DEST)/usr/bin/zlib-example \
		$(TC_TEST_ROOT)/usr/bin/
	@for t in $(TC_TEST_NATIVE_TOOLS); do \
		strip --strip-debug -o $(TC_TEST_ROOT)/usr/bin/$$t $(TC_TEST_NATIVE)/usr/bin/$$t || exit 1; done
	@cp toolchain/native-binutils.sh toolchain/gnu-hello.sh tests/ports/zlib.sh tests/ports/lib.sh tests/system/tap.sh $(TC_TEST_ROOT)/ports/
	@for t in gnu-hello zlib native-binutils; do \
		printf '#!/bin/sh\nPATH=/usr/bin:/bin HOME=/tmp TMPDIR=/tmp exec sh /ports/%s.sh\n' $$t \
			> $(TC_TEST_ROOT)/abi/port-$$t && chmod 755 $(TC_TEST_ROOT)/abi/port-$$t || exit 1; done
	@printf '%s\n' $(notdir $(TC_TEST_BINS)) port-gnu-hello port-zlib port-native-binutils > $(TC_TEST_ROOT)/abi/list
	@echo "  CPIO    $@"
	$(Q)sh initramfs/mkcpio.sh $(TC_TEST_ROOT) $@

$(eval $(call iso_rule,$(TC_TEST_ISO),disk/iso/grub-abi.cfg,$(TC_TEST_INITRAMFS)))

# Two suites: on the host, what the compiler is (toolchain/test-cross.sh:
# -dumpmachine, its macros, that every program and port was made by it);
# inside Basalt, the programs themselves (tests/ports/run-basalt.sh boots
# the ISO, as for make ports-test; up to 15 minutes for the whole list).
TC_TEST_TIMEOUT  := 900
$(TC_TEST_HOST): toolchain/test-cross.sh $(TC_TEST_BINS) $(TC_TEST_PORT_STAMPS)
	@printf '#!/bin/sh\nexec sh %s %s %s %s\n' "$(CURDIR)/toolchain/test-cross.sh" \
		"$(CURDIR)/$(TOOLCHAIN_CROSS)" "$(CURDIR)/$(TC_TEST_DIR)/bin" "$(CURDIR)/$(TC_TEST_DEST)" > $@
	@chmod +x $@

$(TC_TEST_BASALT): $(TC_TEST_ISO) tests/ports/run-basalt.sh toolchain/toolchain.mk
	@printf '#!/bin/sh\nPORTS_TIMEOUT=%s exec sh %s %s toolchain-basalt.log\n' "$(TC_TEST_TIMEOUT)" \
		"$(CURDIR)/tests/ports/run-basalt.sh" "$(CURDIR)/$(TC_TEST_ISO)" > $@
	@chmod +x $@

toolchain-test: $(TC_TEST_HOST) $(TC_TEST_BASALT) $(HOST_DEPS_STAMP) ## Build the real toolchain, then hello, the tests/abi and tests/libc programs, GNU Hello and zlib with it, and run them inside Basalt
	sh tests/run-suites.sh $(TC_TEST_DIR)/logs "host:$(TC_TEST_HOST)" "host:$(TC_TEST_BASALT)"
