#!/bin/sh
# readme.sh: the README's table of ports (README.md, "ports/") against the
# recipes (ports/*/recipe): one row per port, with the recipe's version
# and Debian source package, and no row for a port that is gone. Runs on
# the host (make port-test). Prints TAP.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/system/tap.sh
. "$top/tests/system/tap.sh"

# The table's rows: "  | NAME | VERSION | `SOURCE VERSION` | ... |".
# shellcheck disable=SC2016 # the backquotes are the table's, not a command
grep '^  | [^ ]* | [^ ]* | `[^`]*` |' "$top/README.md" |
	awk -F' [|] ' '{ print $2 " " $3 " " $4 }' | tr -d '`' > rows
for recipe in "$top"/ports/*/recipe; do
	# shellcheck disable=SC1090,SC2154 # each recipe sets name, version...
	row=$(. "$recipe" && echo "$name $version $debian_source $debian_version")
	is "README lists ${row%% *} as in its recipe" "$row" "$(grep "^${row%% *} " rows || true)"
	echo "${row%% *}" >> recipes
done
is "README lists no port without a recipe" "" "$(cut -d' ' -f1 rows | sort | comm -23 - "$(sort recipes > sorted && echo sorted)")"
tap_end
