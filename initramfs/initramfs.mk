# build/initramfs.cpio.gz: the root file system `make run` boots into.
# initramfs/mklist.sh writes its file list (modes and owners as listed),
# gen_cpio (a host tool) packs it like Linux's gen_init_cpio, with no
# root needed and the same bytes on every run, and gzip -n compresses it.

# The BusyBox binary of the root file system: our port (ports/busybox),
# built against our newlib and installed into the sysroot. BUSYBOX=/bin/busybox
# boots Debian's busybox-static instead.
PORT_BUSYBOX_BIN := $(SYSROOT)/bin/busybox
$(PORT_BUSYBOX_BIN): $(PORTS_BUILD)/busybox/.installed ;
BUSYBOX        ?= $(PORT_BUSYBOX_BIN)
# The ports' programs the root file system carries, as the sysroot has
# them (a hard link after the file it links to: it becomes a symbolic
# link); their BusyBox applets of the same names are left out.
INITRAMFS_PORT_FILES := sbin/mke2fs sbin/mkfs.ext2 sbin/e2fsck sbin/fsck.ext2 \
	sbin/tune2fs sbin/dumpe2fs sbin/debugfs \
	sbin/mkfs.fat sbin/mkfs.vfat sbin/mkdosfs sbin/fsck.fat sbin/fsck.vfat
INITRAMFS_PORTS := $(PORTS_BUILD)/e2fsprogs/.installed $(PORTS_BUILD)/dosfstools/.installed
GEN_CPIO       := $(BUILD)/host/gen_cpio
INITRAMFS      := $(BUILD)/initramfs.cpio.gz
INITRAMFS_LIST := $(BUILD)/initramfs.list
INITRAMFS_SRCS := $(shell find initramfs/rootfs tests/system -type f 2>/dev/null)
# mtime of every entry (gen_cpio's default is $SOURCE_DATE_EPOCH, else 0).
export SOURCE_DATE_EPOCH ?= 0

$(GEN_CPIO): initramfs/gen_cpio.c $(HOST_DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  HOSTCC  $@"
	$(Q)gcc -std=gnu11 -O2 -Wall -Wextra -Werror -o $@ $<

# Rewritten each time, but only replaced when it changes.
$(INITRAMFS_LIST): initramfs/mklist.sh $(INITRAMFS_SRCS) $(USERLAND_BINS) $(BUSYBOX) $(INITRAMFS_PORTS) FORCE
	@mkdir -p $(@D)
	$(Q)sh initramfs/mklist.sh $(BUSYBOX) $(USERLAND_BINS) -- $(SYSROOT) $(INITRAMFS_PORT_FILES) > $@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

$(INITRAMFS): $(INITRAMFS_LIST) $(GEN_CPIO) $(BUSYBOX) $(INITRAMFS_SRCS) $(USERLAND_BINS) $(INITRAMFS_PORTS)
	@echo "  CPIO    $@"
	$(Q)$(GEN_CPIO) $(INITRAMFS_LIST) $(@:.gz=)
	$(Q)gzip -9 -n -c $(@:.gz=) > $@

.PHONY: initramfs FORCE
FORCE:
initramfs: $(INITRAMFS) ## Build build/initramfs.cpio.gz (BusyBox root file system)
