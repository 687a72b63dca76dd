#!/bin/sh
# storage_show.sh: run by abi-init inside Basalt after storage_sys, on
# run-storage.sh's disks: prints what BusyBox's tools show of them, each
# output between "### show: COMMAND" and "### show-end", for
# run-storage.sh to compare with tests/qemu/expected/ (Linux's formats
# for the same QEMU machine and images: see the README there).
PATH=/bin
mount -t sysfs sysfs /sys 2> /dev/null
show() {
	echo "### show: $*"
	"$@" 2>&1
	echo "### show-end"
}
show cat /proc/partitions
show ls -1 /sys/block
show ls -1 /sys/class/block
show ls -1 /sys/dev/block
show lspci
show lspci -m
show lspci -k
show fdisk -l /dev/sda
show fdisk -l /dev/nvme0n1
show fdisk -l /dev/nvme1n1
show fdisk -l /dev/sdb
echo "ok 1 - storage_show printed its outputs"
echo "1..1"
