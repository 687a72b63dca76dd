#!/bin/sh
# summary.sh BUILD PORT...: the table `make ports` prints at its end, one
# line per port: its version (from the recipe), what became of it, and the
# seconds of its last build (ports/build.sh writes BUILD/PORT/status).
#   built     built and installed by this make ports
#   up to date installed earlier, nothing changed since (the time is that
#             of the build then)
#   failed    its build failed (log in BUILD/PORT/build.log)
#   not built never built here (not tried: a port it depends on failed)
set -eu

build=$1
shift
printf '%-12s %-12s %-11s %s\n' port version result seconds
for port in "$@"; do
	version=$(sed -n 's/^version=//p' "ports/$port/recipe")
	status_file=$build/$port/status
	result="not built"
	seconds=-
	if [ -f "$status_file" ]; then
		read -r result seconds < "$status_file"
		if [ "$result" = built ] && [ -f "$build/$port/.installed" ] &&
			[ "$build/$port/.summary-seen" -nt "$build/$port/.installed" ]; then
			result="up to date"
		fi
	fi
	printf '%-12s %-12s %-11s %s\n' "$port" "$version" "$result" "$seconds"
	[ -d "$build/$port" ] && touch "$build/$port/.summary-seen"
done
