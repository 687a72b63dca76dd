# make test: host unit tests, the libc tests (glibc and newlib builds), then the in-kernel tests booted under BIOS
# and UEFI. tests/run-suites.sh runs each suite, reads its TAP/KTAP and
# prints the closing "N passed, N failed" line.

include tests/unit/unit.mk
include tests/libc/libc-tests.mk

KTEST_TIMEOUT ?= 120

# tests/abi: Linux programs built static with the host gcc (glibc). make
# test runs each on the host; the ktest ISO carries them as modules.
ABI_CC     ?= gcc
ABI_CFLAGS := -static -O2 -Wall -Wextra -Werror
# NAME-pie is NAME built static-PIE, for the programs where the load
# bias matters (the ktest ISO has room for 8 boot modules).
ABI_PROGS  := hello auxv mman errors signals
# Differential tests of the process, file and time ABI.
ABI_PROGS  += fork_wait exec pipes poll threads time fds badptr limits sysinfo mixed pty_jobs locks uts klog_read proc_churn sigio big_image cputime file_map text_busy top_page arg_max pipe_limits edge_errnos oom file_limits proc_fd bash_procsub interp xattr robust io_fault enosys startup_calls
# Event files (issue 16).
ABI_PROGS  += eventfd timerfd signalfd epoll file_shared vfs_cache sync_range text_shared
ABI_PROGS  += unix_stream unix_dgram unix_scm
# AF_INET over lo (issue 16).
ABI_PROGS  += inet_udp inet_tcp inet_bulk inet_ifconfig inet6_udp inet6_tcp
# The process, signal and /proc locks under load (issue 10's lock split).
ABI_PROGS  += signal_storm
# Hardening (issue 21): shared futexes, core dumps, errnos, OFD locks.
ABI_PROGS  += futex_shared coredump harden_errnos ofd_locks stress epoll_watches pty_limits pty_pairs
# Mounting (issue 13): remount, bind, move, umount, mountinfo.
ABI_PROGS  += mounts
# Start-up prctl options and set-id exec (issue 15).
ABI_PROGS  += prctl_setid copy_range execveat
# Page cache: truncate and holes of mapped files, reclaim (issue 11).
ABI_PROGS  += file_truncate file_punch oom_shell copy_edge
# memfd_create and file seals, pidfds, POSIX timers, setting the clock (issue 16).
ABI_PROGS  += memfd pidfd posix_timers clock_set
# openat2, the vDSO, address-space randomisation, the older utime calls,
# preadv2/pwritev2, kcmp, membarrier, process_vm_readv/writev (issue 15).
ABI_PROGS  += openat2 aslr vdso utimes rw2 kcmp process_vm
# Scheduling policies, memory locking, statx and faccessat2 (issue 15).
ABI_PROGS  += sched_policy mlock statx
# The per-CPU lines of /proc/stat and /proc/cpuinfo (issue 19).
ABI_PROGS  += cpu_stat smp_stress
# System V IPC (message queues, semaphores, shared memory) and inotify (issue 16).
ABI_PROGS  += sysv_msg sysv_sem sysv_shm inotify
ABI_PIE    := hello auxv aslr
# NAME-dyn is NAME linked dynamically against the host's glibc: the
# initramfs carries its ld.so and libc.so.6 (ABI_DYN_LIBS), so Basalt and
# Linux load the very same libraries.
ABI_DYN    := hello auxv aslr vdso
ABI_DYN_LIBS := /lib64/ld-linux-x86-64.so.2 /lib/x86_64-linux-gnu/libc.so.6
# NAME-newlib is NAME built with x86_64-basalt-gcc (our newlib, -pthread).
# The -pie variants stay glibc-only: our crt0 does not relocate itself.
ABI_NEWLIB := $(ABI_PROGS)
ABI_BINS   := $(ABI_PROGS:%=$(BUILD)/abi/%) $(ABI_PIE:%=$(BUILD)/abi/%-pie) \
	$(ABI_DYN:%=$(BUILD)/abi/%-dyn) $(ABI_NEWLIB:%=$(BUILD)/abi/%-newlib)

$(BUILD)/abi/%-newlib: tests/abi/%.c tests/abi/abi_tap.h $(SYSROOT_HEADERS_STAMP) $(SYSROOT_LIBS)
	@mkdir -p $(@D)
	@echo "  BASALTCC $@"
	$(Q)$(BASALT_CC) $(ABI_CFLAGS) -pthread -o $@ $<

