# tests/disk: the differential disk tests (issue 13). run-disk.sh boots
# BASALT or Debian's Linux from these ISOs with disk images attached and
# runs one script of tests/disk inside; suite.sh runs every script on
# both kernels and both buses, diffs the outputs and fscks the images.
# See tests/disk/README.md.
DISK_DIR          := $(BUILD)/disk
DISK_ROOT         := $(DISK_DIR)/root
DISK_INITRAMFS    := $(DISK_DIR)/disk-initramfs.cpio.gz
DISK_MODULES_DIR  := $(DISK_DIR)/linux-modules
DISK_MODULES_CPIO := $(DISK_DIR)/disk-modules.cpio.gz
DISK_BASALT_ISO   := $(DISK_DIR)/basalt-disk.iso
DISK_LINUX_ISO    := $(DISK_DIR)/linux-disk.iso
DISK_ROOTBOOT_ISO := $(DISK_DIR)/basalt-rootboot.iso
# Linux's drivers, as modules of the same package as LINUX_VMLINUZ: the
# crypto CRC helpers first (their users find them through the crypto
# API, which would ask modprobe), NVMe, AHCI and SCSI disks, ext4 (which
# mounts ext2), FAT with the code pages vfat asks for (Debian's default
# iocharset is ascii; the tests mount with -o utf8).
DISK_LINUX_MODULES := crct10dif_generic crc64_rocksoft_generic crc32c_generic nvme ahci sd_mod \
	ext4 nls_cp437 nls_iso8859-1 nls_utf8 nls_ascii vfat msdos

# Basalt's own e2fsprogs and dosfstools (static: they run under both
# kernels), in /opt/sbin for the tools-*.sh scripts.
DISK_PORT_TOOLS := mke2fs e2fsck mkfs.fat fsck.fat blkid

