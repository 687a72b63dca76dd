#!/bin/sh
# userland.sh: Basalt's own programs (userland/), where installed: in
# PATH (userland/test-host.sh puts build/userland there on the host) or
# in /usr/bin (the initramfs). Skipped when absent (the BusyBox-only
# host run). Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

info=$(command -v basalt-info 2>/dev/null || echo /usr/bin/basalt-info)
if [ ! -x "$info" ]; then
	skip "basalt-info" "not installed"
	tap_end
	exit
fi

out=$("$info")
is "basalt-info exits 0" 0 $?
field() { echo "$out" | sed -n "s/^$1: //p"; }
is "basalt-info: the kernel is uname -srm" "$(uname -s) $(uname -r) $(uname -m)" \
	"$(field Kernel)"
is "basalt-info: the hostname" "$(hostname)" "$(field Hostname)"
ok "basalt-info: the uptime" sh -c "echo '$(field Uptime)' |
	grep -q '^[0-9]* days, [0-9][0-9]:[0-9][0-9]:[0-9][0-9]$'"
total=$(field Memory | sed -n 's/^\([0-9]*\) KiB total, \([0-9]*\) KiB free$/\1/p')
free=$(field Memory | sed -n 's/^\([0-9]*\) KiB total, \([0-9]*\) KiB free$/\2/p')
ok "basalt-info: free memory <= total memory > 0" \
	test "${total:-0}" -gt 0 -a "${free:--1}" -ge 0 -a "${free:-0}" -le "${total:-0}"
if [ -r /proc/meminfo ]; then
	is "basalt-info: the total is MemTotal of /proc/meminfo" \
		"$(sed -n 's/^MemTotal: *\([0-9]*\) kB$/\1/p' /proc/meminfo)" "$total"
else
	skip "basalt-info: the total is MemTotal" "no /proc/meminfo"
fi
if [ -r /proc/cpuinfo ]; then
	is "basalt-info: the CPUs of /proc/cpuinfo" \
		"$(grep -c '^processor' /proc/cpuinfo)" "$(field CPUs | sed 's/ .*//')"
else
	skip "basalt-info: the CPUs" "no /proc/cpuinfo"
fi
ok "basalt-info: at least one process" test "$(field Processes)" -ge 1
is "basalt-info: a stray argument is a usage error (2)" 2 \
	"$("$info" extra > /dev/null 2>&1; echo $?)"
tap_end
