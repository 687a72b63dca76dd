# Differential port tests (issue 18). Every tests/ports/*.sh script with a
# "# ports-test: PORT..." header runs twice, with the same expected
# output: on the host with Debian's programs (a "host:" suite) and inside
# Basalt with our ports, booted from an initramfs of its own so that the
# make run root file system stays as small and quick to boot as it is:
#   /init       abi-init (tests/qemu/abi-init.c), which runs each /abi/NAME,
#               a wrapper that runs /ports/NAME.sh with PATH=/usr/bin:/bin
#   /bin        our BusyBox (ports/busybox) with its applet links, but
#               /bin/sh is Debian's bash-static: BusyBox's sh runs its own
#               applet of a name before PATH (FEATURE_SH_STANDALONE), so in
#               every "sh -c", shell script (zcat, gunzip) and pipeline its
#               gzip, xz, tar... would stand in for the ports under test
#   /usr/...    the sysroot files named by the scripts' "# ports-files:"
#               headers (the ports' programs; a directory is copied whole)
#   /ports      the scripts, lib.sh and tests/system/tap.sh
# tests/ports/run-basalt.sh boots it and prints one TAP stream.

PORTS_TEST_SCRIPTS   := $(shell grep -l '^\# ports-test:' tests/ports/*.sh 2>/dev/null)
PORTS_TEST_NAMES     := $(basename $(notdir $(PORTS_TEST_SCRIPTS)))
PORTS_TEST_PORTS     := $(sort $(shell sed -n 's/^\# ports-test://p' $(PORTS_TEST_SCRIPTS)))
PORTS_TEST_FILES     := $(sort $(shell sed -n 's/^\# ports-files://p' $(PORTS_TEST_SCRIPTS)))
PORTS_TEST_DIR       := $(BUILD)/ports-test
# run-abi-basalt.sh's list is read from abi-root/ beside the ISO, and
# grub-abi.cfg loads abi-initramfs.cpio.gz: a directory of their own.
PORTS_TEST_ROOT      := $(PORTS_TEST_DIR)/abi-root
PORTS_TEST_INITRAMFS := $(PORTS_TEST_DIR)/abi-initramfs.cpio.gz
PORTS_TEST_ISO       := $(PORTS_TEST_DIR)/basalt-ports.iso
# run-suites.sh's "host:" kind runs a program with no arguments.
PORTS_TEST_RUN       := $(PORTS_TEST_DIR)/ports-basalt

# ptyrun (tests/ports/ptyrun.c): runs a program on a pty and types keys
# into it (less.sh), /usr/bin/ptyrun in the initramfs; the scripts build
# it with cc on the host.
PORTS_TEST_PTYRUN    := $(PORTS_TEST_DIR)/ptyrun
$(PORTS_TEST_PTYRUN): tests/ports/ptyrun.c $(SYSROOT_HEADERS_STAMP) $(SYSROOT_LIBS)
	@mkdir -p $(@D)
	@echo "  BASALTCC $@"
	$(Q)$(BASALT_CC) -Wall -Wextra -Werror -O2 -static -o $@ $<

# tests/ports itself: a script added or removed changes its list.
$(PORTS_TEST_INITRAMFS): $(HOST_DEPS_STAMP) $(BUILD)/abi/abi-init $(PORTS_TEST_PTYRUN) $(PORTS_TEST_SCRIPTS) tests/ports tests/ports/lib.sh \
		tests/system/tap.sh tests/ports/ports-test.mk initramfs/mkcpio.sh \
		initramfs/rootfs/etc/passwd initramfs/rootfs/etc/group \
		$(PORTS_BUILD)/busybox/.installed $(PORTS_TEST_PORTS:%=$(PORTS_BUILD)/%/.installed)
	@rm -rf $(PORTS_TEST_ROOT)
	@mkdir -p $(addprefix $(PORTS_TEST_ROOT)/,abi bin dev proc tmp etc ports usr/bin)
	@chmod 1777 $(PORTS_TEST_ROOT)/tmp
	@cp $(BUILD)/abi/abi-init $(PORTS_TEST_ROOT)/init
	@cp $(SYSROOT)/bin/busybox $(PORTS_TEST_ROOT)/bin/
	@for a in $$($(SYSROOT)/bin/busybox --list); do \
		case $$a in busybox | sh | ash) ;; *) ln -s busybox $(PORTS_TEST_ROOT)/bin/$$a ;; esac; done
	@cp /bin/bash-static $(PORTS_TEST_ROOT)/bin/bash && ln -s bash $(PORTS_TEST_ROOT)/bin/sh
	@cp initramfs/rootfs/etc/passwd initramfs/rootfs/etc/group $(PORTS_TEST_ROOT)/etc/
	@for f in $(PORTS_TEST_FILES); do \
		mkdir -p $(PORTS_TEST_ROOT)/$$(dirname $$f) && \
		cp -RP $(SYSROOT)/$$f $(PORTS_TEST_ROOT)/$$f || exit 1; done
	@cp $(PORTS_TEST_PTYRUN) $(PORTS_TEST_ROOT)/usr/bin/
	@cp $(PORTS_TEST_SCRIPTS) tests/ports/lib.sh tests/system/tap.sh $(PORTS_TEST_ROOT)/ports/
	@for t in $(PORTS_TEST_NAMES); do \
		printf '#!/bin/sh\nPATH=/usr/bin:/bin HOME=/tmp TMPDIR=/tmp exec sh /ports/%s.sh\n' $$t \
			> $(PORTS_TEST_ROOT)/abi/$$t && chmod 755 $(PORTS_TEST_ROOT)/abi/$$t || exit 1; done
	@printf '%s\n' $(PORTS_TEST_NAMES) > $(PORTS_TEST_ROOT)/abi/list
	@echo "  CPIO    $@"
	$(Q)sh initramfs/mkcpio.sh $(PORTS_TEST_ROOT) $@

$(eval $(call iso_rule,$(PORTS_TEST_ISO),disk/iso/grub-abi.cfg,$(PORTS_TEST_INITRAMFS)))

$(PORTS_TEST_RUN): $(PORTS_TEST_ISO) tests/ports/run-basalt.sh
	@printf '#!/bin/sh\nexec sh %s %s\n' "$(CURDIR)/tests/ports/run-basalt.sh" \
		"$(CURDIR)/$(PORTS_TEST_ISO)" > $@
	@chmod +x $@

# Each script on the host (Debian's programs), then all of them in Basalt.
PORTS_TEST_SUITES := $(PORTS_TEST_SCRIPTS:%="host:%") "host:$(PORTS_TEST_RUN)"
PORT_SUITES += $(PORTS_TEST_SUITES)

.PHONY: ports-basalt
ports-basalt: $(PORTS_TEST_RUN) $(HOST_DEPS_STAMP) ## Run the tests/ports differential scripts on the host (Debian's programs) and inside Basalt (ours)
	sh tests/run-suites.sh $(BUILD)/test-logs $(PORTS_TEST_SUITES)

port-test test: $(PORTS_TEST_RUN)
