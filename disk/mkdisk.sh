#!/bin/sh
# mkdisk.sh: build/basalt.img, the installed system on a GPT disk, made
# without root privileges or loop devices (each file system is made in a
# file of its own and copied in with dd at its partition's offset):
#
#   LBA 0         protective MBR holding GRUB's boot.img (i386-pc)
#   LBA 1-33      GPT (and its backup in the last 33 sectors)
#   partition 1   BIOS boot (EF02, 1 MiB): GRUB's i386-pc core image
#   partition 2   EFI system partition (FAT32): EFI/BOOT/BOOTX64.EFI,
#                 boot/grub/grub.cfg, the kernel and the recovery initramfs
#   partition 3   root (ext2): BusyBox, the ports, the /etc skeleton
#
# Both GRUBs carry their modules and a small configuration that finds the
# ESP by its volume id and reads the one boot/grub/grub.cfg there.
# Reproducible: fixed UUIDs (derived from VERSION), every time set to
# SOURCE_DATE_EPOCH (E2FSPROGS_FAKE_TIME for mke2fs and debugfs, mkfs.fat
# --invariant, mcopy -m of a tree touched to that time), sorted staging,
# owners and times of the root's inodes rewritten by debugfs (mke2fs -d
# copies the host's owners and ctimes, which an unprivileged build
# cannot choose).
#
# Usage: mkdisk.sh OUT KERNEL INITRAMFS SYSROOT WORKDIR [USERLAND_PROGRAM...]
# Environment: SOURCE_DATE_EPOCH (default 0), DISK_VERSION, DISK_ESP_MIB,
# DISK_ROOT_MIB.
set -eu

out=$1 kernel=$2 initramfs=$3 sysroot=$4 work=$5
shift 5
# e2fsprogs takes E2FSPROGS_FAKE_TIME=0 as "not set" (the clock's time):
# epoch 0, the build's default, becomes 2026-01-01 00:00 UTC on the disk.
epoch=${SOURCE_DATE_EPOCH:-0}
[ "$epoch" != 0 ] || epoch=1767225600
version=${DISK_VERSION:-0}
esp_mib=${DISK_ESP_MIB:-40}
root_mib=${DISK_ROOT_MIB:-64}
grub_pc=${GRUB_PC_DIR:-/usr/lib/grub/i386-pc}
grub_efi=${GRUB_EFI_DIR:-/usr/lib/grub/x86_64-efi}
export LC_ALL=C TZ=UTC

# --- Layout (512-byte sectors, 1 MiB alignment) ---------------------------
sector=512
mib_sectors=2048
bios_first=$mib_sectors
bios_last=$((bios_first + mib_sectors - 1))
esp_first=$((bios_last + 1))
esp_last=$((esp_first + esp_mib * mib_sectors - 1))
root_first=$((esp_last + 1))
root_last=$((root_first + root_mib * mib_sectors - 1))
# One MiB after the root for the backup GPT (33 sectors) and alignment.
total_sectors=$((root_last + 1 + mib_sectors))

# --- Identifiers: fixed, derived from the version -------------------------
# uuid NAME: a version-4-shaped UUID from sha256("basalt-disk VERSION NAME").
uuid() {
	printf 'basalt-disk %s %s' "$version" "$1" | sha256sum |
		sed 's/^\(........\)\(....\).\(...\).\(...\)\(............\).*/\1-\2-4\3-8\4-\5/'
}
disk_guid=$(uuid disk)
bios_partuuid=$(uuid part-bios)
esp_partuuid=$(uuid part-esp)
root_partuuid=$(uuid part-root)
root_fs_uuid=$(uuid fs-root)
root_hash_seed=$(uuid hash-seed)
# FAT's volume id: 8 hex digits, shown as XXXX-XXXX.
esp_volid=$(printf 'basalt-disk %s esp' "$version" | sha256sum | cut -c 1-8 | tr a-f A-F)
esp_fs_uuid=$(echo "$esp_volid" | sed 's/^\(....\)/\1-/')

