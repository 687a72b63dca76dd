#!/bin/sh
# run-disk.sh: runs one BusyBox script of tests/disk/ inside Basalt (or
# Debian's Linux) in QEMU with disk images attached, and keeps what it
# printed. See tests/disk/README.md for the whole interface.
#
# Usage: run-disk.sh [options] SCRIPT [IMAGE...]
#   --kernel basalt|linux   the guest kernel (default basalt)
#   --bus nvme|ahci         how the images are attached (default nvme)
#   --out FILE              the script's output (default
#                           build/disk/run/NAME-KERNEL-BUS.out)
#   --log FILE              the whole serial log (default FILE.out -> .log)
#   --timeout SECONDS       QEMU is stopped after this (default 180)
#   --memory SIZE           the guest's memory (default 256M)
#   --no-fsck               skip the host's e2fsck -fn / fsck.fat -n after
#   --iso ISO               boot this ISO instead of build/disk/*.iso
#   --kill-on REGEX         a power cut: kill QEMU (SIGKILL, no flush)
#                           --kill-delay seconds (default 0) after REGEX
#                           first appears on the serial log
#   --kill-delay SECONDS    (fractions allowed)
# The images are attached read-write and changed in place: pass copies.
# Exit status: 0 the script ended with status 0 and every file system
# of the images is clean; 1 the script failed (its status is in the
# output's last line) or an fsck did; 2 no end marker (crash, hang,
# timeout); 3 killed by --kill-on as asked; 77 the script skipped
# itself (disk_require_fs).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${BUILD:-$top/build}
kernel=basalt bus=nvme out= log= timeout_s=180 memory=256M fsck=1 iso=
kill_on= kill_delay=0 killed=0
qemu=${QEMU:-qemu-system-x86_64}

usage() {
	sed -n '/^# Usage:/,/^# timeout/p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel=$2; shift 2 ;;
	--bus) bus=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--log) log=$2; shift 2 ;;
	--timeout) timeout_s=$2; shift 2 ;;
	--memory) memory=$2; shift 2 ;;
	--no-fsck) fsck=0; shift ;;
	--iso) iso=$2; shift 2 ;;
	--kill-on) kill_on=$2; shift 2 ;;
	--kill-delay) kill_delay=$2; shift 2 ;;
	--) shift; break ;;
	-*) usage ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] || usage
