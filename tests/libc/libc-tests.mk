# The libc tests: each program in tests/libc/ prints TAP and is built
# twice, with the host gcc (glibc) and with x86_64-basalt-gcc (our newlib);
# both binaries run on the host Linux (run-suites.sh kind "host:").

LIBC_TESTS       := $(patsubst tests/libc/%_test.c,%,$(wildcard tests/libc/*_test.c))
LIBC_TEST_DIR    := $(BUILD)/libc-tests
LIBC_TEST_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror -Itests/libc
# libm for math_test (glibc's libm is a library of its own).
LIBC_TEST_LDLIBS := -lm

LIBC_TEST_GLIBC_BINS  := $(LIBC_TESTS:%=$(LIBC_TEST_DIR)/%-glibc)
LIBC_TEST_NEWLIB_BINS := $(LIBC_TESTS:%=$(LIBC_TEST_DIR)/%-newlib)
# toolchain_test.sh checks the pkg-config wrapper and the config.sub shim
# (on newlib's own config.sub), through a runner taking no arguments.
LIBC_TOOLCHAIN_TEST := $(LIBC_TEST_DIR)/toolchain
LIBC_TEST_BINS   := $(LIBC_TEST_GLIBC_BINS) $(LIBC_TEST_NEWLIB_BINS) $(LIBC_TOOLCHAIN_TEST)
LIBC_TEST_SUITES := $(foreach b,$(LIBC_TEST_BINS),"host:$(b)")

$(LIBC_TEST_DIR)/%-glibc: tests/libc/%_test.c tests/libc/tap.h $(HOST_DEPS_STAMP)
	@mkdir -p $(@D) && echo "  HOSTCC  $@"
	$(Q)gcc $(LIBC_TEST_CFLAGS) -o $@ $< $(LIBC_TEST_LDLIBS)

$(LIBC_TEST_DIR)/%-newlib: tests/libc/%_test.c tests/libc/tap.h $(SYSROOT_HEADERS_STAMP) $(SYSROOT_LIBS)
	@mkdir -p $(@D) && echo "  BASALTCC $@"
	$(Q)$(BASALT_CC) $(LIBC_TEST_CFLAGS) -o $@ $< $(LIBC_TEST_LDLIBS)

$(LIBC_TOOLCHAIN_TEST): tests/libc/toolchain_test.sh toolchain/bin/x86_64-basalt-pkg-config \
		toolchain/bin/basalt-patch-config-sub $(NEWLIB_STAMP)
	@mkdir -p $(@D) && echo "  GEN     $@"
	$(Q)printf '#!/bin/sh\nexec sh %s %s %s\n' "$(CURDIR)/tests/libc/toolchain_test.sh" \
		"$(CURDIR)/$(NEWLIB_DIR)/src/config.sub" "$(CURDIR)/$(LIBC_TEST_DIR)/toolchain-work" > $@
	$(Q)chmod +x $@

.PHONY: libc-test
libc-test: $(LIBC_TEST_BINS) ## Run the libc tests, with glibc and with our newlib, on the host
	sh tests/run-suites.sh $(BUILD)/test-logs $(LIBC_TEST_SUITES)
