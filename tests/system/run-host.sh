#!/bin/sh
# run-host.sh: runs every tests/system/*.sh script under BusyBox's sh on
# the host, with a directory of applet links (busybox --install -s)
# first in PATH, and prints one TAP stream: each script's results
# renumbered and prefixed with its name, a "not ok" for a script that
# exits non-zero or prints nothing, and the plan at the end.
# Usage: run-host.sh [DIR]   (default: the directory of this script)
# BUSYBOX names the binary (default: /bin/busybox, Debian's busybox-static).
set -eu

dir=${1:-$(dirname "$0")}
bb=${BUSYBOX:-/bin/busybox}
[ -x "$bb" ] || { echo "run-host: $bb not found (apt-get install busybox-static)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/basalt-system-run.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
"$bb" --install -s "$work/bin"

n=0
for script in "$dir"/*.sh; do
	name=$(basename "$script" .sh)
	# tap.sh is the helpers, this file the runner: neither is a test.
	case $name in tap | run-host) continue ;; esac
	rc=0
	# Only BusyBox's applets, as on Basalt: no host command can stand in.
	PATH="$work/bin" "$bb" sh "$script" > "$work/$name.out" 2>&1 || rc=$?
	results=$(grep -c -E '^(not )?ok ' "$work/$name.out" || true)
	failed=$(grep -c '^not ok ' "$work/$name.out" || true)
	while IFS= read -r line; do
		case $line in
		"ok "* | "not ok "*)
			n=$((n + 1))
			status=${line%% [0-9]*}
			rest=${line#"$status "}
			rest=${rest#* }
			echo "$status $n $name: ${rest#- }"
			;;
		"#"*) echo "$line" ;;
		esac
	done < "$work/$name.out"
	# A non-zero exit that no "not ok" explains is a failure of its own.
	if { [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; } || [ "$results" -eq 0 ]; then
		n=$((n + 1))
		echo "not ok $n $name: the script exited with status $rc"
		tail -n 5 "$work/$name.out" | sed 's/^/# /'
	fi
done
echo "1..$n"
