#!/bin/sh
# image-boot.sh [IMAGE [DIR]]: issue 14's boots of the disk image (made as
# build/basalt.img is, build/image-test/basalt.img by default). A copy of
# the image boots under SeaBIOS and OVMF, from NVMe and from AHCI; each
# run reaches the shell on the serial console, runs commands (the root is
# the ext2 partition, read-write, the ESP on /boot/efi) and powers off
# through BusyBox init (/etc/init.d/rcK); QEMU must exit by itself, and
# the host's e2fsck -fn and fsck.fat -n then find both file systems clean.
# The first run also writes a file, reboots with `reboot` and finds it
# after the second boot. Prints TAP; each boot's time goes to stderr.
set -eu

img=${1:-build/image-test/basalt.img} dir=${2:-build/image-test/boot}
timeout_s=${IMAGE_TIMEOUT:-120}
[ -f "$img" ] || { echo "not ok 1 - $img is missing (make image-test)"; exit 1; }
rm -rf "$dir"
mkdir -p "$dir"
. tests/image/image-lib.sh

for run in bios-nvme uefi-nvme bios-ahci uefi-ahci; do
	fw=${run%-*} bus=${run#*-}
	copy=$dir/$run.img
	cp --sparse=always "$img" "$copy"
	cp "$img.layout" "$copy.layout"
	boot "$copy" "$fw" "$bus" "$dir/$run.log"
	rc=0
	wait_for 'root@basalt:' || rc=1
	prompt_seconds=$(($(date +%s) - boot_start))
	line $rc "$run: GRUB, the kernel and init reach the shell prompt"
	type_line 'echo "cmd-$((6 * 7))"; awk '"'"'$2 == "/" || $2 == "/boot/efi" { print "mnt", $2, $3, substr($4, 1, 2) }'"'"' /proc/mounts'
	rc=0
	wait_for '^cmd-42$' || rc=1
	line $rc "$run: a command typed on the console runs"
	rc=0
	wait_for '^mnt / ext2 rw$' || rc=1
	line $rc "$run: / is the disk's ext2 partition, read-write after rcS's e2fsck -p"
	rc=0
	wait_for '^mnt /boot/efi vfat rw$' || rc=1
	line $rc "$run: fstab mounted the ESP (vfat) on /boot/efi"
	if [ $run = bios-nvme ]; then
		type_line 'echo "kept-across-reboot" > /root/persist; ls /boot/efi/EFI/BOOT; reboot'
		rc=0
		wait_for '^rcK: root file system read-only' || rc=1
		wait_for 'init: /sbin/init is pid 1' 2 || rc=1
		wait_for '^Welcome to Basalt' 2 || rc=1
		line $rc "$run: reboot goes through init (rcK) and boots the disk again"
		type_line 'echo "found: $(cat /root/persist)"'
		rc=0
		wait_for '^found: kept-across-reboot$' || rc=1
		line $rc "$run: the file written before the reboot is there after it"
		rc=0
		wait_for '^BOOTX64.EFI' || rc=1
		line $rc "$run: the ESP holds EFI/BOOT/BOOTX64.EFI"
	fi
	type_line 'poweroff'
	rc=0
	wait_for '^rcK: root file system read-only' || rc=1
	line $rc "$run: poweroff runs rcK, which remounts / read-only"
	rc=0
	wait_exit || rc=1
	line $rc "$run: the machine powers off (QEMU exits by itself)"
	echo "# $run: shell prompt after ${prompt_seconds} s, whole run ${boot_seconds} s"
	rc=0
	fsck_root "$copy" "$dir/$run.e2fsck" || rc=1
	line $rc "$run: host e2fsck -fn finds the root clean afterwards"
	rc=0
	dumpe2fs -h "$copy.root" 2>/dev/null | grep -q '^Filesystem state: *clean$' || rc=1
	line $rc "$run: the root's state is clean (it was read-only when the power went)"
	rc=0
	fsck_esp "$copy" "$dir/$run.fsck-fat" || rc=1
	line $rc "$run: host fsck.fat -n finds the ESP clean afterwards"
	rm -f "$copy" "$copy.root" "$copy.esp" "$copy.ovmf-vars"
done
echo "1..$n"
