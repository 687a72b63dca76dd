#!/bin/sh
# disk: ext2 block=4096 table=gpt size=16 tree=none
# disk-bus: nvme
# Mounting a type the kernel does not have fails with ENODEV ("No such
# device"), as Linux does for an unknown type; the partition stays
# readable raw. Runs on both kernels: the type is made up.
. "$DISKLIB"
disk_run mount -t basaltnofs "$DISK" "$MNT"
grep -c basaltnofs /proc/filesystems
disk_run dd if="$DISK" of=/dev/null bs=4096 count=4
