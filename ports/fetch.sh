#!/bin/sh
# fetch.sh PORTDIR CACHE: unpacks the Debian source package the recipe in
# PORTDIR names into CACHE, once. `apt-get source` downloads the .dsc and
# the tarballs it lists, checks each against the hashes in the signed
# Sources index of the deb-src entry (toolchain/host-deps.sh adds it), and
# dpkg-source unpacks them with Debian's own patches applied. CACHE is
# left pristine: ports/build.sh builds in a copy of it.
set -eu

portdir=$1
cache=$2
# shellcheck source=/dev/null # the recipe is the port's
. "$portdir/recipe"
want="$debian_source $debian_version"
stamp=$cache/.fetched
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
	exit 0
fi

echo "  FETCH   $name: Debian $debian_source $debian_version"
rm -rf "$cache" "$cache.tmp"
mkdir -p "$cache.tmp"
if ! (cd "$cache.tmp" && apt-get source -q --only-source \
	"$debian_source=$debian_version" > fetch.log 2>&1); then
	cat "$cache.tmp/fetch.log" >&2
	echo "fetch: apt-get source $debian_source=$debian_version failed;" \
		"is the deb-src entry there? (sh toolchain/host-deps.sh as root)" >&2
	exit 1
fi
# dpkg-source unpacks into NAME-UPSTREAMVERSION, the only directory there.
unpacked=$(find "$cache.tmp" -mindepth 1 -maxdepth 1 -type d)
[ "$(echo "$unpacked" | wc -l)" -eq 1 ] || {
	echo "fetch: expected one unpacked directory in $cache.tmp" >&2
	exit 1
}
mv "$unpacked" "$cache"
echo "$want" > "$stamp"
rm -rf "$cache.tmp"
