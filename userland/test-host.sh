#!/bin/sh
# Runs tests/system/userland.sh on the host with the userland programs
# built in build/userland first in PATH (they are static: Linux runs
# them too). Prints TAP. Usage: userland/test-host.sh [BUILD_DIR]
set -eu

bin=$(cd "${1:-build}/userland" && pwd)
PATH="$bin:$PATH" exec "${BUSYBOX:-/bin/busybox}" sh tests/system/userland.sh
