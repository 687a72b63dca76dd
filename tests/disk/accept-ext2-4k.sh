#!/bin/sh
# disk: ext2 block=4096 table=mbr size=64
# disk-bus: ahci
# Issue 13's acceptance workload (disk-lib.sh's disk_workload) on ext2
# with 4 KiB blocks on an MBR disk.
. "$DISKLIB"
disk_require_fs ext2
disk_workload ext2
