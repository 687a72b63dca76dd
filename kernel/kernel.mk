# The kernel: freestanding C11 for x86_64, linked in two passes so that the
# second embeds the symbol table of the first (kernel/scripts/gen-ksyms.sh).

KERNEL_CC      ?= gcc
KERNEL_LD      ?= ld
KERNEL_NM      ?= nm
KERNEL_LDS     := kernel/arch/x86_64/linker.ld

KERNEL_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror \
	-ffreestanding -fno-stack-protector -fno-pic -fno-pie \
	-fno-omit-frame-pointer -fno-optimize-sibling-calls -fno-asynchronous-unwind-tables \
	-fno-strict-aliasing -mcmodel=kernel -mno-red-zone -mgeneral-regs-only \
	-mno-mmx -mno-sse -mno-sse2 \
	-Ikernel/include -Ikernel -Ikernel/arch/x86_64/include -I$(BUILD)/gen \
	-MMD -MP
KERNEL_ASFLAGS := -g -Ikernel/include -Ikernel/arch/x86_64/include -I$(BUILD)/gen -MMD -MP
KERNEL_LDFLAGS := -nostdlib -static -z max-page-size=0x1000 -z noexecstack \
	--no-warn-rwx-segments -T $(KERNEL_LDS)

# The system calls: syscall_64.tbl is the only list; the kernel's
# <uapi/unistd.h>, its dispatch table and names, and libc's <sys/syscall.h>
# are generated from it (docs/adding-a-syscall.md).
SYSCALL_TBL      := kernel/arch/x86_64/syscall/syscall_64.tbl
SYSCALL_GEN      := kernel/scripts/gen-syscalls.sh
SYSCALL_UAPI_H   := $(BUILD)/gen/uapi/unistd.h
SYSCALL_TABLE_H  := $(BUILD)/gen/generated/syscall_table.h
SYSCALL_LIBC_H   := $(BUILD)/gen/libc/sys/syscall.h

$(SYSCALL_UAPI_H): MODE := uapi
$(SYSCALL_TABLE_H): MODE := table
$(SYSCALL_LIBC_H): MODE := libc
$(SYSCALL_UAPI_H) $(SYSCALL_TABLE_H) $(SYSCALL_LIBC_H): $(SYSCALL_TBL) $(SYSCALL_GEN)
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	$(Q)sh $(SYSCALL_GEN) $(MODE) $(SYSCALL_TBL) > $@.tmp && mv $@.tmp $@

# In-kernel tests (KTEST) live under tests/ktest/ and are linked in too.
# The vDSO's user code is not kernel code (vdso.mk builds it).
KERNEL_C_SRCS := $(shell find kernel tests/ktest -name '*.c' -not -path '*/vdso/user/*' | sort)
KERNEL_S_SRCS := $(shell find kernel -name '*.S' | sort)
KERNEL_OBJS   := $(KERNEL_C_SRCS:%.c=$(BUILD)/%.o) $(KERNEL_S_SRCS:%.S=$(BUILD)/%.o)
KERNEL_EXTRA_OBJS ?=

include kernel/arch/x86_64/vdso/vdso.mk

$(BUILD)/kernel/%.o: kernel/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(KERNEL_CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/tests/ktest/%.o: tests/ktest/%.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(KERNEL_CC) $(KERNEL_CFLAGS) -c $< -o $@

$(BUILD)/kernel/%.o: kernel/%.S
	@mkdir -p $(@D)
	@echo "  AS      $<"
	$(Q)$(KERNEL_CC) $(KERNEL_ASFLAGS) -c $< -o $@

$(BUILD)/ksyms-empty.S: kernel/scripts/gen-ksyms.sh
	@mkdir -p $(@D)
	sh kernel/scripts/gen-ksyms.sh < /dev/null > $@

$(BUILD)/ksyms.S: $(BUILD)/basalt.pass1.elf kernel/scripts/gen-ksyms.sh
	$(KERNEL_NM) -n $< | sh kernel/scripts/gen-ksyms.sh > $@

$(BUILD)/ksyms-empty.o $(BUILD)/ksyms.o: $(BUILD)/%.o: $(BUILD)/%.S
	$(KERNEL_CC) -c $< -o $@

$(BUILD)/basalt.pass1.elf: $(KERNEL_OBJS) $(KERNEL_EXTRA_OBJS) $(BUILD)/ksyms-empty.o $(KERNEL_LDS)
	@echo "  LD      $@"
	$(Q)$(KERNEL_LD) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJS) $(KERNEL_EXTRA_OBJS) $(BUILD)/ksyms-empty.o

# The second link must not move anything: .ksyms is the last section.
$(KERNEL_ELF): $(BUILD)/basalt.pass1.elf $(BUILD)/ksyms.o
	@echo "  LD      $@ (with symbols)"
	$(Q)$(KERNEL_LD) $(KERNEL_LDFLAGS) -o $@ $(KERNEL_OBJS) $(KERNEL_EXTRA_OBJS) $(BUILD)/ksyms.o
	@$(KERNEL_NM) -n $(BUILD)/basalt.pass1.elf | grep -v "ksyms\|_kernel_end" > $(BUILD)/syms.pass1
	@$(KERNEL_NM) -n $@ | grep -v "ksyms\|_kernel_end" > $(BUILD)/syms.pass2
	@cmp -s $(BUILD)/syms.pass1 $(BUILD)/syms.pass2 || \
		{ echo "ksyms: second link moved symbols"; rm -f $@; exit 1; }

.PHONY: kernel
kernel: $(KERNEL_ELF) ## Build build/basalt.elf (multiboot2 ELF)

-include $(KERNEL_OBJS:.o=.d)

# Generated headers exist before the first compile (then -MMD tracks them).
$(KERNEL_OBJS): | $(SYSCALL_UAPI_H) $(SYSCALL_TABLE_H)

# Flags live here: changing them rebuilds the kernel.
$(KERNEL_OBJS): kernel/kernel.mk

include kernel/drivers/video/video.mk
