#!/bin/sh
# disk-init.sh: the guest side of tests/disk/run-disk.sh. abi-init (PID 1
# of the disk initramfs, tests/qemu/abi-init.c) runs it as /abi/disk-init.sh
# under Basalt and under Debian's Linux. It
#  1. under Linux, loads the drivers in /modules/order (the initramfs of
#     the Linux ISO carries them; Basalt's are built in),
#  2. finds the control disk run-disk.sh attached last: its sector 0 starts
#     with CONTROL_MAGIC and names the kernel, the bus, the number of data
#     disks and the script's length; the script follows at byte 512,
#  3. exports the data disks' names (README.md, "The guest's variables"),
#  4. runs the script between "### disk: begin" and "### disk: end RC",
#     stdout and stderr both on the console, where run-disk.sh reads them.
# abi-init then syncs and powers off.
export PATH=/bin HOME=/
CONTROL_MAGIC=BASALT-DISKTEST1
# Seconds to wait for the disks: Linux probes NVMe and AHCI asynchronously.
DEVICE_WAIT_S=30

if [ -f /modules/order ]; then
	while read -r mod; do
		insmod "/modules/$mod" || echo "disk-init: insmod $mod failed"
	done < /modules/order
fi

# control_find: the device whose sector 0 holds the magic, or nothing.
control_find() {
	for dev in /dev/sd[a-z] /dev/nvme[0-9]n1 /dev/nvme[0-9][0-9]n1; do
		[ -b "$dev" ] || continue
		magic=$(dd if="$dev" bs=16 count=1 2>/dev/null)
		if [ "$magic" = "$CONTROL_MAGIC" ]; then
			echo "$dev"
			return
		fi
	done
}

waited=0
ctl=$(control_find)
while [ -z "$ctl" ] && [ $waited -lt $DEVICE_WAIT_S ]; do
	sleep 1
	waited=$((waited + 1))
	ctl=$(control_find)
done
if [ -z "$ctl" ]; then
	echo "### disk: error no control disk after ${DEVICE_WAIT_S}s"
	ls -l /dev >&2
	exit 1
fi
# Sector 0: "MAGIC KERNEL BUS NDISKS SCRIPT_BYTES TABLES" (one line),
# TABLES one digit per disk: 1 when it has a partition table.
set -- $(dd if="$ctl" bs=512 count=1 2>/dev/null | head -n 1)
KERNEL=$2 BUS=$3 NDISKS=$4 script_bytes=$5 tables=$6
dd if="$ctl" bs=512 skip=1 count=$(((script_bytes + 511) / 512)) 2>/dev/null |
	head -c "$script_bytes" > /tmp/disk-script.sh

# data_disks: the data disks' whole-disk nodes, in the order they were
# attached (disk 1 first), the control disk left out. Linux names disks
# in the order their asynchronous probes finish, so under Linux the
# order comes from sysfs: the ATA port number for AHCI (ahci0's ports
# are ata1..6, registered in PCI order), the controller's serial
# ("diskN", run-disk.sh's) for NVMe. Basalt has no sysfs: its names
# follow the port and controller order already.
data_disks() {
	n=0
	if [ "$BUS" = nvme ]; then set -- /dev/nvme[0-9]n1 /dev/nvme[0-9][0-9]n1; else set -- /dev/sd[a-z]; fi
	for dev in "$@"; do
		[ -b "$dev" ] && [ "$dev" != "$ctl" ] || continue
		n=$((n + 1))
		sys=/sys/block/${dev#/dev/}/device
		key=$n
		if [ "$BUS" = nvme ] && [ -f "$sys/serial" ]; then
			key=$(sed 's/^disk//' "$sys/serial")
		elif [ "$BUS" = ahci ] && [ -e "$sys" ]; then
			key=$(readlink -f "$sys" | sed -n 's|.*/ata\([0-9]*\)/.*|\1|p')
		fi
		echo "$key $dev"
	done | sort -n | cut -d' ' -f2
}

disks=$(data_disks)
while [ "$(echo "$disks" | grep -c .)" -lt "$NDISKS" ] && [ $waited -lt $DEVICE_WAIT_S ]; do
	sleep 1
	waited=$((waited + 1))
	disks=$(data_disks)
done
echo "disk-init: control $ctl, data disks:" $disks
i=1
for dev in $disks; do
	# The first partition, or the whole disk when it has no table.
	part=$dev
	if [ "$(echo "$tables" | cut -c $i)" = 1 ]; then
		case $dev in *[0-9]) part=${dev}p1 ;; *) part=${dev}1 ;; esac
	fi
	while [ ! -b "$part" ] && [ $waited -lt $DEVICE_WAIT_S ]; do
		sleep 1
		waited=$((waited + 1))
	done
	[ -b "$part" ] || echo "### disk: error no $part after ${DEVICE_WAIT_S}s"
	eval "DEV$i=$dev DISK$i=$part"
	export "DEV$i" "DISK$i"
	i=$((i + 1))
done
DEV=${DEV1:-} DISK=${DISK1:-}
MNT=/mnt/disk MNT2=/mnt/disk2 TMPDIR=/tmp
mkdir -p "$MNT" "$MNT2"
DISKLIB=/abi/disk-lib.sh
export KERNEL BUS NDISKS DEV DISK MNT MNT2 TMPDIR DISKLIB

echo "### disk: begin"
cd /tmp && sh /tmp/disk-script.sh 2>&1
rc=$?
echo "### disk: end $rc"
# A script that left a file system mounted: unmount it so that the image
# is consistent for the host's fsck (run-disk.sh says so in its log).
for m in "$MNT2" "$MNT"; do
	if grep -q " $m " /proc/mounts; then
		echo "disk-init: $m was still mounted; unmounting it"
		umount "$m" || echo "disk-init: umount $m failed"
	fi
done
sync
