#!/bin/sh
# disk: fat32 table=mbr size=96
# disk-bus: ahci
# Issue 13's acceptance workload (disk-lib.sh's disk_workload) on FAT32
# (mkfs.fat + mcopy of mktree.sh --fat's tree) on an MBR disk, as vfat.
. "$DISKLIB"
disk_require_fs vfat
disk_workload vfat