# Helper programs of the scripts (static, like tests/abi's: both kernels
# run them), in /opt/bin.
DISK_HELPERS := $(DISK_DIR)/bin/rename2
$(DISK_DIR)/bin/%: tests/disk/%.c $(HOST_DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  ABICC   $@"
	$(Q)$(ABI_CC) $(ABI_CFLAGS) -o $@ $<

$(DISK_INITRAMFS): $(BUILD)/abi/abi-init tests/disk/disk-init.sh tests/disk/disk-lib.sh $(DISK_HELPERS) \
		initramfs/mkcpio.sh tests/disk/disk.mk \
		$(PORTS_BUILD)/e2fsprogs/.installed $(PORTS_BUILD)/dosfstools/.installed
	@rm -rf $(DISK_ROOT) && mkdir -p $(DISK_ROOT)/abi $(DISK_ROOT)/bin $(DISK_ROOT)/dev \
		$(DISK_ROOT)/proc $(DISK_ROOT)/tmp $(DISK_ROOT)/mnt
	@chmod 1777 $(DISK_ROOT)/tmp
	@cp $(BUILD)/abi/abi-init $(DISK_ROOT)/init
	@cp /bin/busybox $(DISK_ROOT)/bin/busybox
	@for a in $$(/bin/busybox --list); do [ $$a = busybox ] || ln -s busybox $(DISK_ROOT)/bin/$$a; done
	@mkdir -p $(DISK_ROOT)/opt/sbin
	@for t in $(DISK_PORT_TOOLS); do cp $(SYSROOT)/sbin/$$t $(DISK_ROOT)/opt/sbin/; done
	@mkdir -p $(DISK_ROOT)/opt/bin && cp $(DISK_HELPERS) $(DISK_ROOT)/opt/bin/
	@cp tests/disk/disk-init.sh tests/disk/disk-lib.sh $(DISK_ROOT)/abi/
	@chmod 755 $(DISK_ROOT)/abi/disk-init.sh
	@echo disk-init.sh > $(DISK_ROOT)/abi/list
	@echo "  CPIO    $@"
	$(Q)sh initramfs/mkcpio.sh $(DISK_ROOT) $@

$(DISK_MODULES_DIR)/modules/order: tests/disk/fetch-linux-modules.sh $(LINUX_VMLINUZ) tests/disk/disk.mk
	$(Q)sh tests/disk/fetch-linux-modules.sh $(DISK_MODULES_DIR) $(dir $(LINUX_VMLINUZ))package \
		$(DISK_LINUX_MODULES)

$(DISK_MODULES_CPIO): $(DISK_MODULES_DIR)/modules/order initramfs/mkcpio.sh
	@echo "  CPIO    $@"
	$(Q)sh initramfs/mkcpio.sh $(DISK_MODULES_DIR) $@

# switch-root.sh: an initramfs whose /init (a script, PID 1) mounts the
# disk's ext2 root and execs BusyBox switch_root into it.
DISK_SWROOT_ROOT       := $(DISK_DIR)/switchroot-root
DISK_SWROOT_INITRAMFS  := $(DISK_DIR)/switchroot-initramfs.cpio.gz
DISK_SWROOT_BASALT_ISO := $(DISK_DIR)/basalt-switchroot.iso
DISK_SWROOT_LINUX_ISO  := $(DISK_DIR)/linux-switchroot.iso

$(DISK_SWROOT_INITRAMFS): tests/disk/switchroot-init.sh initramfs/mkcpio.sh tests/disk/disk.mk
	@rm -rf $(DISK_SWROOT_ROOT) && mkdir -p $(DISK_SWROOT_ROOT)/bin $(DISK_SWROOT_ROOT)/dev \
		$(DISK_SWROOT_ROOT)/proc $(DISK_SWROOT_ROOT)/newroot
	@cp /bin/busybox $(DISK_SWROOT_ROOT)/bin/busybox
	@for a in $$(/bin/busybox --list); do [ $$a = busybox ] || ln -s busybox $(DISK_SWROOT_ROOT)/bin/$$a; done
	@cp tests/disk/switchroot-init.sh $(DISK_SWROOT_ROOT)/init
	@chmod 755 $(DISK_SWROOT_ROOT)/init
	@echo "  CPIO    $@"
	$(Q)sh initramfs/mkcpio.sh $(DISK_SWROOT_ROOT) $@

$(eval $(call iso_rule,$(DISK_SWROOT_BASALT_ISO),tests/disk/grub-switchroot-basalt.cfg,$(DISK_SWROOT_INITRAMFS)))
$(eval $(call iso_rule,$(DISK_SWROOT_LINUX_ISO),tests/disk/grub-switchroot-linux.cfg,$(DISK_SWROOT_INITRAMFS) \
	$(DISK_MODULES_CPIO) $(LINUX_VMLINUZ)))

$(eval $(call iso_rule,$(DISK_BASALT_ISO),tests/disk/grub-basalt.cfg,$(DISK_INITRAMFS)))
$(eval $(call iso_rule,$(DISK_ROOTBOOT_ISO),tests/disk/grub-rootboot.cfg))
$(eval $(call iso_rule,$(DISK_LINUX_ISO),tests/disk/grub-linux.cfg,$(DISK_INITRAMFS) \
	$(DISK_MODULES_CPIO) $(LINUX_VMLINUZ)))

.PHONY: disk-isos disk-test
disk-isos: $(DISK_BASALT_ISO) $(DISK_LINUX_ISO) ## Build the ISOs tests/disk/run-disk.sh boots

disk-test: $(DISK_BASALT_ISO) $(DISK_LINUX_ISO) $(DISK_ROOTBOOT_ISO) $(DISK_SWROOT_BASALT_ISO) \
		$(DISK_SWROOT_LINUX_ISO) $(HOST_DEPS_STAMP) ## Run the tests/disk scripts on Basalt and Linux, NVMe and AHCI, with host fsck; boot from an ext2 root=
	sh tests/run-suites.sh $(BUILD)/test-logs "disk:tests/disk" "host:tests/disk/root-boot.sh" \
		"host:tests/disk/power-cut.sh" "host:tests/disk/switch-root.sh" "host:tests/disk/ext2-orlov.sh"

# make test runs the suite too (tests/tests.mk's list); its ISOs first.
test: $(DISK_BASALT_ISO) $(DISK_LINUX_ISO) $(DISK_ROOTBOOT_ISO) $(DISK_SWROOT_BASALT_ISO) \
	$(DISK_SWROOT_LINUX_ISO)
