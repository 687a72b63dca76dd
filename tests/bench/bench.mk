# make bench: the same workloads (tests/bench/bench-init.c as PID 1,
# Debian's busybox-static for the shell ones) booted under Basalt and
# under Debian's Linux kernel in the same QEMU command line, with the
# Basalt/Linux ratio of each (tests/bench/run-bench.sh). Not part of
# make test: a benchmark never fails CI.

# make bench BENCH_ONLY="fork_exit read_4k_cached" runs only those.
BENCH_ONLY       ?=
# make bench BENCH_PROFILE=1 boots Basalt with the tick profiler
# (kernel/core/profile.c) and prints where its kernel time went.
BENCH_PROFILE    ?=
BENCH_BASALT_ARGS := $(if $(BENCH_PROFILE),profile loglevel=6)
BENCH_DIR        := $(BUILD)/bench
BENCH_INITRAMFS  := $(BENCH_DIR)/bench-initramfs.cpio.gz
BENCH_BASALT_ISO := $(BUILD)/bench-basalt.iso
BENCH_LINUX_ISO  := $(BUILD)/bench-linux.iso
BENCH_LINUX      := $(LINUX_VMLINUZ)
BENCH_PROGS      := $(BENCH_DIR)/bench-init $(BENCH_DIR)/true $(BENCH_DIR)/tiny
# The BusyBox applets the shell workloads call.
BENCH_APPLETS    := sh true find sed sort uniq head tar gzip rm mkdir

$(BENCH_DIR)/bench-init: tests/qemu/init_devices.h tests/bench/bench_disk.h tests/bench/bench_raw.h \
	tests/bench/bench_configure.h tests/bench/bench_net.h tests/bench/bench_scale.h
$(BENCH_DIR)/bench-init $(BENCH_DIR)/true: $(BENCH_DIR)/%: tests/bench/%.c $(HOST_DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  ABICC   $@"
	$(Q)$(ABI_CC) $(ABI_CFLAGS) -o $@ $<

# No C library and no page alignment of the one segment (-n): under 1 KiB.
$(BENCH_DIR)/tiny: tests/bench/tiny.c $(HOST_DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  ABICC   $@"
	$(Q)$(ABI_CC) $(ABI_CFLAGS) -nostdlib -Wl,-n -Wl,--build-id=none -o $@ $<

# The selection and the arguments are part of the images: a stamp named
# by their checksum rebuilds them when either changes.
BENCH_CONFIG_STAMP := $(BENCH_DIR)/config-$(shell echo '$(BENCH_ONLY);$(BENCH_BASALT_ARGS)' | \
	cksum | cut -d' ' -f1)
$(BENCH_CONFIG_STAMP):
	@mkdir -p $(@D) && rm -f $(BENCH_DIR)/config-* && touch $@

$(BENCH_DIR)/grub-basalt.cfg: tests/bench/grub-basalt.cfg $(BENCH_CONFIG_STAMP)
	@mkdir -p $(@D)
	$(Q)sed 's/@ARGS@/$(BENCH_BASALT_ARGS)/' $< > $@

# Linux's disk and ext2 drivers for the ext2 rows (bench_disk.h; the
# modules of tests/disk/disk.mk) are in the archive both kernels unpack,
# so that the boot rows compare the same work; Basalt ignores them.
$(BENCH_INITRAMFS): $(BENCH_PROGS) $(BENCH_CONFIG_STAMP) initramfs/mkcpio.sh tests/bench/bench.mk \
		$(DISK_MODULES_DIR)/modules/order
	@rm -rf $(BENCH_DIR)/root && mkdir -p $(BENCH_DIR)/root/bench $(BENCH_DIR)/root/bin \
		$(BENCH_DIR)/root/dev $(BENCH_DIR)/root/proc $(BENCH_DIR)/root/tmp
	@chmod 1777 $(BENCH_DIR)/root/tmp
	@cp $(BENCH_DIR)/bench-init $(BENCH_DIR)/root/init
	@cp $(BENCH_DIR)/true $(BENCH_DIR)/tiny $(BENCH_DIR)/root/bench/
	@cp /bin/busybox $(BENCH_DIR)/root/bin/busybox
	@cp -r $(DISK_MODULES_DIR)/modules $(BENCH_DIR)/root/modules
	@for a in $(BENCH_APPLETS); do ln -s busybox $(BENCH_DIR)/root/bin/$$a; done
	@if [ -n "$(BENCH_ONLY)" ]; then echo "$(BENCH_ONLY)" > $(BENCH_DIR)/root/bench/only; fi
	@echo "  CPIO    $@"
	$(Q)sh initramfs/mkcpio.sh $(BENCH_DIR)/root $@

$(eval $(call iso_rule,$(BENCH_BASALT_ISO),$(BENCH_DIR)/grub-basalt.cfg,$(BENCH_INITRAMFS)))
$(eval $(call iso_rule,$(BENCH_LINUX_ISO),tests/bench/grub-linux.cfg,$(BENCH_INITRAMFS) $(BENCH_LINUX)))

# The configure row's disk: Debian's gcc and the dosfstools source.
BENCH_CONFIGURE_IMG := $(BENCH_DIR)/configure.img
$(BENCH_CONFIGURE_IMG): tests/bench/mkconfigure.sh tests/bench/configure-packages.list \
		tests/debian/fetch-root.sh $(PORTS_SRC)/dosfstools/.fetched
	$(Q)sh tests/bench/mkconfigure.sh $@ $(BENCH_DIR)/gccroot $(PORTS_SRC)/dosfstools

.PHONY: bench
bench: $(BENCH_BASALT_ISO) $(BENCH_LINUX_ISO) $(BENCH_CONFIGURE_IMG) ## Benchmarks: Basalt against Debian's Linux in the same QEMU, ratios
	sh tests/bench/run-bench.sh $(BENCH_BASALT_ISO) $(BENCH_LINUX_ISO) $(BENCH_DIR) \
		$(dir $(LINUX_VMLINUZ))package

# make test builds the benchmark's programs, so that they keep compiling.
test: $(BENCH_PROGS)
