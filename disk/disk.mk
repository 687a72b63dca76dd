# disk/: build/basalt.img, the installed system on a partitioned disk
# (GPT; BIOS boot partition with GRUB's i386-pc core image, FAT32 ESP with
# GRUB for x86_64-efi and the kernel, ext2 root with the userland), made
# by disk/mkdisk.sh without root privileges. `make run` boots it. See
# disk/README.md.

DISK_IMG      := $(BUILD)/basalt.img
DISK_WORK     := $(BUILD)/disk-image
# The UUIDs derive from this (disk/mkdisk.sh): a new version, new UUIDs.
DISK_VERSION  ?= 1
DISK_SRCS     := disk/mkdisk.sh disk/grub-bios-install.sh disk/grub.cfg disk/grub-early.cfg \
	disk/disk.mk $(shell find disk/rootfs tests/system -type f 2>/dev/null)
# The root file system's programs: BusyBox and every port, in the sysroot.
DISK_PORTS    := $(PORTS:%=$(PORTS_BUILD)/%/.installed)

DISK_INPUTS   := $(KERNEL_ELF) $(INITRAMFS) $(USERLAND_BINS) $(DISK_PORTS) $(DISK_SRCS) \
	$(HOST_DEPS_STAMP)

# $(1): an image, $(2): its work directory. IMAGE.args keeps the inputs,
# for tests/image/image-repro.sh to make it again.
define disk_rule
$(1): $(DISK_INPUTS)
	@echo "  DISK    $$@"
	$(Q)DISK_VERSION=$(DISK_VERSION) sh disk/mkdisk.sh $$@ $(KERNEL_ELF) $(INITRAMFS) $(SYSROOT) \
		$(2) $(USERLAND_BINS)
	@echo "DISK_VERSION=$(DISK_VERSION) $(KERNEL_ELF) $(INITRAMFS) $(SYSROOT) $(USERLAND_BINS)" > $$@.args
endef
$(eval $(call disk_rule,$(DISK_IMG),$(DISK_WORK)))

# make run: FW=bios|uefi (firmware), DISK=nvme|ahci (controller), MEM
# (QEMU's -m), SMP (QEMU's -smp, the Makefile's: 4). The image keeps what is written to it between runs; it is
# rebuilt (and so reset) when anything it is made from changes.
FW  ?= bios
DISK ?= nvme
MEM ?= $(QEMU_MEMORY)

.PHONY: disk run
disk: $(DISK_IMG) ## Build build/basalt.img: GPT disk, GRUB for BIOS and UEFI, ext2 root
run: $(DISK_IMG) $(HOST_DEPS_STAMP) ## Boot build/basalt.img (FW=bios|uefi DISK=nvme|ahci MEM=512M SMP=4); Ctrl-A X quits
	sh disk/qemu-disk.sh $(DISK_IMG) $(FW) $(DISK) $(MEM) $(QEMU_DISPLAY) -serial mon:stdio