$(BUILD)/abi/%-dyn: tests/abi/%.c tests/abi/abi_tap.h $(HOST_DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  ABICC   $@"
	$(Q)$(ABI_CC) $(filter-out -static,$(ABI_CFLAGS)) -DABI_DYNAMIC -o $@ $<

# Each program twice: fixed-address (ET_EXEC) and static-PIE (ET_DYN).
$(BUILD)/abi/%-pie: tests/abi/%.c tests/abi/abi_tap.h $(HOST_DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  ABICC   $@"
	$(Q)$(ABI_CC) $(ABI_CFLAGS:-static=-static-pie) -fPIE -o $@ $<

$(BUILD)/abi/%: tests/abi/%.c tests/abi/abi_tap.h $(HOST_DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  ABICC   $@"
	$(Q)$(ABI_CC) $(ABI_CFLAGS) -o $@ $<

# The same programs inside Basalt: an initramfs whose /init (abi-init)
# runs each one from /abi and powers off; run-abi-basalt.sh reads the TAP
# back from the serial log. Debian's busybox is /bin/sh there (exec runs
# a #! script), and Debian's bash-static is /bin/bash-static (bash_procsub).
# Every tests/libc newlib build runs there too, as libc-NAME, with the root
# skeleton's /etc/passwd and /etc/group and a `true` applet.
LIBC_BASALT_TESTS := $(LIBC_TESTS)
ABI_BASALT_PROGS := $(ABI_PROGS) $(ABI_PIE:%=%-pie) $(ABI_DYN:%=%-dyn) $(ABI_NEWLIB:%=%-newlib) \
	$(LIBC_BASALT_TESTS:%=libc-%)
ABI_ISO          := $(BUILD)/basalt-abi.iso
ABI_INITRAMFS    := $(BUILD)/abi-initramfs.cpio.gz

$(BUILD)/abi/abi-init: tests/qemu/abi-init.c tests/qemu/init_devices.h $(HOST_DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  ABICC   $@"
	$(Q)$(ABI_CC) $(ABI_CFLAGS) -o $@ $<

$(ABI_INITRAMFS): $(BUILD)/abi/abi-init $(ABI_BINS) $(LIBC_TEST_NEWLIB_BINS) initramfs/mkcpio.sh \
		initramfs/rootfs/etc/passwd initramfs/rootfs/etc/group tests/tests.mk
	@rm -rf $(BUILD)/abi-root && mkdir -p $(BUILD)/abi-root/abi $(BUILD)/abi-root/dev \
		$(BUILD)/abi-root/tmp $(BUILD)/abi-root/proc $(BUILD)/abi-root/bin \
		$(BUILD)/abi-root/etc
	@chmod 1777 $(BUILD)/abi-root/tmp
	@cp /bin/busybox $(BUILD)/abi-root/bin/busybox && ln -s busybox $(BUILD)/abi-root/bin/sh
	@ln -s busybox $(BUILD)/abi-root/bin/true
	@cp /bin/bash-static $(BUILD)/abi-root/bin/bash-static
	@cp initramfs/rootfs/etc/passwd initramfs/rootfs/etc/group $(BUILD)/abi-root/etc/
	@for l in $(ABI_DYN_LIBS); do mkdir -p $(BUILD)/abi-root$$(dirname $$l) && \
		cp -L $$l $(BUILD)/abi-root$$l; done
	@cp $(BUILD)/abi/abi-init $(BUILD)/abi-root/init
	@cp $(ABI_BINS) $(BUILD)/abi-root/abi/
	@for t in $(LIBC_BASALT_TESTS); do cp $(LIBC_TEST_DIR)/$$t-newlib $(BUILD)/abi-root/abi/libc-$$t; done
	@# Without DWARF (our newlib is built with -g: three quarters of each
	@# -newlib program): the root lives in RAM, and under Debian's Linux in a
	@# 256 MiB VM its tmpfs had no room left for the 2 MiB file_limits and
	@# text_busy write. Symbols stay (build/abi/ keeps the full programs).
	@strip --strip-debug $(BUILD)/abi-root/abi/* $(BUILD)/abi-root/init
	@printf '%s\n' $(ABI_BASALT_PROGS) > $(BUILD)/abi-root/abi/list
	@echo "  CPIO    $@"
	$(Q)sh initramfs/mkcpio.sh $(BUILD)/abi-root $@

$(eval $(call iso_rule,$(ABI_ISO),disk/iso/grub-abi.cfg,$(ABI_INITRAMFS)))

# Debian's own Linux kernel (the package linux-image-amd64 depends on),
# the reference: abi-linux boots it on the same initramfs and QEMU as
# abi-basalt, so every program is also checked against Linux 6.1 itself,
# not only against the host's kernel. make bench boots it too.
LINUX_VMLINUZ   := $(BUILD)/linux/vmlinuz
ABI_LINUX_ISO   := $(BUILD)/linux-abi.iso

$(LINUX_VMLINUZ): tests/bench/fetch-linux.sh $(HOST_DEPS_STAMP)
	$(Q)sh tests/bench/fetch-linux.sh $(@D)

$(eval $(call iso_rule,$(ABI_LINUX_ISO),disk/iso/grub-abi-linux.cfg,$(ABI_INITRAMFS) $(LINUX_VMLINUZ)))

# The storage test (issue 12): abi-init runs storage_check against an
# AHCI disk and an NVMe disk that run-storage.sh makes and checks; q35
# with MSI/MSI-X, i440fx (pc) with pci=nomsi for INTx.
STORAGE_ISO       := $(BUILD)/basalt-storage.iso
STORAGE_NOMSI_ISO := $(BUILD)/basalt-storage-nomsi.iso
STORAGE_INITRAMFS := $(BUILD)/storage-initramfs.cpio.gz

$(BUILD)/abi/storage_check: tests/qemu/storage_check.c tests/abi/abi_tap.h $(HOST_DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  ABICC   $@"
	$(Q)$(ABI_CC) $(ABI_CFLAGS) -o $@ $<

$(BUILD)/abi/storage_sys: tests/qemu/storage_sys.c tests/abi/abi_tap.h $(HOST_DEPS_STAMP)
	@mkdir -p $(@D)
	@echo "  ABICC   $@"
	$(Q)$(ABI_CC) $(ABI_CFLAGS) -o $@ $<

# storage_show runs our BusyBox's lspci, fdisk, ls and cat (STORAGE_APPLETS).
STORAGE_APPLETS := sh cat ls lspci fdisk mount sleep wc uname awk sort
$(STORAGE_INITRAMFS): $(BUILD)/abi/abi-init $(BUILD)/abi/storage_check $(BUILD)/abi/storage_sys \
		tests/qemu/storage_show.sh $(PORTS_BUILD)/busybox/.installed initramfs/mkcpio.sh
	@rm -rf $(BUILD)/storage-root && mkdir -p $(BUILD)/storage-root/abi \
		$(BUILD)/storage-root/dev $(BUILD)/storage-root/proc $(BUILD)/storage-root/tmp \
		$(BUILD)/storage-root/sys $(BUILD)/storage-root/bin
	@cp $(BUILD)/abi/abi-init $(BUILD)/storage-root/init
	@cp $(BUILD)/abi/storage_check $(BUILD)/abi/storage_sys $(BUILD)/storage-root/abi/
	@cp tests/qemu/storage_show.sh $(BUILD)/storage-root/abi/storage_show
	@cp $(SYSROOT)/bin/busybox $(BUILD)/storage-root/bin/
	@for a in $(STORAGE_APPLETS); do ln -s busybox $(BUILD)/storage-root/bin/$$a; done
	@printf '%s\n' storage_check storage_sys storage_show > $(BUILD)/storage-root/abi/list
	@echo "  CPIO    $@"
	$(Q)sh initramfs/mkcpio.sh $(BUILD)/storage-root $@

$(eval $(call iso_rule,$(STORAGE_ISO),disk/iso/grub-storage.cfg,$(STORAGE_INITRAMFS)))
$(eval $(call iso_rule,$(STORAGE_NOMSI_ISO),disk/iso/grub-storage-nomsi.cfg,$(STORAGE_INITRAMFS)))

# The reference: Debian's Linux on the same QEMU lines and images runs
# storage_show alone (our BusyBox; Debian's for insmod, which ours lacks)
# with its ahci and nvme modules (tests/disk/disk.mk's archive), and
# run-storage.sh compares its outputs with the same expected files.
STORAGE_LINUX_ISO       := $(BUILD)/linux-storage.iso
STORAGE_LINUX_INITRAMFS := $(BUILD)/storage-linux-initramfs.cpio.gz
$(STORAGE_LINUX_INITRAMFS): $(STORAGE_INITRAMFS)
	@rm -rf $(BUILD)/storage-linux-root && cp -a $(BUILD)/storage-root $(BUILD)/storage-linux-root
	@rm $(BUILD)/storage-linux-root/abi/storage_check $(BUILD)/storage-linux-root/abi/storage_sys
	@cp /bin/busybox $(BUILD)/storage-linux-root/bin/debian-busybox
	@ln -s debian-busybox $(BUILD)/storage-linux-root/bin/insmod
	@echo storage_show > $(BUILD)/storage-linux-root/abi/list
	@echo "  CPIO    $@"
	$(Q)sh initramfs/mkcpio.sh $(BUILD)/storage-linux-root $@

$(eval $(call iso_rule,$(STORAGE_LINUX_ISO),disk/iso/grub-storage-linux.cfg,$(STORAGE_LINUX_INITRAMFS) \
	$(BUILD)/disk/disk-modules.cpio.gz $(LINUX_VMLINUZ)))

STORAGE_SUITES := "storage-q35:$(STORAGE_ISO)" "storage-pc:$(STORAGE_NOMSI_ISO)" \
	"storage-linux-q35:$(STORAGE_LINUX_ISO)" "storage-linux-pc:$(STORAGE_LINUX_ISO)"
storage-test: $(STORAGE_ISO) $(STORAGE_NOMSI_ISO) $(STORAGE_LINUX_ISO) $(HOST_DEPS_STAMP) ## Run the AHCI/NVMe disk test on q35 (MSI) and pc (INTx)
	sh tests/run-suites.sh $(BUILD)/test-logs $(STORAGE_SUITES)

# Debian's own dynamically linked programs (tests/debian): a root
# unpacked from Debian's packages (fetch-root.sh), abi-init as /init
# running debian.sh, booted on Basalt and on Debian's Linux.
DEBIAN_DIR       := $(BUILD)/debian
DEBIAN_ROOT      := $(DEBIAN_DIR)/.root
DEBIAN_INITRAMFS := $(DEBIAN_DIR)/debian-initramfs.cpio.gz
DEBIAN_ISO       := $(DEBIAN_DIR)/basalt-debian.iso
DEBIAN_LINUX_ISO := $(DEBIAN_DIR)/linux-debian.iso

$(DEBIAN_ROOT): tests/debian/fetch-root.sh tests/debian/packages.list $(HOST_DEPS_STAMP)
	$(Q)sh tests/debian/fetch-root.sh $(DEBIAN_DIR) tests/debian/packages.list
	@touch $@

# The runner reads the program list from abi-root/abi/list beside the ISO.
$(DEBIAN_INITRAMFS): $(DEBIAN_ROOT) $(BUILD)/abi/abi-init tests/debian/debian.sh initramfs/mkcpio.sh
	@rm -rf $(DEBIAN_DIR)/abi-root && cp -a $(DEBIAN_DIR)/root $(DEBIAN_DIR)/abi-root
	@cd $(DEBIAN_DIR)/abi-root && mkdir -p abi dev proc tmp && chmod 1777 tmp && ln -sf bash bin/sh
	@cp $(BUILD)/abi/abi-init $(DEBIAN_DIR)/abi-root/init
	@cp tests/debian/debian.sh $(DEBIAN_DIR)/abi-root/abi/debian.sh
	@echo debian.sh > $(DEBIAN_DIR)/abi-root/abi/list
	@echo "  CPIO    $@"
	$(Q)sh initramfs/mkcpio.sh $(DEBIAN_DIR)/abi-root $@

$(eval $(call iso_rule,$(DEBIAN_ISO),disk/iso/grub-debian.cfg,$(DEBIAN_INITRAMFS)))
$(eval $(call iso_rule,$(DEBIAN_LINUX_ISO),disk/iso/grub-debian-linux.cfg,$(DEBIAN_INITRAMFS) $(LINUX_VMLINUZ)))

debian-test: $(DEBIAN_ISO) $(DEBIAN_LINUX_ISO) $(HOST_DEPS_STAMP) ## Run Debian's dynamic programs on Basalt and on Linux
	sh tests/run-suites.sh $(BUILD)/test-logs "debian-basalt:$(DEBIAN_ISO)" "debian-linux:$(DEBIAN_LINUX_ISO)"

# The tests/system scripts inside Basalt: the make run initramfs, booted
# with systest=1.
SYSTEM_ISO := $(BUILD)/basalt-system.iso
$(eval $(call iso_rule,$(SYSTEM_ISO),disk/iso/grub-system.cfg,$(INITRAMFS)))


system-basalt: $(SYSTEM_ISO) $(HOST_DEPS_STAMP) ## Run the tests/system scripts inside Basalt
	sh tests/run-suites.sh $(BUILD)/test-logs "system-basalt:$(SYSTEM_ISO)"

abi-basalt: $(ABI_ISO) $(HOST_DEPS_STAMP) ## Run the tests/abi programs inside Basalt
	sh tests/run-suites.sh $(BUILD)/test-logs "abi-basalt:$(ABI_ISO)"
abi-basalt-smp: $(ABI_ISO) $(HOST_DEPS_STAMP) ## The same inside Basalt on two CPUs (QEMU -smp 2)
	sh tests/run-suites.sh $(BUILD)/test-logs "abi-basalt-smp2:$(ABI_ISO)"

abi-linux: $(ABI_LINUX_ISO) $(HOST_DEPS_STAMP) ## Run the same programs under Debian's Linux in QEMU
	sh tests/run-suites.sh $(BUILD)/test-logs "abi-linux:$(ABI_LINUX_ISO)"
# Our BusyBox port: its install and applets checked, and the tests/system
# scripts run again on the host under it (it is static, so the host Linux
# runs it). Inside Basalt, system-basalt runs them under it: it is the
# make-run root file system's BusyBox (initramfs/initramfs.mk).
# GNU Hello (ports/hello) takes every autoconf default of ports/build.sh.
# e2fsprogs and dosfstools: installed, static, tests/system/fstools.sh
# with them on the host, and their images against Debian's programs;
# inside Basalt, system-basalt runs fstools.sh with them (the initramfs's).
# readme.sh: the README's table of ports against the recipes.
PORT_STAMPS         := $(PORTS:%=$(PORTS_BUILD)/%/.installed)
PORT_SUITES         := "host:tests/ports/busybox.sh" "system-ours:$(SYSROOT)/bin/busybox" \
	"host:tests/ports/hello.sh" "host:tests/ports/fstools.sh" "host:tests/ports/readme.sh"
# The differential tests of the other ports (adds to PORT_SUITES and test).
include tests/ports/ports-test.mk

port-test: $(PORT_STAMPS) $(SYSTEM_ISO) ## Check the ports, run tests/system under our BusyBox (host, Basalt)
	sh tests/run-suites.sh $(BUILD)/test-logs $(PORT_SUITES) "system-basalt:$(SYSTEM_ISO)"

.PHONY: test abi-basalt-smp storage-test unit-test rootfs-test abi-header-test debian-test system-test ktest ktest-bios ktest-uefi abi-basalt abi-linux system-basalt port-test stress

test: $(ABI_HEADER_DEPS) $(UNIT_BINS) $(GEN_CPIO) $(USERLAND_BINS) $(LIBC_TEST_BINS) $(ABI_BINS) $(KTEST_ISO) $(ISO) $(CRASH_ISO) $(ABI_ISO) $(ABI_LINUX_ISO) $(SYSTEM_ISO) $(DEBIAN_ISO) $(DEBIAN_LINUX_ISO) $(PORT_STAMPS) $(KTEST_SMP_ISO) $(STORAGE_ISO) $(STORAGE_NOMSI_ISO) $(STORAGE_LINUX_ISO) $(HOST_DEPS_STAMP) ## Run every test; ends non-zero on any failure
	sh tests/run-suites.sh $(BUILD)/test-logs \
		$(foreach b,$(UNIT_BINS),"unit:$(b)") $(LIBC_TEST_SUITES) \
		$(foreach b,$(ABI_BINS),"abi:$(b)") \
		"system-host:tests/system" $(ROOTFS_TEST_SUITES) $(ABI_HEADER_SUITES) $(PORT_SUITES) \
		"ktest-bios:$(KTEST_ISO)" "ktest-uefi:$(KTEST_ISO)" $(KTEST_SMP_SUITES) \
		"abi-basalt:$(ABI_ISO)" "abi-basalt-smp2:$(ABI_ISO)" "abi-linux:$(ABI_LINUX_ISO)" "system-basalt:$(SYSTEM_ISO)" \
		"debian-basalt:$(DEBIAN_ISO)" "debian-linux:$(DEBIAN_LINUX_ISO)" \
		"console-input:$(ISO)" \
		"crash-pc:$(CRASH_ISO)" "crash-q35:$(CRASH_ISO)" $(STORAGE_SUITES) "disk:tests/disk" \
		"host:tests/disk/root-boot.sh" "host:tests/disk/power-cut.sh" \
		"host:tests/disk/switch-root.sh" "host:tests/disk/ext2-orlov.sh" \
		$(IMAGE_TEST_SUITES)

# make stress: tests/abi/stress.c with a million random calls (stress_long.c),
# inside Basalt, on an ISO of its own; not part of make test.
STRESS_TIMEOUT ?= 3600
stress: $(HOST_DEPS_STAMP) ## Run the stress test (a million random calls, fork bomb, hogs) inside Basalt
	@# abi-root (and its list) is shared: the usual initramfs is rebuilt after.
	@# grub-abi.cfg names the module abi-initramfs.cpio.gz: a directory of its own.
	@mkdir -p $(BUILD)/stress
	$(MAKE) abi-basalt ABI_PROGS=stress_long ABI_PIE= ABI_DYN= ABI_NEWLIB= LIBC_TESTS= \
		ABI_ISO=$(BUILD)/basalt-stress.iso ABI_INITRAMFS=$(BUILD)/stress/abi-initramfs.cpio.gz \
		ABI_TIMEOUT=$(STRESS_TIMEOUT); status=$$?; \
	rm -f $(ABI_INITRAMFS); exit $$status

system-test: $(HOST_DEPS_STAMP) ## Run the tests/system BusyBox scripts on the host
	sh tests/run-suites.sh $(BUILD)/test-logs "system-host:tests/system"

# The system call table and libc's copies of the kernel's ABI, on the host
# (tests/unit/abi): generated headers, sysroot headers and our compiler.
ABI_HEADER_SUITES := "host:tests/unit/abi/syscall_table_test.sh" "host:tests/unit/abi/uapi_match_test.sh"
ABI_HEADER_DEPS   := $(SYSCALL_UAPI_H) $(SYSCALL_LIBC_H) $(SYSROOT_HEADERS_STAMP) $(SYSROOT_LIBS)
abi-header-test: $(ABI_HEADER_DEPS) ## Check syscall_64.tbl, the generated headers and libc's ABI copies
	sh tests/run-suites.sh $(BUILD)/test-logs $(ABI_HEADER_SUITES)

# The initramfs packer and the userland programs, on the host.
ROOTFS_TEST_SUITES := "host:tests/unit/initramfs/gen_cpio_test.sh" "host:userland/test-host.sh"
rootfs-test: $(GEN_CPIO) $(USERLAND_BINS) ## Run the packer's and userland/'s host tests
	sh tests/run-suites.sh $(BUILD)/test-logs $(ROOTFS_TEST_SUITES)

unit-test: $(UNIT_BINS) ## Run the host unit tests only
	sh tests/run-suites.sh $(BUILD)/test-logs $(foreach b,$(UNIT_BINS),"unit:$(b)")

# The same ISO on several CPUs (kernel/arch/x86_64/smp): every one must check in.
KTEST_SMP_SUITES := "ktest-bios-smp2:$(KTEST_ISO)" "ktest-uefi-smp2:$(KTEST_ISO)" \
	"ktest-bios-smp4:$(KTEST_ISO)" "ktest-uefi-smp4:$(KTEST_ISO)" "ktest-uefi-smp8:$(KTEST_ISO)" \
	"ktest-maxcpus:$(KTEST_SMP_ISO)" "ktest-nosmp:$(KTEST_SMP_ISO)"
ktest: $(KTEST_ISO) $(KTEST_SMP_ISO) $(HOST_DEPS_STAMP) ## Run the in-kernel tests under BIOS and UEFI (1, 2, 4, 8 CPUs)
	sh tests/run-suites.sh $(BUILD)/test-logs \
		"ktest-bios:$(KTEST_ISO)" "ktest-uefi:$(KTEST_ISO)" $(KTEST_SMP_SUITES)
include tests/disk/disk.mk
