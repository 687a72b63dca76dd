#!/bin/sh
# run-basalt.sh ISO: boots the tests/ports ISO (tests/ports/ports-test.mk)
# and prints one TAP stream of every script's results inside Basalt
# (tests/qemu/run-abi-basalt.sh's format: each line prefixed with the
# script's name, plus its exit status). The serial log is kept beside the
# ISO (ports-basalt.log).
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
iso=$1
dir=$(dirname "$iso")
tap=$(mktemp)
trap 'rm -f "$tap"' EXIT
cd "$top"
# shellcheck disable=SC2046 # one word per script
ABI_TIMEOUT=${PORTS_TIMEOUT:-300} sh tests/qemu/run-abi-basalt.sh "$iso" "$dir/ports-basalt.log" "$tap" \
	$(cat "$dir/abi-root/abi/list")
cat "$tap"
