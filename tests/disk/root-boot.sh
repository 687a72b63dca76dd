#!/bin/sh
# root-boot.sh [ISO [OUTDIR]]: issue 13's "root=PARTUUID=... boots to a shell
# with the root on ext2 from NVMe and from AHCI". Makes an ext2 image
# (GPT, mkimage.sh's fixed PARTUUID) holding BusyBox and an /sbin/init
# script, boots ISO (no initramfs: the kernel mounts root= itself) with it
# on NVMe, then on AHCI, and checks what init printed: the root is
# /dev/root, ext2, read-write, and a file init wrote is on the image
# afterwards (debugfs on the host). Prints TAP.
set -eu

iso=${1:-build/disk/basalt-rootboot.iso} dir=${2:-build/disk/rootboot}
[ -f "$iso" ] || { echo "not ok 1 - $iso is missing (make build/disk/basalt-rootboot.iso)"; exit 1; }
qemu=${QEMU:-qemu-system-x86_64}
timeout_s=${ROOTBOOT_TIMEOUT:-120}
rm -rf "$dir"
mkdir -p "$dir/tree/bin" "$dir/tree/sbin" "$dir/tree/dev" "$dir/tree/proc" "$dir/tree/tmp"
cp /bin/busybox "$dir/tree/bin/busybox"
ln -s busybox "$dir/tree/bin/sh"
cat > "$dir/tree/sbin/init" <<'INIT'
#!/bin/sh
/bin/busybox mount -t proc proc /proc
echo "ROOTBOOT: $(/bin/busybox awk '$2 == "/" { print $1, $3, substr($4, 1, 2) }' /proc/mounts)"
echo written-by-init > /from-init
/bin/busybox sync
echo "ROOTBOOT: done"
/bin/busybox poweroff -f
INIT
chmod 755 "$dir/tree/sbin/init"
n=0
line() {	# line OK DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
for bus in nvme ahci; do
	img=$dir/root-$bus.img log=$dir/$bus.log
	sh tests/disk/mkimage.sh "$img" ext2 --block 4096 --table gpt --tree "$dir/tree" > /dev/null
	if [ $bus = nvme ]; then
		disk="-drive if=none,id=d0,file=$img,format=raw -device nvme,serial=root,drive=d0"
	else
		disk="-drive if=none,id=d0,file=$img,format=raw -device ahci,id=ahci0 -device ide-hd,drive=d0,bus=ahci0.0"
	fi
	# shellcheck disable=SC2086
	timeout "$timeout_s" "$qemu" -M q35 -m 256M -smp "${BASALT_SMP:-1}" -boot d -cdrom "$iso" -display none \
		-monitor none -no-reboot -serial "file:$log" $disk > /dev/null 2>&1 || true
	rc=0
	grep -q '^ROOTBOOT: /dev/root ext2 rw' "$log" || rc=1
	line $rc "$bus: root=PARTUUID= mounted the ext2 partition read-write on / and ran its init"
	rc=0
	grep -q '^ROOTBOOT: done' "$log" || rc=1
	line $rc "$bus: init ran to its end"
	rc=0
	debugfs -R 'cat /from-init' "$dir/part-$bus" 2>/dev/null | grep -q written-by-init || {
		dd if="$img" of="$dir/part-$bus" bs=1M skip=1 count=62 status=none
		debugfs -R 'cat /from-init' "$dir/part-$bus" 2>/dev/null | grep -q written-by-init
	} || rc=1
	line $rc "$bus: the file init wrote is on the disk (debugfs)"
	rc=0
	e2fsck -fn "$dir/part-$bus" > "$dir/fsck-$bus.log" 2>&1 || rc=1
	line $rc "$bus: e2fsck -fn finds the root clean after the power off"
done
echo "1..$n"
