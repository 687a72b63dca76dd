#!/bin/sh
# disk: fat32 table=mbr size=96
# disk-bus: nvme ahci
# Reads the FAT32 tree mcopy made (mktree.sh --fat: long names with
# spaces and UTF-8, short names in code page 437, ~1 tails, mixed case,
# nested directories, a 24 MiB file): every file's size and MD5, the
# listing, lookups by short name; iocharset=utf8 makes Linux's lookups
# exact, the utf8 option over iso8859-1 ASCII case-insensitive; a
# read-only mount refuses writes.
. "$DISKLIB"
# mount TYPE with OPTIONS, printed without the device's name (which
# differs between the NVMe and AHCI runs compared with the same output).
fat_mount() {
	echo "\$ mount -t $1${2:+ -o $2}"
	mount -t "$1" ${2:+-o "$2"} "$DISK" "$MNT" || echo "status $?"
}
disk_require_fs vfat
fat_mount vfat iocharset=utf8,uid=0,gid=0,umask=022
disk_listing "$MNT"
echo "-- ls"
ls -a "$MNT" | LC_ALL=C sort
lookups() {
	for n in HELLO.TXT hello.TXT hello.txt mixed.txt MiXeD.Txt SHORT.TXT short.txt \
		"LONG FILE NAME ONE.TXT" LONGFI~1.TXT longfi~2.txt a/b/c/middle.txt \
		A/B/C/MIDDLE.TXT "a/DIR WITH SPACES" nothere.txt "hello.txt..."; do
		[ -e "$MNT/$n" ] && echo "found $n: $(cat "$MNT/$n" 2>/dev/null | md5sum)" ||
			echo "missing $n"
	done
}
echo "-- exact lookups"
lookups
stat -f -c 'namelen %l type %T' "$MNT"
disk_run umount "$MNT"
echo "-- read-only, case-insensitive"
fat_mount vfat ro,utf8,iocharset=iso8859-1
lookups
disk_run touch "$MNT/new-file"
disk_run mkdir "$MNT/new-dir"
disk_run rm -f "$MNT/hello.txt"
ls "$MNT" | LC_ALL=C sort | md5sum
disk_run umount "$MNT"
