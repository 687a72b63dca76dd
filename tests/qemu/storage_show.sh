#!/bin/sh
# storage_show.sh: run by abi-init inside Basalt after storage_sys, on
# run-storage.sh's disks: prints what BusyBox's tools show of them, each
# output between "### show: COMMAND" and "### show-end", for
# run-storage.sh to compare with tests/qemu/expected/ (Linux's formats
# for the same QEMU machine and images: see the README there).
PATH=/bin
# Disks and partitions the guests of run-storage.sh have (its QEMU line).
STORAGE_DISKS=6
STORAGE_BLOCKS=12
# Seconds Linux may take: it probes asynchronously, and two disks answer
# each read after 7 s (run-storage.sh's slow_ns).
STORAGE_WAIT_S=90
mount -t sysfs sysfs /sys 2> /dev/null
# Under Debian's Linux (the reference, run-storage.sh ... linux) the
# initramfs carries the ahci and nvme modules: load them, then wait until
# every disk and partition is registered. Basalt's drivers are built in
# and have found everything before init runs.
if [ -f /modules/order ]; then
	while read -r mod; do
		insmod "/modules/$mod" || echo "storage_show: insmod $mod failed"
	done < /modules/order
	waited=0
	while [ $waited -lt $STORAGE_WAIT_S ]; do
		[ "$(ls /sys/block | wc -l)" -ge $STORAGE_DISKS ] &&
			[ "$(ls /sys/class/block | wc -l)" -ge $STORAGE_BLOCKS ] && break
		sleep 1
		waited=$((waited + 1))
	done
fi
show() {
	echo "### show: $*"
	"$@" 2>&1
	echo "### show-end"
}
# The runner checks which kernel printed this.
echo "storage_show: kernel release $(uname -r)"
show cat /proc/partitions
show ls -1 /sys/block
show ls -1 /sys/class/block
show ls -1 /sys/dev/block
# /proc/diskstats: the devices and the number of fields (the counts differ).
show sh -c "awk '{ print \$1, \$3, NF }' /proc/diskstats | sort -k 2"
show lspci
show lspci -m
show lspci -k
show fdisk -l /dev/sda
show fdisk -l /dev/nvme0n1
show fdisk -l /dev/nvme1n1
show fdisk -l /dev/sdb
echo "ok 1 - storage_show printed its outputs"
echo "1..1"
