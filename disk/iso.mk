# Bootable images: grub-mkrescue makes a hybrid ISO that boots under BIOS
# (SeaBIOS) and UEFI (OVMF). The ktest ISO differs only in its grub.cfg.

GRUB_MKRESCUE ?= grub-mkrescue

# $(1): image, $(2): grub.cfg, $(3): extra files for the image's root
define iso_rule
$(1): $(KERNEL_ELF) $(2) $(3) $(HOST_DEPS_STAMP)
	@rm -rf $(1).d && mkdir -p $(1).d/boot/grub
	@cp $(KERNEL_ELF) $(3) $(1).d/
	@cp $(2) $(1).d/boot/grub/grub.cfg
	@echo "  ISO     $(1)"
	$(Q)$(GRUB_MKRESCUE) -o $(1) $(1).d 2> $(1).log || { cat $(1).log; exit 1; }
endef

$(eval $(call iso_rule,$(ISO),disk/iso/grub.cfg,$(INITRAMFS)))
$(eval $(call iso_rule,$(CRASH_ISO),disk/iso/grub-crash.cfg))
# The ktest ISO also carries the tests/abi programs, fixed-address and
# static-PIE (ABI_BINS, built by tests/tests.mk; tests.mk comes later,
# so the list is spelled out here too).
KTEST_ISO_ABI := $(foreach p,hello auxv mman errors,$(BUILD)/abi/$(p)) \
	$(BUILD)/abi/hello-pie $(BUILD)/abi/auxv-pie
# The gzip'd cpio fixture of tests/unit/unit.mk, unpacked by an in-kernel test.
KTEST_ISO_INITRAMFS := $(BUILD)/unit/fixtures/initramfs.cpio.gz
$(eval $(call iso_rule,$(KTEST_ISO),disk/iso/grub-ktest.cfg,disk/iso/ktest-module.txt \
	$(KTEST_ISO_ABI) $(KTEST_ISO_INITRAMFS)))
# The smp_ tests with nosmp / maxcpus= from QEMU's SMBIOS (tests/qemu/run-ktest.sh).
$(eval $(call iso_rule,$(KTEST_SMP_ISO),disk/iso/grub-ktest-smp.cfg))

.PHONY: iso
iso: $(ISO) ## Build build/basalt.iso (BIOS and UEFI)
