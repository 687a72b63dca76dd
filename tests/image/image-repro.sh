#!/bin/sh
# image-repro.sh [IMAGE [DIR]]: issue 14's "building the image twice gives
# identical bytes". Makes the image again from the same inputs (IMAGE.args,
# written by disk/disk.mk) in another work directory (another staging
# tree: other inode numbers, other directory order on the host, other
# times), a second later, and compares the bytes. Also checks the fresh
# image itself: the GPT (sgdisk -v), the root and the ESP (host fsck).
# Prints TAP.
set -eu

img=${1:-build/image-test/basalt.img} dir=${2:-build/image-test/repro}
[ -f "$img" ] && [ -f "$img.args" ] || { echo "not ok 1 - $img or $img.args is missing (make image-test)"; exit 1; }
rm -rf "$dir"
mkdir -p "$dir"
timeout_s=1
. tests/image/image-lib.sh

read -r version kernel initramfs sysroot userland < "$img.args"
sleep 1
start=$(date +%s)
rc=0
# shellcheck disable=SC2086 # one word per program
env "$version" sh disk/mkdisk.sh "$dir/again.img" "$kernel" "$initramfs" "$sysroot" \
	"$dir/work" $userland > "$dir/mkdisk.log" 2>&1 || rc=1
line $rc "disk/mkdisk.sh makes the image again ($(($(date +%s) - start)) s)"
rc=0
cmp "$img" "$dir/again.img" > "$dir/cmp.log" 2>&1 || rc=1
line $rc "the two builds are byte-identical"
rc=0
sgdisk -v "$dir/again.img" > "$dir/sgdisk.log" 2>&1 || rc=1
grep -q 'No problems found' "$dir/sgdisk.log" || rc=1
line $rc "sgdisk -v finds the GPT sound"
rc=0
sgdisk -i 1 "$dir/again.img" 2>/dev/null | grep -q '21686148-6449-6E6F-744E-656564454649' || rc=1
sgdisk -i 2 "$dir/again.img" 2>/dev/null | grep -q 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B' || rc=1
line $rc "partition 1 is a BIOS boot partition, partition 2 an EFI system partition"
rc=0
fsck_root "$dir/again.img" "$dir/root.e2fsck" || rc=1
line $rc "host e2fsck -fn finds the fresh root clean"
rc=0
fsck_esp "$dir/again.img" "$dir/esp.fsck-fat" || rc=1
line $rc "host fsck.fat -n finds the fresh ESP clean"
rc=0
for f in /etc/shadow:0600 /tmp:1777 /root:0700 /bin/busybox:0755 /etc/fstab:0644; do
	debugfs -R "stat ${f%:*}" "$dir/again.img.root" 2>/dev/null |
		grep -q "User: *0 *Group: *0 .*" || rc=1
	debugfs -R "stat ${f%:*}" "$dir/again.img.root" 2>/dev/null |
		grep -q "Mode: *0*${f#*:} " || rc=1
done
debugfs -R "stat /dev/console" "$dir/again.img.root" 2>/dev/null | grep -q 'Type: character special' || rc=1
line $rc "owners root:root and modes (shadow 0600, /tmp 1777, /root 0700) on the root"
rc=0
for f in /EFI/BOOT/BOOTX64.EFI /boot/grub/grub.cfg /basalt.elf /initramfs.cpio.gz; do
	MTOOLS_SKIP_CHECK=1 mdir -i "$dir/again.img.esp" "::$f" > /dev/null 2>&1 || rc=1
done
line $rc "the ESP holds BOOTX64.EFI, grub.cfg, the kernel and the initramfs"
rm -rf "$dir/work" "$dir/again.img.root" "$dir/again.img.esp"
echo "1..$n"
