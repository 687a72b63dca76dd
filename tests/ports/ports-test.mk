# The differential port tests (issue 18): every tests/ports/*.sh script
# with a "# ports-test:" header runs twice with the same expected output,
# on the host with Debian's programs ("host:" suites) and inside Basalt
# with our ports, from an initramfs of its own (so that the make run
# root file system stays as small and quick to boot as it is):
#   /init        abi-init, running each /abi/NAME (a wrapper of
#                /ports/NAME.sh) between markers (tests/qemu/abi-init.c)
#   /bin         our BusyBox (ports/busybox) with its applet links, but
#                /bin/sh is Debian's bash-static: BusyBox's sh runs its own
#                applets before PATH (FEATURE_PREFER_APPLETS), so its gzip,
#                xz, tar... would stand in for the ports under test
#   /usr/bin...  the files each script's header names, from the sysroot
#   /ports       the scripts, lib.sh and tests/system/tap.sh
# Header lines of a script:
#   # ports-test: PORT...   the ports it needs built (make prerequisites)
#   # ports-files: PATH...  sysroot files it needs in the initramfs
# tests/ports/run-basalt.sh boots the ISO and gives one TAP stream
# (ports-basalt in make test's list).

PORTS_TEST_SCRIPTS   := $(shell grep -l '^\# ports-test:' tests/ports/*.sh 2>/dev/null)
PORTS_TEST_NAMES     := $(basename $(notdir $(PORTS_TEST_SCRIPTS)))
PORTS_TEST_PORTS     := $(sort $(shell sed -n 's/^\# ports-test://p' $(PORTS_TEST_SCRIPTS)))
PORTS_TEST_DIR       := $(BUILD)/ports-test
PORTS_TEST_ROOT      := $(PORTS_TEST_DIR)/abi-root
# The name grub-abi.cfg loads: a directory of its own (as make stress).
PORTS_TEST_INITRAMFS := $(PORTS_TEST_DIR)/abi-initramfs.cpio.gz
PORTS_TEST_ISO       := $(PORTS_TEST_DIR)/basalt-ports.iso
PORTS_TEST_RUN       := $(PORTS_TEST_DIR)/ports-basalt

$(PORTS_TEST_INITRAMFS): $(BUILD)/abi/abi-init $(HOST_DEPS_STAMP) $(PORTS_TEST_SCRIPTS) tests/ports/lib.sh \
		tests/system/tap.sh tests/ports/ports-test.mk initramfs/mkcpio.sh \
		$(PORTS_BUILD)/busybox/.installed $(PORTS_TEST_PORTS:%=$(PORTS_BUILD)/%/.installed)
	@rm -rf $(PORTS_TEST_ROOT) && mkdir -p $(PORTS_TEST_ROOT)/abi $(PORTS_TEST_ROOT)/bin \
		$(PORTS_TEST_ROOT)/dev $(PORTS_TEST_ROOT)/proc $(PORTS_TEST_ROOT)/tmp \
		$(PORTS_TEST_ROOT)/ports $(PORTS_TEST_ROOT)/etc
	@chmod 1777 $(PORTS_TEST_ROOT)/tmp
	@cp $(BUILD)/abi/abi-init $(PORTS_TEST_ROOT)/init
	@cp $(SYSROOT)/bin/busybox $(PORTS_TEST_ROOT)/bin/busybox
	@for a in $$($(SYSROOT)/bin/busybox --list); do \
		case $$a in busybox | sh | ash) ;; *) ln -s busybox $(PORTS_TEST_ROOT)/bin/$$a ;; esac; done
	@cp /bin/bash-static $(PORTS_TEST_ROOT)/bin/bash && ln -s bash $(PORTS_TEST_ROOT)/bin/sh
	@cp initramfs/rootfs/etc/passwd initramfs/rootfs/etc/group $(PORTS_TEST_ROOT)/etc/
	@for f in $$(sed -n 's/^# ports-files://p' $(PORTS_TEST_SCRIPTS)); do \
		mkdir -p $(PORTS_TEST_ROOT)/$$(dirname $$f) && \
		cp -a $(SYSROOT)/$$f $(PORTS_TEST_ROOT)/$$f || exit 1; done
	@cp $(PORTS_TEST_SCRIPTS) tests/ports/lib.sh tests/system/tap.sh $(PORTS_TEST_ROOT)/ports/
	@for t in $(PORTS_TEST_NAMES); do \
		printf '#!/bin/sh\nPATH=/usr/bin:/bin TMPDIR=/tmp HOME=/tmp exec sh /ports/%s.sh\n' $$t \
			> $(PORTS_TEST_ROOT)/abi/$$t && chmod 755 $(PORTS_TEST_ROOT)/abi/$$t; done
	@printf '%s\n' $(PORTS_TEST_NAMES) > $(PORTS_TEST_ROOT)/abi/list
	@echo "  CPIO    $@"
	$(Q)sh initramfs/mkcpio.sh $(PORTS_TEST_ROOT) $@

$(eval $(call iso_rule,$(PORTS_TEST_ISO),disk/iso/grub-abi.cfg,$(PORTS_TEST_INITRAMFS)))

# A runner taking no arguments, for run-suites.sh's "host:" kind.
$(PORTS_TEST_RUN): $(PORTS_TEST_ISO) tests/ports/run-basalt.sh
	@printf '#!/bin/sh\nexec sh %s %s\n' "$(CURDIR)/tests/ports/run-basalt.sh" "$(CURDIR)/$(PORTS_TEST_ISO)" > $@
	@chmod +x $@

PORTS_TEST_SUITES := $(PORTS_TEST_SCRIPTS:%="host:%") "host:$(PORTS_TEST_RUN)"
PORT_SUITES += $(PORTS_TEST_SUITES)

.PHONY: ports-basalt
ports-basalt: $(PORTS_TEST_RUN) $(HOST_DEPS_STAMP) ## Run the tests/ports differential scripts on the host (Debian's programs) and inside Basalt (ours)
	sh tests/run-suites.sh $(BUILD)/test-logs $(PORTS_TEST_SUITES)

port-test test: $(PORTS_TEST_RUN)
