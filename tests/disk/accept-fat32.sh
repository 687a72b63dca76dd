#!/bin/sh
# disk: fat32 table=mbr size=96
# disk-bus: ahci
# Issue 13's acceptance workload (disk-lib.sh's disk_workload) on FAT32
# (mkfs.fat + mcopy of mktree.sh --fat's tree) on an MBR disk, as vfat
# with UTF-8 names: the utf8 option (iocharset=utf8 would make lookups
# case-sensitive on Linux; its default iocharset is ascii).
. "$DISKLIB"
disk_require_fs vfat
disk_workload vfat utf8