rm -rf "$work"
mkdir -p "$work"
case $work in /*) ;; *) work=$PWD/$work ;; esac

# Every later step substitutes these into the templates (grub.cfg, fstab).
subst() {
	sed -e "s/@ROOT_PARTUUID@/$root_partuuid/g" -e "s/@ROOT_FS_UUID@/$root_fs_uuid/g" \
		-e "s/@ESP_FS_UUID@/$esp_fs_uuid/g" -e "s/@ESP_PARTUUID@/$esp_partuuid/g" "$1"
}

# --- GRUB for BIOS and for UEFI --------------------------------------------
# The configuration built into both images: find the ESP, read its grub.cfg.
subst disk/grub-early.cfg > "$work/early.cfg"
grub_common="part_gpt part_msdos fat ext2 normal configfile search search_fs_uuid echo test
	multiboot2 all_video serial terminal ls cat halt reboot sleep"
# shellcheck disable=SC2086 # one word per module
grub-mkimage -O i386-pc -d "$grub_pc" -o "$work/core.img" -c "$work/early.cfg" \
	-p /boot/grub biosdisk $grub_common
# shellcheck disable=SC2086
grub-mkimage -O x86_64-efi -d "$grub_efi" -o "$work/BOOTX64.EFI" -c "$work/early.cfg" \
	-p /boot/grub $grub_common efi_gop efi_uga

core_sectors=$(( ($(stat -c %s "$work/core.img") + sector - 1) / sector ))
if [ "$core_sectors" -gt "$mib_sectors" ]; then
	echo "mkdisk: core.img ($core_sectors sectors) does not fit the BIOS boot partition" >&2
	exit 1
fi

# --- The ESP (FAT32) ---------------------------------------------------------
esp_tree=$work/esp
mkdir -p "$esp_tree/EFI/BOOT" "$esp_tree/boot/grub"
cp "$work/BOOTX64.EFI" "$esp_tree/EFI/BOOT/BOOTX64.EFI"
subst disk/grub.cfg > "$esp_tree/boot/grub/grub.cfg"
cp "$kernel" "$esp_tree/basalt.elf"
cp "$initramfs" "$esp_tree/initramfs.cpio.gz"
find "$esp_tree" -exec touch -h -d "@$epoch" {} +
esp_img=$work/esp.img
mkfs.fat -F 32 -n BASALT-ESP --invariant -i "$esp_volid" -C "$esp_img" \
	$((esp_mib * 1024)) > /dev/null
# --invariant before -i: it sets the volume id too, and the last one wins.
# mcopy -m keeps the tree's times; -s recurses; sorted names go in order.
(cd "$esp_tree" && MTOOLS_SKIP_CHECK=1 mcopy -s -m -i "$esp_img" EFI boot basalt.elf \
	initramfs.cpio.gz ::)

# --- The root (ext2) ---------------------------------------------------------
stage=$work/root
mkdir -p "$stage"
# The sysroot's programs: BusyBox with its links and every port (not the
# headers and libraries of usr/include and usr/lib, which only the cross
# compiler uses).
for d in bin sbin usr/bin usr/sbin usr/share; do
	if [ -d "$sysroot/$d" ]; then
		mkdir -p "$stage/$d"
		cp -a "$sysroot/$d/." "$stage/$d/"
	fi
done
# Our own programs (userland/), and the system test scripts.
mkdir -p "$stage/usr/bin" "$stage/tests"
for p in "$@"; do
	cp "$p" "$stage/usr/bin/"
done
cp -R tests/system "$stage/tests/system"
# The skeleton: /etc and the empty directories with their modes.
cp -R disk/rootfs/. "$stage/"
subst disk/rootfs/etc/fstab > "$stage/etc/fstab"
for d in dev proc sys run mnt home boot/efi var/log var/tmp tmp root; do
	mkdir -p "$stage/$d"
done
# Modes: 0755 by default, 0644 for files; executables (the git mode) keep x.
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -type f -exec chmod u+rw,go+r,go-w {} +
chmod 1777 "$stage/tmp" "$stage/var/tmp"
chmod 0700 "$stage/root"
chmod 0600 "$stage/etc/shadow"
chmod 0755 "$stage/etc/init.d/"*
find "$stage" -exec touch -h -d "@$epoch" {} +

root_img=$work/root.img
E2FSPROGS_FAKE_TIME=$epoch mke2fs -q -F -t ext2 -b 4096 -L basalt-root -U "$root_fs_uuid" \
	-E "hash_seed=$root_hash_seed" -d "$stage" "$root_img" $((root_mib * 1024))k > /dev/null
# Owners root:root and every time SOURCE_DATE_EPOCH, inode by inode; the
# device nodes a rootless build cannot mknod (/dev/console, /dev/null:
# the kernel opens the console for init before devtmpfs is up).
{
	(cd "$stage" && find . | sort) | while read -r f; do
		p=${f#.}
		[ -n "$p" ] || p=/
		echo "sif \"$p\" uid 0"
		echo "sif \"$p\" gid 0"
		for t in atime mtime ctime crtime; do
			echo "sif \"$p\" $t @$epoch"
		done
	done
	echo "cd /dev"
	echo "mknod console c 5 1"
	echo "mknod null c 1 3"
	for n in console null; do
		echo "sif /dev/$n mode 020$( [ $n = console ] && echo 600 || echo 666)"
		for t in atime mtime ctime crtime; do
			echo "sif /dev/$n $t @$epoch"
		done
	done
	for t in atime mtime ctime crtime; do
		echo "sif /dev $t @$epoch"
		echo "sif /lost+found $t @$epoch"
	done
} > "$work/debugfs.cmd"
E2FSPROGS_FAKE_TIME=$epoch debugfs -w -f "$work/debugfs.cmd" "$root_img" > "$work/debugfs.log" 2>&1
if grep -v -e "^debugfs" -e "^Allocated inode" "$work/debugfs.log" | grep -q .; then
	echo "mkdisk: debugfs complained:" >&2
	grep -v '^debugfs' "$work/debugfs.log" >&2
	exit 1
fi
E2FSPROGS_FAKE_TIME=$epoch e2fsck -fn "$root_img" > "$work/e2fsck.log" 2>&1 || {
	cat "$work/e2fsck.log" >&2
	exit 1
}

# --- The disk: GPT, partitions, the BIOS boot code -------------------------
rm -f "$out"
truncate -s $((total_sectors * sector)) "$out"
sgdisk -U "$disk_guid" \
	-n 1:$bios_first:$bios_last -t 1:EF02 -u 1:"$bios_partuuid" -c 1:bios-boot \
	-n 2:$esp_first:$esp_last -t 2:EF00 -u 2:"$esp_partuuid" -c 2:esp \
	-n 3:$root_first:$root_last -t 3:8300 -u 3:"$root_partuuid" -c 3:basalt-root \
	"$out" > /dev/null
dd if="$esp_img" of="$out" bs=1M oflag=seek_bytes seek=$((esp_first * sector)) \
	conv=notrunc,sparse status=none
dd if="$root_img" of="$out" bs=1M oflag=seek_bytes seek=$((root_first * sector)) \
	conv=notrunc,sparse status=none
sh disk/grub-bios-install.sh "$out" "$grub_pc/boot.img" "$work/core.img" $bios_first

# What the tests need to know.
cat > "$out.layout" <<EOF
sector=$sector
bios_first=$bios_first
esp_first=$esp_first
esp_sectors=$((esp_last - esp_first + 1))
root_first=$root_first
root_sectors=$((root_last - root_first + 1))
root_partuuid=$root_partuuid
root_fs_uuid=$root_fs_uuid
esp_fs_uuid=$esp_fs_uuid
EOF
