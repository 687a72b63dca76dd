#!/bin/sh
# disk: ext2 block=1024 table=gpt size=64
# disk-bus: nvme
# Issue 13's acceptance workload (disk-lib.sh's disk_workload) on ext2
# with 1 KiB blocks (double indirect blocks for big.bin) on a GPT disk.
. "$DISKLIB"
disk_require_fs ext2
disk_workload ext2
