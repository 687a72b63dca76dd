#!/bin/sh
# Boots the tests/system ISO headless: Basalt's /init runs the BusyBox
# scripts with tests/system/run-host.sh between two marker lines on the
# serial console and powers off. The TAP between the markers is the
# result; a run that never reaches the end marker fails.
# Usage: run-system-basalt.sh ISO LOG TAP
set -eu

iso=$1 log=$2 tap=$3
timeout_s=${SYSTEM_TIMEOUT:-600}
qemu=${QEMU:-qemu-system-x86_64}

: > "$log"
"$qemu" -M pc -m 512M -cdrom "$iso" -display none -monitor none -no-reboot \
	-serial "file:$log" 2>"$log.qemu-stderr" &
qemu_pid=$!
elapsed=0
while [ $elapsed -lt "$timeout_s" ] && kill -0 $qemu_pid 2>/dev/null; do
	grep -q '^### system: end' "$log" && break
	sleep 1
	elapsed=$((elapsed + 1))
done
sleep 2
kill $qemu_pid 2>/dev/null || true
wait $qemu_pid 2>/dev/null || true

tr -d '\r' < "$log" | sed -n '/^### system: begin$/,/^### system: end$/p' |
	grep -E '^(not )?ok |^#|^1\.\.' | grep -v '^###' > "$tap" || true
if ! tr -d '\r' < "$log" | grep -q '^### system: end'; then
	echo "not ok - the system scripts finished (after ${elapsed}s)" >> "$tap"
	echo "run-system-basalt: no end marker; log tail:" >&2
	tr -d '\r' < "$log" | tail -n 40 >&2
fi
