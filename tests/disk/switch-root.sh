#!/bin/sh
# switch-root.sh [OUTDIR]: issue 13's "with an initramfs, BusyBox
# switch_root to a disk root works". Boots build/disk/basalt-switchroot.iso
# (and linux-switchroot.iso, Debian's Linux, as the reference) with an
# ext2 image holding BusyBox and an /sbin/init script: the initramfs's
# /init (switchroot-init.sh) mounts the partition and execs switch_root;
# the disk's init, PID 1, prints what its root is, writes a file,
# remounts / read-only and powers off. Checks the markers, the file on the
# image (debugfs) and e2fsck -fn. Basalt on NVMe and AHCI, Linux on NVMe.
# Prints TAP.
set -eu

dir=${1:-${BUILD:-build}/disk/switchroot}
build=${BUILD:-build}
qemu=${QEMU:-qemu-system-x86_64}
timeout_s=${SWITCHROOT_TIMEOUT:-150}
n=0
line() {	# line OK DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
rm -rf "$dir"
mkdir -p "$dir/tree/bin" "$dir/tree/sbin" "$dir/tree/dev" "$dir/tree/proc" "$dir/tree/tmp"
cp /bin/busybox "$dir/tree/bin/busybox"
ln -s busybox "$dir/tree/bin/sh"
echo "on the disk" > "$dir/tree/disk-marker"
cat > "$dir/tree/sbin/init" <<'INIT'
#!/bin/sh
export PATH=/bin
b=/bin/busybox
$b mount -t proc proc /proc
echo "SWITCHROOT: disk init, pid $$"
echo "SWITCHROOT: root $($b awk '$2 == "/" { print $3, substr($4, 1, 2) }' /proc/mounts)"
echo "SWITCHROOT: marker $($b cat /disk-marker)"
[ -e /init ] && echo "SWITCHROOT: the initramfs's /init is visible" || echo "SWITCHROOT: no /init"
echo written-after-switch-root > /from-init
$b sync
$b mount -o remount,ro /
echo "SWITCHROOT: done"
$b poweroff -f
INIT
chmod 755 "$dir/tree/sbin/init"
for run in basalt-nvme basalt-ahci linux-nvme; do
	kernel=${run%-*} bus=${run#*-}
	iso=$build/disk/$kernel-switchroot.iso
	img=$dir/$run.img log=$dir/$run.log
	if [ ! -f "$iso" ]; then
		line 1 "$run: $iso is missing (make $iso)"
		continue
	fi
	sh tests/disk/mkimage.sh "$img" ext2 --block 4096 --table gpt --size 32 --tree "$dir/tree" > /dev/null
	if [ "$bus" = nvme ]; then
		disk="-drive if=none,id=d0,file=$img,format=raw -device nvme,serial=root,drive=d0"
	else
		disk="-drive if=none,id=d0,file=$img,format=raw -device ahci,id=ahci0 -device ide-hd,drive=d0,bus=ahci0.0"
	fi
	smp=1
	[ "$kernel" = basalt ] && smp=${BASALT_SMP:-1}
	# shellcheck disable=SC2086
	timeout "$timeout_s" "$qemu" -M q35 -m 256M -smp "$smp" -boot d -cdrom "$iso" -display none \
		-monitor none -no-reboot -serial "file:$log" $disk > /dev/null 2>&1 || true
	tr -d '\r' < "$log" > "$log.clean"
	has() { grep -q "^SWITCHROOT: $1\$" "$log.clean"; }
	rc=0
	has "initramfs init, pid 1, root \(tmpfs\|ramfs\)" && has "mounted the disk root, exec switch_root" || rc=1
	line $rc "$run: the initramfs's /init ran as PID 1 on a tmpfs/ramfs root and mounted the disk"
	rc=0
	has "disk init, pid 1" && has "root ext2 rw" && has "marker on the disk" && has "no /init" || rc=1
	[ $rc = 0 ] || grep '^SWITCHROOT\|switch_root' "$log.clean" | sed 's/^/#   /'
	line $rc "$run: switch_root ran the disk's init as PID 1 with the ext2 partition as / (read-write)"
	rc=0
	has done || rc=1
	line $rc "$run: the disk's init ran to its end"
	part=$dir/$run.part
	dd if="$img" of="$part" bs=1M skip=1 count=30 status=none
	rc=0
	debugfs -R 'cat /from-init' "$part" 2>/dev/null | grep -q '^written-after-switch-root$' || rc=1
	line $rc "$run: the file init wrote is on the disk (debugfs)"
	rc=0
	e2fsck -fn "$part" > "$dir/$run.fsck" 2>&1 || rc=1
	[ $rc = 0 ] || sed 's/^/#   /' "$dir/$run.fsck"
	line $rc "$run: e2fsck -fn finds the root clean after the power off"
done
echo "1..$n"
