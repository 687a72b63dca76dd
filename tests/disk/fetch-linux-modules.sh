#!/bin/sh
# fetch-linux-modules.sh: the Linux drivers the disk tests need, from the
# very package whose vmlinuz tests/bench/fetch-linux.sh fetched (its name
# in PACKAGE_FILE): apt-get download, then the named modules and every
# module they depend on (the "depends=" of each .ko's .modinfo section:
# the package has no modules.dep, depmod makes it at install) go to
# OUT/modules, uncompressed, with OUT/modules/order listing them so that
# each comes after its dependencies (BusyBox insmod loads one file and
# resolves nothing). A name is a module name: '-' and '_' are the same.
# Usage: fetch-linux-modules.sh OUT PACKAGE_FILE MODULE...
set -eu

out=$1 package_file=$2
shift 2
pkg=$(cat "$package_file")
tmp=$out.tmp
rm -rf "$tmp" && mkdir -p "$tmp"
if ! (cd "$tmp" && apt-get download -qq "$pkg") > "$tmp/apt.log" 2>&1; then
	cat "$tmp/apt.log" >&2
	exit 1
fi
dpkg-deb --fsys-tarfile "$tmp"/*.deb | tar -x -C "$tmp" ./lib/modules
rm -f "$tmp"/*.deb
tree=$(echo "$tmp"/lib/modules/*)
rm -rf "$out" && mkdir -p "$out/modules"
: > "$tmp/order"

# module_file NAME: the .ko (maybe .ko.xz/.ko.zst) of module NAME.
module_file() {
	pat=$(echo "$1" | sed 's/[-_]/[-_]/g')
	find "$tree" -regex ".*/$pat\.ko\(\.xz\|\.zst\)?" | head -n 1
}

# add NAME: NAME's dependencies, then NAME, once each.
add() {
	# Recursive: its variables are local (dash, BusyBox sh and bash have it).
	local key file ko deps d
	key=$(echo "$1" | tr - _)
	grep -qx "$key" "$tmp/order" 2>/dev/null && return 0
	grep -qx "$key" "$tmp/visiting" 2>/dev/null && return 0
	echo "$key" >> "$tmp/visiting"
	file=$(module_file "$1")
	if [ -z "$file" ]; then
		echo "fetch-linux-modules: no module $1 in $pkg" >&2
		exit 1
	fi
	ko=$out/modules/$key.ko
	case $file in
	*.xz) xz -dc "$file" > "$ko" ;;
	*.zst) zstd -qdc "$file" > "$ko" ;;
	*) cp "$file" "$ko" ;;
	esac
	objcopy -O binary --only-section=.modinfo "$ko" "$tmp/modinfo"
	deps=$(tr '\0' '\n' < "$tmp/modinfo" | sed -n 's/^depends=//p' | tr , ' ')
	for d in $deps; do
		add "$d"
	done
	echo "$key" >> "$tmp/order"
}
for m in "$@"; do
	add "$m"
done
sed 's/$/.ko/' "$tmp/order" > "$out/modules/order"
echo "$pkg" > "$out/package"
rm -rf "$tmp"
echo "fetch-linux-modules: $(wc -l < "$out/modules/order") modules of $pkg"
