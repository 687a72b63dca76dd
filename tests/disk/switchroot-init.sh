#!/bin/sh
# switchroot-init.sh: /init of the switch_root initramfs (tests/disk/
# switch-root.sh). PID 1 on a tmpfs (Basalt) or ramfs (Linux) root: loads
# Linux's drivers when the archive has them, finds the ext2 partition of
# the root image (NVMe or AHCI), mounts it on /newroot and execs BusyBox
# switch_root (which needs PID 1, a tmpfs/ramfs root it empties, MS_MOVE
# of the new root onto / and chroot) into the disk's /sbin/init.
export PATH=/bin
# Seconds to wait for the disk: Linux probes NVMe and AHCI asynchronously.
DEVICE_WAIT_S=30
mount -t proc proc /proc
[ -e /dev/null ] || mount -t devtmpfs devtmpfs /dev
if [ -f /modules/order ]; then
	while read -r mod; do
		insmod "/modules/$mod" || echo "switchroot-init: insmod $mod failed"
	done < /modules/order
fi
echo "SWITCHROOT: initramfs init, pid $$, root $(stat -f -c %T /)"
waited=0 root=
while [ -z "$root" ] && [ $waited -lt $DEVICE_WAIT_S ]; do
	for d in /dev/nvme0n1p1 /dev/sda1; do
		[ -b "$d" ] && root=$d
	done
	[ -n "$root" ] || { sleep 1; waited=$((waited + 1)); }
done
[ -n "$root" ] || { echo "SWITCHROOT: no root partition"; poweroff -f; }
mount -t ext2 "$root" /newroot || { echo "SWITCHROOT: mount failed"; poweroff -f; }
echo "SWITCHROOT: mounted the disk root, exec switch_root"
exec switch_root /newroot /sbin/init
echo "SWITCHROOT: exec switch_root failed"
poweroff -f
