# Basalt: the top-level build. `make help` lists the targets.
# Everything generated goes under build/ (and sysroot/'s generated parts).

BUILD       := build
KERNEL_ELF  := $(BUILD)/basalt.elf
ISO         := $(BUILD)/basalt.iso
KTEST_ISO   := $(BUILD)/basalt-ktest.iso
KTEST_SMP_ISO := $(BUILD)/basalt-ktest-smp.iso
CRASH_ISO   := $(BUILD)/basalt-crash.iso

# QEMU's -smp for every boot of Basalt: make run, run-iso and the test
# suites (tests/run-suites.sh; abi-basalt stays on one CPU, Linux's
# reference boots too). `make test SMP=1` runs them all on one.
SMP         ?= 4
export BASALT_SMP := $(SMP)

# `make V=1` shows the full commands.
Q           := $(if $(V),,@)

.DEFAULT_GOAL := all
.DELETE_ON_ERROR:

include toolchain/host-deps.mk
include kernel/kernel.mk
include libc/libc.mk
# userland.mk first: the initramfs lists its programs.
include userland/userland.mk
include ports/ports.mk
include initramfs/initramfs.mk
include disk/iso.mk
include disk/disk.mk
include tests/tests.mk
include tests/image/image.mk
include tests/bench/bench.mk
# After tests/: the toolchain test reuses their program lists.
include toolchain/toolchain.mk

QEMU        ?= qemu-system-x86_64
QEMU_MACHINE ?= q35
QEMU_MEMORY ?= 512M
# Without a display (ssh, CI) the framebuffer is not shown; serial still is.
QEMU_DISPLAY ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,-display none)
QEMU_FLAGS  := -M $(QEMU_MACHINE) -m $(QEMU_MEMORY) -smp $(SMP) -cdrom $(ISO) \
	-no-reboot $(QEMU_DISPLAY)

.PHONY: all help clean run-iso debug

run-iso: $(ISO) $(HOST_DEPS_STAMP) ## Boot the live ISO (initramfs root) in QEMU, serial console on this terminal
	$(QEMU) $(QEMU_FLAGS) -serial mon:stdio

debug: $(ISO) $(HOST_DEPS_STAMP) ## Boot halted with QEMU's gdb stub on :1234 and attach gdb with symbols
	$(QEMU) $(QEMU_FLAGS) -s -S -daemonize -serial file:$(BUILD)/debug-serial.log
	gdb -q $(KERNEL_ELF) -ex 'target remote :1234' -ex 'hbreak kmain' -ex 'continue'

all: $(KERNEL_ELF) $(ISO) ## Build the kernel and the bootable ISO

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk -F':.*## ' '{ printf "  %-12s %s\n", $$1, $$2 }'

clean: ## Remove everything generated
	rm -rf $(BUILD)
