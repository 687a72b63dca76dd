#!/bin/sh
# fetch-root.sh: the Debian root of tests/debian. Downloads the packages
# of LIST (one name a line, # comments) from Debian's archive with
# apt-get download into OUT/debs (kept while LIST is unchanged), and
# unpacks them with dpkg-deb -x into OUT/root, as dpkg would install them
# but without running maintainer scripts (none is needed to run these
# programs) or needing root. Documentation, manuals and translations are
# left out: nothing the tests run reads them.
# Usage: fetch-root.sh OUT LIST
set -eu

out=$1
list=$2
debs=$out/debs
want=$(grep -v '^#' "$list" | tr '\n' ' ')

download() {
	rm -rf "$debs.tmp" && mkdir -p "$debs.tmp"
	# shellcheck disable=SC2086 # one word per package
	(cd "$debs.tmp" && apt-get download -qq $want) > "$out/apt.log" 2>&1
}

if [ "$(cat "$debs/.list" 2>/dev/null)" != "$want" ]; then
	mkdir -p "$out"
	# A machine whose package lists were never fetched knows no package.
	if ! download && [ "$(id -u)" -eq 0 ]; then
		apt-get update -q > /dev/null
		download || { cat "$out/apt.log" >&2; exit 1; }
	fi
	rm -rf "$debs" && mv "$debs.tmp" "$debs"
	echo "$want" > "$debs/.list"
fi
rm -rf "$out/root" && mkdir -p "$out/root"
for deb in "$debs"/*.deb; do
	dpkg-deb -x "$deb" "$out/root"
done
rm -rf "$out/root/usr/share/doc" "$out/root/usr/share/man" "$out/root/usr/share/info" \
	"$out/root/usr/share/locale" "$out/root/usr/share/lintian"
echo "fetch-root: $(ls "$debs"/*.deb | wc -l) packages in $out/root"
