#!/bin/sh
# suite.sh: make disk-test's TAP. For every tests/disk/*.sh script with
# "# disk:" header lines (README.md), makes its images from the reference
# trees, runs it inside Basalt on NVMe and on AHCI and inside Debian's
# Linux (NVMe), each on a fresh copy of the images, and reports per
# Basalt run: the script ended, the host's fsck found its images clean,
# and its output equals Linux's. One Basalt boot first reads
# /proc/filesystems: a script that calls "disk_require_fs TYPE" for a
# type Basalt lacks is skipped (# SKIP) without booting. Linux's outputs
# are cached (build/disk/linux-cache) by everything they depend on.
# Usage: suite.sh DIR   (DIR is tests/disk; run from the repository top)
set -eu

dir=$1
build=${BUILD:-build}
work=$build/disk/suite
cache=$build/disk/linux-cache
run="sh $dir/run-disk.sh"
export DISK_NO_MAKE=1
mkdir -p "$work" "$cache"
n=0
start=$(date +%s)

tap() {	# tap OK DESCRIPTION [DIRECTIVE]
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2${3:+ # $3}"; else echo "not ok $n - $2${3:+ # $3}"; fi
}
indent() { sed 's/^/#   /'; }

scripts=$(grep -l '^# disk:' "$dir"/*.sh | LC_ALL=C sort)

# The trees, once per generator version.
tree_sum=$(cat "$dir/mktree.sh" "$dir/mkimage.sh" | cksum | cut -d' ' -f1)
if [ ! -f "$work/trees-$tree_sum" ]; then
	rm -rf "$work"/trees-* "$work/tree-full" "$work/tree-fat"
	sh "$dir/mktree.sh" "$work/tree-full"
	sh "$dir/mktree.sh" "$work/tree-fat" --fat
	touch "$work/trees-$tree_sum"
fi

# What Basalt's kernel has: /proc/filesystems, once.
echo 'cat /proc/filesystems' > "$work/fs-probe.sh"
basalt_fs=
if $run --no-fsck --out "$work/fs-probe.out" "$work/fs-probe.sh" > "$work/fs-probe.result" 2>&1; then
	basalt_fs=$(awk '{ print $NF }' "$work/fs-probe.out" | tr '\n' ' ')
	echo "# Basalt's file systems: $basalt_fs"
else
	cat "$work/fs-probe.result" | indent
	tap 1 "Basalt boots and lists its file systems"
fi

# make_images SCRIPT OUTDIR: the images of SCRIPT's "# disk:" lines, as
# OUTDIR/1.img, 2.img...; prints their mkimage arguments (the cache key).
make_images() {
	i=1
	sed -n 's/^# disk: *//p' "$1" | while read -r fs args; do
		block=1024 table=gpt size=64 tree=full
		[ "${fs#fat}" = "$fs" ] || { tree=fat size=96; }
		for a in $args; do
			case $a in
			block=*|table=*|size=*|tree=*) eval "${a%%=*}=\${a#*=}" ;;
			*) echo "suite: $1: unknown disk option $a" >&2; exit 1 ;;
			esac
		done
		treearg=
		[ "$tree" = none ] || treearg="--tree $work/tree-$tree"
		# shellcheck disable=SC2086
		sh "$dir/mkimage.sh" "$2/$i.img" "$fs" --block "$block" --table "$table" \
			--size "$size" $treearg > "$2/mkimage.log" 2>&1 || { cat "$2/mkimage.log" >&2; exit 1; }
		echo "$fs $block $table $size $tree"
		i=$((i + 1))
	done
}

# fresh_copies FROM TO: TO/1.img... as copies (sparse) of FROM's.
fresh_copies() {
	rm -rf "$2" && mkdir -p "$2"
	for img in "$1"/*.img; do
		cp --sparse=always "$img" "$2/"
	done
}

for script in $scripts; do
	name=$(basename "$script" .sh)
	sdir=$work/$name
	rm -rf "$sdir" && mkdir -p "$sdir/base"
	# Types the script requires that Basalt lacks.
	missing=
	for t in $(sed -n 's/^[[:space:]]*disk_require_fs[[:space:]]\{1,\}\([a-z0-9]*\).*/\1/p' "$script"); do
		case " $basalt_fs " in *" $t "*) ;; *) missing="$missing $t" ;; esac
	done
	# The buses: "# disk-bus:" (default both); DISK_ALL_BUSES=1 both always.
	buses=$(sed -n 's/^# disk-bus: *//p' "$script" | head -n 1)
	[ -n "$buses" ] && [ -z "${DISK_ALL_BUSES:-}" ] || buses="nvme ahci"
	if [ -n "$missing" ]; then
		for bus in $buses; do
			tap 0 "$name on Basalt/$bus" "SKIP Basalt has no$missing"
		done
		continue
	fi
	if ! make_images "$script" "$sdir/base" > "$sdir/images"; then
		tap 1 "$name: its images"
		continue
	fi
	# Linux's output: cached by the script, the images' arguments, the
	# generators, the guest's side and the kernel package.
	key=$(cat "$script" "$sdir/images" "$dir/mktree.sh" "$dir/mkimage.sh" "$dir/disk-init.sh" \
		"$dir/disk-lib.sh" "$build/disk/linux-modules/package" | md5sum | cut -d' ' -f1)
	lout=$cache/$name-$key.out
	if [ ! -f "$lout" ]; then
		fresh_copies "$sdir/base" "$sdir/linux"
		rc=0
		# shellcheck disable=SC2046
		$run --kernel linux --out "$sdir/linux.out" "$script" $(ls "$sdir/linux"/*.img) \
			> "$sdir/linux.result" 2>&1 || rc=$?
		if [ $rc != 0 ]; then
			indent < "$sdir/linux.result"
			[ ! -f "$sdir/linux.log.fsck" ] || indent < "$sdir/linux.log.fsck"
			tap 1 "$name on Linux (the reference) ran and left its images clean"
			continue
		fi
		rm -f "$cache/$name"-*.out
		cp "$sdir/linux.out" "$lout"
	fi
	for bus in $buses; do
		fresh_copies "$sdir/base" "$sdir/$bus"
		rc=0
		# shellcheck disable=SC2046
		$run --bus "$bus" --out "$sdir/$bus.out" "$script" $(ls "$sdir/$bus"/*.img) \
			> "$sdir/$bus.result" 2>&1 || rc=$?
		if [ $rc = 77 ]; then
			tap 0 "$name on Basalt/$bus" "SKIP $(sed -n 's/.*skipped: //p' "$sdir/$bus.result")"
			continue
		fi
		[ $rc = 0 ] || indent < "$sdir/$bus.result"
		tap "$([ $rc != 2 ]; echo $?)" "$name on Basalt/$bus: the script ran to its end"
		fsck_rc=0
		grep -q 'FAILED' "$sdir/$bus.log.fsck" 2>/dev/null && fsck_rc=1
		[ $fsck_rc = 0 ] || grep '^fsck' "$sdir/$bus.log.fsck" | head -n 40 | indent
		tap $fsck_rc "$name on Basalt/$bus: the host's fsck finds the images clean"
		diff_rc=0
		diff -u "$lout" "$sdir/$bus.out" > "$sdir/$bus.diff" || diff_rc=1
		[ $diff_rc = 0 ] || head -n 60 "$sdir/$bus.diff" | indent
		tap $diff_rc "$name on Basalt/$bus: the output equals Linux's"
	done
done
echo "1..$n"
echo "# disk suite: $(($(date +%s) - start)) s"
