#!/bin/sh
# fstools.sh: e2fsprogs (mke2fs, e2fsck, dumpe2fs, debugfs, tune2fs) and
# dosfstools (mkfs.fat, fsck.fat) on image files in the scratch directory
# (tmpfs on Basalt: no block device needed). On the host these are
# Debian's programs, inside Basalt our ports (ports/e2fsprogs,
# ports/dosfstools): both in /sbin (or /usr/sbin), called by their full
# path as the runner's PATH has only BusyBox's applets, whose mke2fs and
# mkdosfs are not these. FSTOOLS_SBIN names another directory to take
# them from (tests/ports/fstools.sh: our ports' on the host). Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

# The program NAME in /sbin or /usr/sbin; /sbin/NAME if neither has it,
# so that its checks fail.
fstools_find() {
	for d in ${FSTOOLS_SBIN:-/sbin /usr/sbin}; do
		if [ -x "$d/$1" ]; then
			echo "$d/$1"
			return
		fi
	done
	echo "${FSTOOLS_SBIN:-/sbin}/$1"
}
mke2fs=$(fstools_find mke2fs)
e2fsck=$(fstools_find e2fsck)
dumpe2fs=$(fstools_find dumpe2fs)
debugfs=$(fstools_find debugfs)
tune2fs=$(fstools_find tune2fs)
mkfs_fat=$(fstools_find mkfs.fat)
fsck_fat=$(fstools_find fsck.fat)

# A field of dumpe2fs -h ("Block count:     4096" gives 4096).
fstools_field() {
	"$dumpe2fs" -h img 2>/dev/null | sed -n "s/^$1: *//p"
}

ok "mke2fs -t ext2 on a 4096-block file" "$mke2fs" -F -q -t ext2 img 4096
ok "e2fsck -fn: the new file system is clean" "$e2fsck" -fn img
is "dumpe2fs -h: the block count" "4096" "$(fstools_field 'Block count')"
is "dumpe2fs -h: no feature beyond ext2's" "" \
	"$(fstools_field 'Filesystem features' | tr ' ' '\n' | grep -E '^(has_journal|extent|64bit|flex_bg)$')"
printf 'written by debugfs\n' > src.txt
ok "debugfs -w writes a file into the image" "$debugfs" -w -R "write src.txt f" img
is "debugfs reads it back" "written by debugfs" "$("$debugfs" -R "cat /f" img 2>/dev/null)"
ok "e2fsck -fn: still clean after debugfs's write" "$e2fsck" -fn img
ok "tune2fs -L sets a label" "$tune2fs" -L lbl img
is "dumpe2fs -h shows the label" "lbl" "$(fstools_field 'Filesystem volume name')"
# The superblock (1024 bytes at offset 1024) zeroed: e2fsck -n finds no
# file system (exit 8).
dd if=/dev/zero of=img bs=1024 seek=1 count=1 conv=notrunc 2>/dev/null
fails "e2fsck -fn fails on a zeroed superblock" "$e2fsck" -fn img

ok "mkfs.fat -C makes an 8 MiB image" "$mkfs_fat" -C fat.img 8192
is "its size" "8388608" "$(wc -c < fat.img | tr -d ' ')"
ok "fsck.fat -n: clean" "$fsck_fat" -n fat.img
dd if=/dev/zero of=zero.img bs=1024 count=8192 2>/dev/null
ok "mkfs.fat -n LABEL on a file made by dd" "$mkfs_fat" -n BASALT zero.img
ok "fsck.fat -n: clean" "$fsck_fat" -n zero.img
# FAT12/16 (an 8 MiB volume): the 11-byte label at offset 43 of the boot
# sector (Microsoft's FAT specification, the extended BPB).
is "the boot sector carries the label" "BASALT     " \
	"$(dd if=zero.img bs=1 skip=43 count=11 2>/dev/null)"
# The boot sector zeroed: no sector size, not a FAT.
dd if=/dev/zero of=zero.img bs=512 count=1 conv=notrunc 2>/dev/null
fails "fsck.fat -n fails once the boot sector is erased" "$fsck_fat" -n zero.img
tap_end