script=$1
shift
case $kernel in basalt|linux) ;; *) usage ;; esac
case $bus in nvme|ahci) ;; *) usage ;; esac
# One AHCI controller has 6 ports, the control disk takes one.
if [ "$bus" = ahci ] && [ $# -gt 5 ]; then
	echo "run-disk: at most 5 images on AHCI" >&2
	exit 2
fi
name=$(basename "$script" .sh)
[ -n "$out" ] || out=$build/disk/run/$name-$kernel-$bus.out
[ -n "$log" ] || log=${out%.out}.log
mkdir -p "$(dirname "$out")" "$(dirname "$log")"
if [ -z "$iso" ]; then
	iso=$build/disk/$kernel-disk.iso
	# make disk-test builds them first and says so with DISK_NO_MAKE=1.
	if [ -z "${DISK_NO_MAKE:-}" ]; then
		make -C "$top" --no-print-directory -s "$iso" >&2
	fi
fi
[ -f "$iso" ] || { echo "run-disk: no $iso" >&2; exit 2; }

# The control disk (disk-init.sh): a header sector, then the script.
ctl=$log.control.img
script_bytes=$(wc -c < "$script")
# Which images have a partition table (1) or not (0): the guest waits
# for partition 1's node, which appears after the disk's.
tables=
for img in "$@"; do
	if sfdisk -d "$img" 2>/dev/null | grep -q 'start='; then tables=${tables}1; else tables=${tables}0; fi
done
printf 'BASALT-DISKTEST1 %s %s %s %s %s\n' "$kernel" "$bus" $# "$script_bytes" "${tables:-0}" > "$ctl"
truncate -s 512 "$ctl"
cat "$script" >> "$ctl"
truncate -s 1M "$ctl"
[ "$script_bytes" -lt $((1024 * 1024 - 512)) ] || { echo "run-disk: script too big" >&2; exit 2; }

set -- "$@"
drives=
i=1
for img in "$@"; do
	[ -f "$img" ] || { echo "run-disk: no image $img" >&2; exit 2; }
	drives="$drives -drive if=none,id=d$i,file=$img,format=raw"
	if [ "$bus" = nvme ]; then
		drives="$drives -device nvme,serial=disk$i,drive=d$i"
	else
		drives="$drives -device ide-hd,drive=d$i,bus=ahci0.$((i - 1))"
	fi
	i=$((i + 1))
done
# The control disk: on AHCI after the data disks, on NVMe the only AHCI disk.
ctl_port=0
[ "$bus" = ahci ] && ctl_port=$#

: > "$log"
# Basalt on BASALT_SMP CPUs (make's SMP); Linux, the reference, on one.
smp=1
[ "$kernel" = basalt ] && smp=${BASALT_SMP:-1}
start=$(date +%s)
# shellcheck disable=SC2086 # $drives is a list of words
"$qemu" -M q35 -m "$memory" -smp "$smp" -boot d -cdrom "$iso" -display none -monitor none -no-reboot \
	-serial "file:$log" -device ahci,id=ahci0 $drives \
	-drive if=none,id=ctl,file="$ctl",format=raw -device ide-hd,drive=ctl,bus=ahci0.$ctl_port \
	2> "$log.qemu-stderr" &
qemu_pid=$!
elapsed=0
if [ -n "$kill_on" ]; then
	# The power cut: polled every 0.1 s (TCG guests are slow beside it).
	ticks=0
	while [ $ticks -lt $((timeout_s * 10)) ] && kill -0 $qemu_pid 2>/dev/null; do
		if tr -d '\r' < "$log" | grep -Eq "$kill_on"; then
			sleep "$kill_delay"
			kill -KILL $qemu_pid 2>/dev/null && killed=1
			break
		fi
		sleep 0.1
		ticks=$((ticks + 1))
	done
	elapsed=$((ticks / 10))
fi
while [ $elapsed -lt "$timeout_s" ] && [ $killed = 0 ] && kill -0 $qemu_pid 2>/dev/null; do
	grep -q '^### abi: done' "$log" && break
	sleep 1
	elapsed=$((elapsed + 1))
done
# The power off follows the marker: QEMU exits by itself, having written
# every image back.
waited=0
while [ $waited -lt 15 ] && [ $killed = 0 ] && kill -0 $qemu_pid 2>/dev/null; do
	sleep 1
	waited=$((waited + 1))
done
kill $qemu_pid 2>/dev/null || true
wait $qemu_pid 2>/dev/null || true
secs=$(($(date +%s) - start))

# The script's lines: between the markers, without the kernel's log
# lines ("[   1.234] ..."), carriage returns or other marker lines.
clean=$log.clean
tr -d '\r' < "$log" > "$clean"
sed -n '/^### disk: begin$/,/^### disk: end /p' "$clean" |
	grep -Ev '^### |^\[ *[0-9]+\.[0-9]+\] ' > "$out" || true
end=$(sed -n 's/^### disk: end \([0-9]*\)$/\1/p' "$clean" | tail -n 1)
skip=$(sed -n 's/^### disk: skip //p' "$clean" | head -n 1)

status=0
if [ $killed = 1 ]; then
	echo "run-disk: $name on $kernel/$bus: killed after /$kill_on/ as asked (${secs}s)"
	status=3
elif [ -n "$skip" ]; then
	echo "run-disk: $name on $kernel/$bus skipped: $skip (${secs}s)"
	status=77
elif [ -z "$end" ]; then
	echo "run-disk: $name on $kernel/$bus: no end marker after ${secs}s; log tail:" >&2
	tail -n 30 "$clean" >&2
	status=2
elif [ "$end" != 0 ]; then
	echo "run-disk: $name on $kernel/$bus: the script ended with status $end (${secs}s)"
	status=1
else
	echo "run-disk: $name on $kernel/$bus: ok (${secs}s)"
fi

rm -f "$log.fsck"
if [ $fsck = 1 ]; then
	for img in "$@"; do
		if ! sh "$here/fsck-image.sh" "$img" >> "$log.fsck" 2>&1; then
			echo "run-disk: fsck of $img failed:" >&2
			grep -A 30 FAILED "$log.fsck" | head -n 40 >&2
			status=$([ $status = 2 ] && echo 2 || echo 1)
		fi
	done
	[ ! -f "$log.fsck" ] || cat "$log.fsck" >> "$log"
fi
exit $status
