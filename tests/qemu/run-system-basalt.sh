#!/bin/sh
# Boots the tests/system ISO headless: Basalt's /init runs the BusyBox
# scripts with tests/system/run-host.sh between two marker lines on the
# serial console and powers off. The TAP between the markers is the
# result; a run that never reaches the end marker fails.
# Usage: run-system-basalt.sh ISO LOG TAP
set -eu

iso=$1 log=$2 tap=$3
elapsed=$(sh tests/qemu/boot-until.sh "$iso" "$log" '^### system: end' "${SYSTEM_TIMEOUT:-600}" 512M)

tr -d '\r' < "$log" | sed -n '/^### system: begin$/,/^### system: end$/p' |
	grep -E '^(not )?ok |^#|^1\.\.' | grep -v '^###' > "$tap" || true
if ! tr -d '\r' < "$log" | grep -q '^### system: end'; then
	echo "not ok - the system scripts finished (after ${elapsed}s)" >> "$tap"
	echo "run-system-basalt: no end marker; log tail:" >&2
	tr -d '\r' < "$log" | tail -n 40 >&2
fi
