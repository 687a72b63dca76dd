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

UNIT_TESTS += string
UNIT_string_SRCS := tests/unit/lib/string_test.c $(UNIT_KLIB_SRCS)
UNIT_string_DEFS := $(UNIT_KLIB_DEFS)

UNIT_TESTS += cmdline
UNIT_cmdline_SRCS := tests/unit/core/cmdline_test.c kernel/core/cmdline.c $(UNIT_KLIB_SRCS)
UNIT_cmdline_DEFS := $(UNIT_KLIB_DEFS)

UNIT_TESTS += root_dev
UNIT_root_dev_SRCS := tests/unit/fs/root_dev_test.c kernel/fs/root_dev.c $(UNIT_KLIB_SRCS)
UNIT_root_dev_DEFS := $(UNIT_KLIB_DEFS)

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

UNIT_TESTS += vma
UNIT_vma_SRCS := tests/unit/mm/vma_test.c kernel/mm/vma.c

UNIT_TESTS += slab
UNIT_slab_SRCS := tests/unit/mm/slab_test.c kernel/mm/slab.c kernel/mm/buddy.c $(UNIT_KLIB_SRCS)
UNIT_slab_DEFS := $(UNIT_KLIB_DEFS)

# The real Debian font comes from kernel/drivers/video/video.mk.
UNIT_TESTS += psf
UNIT_psf_SRCS := tests/unit/video/psf_test.c kernel/drivers/video/psf.c
UNIT_psf_DEFS := -DPSF_TEST_FONT='"$(VIDEO_FONT)"'
$(BUILD)/unit/psf_test: $(VIDEO_FONT)

UNIT_TESTS += fbcon
UNIT_fbcon_SRCS := tests/unit/video/fbcon_test.c kernel/drivers/video/fbcon.c \
	kernel/drivers/video/fb.c kernel/drivers/video/psf.c

UNIT_TESTS += ega
UNIT_ega_SRCS := tests/unit/video/ega_test.c kernel/drivers/video/ega.c \
	kernel/drivers/video/fbcon.c kernel/drivers/video/fb.c kernel/drivers/video/psf.c

# Path component splitting for the VFS's lookup (kernel/fs/vfs/namei.c).
UNIT_TESTS += vfs_path
UNIT_vfs_path_SRCS := tests/unit/fs/path_test.c kernel/fs/vfs/path.c

# Both compare with the host's zlib (zlib1g-dev).
UNIT_TESTS += inflate
UNIT_inflate_SRCS := tests/unit/lib/inflate_test.c tests/unit/lib/inflate_testdata.c \
	kernel/lib/inflate.c kernel/lib/crc32.c $(UNIT_KLIB_SRCS)
UNIT_inflate_DEFS := $(UNIT_KLIB_DEFS)
UNIT_inflate_LDLIBS := -lz

UNIT_TESTS += inflate_corrupt
UNIT_inflate_corrupt_SRCS := tests/unit/lib/inflate_corrupt_test.c \
	tests/unit/lib/inflate_testdata.c kernel/lib/inflate.c kernel/lib/crc32.c \
	$(UNIT_KLIB_SRCS)
UNIT_inflate_corrupt_DEFS := $(UNIT_KLIB_DEFS)
UNIT_inflate_corrupt_LDLIBS := -lz

# Also parses an archive from the host's cpio, and unpacks its gzip.
CPIO_FIXTURE := $(BUILD)/unit/fixtures/initramfs.cpio
UNIT_TESTS += cpio
UNIT_cpio_SRCS := tests/unit/fs/cpio_test.c kernel/fs/initramfs/cpio.c \
	kernel/lib/inflate.c kernel/lib/crc32.c $(UNIT_KLIB_SRCS)
UNIT_cpio_DEFS := $(UNIT_KLIB_DEFS) -DCPIO_FIXTURE='"$(CPIO_FIXTURE)"'
$(BUILD)/unit/cpio_test: $(CPIO_FIXTURE)
# The gzip is made by the same recipe; the ktest ISO carries it too.
$(CPIO_FIXTURE).gz: $(CPIO_FIXTURE) ;

# A small tree through `cpio -o -H newc` (owner root, names in C order,
# a symlink, a hard link, an empty file), and its gzip: real-world input for cpio_test, generated, never committed.
$(CPIO_FIXTURE): tests/unit/unit.mk
	@mkdir -p $(@D)
	@echo "  CPIO    $@"
	$(Q)rm -rf $@.tree && mkdir -p $@.tree/bin $@.tree/etc
	$(Q)printf 'pretend busybox\n' > $@.tree/bin/busybox
	$(Q)ln -s busybox $@.tree/bin/sh
	$(Q): > $@.tree/etc/empty
	$(Q)printf '#!/bin/sh\necho hello\n' > $@.tree/init
	$(Q)chmod 755 $@.tree/init $@.tree/bin/busybox
	$(Q)ln $@.tree/init $@.tree/linuxrc
	$(Q)cd $@.tree && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet > $(abspath $@)
	$(Q)gzip -9 -n -c $@ > $@.gz
	$(Q)rm -rf $@.tree

