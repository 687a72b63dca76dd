# Bootable images: grub-mkrescue makes a hybrid ISO that boots under BIOS
# (SeaBIOS) and UEFI (OVMF). The ktest ISO differs only in its grub.cfg.

GRUB_MKRESCUE ?= grub-mkrescue

# $(1): image, $(2): grub.cfg template
define iso_rule
$(1): $(KERNEL_ELF) $(2) $(HOST_DEPS_STAMP)
	@rm -rf $(1).d && mkdir -p $(1).d/boot/grub
	cp $(KERNEL_ELF) $(1).d/basalt.elf
	cp $(2) $(1).d/boot/grub/grub.cfg
	$(GRUB_MKRESCUE) -o $(1) $(1).d 2> $(1).log || { cat $(1).log; exit 1; }
endef

$(eval $(call iso_rule,$(ISO),disk/iso/grub.cfg))
$(eval $(call iso_rule,$(KTEST_ISO),disk/iso/grub-ktest.cfg))

.PHONY: iso
iso: $(ISO) ## Build build/basalt.iso (BIOS and UEFI)
