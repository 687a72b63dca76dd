#!/bin/sh
# Boots the tests/abi ISO (abi-init as PID 1 runs each program) headless
# and turns the serial log into one TAP stream: every line of each
# program's TAP prefixed with its name, plus one line per program for its
# exit status. A program that never reported, or ran other than the
# number of tests its plan said, counts as failed.
# Usage: run-abi-basalt.sh ISO LOG TAP PROGRAM...
set -eu

iso=$1 log=$2 tap=$3
shift 3
elapsed=$(sh tests/qemu/boot-until.sh "$iso" "$log" '^### abi: done' "${ABI_TIMEOUT:-300}" "${ABI_MEMORY:-256M}")

clean=$(mktemp)
tr -d '\r' < "$log" > "$clean"
: > "$tap"
for prog in "$@"; do
	# This program's lines, between its marker and the next marker.
	awk -v p="$prog" '
		$0 == "### abi: " p { on = 1; next }
		/^### abi/ { on = 0 }
		on && /^(not )?ok / {
			sub(/^ok [0-9]+ ?-? ?/, "ok - " p ": ")
			sub(/^not ok [0-9]+ ?-? ?/, "not ok - " p ": ")
			print
		}
		on && /^1\.\.[0-9]+/ { print "# " p " plan " $0 }
	' "$clean" >> "$tap"
	planned=$(sed -n "s/^# $prog plan 1\.\.\([0-9]*\).*/\1/p" "$tap" | head -n 1)
	got=$(grep -c "^\(not \)\?ok - $prog: " "$tap" || true)
	status=$(sed -n "s/^### abi-exit: $prog \(-\?[0-9]*\)$/\1/p" "$clean" | head -n 1)
	if [ -z "$planned" ] || [ "$got" -ne "$planned" ]; then
		echo "not ok - $prog: reported ${got} of ${planned:-?} planned tests" >> "$tap"
	fi
	if [ "$status" = 0 ]; then
		echo "ok - $prog: exit status 0" >> "$tap"
	else
		echo "not ok - $prog: exit status ${status:-missing}" >> "$tap"
	fi
done
if ! grep -q '^### abi: done' "$clean"; then
	echo "not ok - abi-init finished (after ${elapsed}s)" >> "$tap"
	echo "run-abi-basalt: no end marker; log tail:" >&2
	tail -n 40 "$clean" >&2
fi
rm -f "$clean"
