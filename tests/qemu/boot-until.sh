#!/bin/sh
# Boots ISO headless on QEMU's i440fx (SeaBIOS) with the serial console in
# LOG, until a line of the log matches MARKER, QEMU exits by itself (a
# power off) or TIMEOUT seconds pass; then stops QEMU. Prints the seconds
# it waited. The runners of the in-Basalt suites share it.
# Usage: boot-until.sh ISO LOG MARKER TIMEOUT [MEMORY]
#   BOOT_SMP=N: QEMU's -smp N (default BASALT_SMP, which the Makefile's
#   SMP sets, else 1).
set -eu

iso=$1 log=$2 marker=$3 timeout_s=$4 memory=${5:-256M}
qemu=${QEMU:-qemu-system-x86_64}

: > "$log"
"$qemu" -M pc -m "$memory" -smp "${BOOT_SMP:-${BASALT_SMP:-1}}" -cdrom "$iso" -display none \
	-monitor none -no-reboot -serial "file:$log" 2>"$log.qemu-stderr" &
qemu_pid=$!
elapsed=0
while [ $elapsed -lt "$timeout_s" ] && kill -0 $qemu_pid 2>/dev/null; do
	grep -q "$marker" "$log" && break
	sleep 1
	elapsed=$((elapsed + 1))
done
# What follows the marker (the power off) gets a moment to arrive.
sleep 2
kill $qemu_pid 2>/dev/null || true
wait $qemu_pid 2>/dev/null || true
echo "$elapsed"
