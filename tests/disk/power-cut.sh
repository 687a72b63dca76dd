#!/bin/sh
# power-cut.sh [OUTDIR]: issue 13's power cut. Boots Basalt (and Debian's
# Linux, to show the test holds for the reference) with an ext2 and a
# FAT32 image, runs powercut-workload.sh inside, and kills QEMU (SIGKILL:
# the guest's caches are lost) POWERCUT_DELAY seconds after the workload
# says its files are fsynced, while it keeps writing others. Then on the
# host: e2fsck -fy / fsck.fat -a repair each image (status 0 or 1, never
# 4 or 8), every fsynced file reads back (debugfs cat, mtools mcopy) with
# the MD5 the guest printed, and a second e2fsck -fn / fsck.fat -n finds
# the image clean. Twice: with the flusher stopped after the fsyncs (only
# they wrote the files: a broken fsync fails) and with it writing every
# 0.2 s (the cut falls in the middle of its writes). Prints TAP.
# POWERCUT_KERNELS (default "basalt linux") chooses the kernels; Linux
# runs with the flusher off only.
set -eu
# make disk-test builds the ISOs first (make disk-isos by hand).
export DISK_NO_MAKE=1

dir=${1:-${BUILD:-build}/disk/powercut}
here=$(cd "$(dirname "$0")" && pwd)
kernels=${POWERCUT_KERNELS:-basalt linux}
delay=${POWERCUT_DELAY:-2}
rm -rf "$dir"
mkdir -p "$dir"
n=0
line() {	# line OK DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
indent() { sed 's/^/#   /'; }

# hostcat FS IMAGE PATH: the file's bytes as the host's tools read them.
hostcat() {
	if [ "$1" = ext2 ]; then
		debugfs -R "cat /$3" "$2" 2>/dev/null
	else
		MTOOLS_SKIP_CHECK=1 mcopy -n -i "$2" "::/$3" - 2>/dev/null
	fi
}

sh "$here/mkimage.sh" "$dir/ext2.base" ext2 --block 1024 --table none --size 48 > /dev/null
sh "$here/mkimage.sh" "$dir/fat.base" fat32 --table none --size 64 > /dev/null
for flush in 0 1; do
# The workload with POWERCUT_FLUSH set (see powercut-workload.sh).
{ echo "POWERCUT_FLUSH=$flush"; cat "$here/powercut-workload.sh"; } > "$dir/workload-$flush.sh"
mode=$([ $flush = 1 ] && echo "flusher on" || echo "flusher off")
# Linux (the test's own check) once, with the flusher off: 40 s a boot.
run_kernels=$kernels
[ $flush = 0 ] || run_kernels=$(echo "$kernels" | sed 's/linux//')
for kernel in $run_kernels; do
	k=$dir/$kernel-flush$flush
	cp "$dir/ext2.base" "$k-ext2.img"
	cp "$dir/fat.base" "$k-fat.img"
	rc=0
	sh "$here/run-disk.sh" --kernel "$kernel" --no-fsck --timeout 240 \
		--kill-on '^POWERCUT: synced' --kill-delay "$delay" --out "$k.out" --log "$k.log" \
		"$dir/workload-$flush.sh" "$k-ext2.img" "$k-fat.img" > "$k.result" 2>&1 || rc=$?
	[ $rc = 3 ] || { indent < "$k.result"; tail -n 20 "$k.log" | indent; }
	line "$([ $rc = 3 ]; echo $?)" "$kernel ($mode): the workload fsynced its files and QEMU was killed while it wrote others"
	[ $rc = 3 ] || continue
	for fs in ext2 fat; do
		img=$k-$fs.img
		frc=0
		if [ $fs = ext2 ]; then
			e2fsck -fy "$img" > "$k-$fs.repair" 2>&1 || frc=$?
		else
			fsck.fat -a "$img" > "$k-$fs.repair" 2>&1 || frc=$?
		fi
		[ $frc -le 1 ] || indent < "$k-$fs.repair"
		line "$([ $frc -le 1 ]; echo $?)" "$kernel $fs ($mode): the host's repair ended with status $frc (0 or 1)"
		want=$(grep -c "^POWERCUT-SUM $fs " "$k.out" || true)
		bad=0
		while read -r _ _ path sum; do
			got=$(hostcat $fs "$img" "$path" | md5sum | cut -d' ' -f1)
			[ "$got" = "$sum" ] || { echo "# $path: $got, the guest printed $sum"; bad=$((bad + 1)); }
		done <<SUMS
$(grep "^POWERCUT-SUM $fs " "$k.out")
SUMS
		line "$([ "$want" = 4 ] && [ $bad = 0 ]; echo $?)" \
			"$kernel $fs ($mode): the $want fsynced files (4 expected) read back on the host with their checksums"
		frc=0
		if [ $fs = ext2 ]; then
			e2fsck -fn "$img" > "$k-$fs.recheck" 2>&1 || frc=$?
		else
			fsck.fat -n "$img" > "$k-$fs.recheck" 2>&1 || frc=$?
		fi
		[ $frc = 0 ] || indent < "$k-$fs.recheck"
		line $frc "$kernel $fs ($mode): a second fsck after the repair finds it clean"
	done
done
done
echo "1..$n"
