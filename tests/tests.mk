# make test: host unit tests, the libc tests (glibc and newlib builds), then the in-kernel tests booted under BIOS
# and UEFI. tests/run-suites.sh runs each suite, reads its TAP/KTAP and
# prints the closing "N passed, N failed" line.

include tests/unit/unit.mk
include tests/libc/libc-tests.mk

KTEST_TIMEOUT ?= 120

.PHONY: test unit-test ktest ktest-bios ktest-uefi

test: $(UNIT_BINS) $(LIBC_TEST_BINS) $(KTEST_ISO) $(ISO) $(CRASH_ISO) $(HOST_DEPS_STAMP) ## Run every test; ends non-zero on any failure
	sh tests/run-suites.sh $(BUILD)/test-logs \
		$(foreach b,$(UNIT_BINS),"unit:$(b)") $(LIBC_TEST_SUITES) \
		"ktest-bios:$(KTEST_ISO)" "ktest-uefi:$(KTEST_ISO)" \
		"console-input:$(ISO)" \
		"crash-pc:$(CRASH_ISO)" "crash-q35:$(CRASH_ISO)"

unit-test: $(UNIT_BINS) ## Run the host unit tests only
	sh tests/run-suites.sh $(BUILD)/test-logs $(foreach b,$(UNIT_BINS),"unit:$(b)")

ktest: $(KTEST_ISO) $(HOST_DEPS_STAMP) ## Run the in-kernel tests under BIOS and UEFI
	sh tests/run-suites.sh $(BUILD)/test-logs \
		"ktest-bios:$(KTEST_ISO)" "ktest-uefi:$(KTEST_ISO)"
