#!/bin/sh
# Boots the normal ISO headless and types on both input paths of the boot
# console: bytes on COM1, and key presses on the PS/2 keyboard through the
# QEMU monitor's sendkey. The kernel echoes them to the serial console;
# the TAP verdict comes from the serial log.
# Usage: run-console-input.sh ISO LOG TAP
set -eu

iso=$1 log=$2 tap=$3
timeout_s=${KTEST_TIMEOUT:-120}
qemu=${QEMU:-qemu-system-x86_64}
dir=$(mktemp -d)
mkfifo "$dir/ser.in" "$dir/ser.out" "$dir/mon.in" "$dir/mon.out"

: > "$log"
"$qemu" -M pc -m 256M -cdrom "$iso" -display none -no-reboot \
	-chardev "pipe,id=ser0,path=$dir/ser" -serial chardev:ser0 \
	-chardev "pipe,id=mon0,path=$dir/mon" -mon chardev=mon0 \
	2> "$log.qemu-stderr" &
qemu_pid=$!
cat "$dir/ser.out" > "$log" &
cat "$dir/mon.out" > /dev/null &
exec 3> "$dir/ser.in" 4> "$dir/mon.in"

wait_for() {
	waited=0
	while ! tr -d '\r' < "$log" | grep -q "$1"; do
		[ $waited -lt "$timeout_s" ] || return 1
		sleep 1
		waited=$((waited + 1))
	done
}

echo "1..2" > "$tap"
if wait_for 'echoes what you type'; then
	printf 'serial-echo\r' >&3
	if wait_for '^serial-echo$'; then
		echo "ok 1 - COM1 input echoed" >> "$tap"
	else
		echo "not ok 1 - COM1 input echoed" >> "$tap"
	fi
	for key in k b d shift-x ret; do
		echo "sendkey $key" >&4
		sleep 0.3
	done
	if wait_for '^kbdX$'; then
		echo "ok 2 - PS/2 keyboard input echoed" >> "$tap"
	else
		echo "not ok 2 - PS/2 keyboard input echoed" >> "$tap"
	fi
else
	echo "not ok 1 - boot reached the console echo loop" >> "$tap"
	echo "not ok 2 - boot reached the console echo loop" >> "$tap"
fi
exec 3>&- 4>&-
kill $qemu_pid 2>/dev/null || true
wait 2>/dev/null || true
rm -rf "$dir"
