# build/initramfs.cpio.gz: the root file system `make run` boots into
# (initramfs/mkrootfs.sh lays it out, initramfs/mkcpio.sh packs it).

INITRAMFS      := $(BUILD)/initramfs.cpio.gz
INITRAMFS_SRCS := $(shell find initramfs/rootfs tests/system -type f 2>/dev/null)

$(INITRAMFS): $(INITRAMFS_SRCS) initramfs/mkrootfs.sh initramfs/mkcpio.sh $(HOST_DEPS_STAMP)
	@echo "  ROOTFS  $(BUILD)/rootfs"
	$(Q)sh initramfs/mkrootfs.sh $(BUILD)/rootfs
	@echo "  CPIO    $@"
	$(Q)sh initramfs/mkcpio.sh $(BUILD)/rootfs $@

.PHONY: initramfs
initramfs: $(INITRAMFS) ## Build build/initramfs.cpio.gz (BusyBox root file system)
