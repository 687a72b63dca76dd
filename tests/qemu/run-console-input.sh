#!/bin/sh
# Boots the normal ISO (make run's) headless and uses its BusyBox shells
# as a person would: commands typed on COM1, line editing, ^C stopping a
# foreground job, job control, login(1) as root, and keys typed on the
# PS/2 keyboard into the framebuffer console's shell. The verdicts come from the serial log.
# Usage: run-console-input.sh ISO LOG TAP
set -eu

iso=$1 log=$2 tap=$3
timeout_s=${KTEST_TIMEOUT:-120}
qemu=${QEMU:-qemu-system-x86_64}
dir=$(mktemp -d)
mkfifo "$dir/ser.in" "$dir/ser.out" "$dir/mon.in" "$dir/mon.out"

: > "$log"
"$qemu" -M pc -m 256M -smp "${BASALT_SMP:-1}" -cdrom "$iso" -display none -no-reboot \
	-chardev "pipe,id=ser0,path=$dir/ser" -serial chardev:ser0 \
	-chardev "pipe,id=mon0,path=$dir/mon" -mon chardev=mon0 \
	2> "$log.qemu-stderr" &
qemu_pid=$!
cat "$dir/ser.out" > "$log" &
cat "$dir/mon.out" > /dev/null &
exec 3> "$dir/ser.in" 4> "$dir/mon.in"

# Waits (up to the timeout) for a line of the serial log matching $1.
wait_for() {
	waited=0
	while ! tr -d '\r' < "$log" | grep -q "$1"; do
		[ $waited -lt "$timeout_s" ] || return 1
		sleep 1
		waited=$((waited + 1))
	done
}

n=0
result() {
	n=$((n + 1))
	if wait_for "$1"; then
		echo "ok $n - $2" >> "$tap"
	else
		echo "not ok $n - $2" >> "$tap"
	fi
}

# Types a key sequence on the PS/2 keyboard (QEMU sendkey names).
keys() {
	for key in "$@"; do
		echo "sendkey $key" >&4
		sleep 0.2
	done
}

echo "1..6" > "$tap"
if wait_for 'root@basalt'; then
	# The shell computes it: the line went through the tty and the shell.
	printf 'echo serial-$((6*7))\r' >&3
	result '^serial-42$' "a command typed on COM1 runs in the shell"
	# Erase (DEL) fixes the line before it is sent.
	printf 'echo edit-abcX\177d\r' >&3
	result '^edit-abcd$' "line editing: erase"
	# ^C kills the foreground job; the shell takes the next line.
	printf 'sleep 100\r' >&3
	sleep 2
	printf '\003' >&3
	sleep 1
	printf 'echo after-intr-$?\r' >&3
	result '^after-intr-130$' "^C interrupts the foreground job (status 130)"
	# A background job, listed by the shell's job control.
	printf 'sleep 100 & jobs; kill %%1\r' >&3
	result 'Running *sleep 100' "background job listed by jobs"
	# login(1) as root (empty password in /etc/shadow): the new shell's
	# parent is login, which the original shell's is not.
	printf 'login root\r' >&3
	sleep 3
	printf 'echo parent-$(cat /proc/$PPID/comm); exit\r' >&3
	result '^parent-login$' "login as root on the serial line starts a shell"
	# The keyboard types into the framebuffer console's shell, whose
	# command writes to the serial line: "echo kbd$((6*7)) >/dev/ttyS0".
	keys e c h o spc k b d shift-4 shift-9 shift-9 6 shift-8 7 shift-0 shift-0 \
		spc shift-dot slash d e v slash t t y shift-s 0 ret
	result 'kbd42' "PS/2 keyboard input reaches the framebuffer console's shell"
else
	for i in 1 2 3 4 5 6; do
		echo "not ok $i - boot reached a shell prompt" >> "$tap"
	done
fi
exec 3>&- 4>&-
kill $qemu_pid 2>/dev/null || true
wait 2>/dev/null || true
rm -rf "$dir"
