# Host unit tests: kernel sources that need no hardware, compiled for the
# host with cmocka, AddressSanitizer and UBSan. Each test lists the kernel
# sources it links with; UNIT_<name>_DEFS may rename symbols that would
# clash with the host libc (vsnprintf...).
UNIT_CC     ?= gcc
UNIT_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-sanitize-recover=all \
	-Ikernel/include -Ikernel -Ikernel/arch/x86_64/include -Itests/unit
UNIT_LDLIBS := -lcmocka

UNIT_TESTS :=

# kernel/lib/string.c and format.c under names that do not clash with libc.
UNIT_KLIB_SRCS := kernel/lib/format.c kernel/lib/string.c
UNIT_KLIB_DEFS := -Dvsnprintf=kvsnprintf -Dsnprintf=ksnprintf -Dmemcpy=kmemcpy \
	-Dmemmove=kmemmove -Dmemset=kmemset -Dmemcmp=kmemcmp -Dstrlen=kstrlen \
	-Dstrnlen=kstrnlen -Dstrcmp=kstrcmp -Dstrncmp=kstrncmp -Dstrchr=kstrchr \
	-Dstrlcpy=kstrlcpy -fno-builtin

UNIT_TESTS += format
UNIT_format_SRCS := tests/unit/lib/format_test.c $(UNIT_KLIB_SRCS)
UNIT_format_DEFS := $(UNIT_KLIB_DEFS)

UNIT_TESTS += cmdline
UNIT_cmdline_SRCS := tests/unit/core/cmdline_test.c kernel/core/cmdline.c $(UNIT_KLIB_SRCS)
UNIT_cmdline_DEFS := $(UNIT_KLIB_DEFS)

UNIT_TESTS += bootinfo
UNIT_bootinfo_SRCS := tests/unit/core/bootinfo_test.c kernel/core/bootinfo.c

UNIT_TESTS += acpi
UNIT_acpi_SRCS := tests/unit/acpi/acpi_test.c kernel/acpi/tables.c \
	kernel/acpi/madt.c kernel/acpi/fadt.c kernel/acpi/hpet_table.c \
	kernel/acpi/aml_s5.c

UNIT_TESTS += civil
UNIT_civil_SRCS := tests/unit/time/civil_test.c kernel/time/civil.c

UNIT_TESTS += rtc_decode
UNIT_rtc_decode_SRCS := tests/unit/rtc/rtc_decode_test.c \
	kernel/drivers/rtc/rtc_decode.c kernel/time/civil.c

UNIT_TESTS += kbd_scancode
UNIT_kbd_scancode_SRCS := tests/unit/input/kbd_scancode_test.c \
	kernel/drivers/input/kbd_scancode.c

UNIT_TESTS += buddy
UNIT_buddy_SRCS := tests/unit/mm/buddy_test.c kernel/mm/buddy.c

UNIT_TESTS += slab
UNIT_slab_SRCS := tests/unit/mm/slab_test.c kernel/mm/slab.c kernel/mm/buddy.c $(UNIT_KLIB_SRCS)
UNIT_slab_DEFS := $(UNIT_KLIB_DEFS)

UNIT_TESTS += elf
UNIT_elf_SRCS := tests/unit/exec/elf_test.c kernel/exec/elf.c

UNIT_BINS := $(UNIT_TESTS:%=$(BUILD)/unit/%_test)

$(foreach t,$(UNIT_TESTS),$(eval \
$(BUILD)/unit/$(t)_test: $(UNIT_$(t)_SRCS) $(HOST_DEPS_STAMP) ; \
	@mkdir -p $$(@D) && echo "  HOSTCC  $$@" && \
	$$(UNIT_CC) $$(UNIT_CFLAGS) $(UNIT_$(t)_DEFS) -o $$@ $(UNIT_$(t)_SRCS) $$(UNIT_LDLIBS)))

.PHONY: unit-tests
unit-tests: $(UNIT_BINS) ## Build the host unit tests
