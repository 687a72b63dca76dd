#!/bin/sh
# test-basalt.sh ISO: boots make toolchain-test's ISO (toolchain/toolchain.mk)
# and prints one TAP stream of its programs' results inside Basalt, in
# tests/qemu/run-abi-basalt.sh's format (each result prefixed with the
# program's name, plus a line for its exit status). The serial log is kept
# beside the ISO (toolchain-basalt.log).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
iso=$1
dir=$(cd "$(dirname "$iso")" && pwd)
tap=$(mktemp)
trap 'rm -f "$tap"' EXIT
cd "$top"
# shellcheck disable=SC2046 # the list names one program a line
ABI_TIMEOUT=${TOOLCHAIN_TEST_TIMEOUT:-900} sh tests/qemu/run-abi-basalt.sh "$iso" \
	"$dir/toolchain-basalt.log" "$tap" $(cat "$dir/abi-root/abi/list")
cat "$tap"
