# make test: host unit tests, the libc tests (glibc and newlib builds), then the in-kernel tests booted under BIOS
# and UEFI. tests/run-suites.sh runs each suite, reads its TAP/KTAP and
# prints the closing "N passed, N failed" line.

include tests/unit/unit.mk
include tests/libc/libc-tests.mk

KTEST_TIMEOUT ?= 120

# tests/abi: Linux programs built static with the host gcc (glibc). make
# test runs each on the host; the ktest ISO carries them as modules.
ABI_CC     ?= gcc
ABI_CFLAGS := -static -O2 -Wall -Wextra -Werror
# NAME-pie is NAME built static-PIE, for the programs where the load
# bias matters (the ktest ISO has room for 8 boot modules).
ABI_PROGS  := hello auxv mman errors
# Differential tests of the process, file and time ABI: host only for now
# (the ktest ISO's module list in disk/iso.mk is separate).
ABI_PROGS  += fork_wait exec pipes poll threads time fds badptr limits sysinfo
ABI_PIE    := hello auxv
ABI_BINS   := $(ABI_PROGS:%=$(BUILD)/abi/%) $(ABI_PIE:%=$(BUILD)/abi/%-pie)

# Each program twice: fixed-address (ET_EXEC) and static-PIE (ET_DYN).
$(BUILD)/abi/%-pie: tests/abi/%.c tests/abi/abi_tap.h $(HOST_DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  ABICC   $@"
	$(Q)$(ABI_CC) $(ABI_CFLAGS:-static=-static-pie) -fPIE -o $@ $<

$(BUILD)/abi/%: tests/abi/%.c tests/abi/abi_tap.h $(HOST_DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  ABICC   $@"
	$(Q)$(ABI_CC) $(ABI_CFLAGS) -o $@ $<

.PHONY: test unit-test system-test ktest ktest-bios ktest-uefi

test: $(UNIT_BINS) $(LIBC_TEST_BINS) $(ABI_BINS) $(KTEST_ISO) $(ISO) $(CRASH_ISO) $(HOST_DEPS_STAMP) ## Run every test; ends non-zero on any failure
	sh tests/run-suites.sh $(BUILD)/test-logs \
		$(foreach b,$(UNIT_BINS),"unit:$(b)") $(LIBC_TEST_SUITES) \
		$(foreach b,$(ABI_BINS),"abi:$(b)") \
		"system-host:tests/system" \
		"ktest-bios:$(KTEST_ISO)" "ktest-uefi:$(KTEST_ISO)" \
		"console-input:$(ISO)" \
		"crash-pc:$(CRASH_ISO)" "crash-q35:$(CRASH_ISO)"

system-test: $(HOST_DEPS_STAMP) ## Run the tests/system BusyBox scripts on the host
	sh tests/run-suites.sh $(BUILD)/test-logs "system-host:tests/system"

unit-test: $(UNIT_BINS) ## Run the host unit tests only
	sh tests/run-suites.sh $(BUILD)/test-logs $(foreach b,$(UNIT_BINS),"unit:$(b)")

ktest: $(KTEST_ISO) $(HOST_DEPS_STAMP) ## Run the in-kernel tests under BIOS and UEFI
	sh tests/run-suites.sh $(BUILD)/test-logs \
		"ktest-bios:$(KTEST_ISO)" "ktest-uefi:$(KTEST_ISO)"
