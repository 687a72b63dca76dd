#!/bin/sh
# image-crash.sh [IMAGE [DIR]]: issue 14's unclean stop. A copy of the image
# boots (SeaBIOS, NVMe), the shell starts writing files in the background
# and QEMU is killed (-9) in the middle: the root is left "not clean".
# The next boot's rcS runs our e2fsck -p on the read-only root, which
# repairs it and says so on the console (and reboots if e2fsck asks to,
# status 2); the shell is reached with the root read-write (the kernel
# rereads what e2fsck repaired), and after poweroff the host's e2fsck
# -fn finds it clean, its state clean.
# Prints TAP.
set -eu

img=${1:-build/image-test/basalt.img} dir=${2:-build/image-test/crash}
timeout_s=${IMAGE_TIMEOUT:-120}
[ -f "$img" ] || { echo "not ok 1 - $img is missing (make image-test)"; exit 1; }
rm -rf "$dir"
mkdir -p "$dir"
. tests/image/image-lib.sh

copy=$dir/crash.img
cp --sparse=always "$img" "$copy"
boot "$copy" bios nvme "$dir/first.log"
rc=0
wait_for 'root@basalt:' || rc=1
line $rc "first boot reaches the shell"
# Files, directories and appends, in the background; the kill comes while
# they run (dirty pages, the flusher, new blocks and inodes).
type_line 'i=0; while [ $i -lt 100000 ]; do mkdir -p /root/d$((i % 50)); echo "line $i" >> /root/d$((i % 50))/f$((i % 7)); dd if=/dev/zero of=/root/d$((i % 50))/z bs=4k count=$((i % 5 + 1)) 2>/dev/null; [ $((i % 25)) -ne 0 ] || sync; i=$((i + 1)); done & sleep 3; echo "writing-now"'
rc=0
wait_for '^writing-now$' || rc=1
sleep 2
stop_qemu
line $rc "the writes were running when QEMU was killed"
rc=0
fsck_root "$copy" "$dir/after-kill.e2fsck" || true
dumpe2fs -h "$copy.root" 2>/dev/null | grep -q '^Filesystem state: *not clean' || rc=1
line $rc "the kill left the root not clean (dumpe2fs)"

boot "$copy" bios nvme "$dir/second.log"
rc=0
wait_for '^rcS: checking the root file system' || rc=1
wait_for '^rcS: e2fsck repaired the root file system' || rc=1
line $rc "the next boot's rcS ran e2fsck -p and says it repaired the root"
rc=0
wait_for 'root@basalt:' || rc=1
line $rc "after the repair (and the reboot e2fsck may ask for) the shell is reached"
type_line 'echo "alive-$((2 + 3))"; awk '"'"'$2 == "/" { print "mnt", $3, substr($4, 1, 2) }'"'"' /proc/mounts; echo "dirs: $(ls /root | wc -l)"'
rc=0
wait_for '^alive-5$' || rc=1
wait_for '^mnt ext2 rw$' || rc=1
line $rc "the repaired root is mounted read-write and the shell runs commands"
type_line 'poweroff'
rc=0
wait_exit || rc=1
line $rc "poweroff"
echo "# repair and reboot: ${boot_seconds} s"
rc=0
fsck_root "$copy" "$dir/final.e2fsck" || rc=1
dumpe2fs -h "$copy.root" 2>/dev/null | grep -q '^Filesystem state: *clean$' || rc=1
line $rc "host e2fsck -fn finds the root clean, its state clean"
rc=0
fsck_esp "$copy" "$dir/final.fsck-fat" || rc=1
line $rc "host fsck.fat -n finds the ESP clean"
rm -f "$copy" "$copy.root" "$copy.esp"
echo "1..$n"
