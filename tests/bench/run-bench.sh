#!/bin/sh
# make bench: boots the benchmark initramfs under Basalt and under
# Debian's Linux in the same QEMU command line (TCG), reads the
# "### bench:" lines of each serial log, and prints each workload's time
# per iteration on both and the ratio Basalt/Linux (below 1: Basalt is
# faster). Two more rows: boot_to_init (the kernel's uptime when PID 1
# starts) and qemu_to_init (wall time from QEMU's start to PID 1's first
# line, polled every 0.1 s). The table also goes to OUT/results.txt.
# The ext2 rows (bench_disk.h) use an empty ext2 image with 4 KiB blocks
# (tests/disk/mkimage.sh), a fresh one per kernel, on NVMe; a kernel
# without ext2 prints "skipped" for them and the table leaves them out.
# The raw rows (bench_raw.h) read that NVMe disk and an empty AHCI one.
# The configure row (bench_configure.h) runs Debian's gcc from
# OUT/configure.img (mkconfigure.sh), a second NVMe disk never written.
# The scaling rows (bench_scale.h, "scale_*") run on one CPU with the
# rest; then each kernel boots again at -smp 2, where bench-init runs
# only them, and a second table gives each job's time on 1 and 2 CPUs
# and the speedup (also in OUT/scaling.txt).
# A benchmark, not a test: it fails only when a kernel does not finish.
# Usage: run-bench.sh BASALT_ISO LINUX_ISO OUT [LINUX_PACKAGE_FILE]
set -eu

basalt_iso=$1 linux_iso=$2 out=$3 package_file=${4:-}
qemu=${QEMU:-qemu-system-x86_64}
timeout_s=${BENCH_TIMEOUT:-1200}
mkdir -p "$out"

now() { date +%s.%N; }

# boot NAME ISO [CPUS]: the log in OUT/NAME.log, the wall time to init in OUT/NAME.wall
boot() {
	log=$out/$1.log
	: > "$log"
	disk=$out/ext2-$1.img
	sh tests/disk/mkimage.sh "$disk" ext2 --block 4096 --size 128 > "$disk.log" 2>&1
	# The AHCI disk of bench_raw.h: 64 MiB of zeros.
	raw=$out/raw-$1.img
	rm -f "$raw" && truncate -s 64M "$raw"
	start=$(now)
	"$qemu" -M q35 -m 512M -smp "${3:-1}" -boot d -cdrom "$2" -display none -monitor none -no-reboot \
		-drive if=none,id=ext2,file="$disk",format=raw -device nvme,serial=bench,drive=ext2 \
		-drive if=none,id=raw,file="$raw",format=raw -device ahci,id=ahci0 \
		-device ide-hd,drive=raw,bus=ahci0.0 \
		-drive if=none,id=gcc,file="$out/configure.img",format=raw,snapshot=on \
		-device nvme,serial=gcc,drive=gcc \
		-serial "file:$log" 2> "$log.qemu-stderr" &
	pid=$!
	seen=0
	while kill -0 $pid 2>/dev/null; do
		if [ $seen = 0 ] && grep -q '^### bench: begin' "$log"; then
			echo "$(now) $start" | awk '{ printf "%.2f\n", ($1 - $2) * 1e6 }' > "$out/$1.wall"
			seen=1
		fi
		grep -q '^### bench: done' "$log" && break
		if [ "$(echo "$(now) $start" | awk '{ print ($1 - $2 > '"$timeout_s"') }')" = 1 ]; then
			echo "run-bench: $1 did not finish in ${timeout_s}s; log tail:" >&2
			tail -n 20 "$log" >&2
			kill $pid
			return 1
		fi
		sleep 0.1
	done
	sleep 1
	kill $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
	tr -d '\r' < "$log" | grep -q '^### bench: done'
}

