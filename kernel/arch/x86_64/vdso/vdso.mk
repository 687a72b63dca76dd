# The vDSO: user/vclock.c built as position-independent user code without
# libc, linked by user/vdso.lds into a shared object with no relocations,
# which vdso_image.S embeds in the kernel (arch/x86_64/vdso/vdso.c).

VDSO_DIR    := kernel/arch/x86_64/vdso
VDSO_SO     := $(BUILD)/gen/vdso/vdso.so
VDSO_CFLAGS := -std=gnu11 -O2 -Wall -Wextra -Werror -fPIC -ffreestanding \
	-fno-stack-protector -fno-asynchronous-unwind-tables -fno-unwind-tables \
	-fcf-protection=none -mno-red-zone -mgeneral-regs-only
VDSO_LDFLAGS := -shared -nostdlib -soname=linux-vdso.so.1 --hash-style=both \
	--build-id=none -z max-page-size=4096 -z noexecstack -T $(VDSO_DIR)/user/vdso.lds

$(BUILD)/gen/vdso/vclock.o: $(VDSO_DIR)/user/vclock.c $(VDSO_DIR)/vdso_data.h
	@mkdir -p $(@D)
	@echo "  VDSOCC  $<"
	$(Q)$(KERNEL_CC) $(VDSO_CFLAGS) -c $< -o $@

# A dynamic relocation would need a loader: refuse the image instead.
$(VDSO_SO): $(BUILD)/gen/vdso/vclock.o $(VDSO_DIR)/user/vdso.lds
	@echo "  VDSOLD  $@"
	$(Q)$(KERNEL_LD) $(VDSO_LDFLAGS) $< -o $@.tmp
	$(Q)if readelf -r $@.tmp | grep -q "^Relocation section"; then \
		echo "vdso: the image has relocations"; rm -f $@.tmp; exit 1; fi
	$(Q)mv $@.tmp $@

$(BUILD)/kernel/arch/x86_64/vdso/vdso_image.o: $(VDSO_SO)
$(BUILD)/kernel/arch/x86_64/vdso/vdso_image.o: KERNEL_ASFLAGS += -DVDSO_SO='"$(VDSO_SO)"'