UNIT_TESTS += runqueue
UNIT_runqueue_SRCS := tests/unit/sched/runqueue_test.c kernel/sched/runqueue.c

UNIT_TESTS += timer
UNIT_timer_SRCS := tests/unit/sched/timer_test.c kernel/sched/timer.c

UNIT_TESTS += sigframe
UNIT_sigframe_SRCS := tests/unit/signal/sigframe_test.c kernel/signal/policy.c

UNIT_TESTS += elf
UNIT_elf_SRCS := tests/unit/exec/elf_test.c kernel/exec/elf.c

UNIT_TESTS += chacha20
UNIT_chacha20_SRCS := tests/unit/lib/chacha20_test.c kernel/lib/chacha20.c

UNIT_TESTS += timespec
UNIT_timespec_SRCS := tests/unit/time/timespec_test.c kernel/time/timespec.c

UNIT_TESTS += ldisc
UNIT_ldisc_SRCS := tests/unit/tty/ldisc_test.c kernel/tty/ldisc.c

UNIT_TESTS += pty_ring
UNIT_pty_ring_SRCS := tests/unit/tty/pty_ring_test.c kernel/tty/pty_ring.c

# The MBR and GPT parsers (kernel/block/) on images the host's sfdisk
# and sgdisk make (make-part-images.sh), and corrupted copies of them.
PART_IMAGE_DIR := $(BUILD)/unit/fixtures/partitions
UNIT_TESTS += partition
UNIT_partition_SRCS := tests/unit/block/partition_test.c kernel/block/partition_mbr.c \
	kernel/block/partition_gpt.c kernel/lib/crc32.c $(UNIT_KLIB_SRCS)
UNIT_partition_DEFS := $(UNIT_KLIB_DEFS) -DPART_IMAGE_DIR='"$(PART_IMAGE_DIR)"'
$(BUILD)/unit/partition_test: $(PART_IMAGE_DIR)/.made
$(PART_IMAGE_DIR)/.made: tests/unit/block/make-part-images.sh $(HOST_DEPS_STAMP)
	@echo "  IMAGES  $(PART_IMAGE_DIR)"
	$(Q)sh tests/unit/block/make-part-images.sh $(PART_IMAGE_DIR)
	@touch $@

# The ext2 driver's on-disk checks (kernel/fs/ext2/check.c) on images
# the host's mke2fs makes, and on every single-bit flip of their
# superblock, a group descriptor, the root inode and the root directory.
EXT2_IMAGE_DIR := $(BUILD)/unit/fixtures/ext2
UNIT_TESTS += ext2_check
UNIT_ext2_check_SRCS := tests/unit/fs/ext2_check_test.c kernel/fs/ext2/check.c \
	kernel/fs/ext2/bitmap.c
UNIT_ext2_check_DEFS := -DEXT2_IMAGE_DIR='"$(EXT2_IMAGE_DIR)"'
$(BUILD)/unit/ext2_check_test: $(EXT2_IMAGE_DIR)/.made
$(EXT2_IMAGE_DIR)/.made: tests/unit/fs/make-ext2-images.sh $(HOST_DEPS_STAMP)
	@echo "  IMAGES  $(EXT2_IMAGE_DIR)"
	$(Q)sh tests/unit/fs/make-ext2-images.sh $(EXT2_IMAGE_DIR)
	@touch $@

# The FAT driver's parsers (kernel/fs/fat/) on images the host's mkfs.fat
# and mcopy make (make-fat-images.sh), and bit-flipped copies of them.
FAT_IMAGE_DIR := $(BUILD)/unit/fixtures/fat
UNIT_TESTS += fat
UNIT_fat_SRCS := tests/unit/fs/fat_test.c kernel/fs/fat/fat_bpb.c kernel/fs/fat/fat_name.c \
	kernel/fs/fat/fat_time.c $(UNIT_KLIB_SRCS)
UNIT_fat_DEFS := $(UNIT_KLIB_DEFS) -DFAT_IMAGE_DIR='"$(FAT_IMAGE_DIR)"'
$(BUILD)/unit/fat_test: $(FAT_IMAGE_DIR)/.made
$(FAT_IMAGE_DIR)/.made: tests/unit/fs/make-fat-images.sh $(HOST_DEPS_STAMP)
	@echo "  IMAGES  $(FAT_IMAGE_DIR)"
	$(Q)sh tests/unit/fs/make-fat-images.sh $(FAT_IMAGE_DIR)
	@touch $@

UNIT_BINS := $(UNIT_TESTS:%=$(BUILD)/unit/%_test)

$(foreach t,$(UNIT_TESTS),$(eval \
$(BUILD)/unit/$(t)_test: $(UNIT_$(t)_SRCS) $(HOST_DEPS_STAMP) ; \
	@mkdir -p $$(@D) && echo "  HOSTCC  $$@" && \
	$$(UNIT_CC) $$(UNIT_CFLAGS) $(UNIT_$(t)_DEFS) -o $$@ $(UNIT_$(t)_SRCS) $(UNIT_$(t)_LDLIBS) $$(UNIT_LDLIBS)))

.PHONY: unit-tests
unit-tests: $(UNIT_BINS) ## Build the host unit tests