# rows NAME: OUT/NAME.log's "### bench:" rows as "name value" lines in OUT/NAME.txt
rows() {
	tr -d '\r' < "$out/$1.log" | sed -n 's/^### bench: \([a-z0-9_]*\) \([0-9.]*\) us$/\1 \2/p' \
		> "$out/$1.txt"
	tr -d '\r' < "$out/$1.log" | grep '^### bench: .* \(failed\|skipped\)' >&2 || true
}

for kernel in basalt linux; do
	eval iso=\$${kernel}_iso
	echo "run-bench: $kernel ($iso)"
	boot $kernel "$iso"
	rows $kernel
	echo "qemu_to_init $(cat "$out/$kernel.wall")" >> "$out/$kernel.txt"
done
scaling=
if grep -q '^scale_' "$out/basalt.txt" "$out/linux.txt"; then
	scaling=yes
	for kernel in basalt linux; do
		eval iso=\$${kernel}_iso
		echo "run-bench: $kernel on 2 CPUs ($iso)"
		boot $kernel-smp2 "$iso" 2
		rows $kernel-smp2
	done
fi

awk '
	NR == FNR { linux[$1] = $2; order[++rows] = $1; next }
	FNR == 1 { printf "%-22s %14s %14s %8s\n", "workload (us per op)", "Basalt", "Linux", "ratio" }
	{
		basalt[$1] = 1
		ratio = ($1 in linux && linux[$1] > 0) ? sprintf("%.2f", $2 / linux[$1]) : "-"
		printf "%-22s %14.2f %14s %8s\n", $1, $2, ($1 in linux) ? linux[$1] : "-", ratio
	}
	# Linux-only rows (the ext2 ones while Basalt has no ext2).
	END {
		for (i = 1; i <= rows; i++)
			if (!(order[i] in basalt))
				printf "%-22s %14s %14s %8s\n", order[i], "skipped", linux[order[i]], "-"
	}
' "$out/linux.txt" "$out/basalt.txt" | tee "$out/results.txt"
# The scaling table: each job on 1 and 2 CPUs, speedup = 1 CPU / 2 CPUs.
if [ "$scaling" ]; then
	for f in basalt basalt-smp2 linux linux-smp2; do grep '^scale_' "$out/$f.txt" > "$out/$f.scale" || true; done
	awk '
		FILENAME ~ /basalt\.scale$/ { b1[$1] = $2; order[++rows] = $1 }
		FILENAME ~ /basalt-smp2\.scale$/ { b2[$1] = $2 }
		FILENAME ~ /linux\.scale$/ { l1[$1] = $2 }
		FILENAME ~ /linux-smp2\.scale$/ { l2[$1] = $2 }
		function speedup(a, b) { return (a > 0 && b > 0) ? sprintf("%.2f", a / b) : "-" }
		END {
			printf "%-18s %12s %12s %8s %12s %12s %8s\n", "scaling (us/job)", "Basalt 1", \
				"Basalt 2", "speedup", "Linux 1", "Linux 2", "speedup"
			for (i = 1; i <= rows; i++) {
				r = order[i]
				printf "%-18s %12.0f %12.0f %8s %12.0f %12.0f %8s\n", r, b1[r], b2[r], \
					speedup(b1[r], b2[r]), l1[r], l2[r], speedup(l1[r], l2[r])
			}
		}
	' "$out/basalt.scale" "$out/basalt-smp2.scale" "$out/linux.scale" "$out/linux-smp2.scale" |
		tee "$out/scaling.txt"
fi
for log in basalt basalt-smp2; do
	[ -f "$out/$log.log" ] && tr -d '\r' < "$out/$log.log" | grep -q 'profile: ' || continue
	echo "Basalt's kernel profile, $log (ticks, share of all ticks, function):"
	tr -d '\r' < "$out/$log.log" | sed -n 's/^\[[ 0-9.]*\] profile: /  /p'
done
echo "run-bench: Linux is $(cat "$package_file" 2>/dev/null || echo 'Debian linux-image-amd64'); logs in $out"
