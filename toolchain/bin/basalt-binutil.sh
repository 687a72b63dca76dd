#!/bin/sh
# The x86_64-basalt-TOOL binutils wrappers: the host's TOOL, which already
# handles x86_64 ELF. Each wrapper is a symlink to this script.
set -eu

tool=${0##*/x86_64-basalt-}
exec "$tool" "$@"
