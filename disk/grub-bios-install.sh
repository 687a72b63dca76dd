#!/bin/sh
# grub-bios-install.sh: what grub-bios-setup does for a GPT disk with a
# BIOS boot partition, done on an image file (grub-bios-setup wants a
# device it can probe). GRUB 2.06's util/setup.c:
#   - core.img is written at the partition's first sector; the blocklist
#     at the end of its first sector (diskboot.img: start LBA, sector
#     count, load segment 0x820) names the rest of it, contiguous;
#   - boot.img becomes the MBR, keeping the disk's own bytes at
#     0x1b8-0x1fd (disk signature and partition table: here the
#     protective MBR sgdisk wrote) and the BPB area 0x03-0x59;
#     KERNEL_SECTOR (0x5c, 64-bit LE) = core.img's first LBA,
#     BOOT_DRIVE (0x64) = 0xff (use the drive the BIOS passed in DL),
#     and the 2-byte jump of DRIVE_CHECK (0x66) becomes two NOPs (a hard
#     disk: the workaround for BIOSes passing a wrong drive number).
# Usage: grub-bios-install.sh IMAGE BOOT_IMG CORE_IMG FIRST_LBA
set -eu

img=$1 boot_img=$2 core_img=$3 first=$4
sector=512
# boot/i386/pc/boot.S offsets (include/grub/i386/pc/boot.h).
bpb_start=3
bpb_end=90			# 0x5a
kernel_sector_off=92		# 0x5c
boot_drive_off=100		# 0x64
drive_check_off=102		# 0x66
nt_magic_off=440		# 0x1b8
part_end_off=510		# 0x1fe
# diskboot.img's first blocklist: the last 12 bytes of the sector.
blocklist_off=$((sector - 12))
kernel_seg_next=2080		# 0x820: GRUB_BOOT_I386_PC_KERNEL_SEG + 0x20

# le BYTES VALUE: VALUE as BYTES little-endian bytes, for printf.
le() {
	n=$1 v=$2 s=
	while [ "$n" -gt 0 ]; do
		s="$s\\$(printf '%03o' $((v & 255)))"
		v=$((v >> 8))
		n=$((n - 1))
	done
	printf "$s"
}
# put OFFSET FILE: stdin written into IMAGE at byte OFFSET.
put() {
	dd of="$2" bs=1 seek="$1" conv=notrunc status=none
}

tmp=$img.mbr
size=$(stat -c %s "$core_img")
count=$(( (size + sector - 1) / sector ))

# The MBR: boot.img, with the disk's table and BPB area kept.
cp "$boot_img" "$tmp"
dd if="$img" bs=1 skip=$bpb_start count=$((bpb_end - bpb_start)) status=none | put $bpb_start "$tmp"
dd if="$img" bs=1 skip=$nt_magic_off count=$((part_end_off - nt_magic_off)) status=none |
	put $nt_magic_off "$tmp"
le 8 "$first" | put $kernel_sector_off "$tmp"
printf '\377' | put $boot_drive_off "$tmp"
printf '\220\220' | put $drive_check_off "$tmp"
dd if="$tmp" of="$img" bs=$sector count=1 conv=notrunc status=none
rm -f "$tmp"

# core.img, with its blocklist: sectors first+1 .. first+count-1 at 0x820:0.
dd if="$core_img" of="$img" bs=$sector seek="$first" conv=notrunc status=none
{ le 8 $((first + 1)); le 2 $((count - 1)); le 2 $kernel_seg_next; } |
	put $((first * sector + blocklist_off)) "$img"
