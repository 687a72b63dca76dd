#!/bin/sh
# run-basalt.sh ISO [LOG]: boots the differential ports ISO
# (tests/ports/ports-test.mk; also make toolchain-test's, toolchain/toolchain.mk)
# and prints one TAP stream of every program's results inside Basalt, in
# tests/qemu/run-abi-basalt.sh's format (each result prefixed with the
# program's name, plus one line for its exit status). The serial log is
# kept beside the ISO (LOG, default ports-basalt.log).
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
iso=$1
dir=$(cd "$(dirname "$iso")" && pwd)
tap=$(mktemp)
trap 'rm -f "$tap"' EXIT
cd "$top"
# shellcheck disable=SC2046 # the list names one script a line
ABI_TIMEOUT=${PORTS_TIMEOUT:-300} sh tests/qemu/run-abi-basalt.sh "$iso" \
	"$dir/${2:-ports-basalt.log}" "$tap" $(cat "$dir/abi-root/abi/list")
cat "$tap"
