#!/bin/sh
# merge-config.sh FRAGMENT CONFIG: writes each CONFIG_NAME=VALUE line of
# FRAGMENT into the Kconfig file CONFIG, replacing the option's line there
# ("CONFIG_NAME=..." or "# CONFIG_NAME is not set"), or appending it.
set -eu

tmp=$2.merge
cp "$2" "$tmp"
grep '^CONFIG_[A-Za-z0-9_]*=' "$1" | while IFS= read -r line; do
	opt=${line%%=*}
	grep -v -E "^(# )?$opt[= ]" "$tmp" > "$tmp.new" || true
	echo "$line" >> "$tmp.new"
	mv "$tmp.new" "$tmp"
done
mv "$tmp" "$2"
