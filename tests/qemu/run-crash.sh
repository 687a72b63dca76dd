#!/bin/sh
# Boots the crashtest ISO (a deliberate kernel page fault, panic=-1) on
# QEMU's MACHINE (pc: i440fx, q35) and checks from the serial log that the fatal path
# reports what a developer needs, then resets the machine, which with
# -no-reboot makes QEMU exit by itself. On several CPUs (BASALT_SMP) the
# panic must also have stopped every other CPU (smp/smp_stop.c).
# Usage: run-crash.sh ISO MACHINE LOG TAP
set -eu

iso=$1 machine=$2 log=$3 tap=$4
timeout_s=${KTEST_TIMEOUT:-120}
cpus=${BASALT_SMP:-1}
qemu=${QEMU:-qemu-system-x86_64}

: > "$log"
exited=no
if timeout "$timeout_s" "$qemu" -M "$machine" -m 256M -smp "${BASALT_SMP:-1}" -cdrom "$iso" -display none \
	-monitor none -no-reboot -serial "file:$log" 2> "$log.qemu-stderr"; then
	exited=yes
fi

n=0
check() {	# check DESCRIPTION PATTERN: one TAP line per expectation
	n=$((n + 1))
	if tr -d '\r' < "$log" | grep -q -- "$2"; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1 (no line matching '$2')"
	fi
}

{
	if [ "$cpus" -gt 1 ]; then echo "1..9"; else echo "1..8"; fi
	check "exception named" 'Unhandled exception: Page fault (#PF), vector 14'
	check "error code decoded" '#PF: not-present read kernel-mode'
	check "faulting address shown" 'CR2 (faulting address): ffffa00000001000'
	check "registers dumped" 'RAX: [0-9a-f]\{16\} RBX: '
	check "faulting rip symbolized" 'RIP: [0-9a-f]* crashtest_page_fault+0x'
	check "backtrace reaches kmain" '\] kmain+0x'
	check "panic declared" 'Kernel panic - not syncing: Fatal exception #PF'
	if [ "$cpus" -gt 1 ]; then
		others=$((cpus - 1))
		check "the other CPUs stopped" "smp: $others of $others other CPUs stopped"
	fi
	n=$((n + 1))
	if [ $exited = yes ] && grep -q 'Rebooting immediately (panic=-1)' "$log"; then
		echo "ok $n - panic=-1 reset the machine"
	else
		echo "not ok $n - panic=-1 reset the machine (QEMU exited: $exited)"
	fi
} > "$tap"
