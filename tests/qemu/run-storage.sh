#!/bin/sh
# The storage test: makes two 16 MiB disk images whose every 512-byte
# sector holds text records naming the disk and the sector, gives the
# first a GPT (sgdisk: two partitions) and the second an MBR with an
# extended partition and two logical ones (sfdisk), boots ISO on QEMU's
# MACHINE (q35: ECAM, MSI; pc: type 1 configuration, and the ISO given
# for pc boots with pci=nomsi, so INTx) with the first on an AHCI port
# and the second as an NVMe namespace, and turns storage_check's TAP
# (run by abi-init) into TAP lines. Then it checks the kernel's PCI and
# disk log lines, and that the images equal the originals with exactly
# the writes storage_check made (cmp against expected images).
# With KERNEL linux the ISO is Debian's Linux running storage_show alone
# on the same QEMU line and images: its outputs must equal the same
# expected files (what makes them Linux's), the images stay unchanged.
# Usage: run-storage.sh ISO MACHINE LOG TAP [KERNEL]
set -eu

iso=$1 machine=$2 log=$3 tap=$4 kernel=${5:-basalt}
timeout_s=${STORAGE_TIMEOUT:-180}
qemu=${QEMU:-qemu-system-x86_64}
dir=$(dirname "$log")/storage-$kernel-$machine
sectors=32768
# sdc's latency: above the kernel's 5 s request timeout (BLK_TIMEOUT_NS).
slow_ns=7000000000
rm -rf "$dir"
mkdir -p "$dir"

# disk_image LETTER FILE [SECTORS]: the records storage_check.c's disk_record makes.
disk_image() {
	awk -v d="$1" -v n="${3:-$sectors}" 'BEGIN {
		for (s = 0; s < n; s++)
			for (r = 0; r < 16; r++)
				printf "D:%s L:%010d R:%02d..........\n", d, s, r
	}' > "$2"
}

# apply_write LETTER IMAGE OFFSET LENGTH: write_record's bytes, as
# storage_check writes them, at byte OFFSET of IMAGE.
apply_write() {
	first=$(($3 / 32))
	last=$((($3 + $4 + 31) / 32))
	awk -v d="$1" -v a=$first -v b=$last 'BEGIN {
		for (r = a; r < b; r++)
			printf "W:%s R:%012d.............\n", d, r
	}' > "$dir/records"
	dd if="$dir/records" of="$dir/chunk" bs=4096 iflag=skip_bytes,count_bytes \
		skip=$(($3 % 32)) count="$4" status=none
	dd if="$dir/chunk" of="$2" bs=4096 oflag=seek_bytes seek="$3" conv=notrunc status=none
}

disk_image A "$dir/ahci.img"
disk_image N "$dir/nvme.img"
disk_image C "$dir/small.img" 2048
disk_image K "$dir/nvme4k.img" 2048
# QEMU's blkdebug (docs/devel/blkdebug.txt) fails reads of sector 30000
# and writes of sector 31000 of the first two disks with EIO.
cat > "$dir/blkdebug.conf" <<'CONF'
[inject-error]
event = "read_aio"
errno = "5"
sector = "30000"

[inject-error]
event = "write_aio"
errno = "5"
sector = "31000"
CONF
# Fixed GUIDs and MBR identifier: fdisk -l prints them (expected/).
sgdisk -o -n 1:2048:10239 -n 2:10240:18431 -U 5B0A5A17-0000-4000-8000-000000000001 \
	-u 1:5B0A5A17-0000-4000-8000-000000000011 -u 2:5B0A5A17-0000-4000-8000-000000000012 \
	"$dir/ahci.img" > "$dir/sgdisk.log"
printf 'label: dos\nlabel-id: 0x5b0a5a17\n2048,4096,83\n8192,,5\n10240,2048,83\n14336,,83\n' |
	sfdisk -q "$dir/nvme.img" > "$dir/sfdisk.log"
for img in ahci nvme nvme4k; do cp "$dir/$img.img" "$dir/$img.img.orig"; done
cp "$dir/ahci.img" "$dir/ahci.want"
cp "$dir/nvme.img" "$dir/nvme.want"
cp "$dir/small.img" "$dir/small.want"
cp "$dir/nvme4k.img" "$dir/nvme4k.want"
# storage_check's three writes (sda1 starts at 2048, sda2 at 10240,
# nvme0n1p6 at 14336 sectors).
apply_write A "$dir/ahci.want" $((2048 * 512 + 4096 + 100)) 70000
apply_write A "$dir/ahci.want" $((10240 * 512 + 64 * 1024)) $((300 * 1024))
apply_write N "$dir/nvme.want" $((14336 * 512 + 1000)) 5000
apply_write K "$dir/nvme4k.want" $((4096 + 3000)) 6000
# check_writeback's two writes without fsync.
apply_write A "$dir/ahci.want" $((2048 * 512 + 200000)) 10000
apply_write N "$dir/nvme.want" $((14336 * 512 + 100000)) 3000

: > "$log"
# Basalt on BASALT_SMP CPUs (make's SMP); Linux, the reference, on one.
smp=1
[ "$kernel" = basalt ] && smp=${BASALT_SMP:-1}
"$qemu" -M "$machine" -m 256M -smp "$smp" -boot d -cdrom "$iso" -display none -monitor none \
	-no-reboot -serial "file:$log" \
	-drive if=none,id=d0,file="blkdebug:$dir/blkdebug.conf:$dir/ahci.img",format=raw \
	-device ahci,id=ahci0 -device ide-hd,drive=d0,bus=ahci0.0 \
	-drive if=none,id=d2,file="$dir/small.img",format=raw \
	-device ide-hd,drive=d2,bus=ahci0.1 \
	-drive if=none,id=d4,driver=null-co,size=1M,read-zeroes=on,latency-ns=$slow_ns \
	-device ide-hd,drive=d4,bus=ahci0.2 \
	-drive if=none,id=d1,file="blkdebug:$dir/blkdebug.conf:$dir/nvme.img",format=raw \
	-device nvme,serial=basalt1,drive=d1 \
	-drive if=none,id=d3,file="$dir/nvme4k.img",format=raw \
	-device nvme,serial=basalt2,drive=d3,logical_block_size=4096,physical_block_size=4096,mdts=1 \
	-drive if=none,id=d5,driver=null-co,size=1M,read-zeroes=on,latency-ns=$slow_ns \
	-device nvme,serial=basalt3,drive=d5 \
	2> "$log.qemu-stderr" &
qemu_pid=$!
elapsed=0
while [ $elapsed -lt "$timeout_s" ] && kill -0 $qemu_pid 2>/dev/null; do
	grep -q '^### abi: done' "$log" && break
	sleep 1
	elapsed=$((elapsed + 1))
done
# The power off follows the marker; QEMU then exits by itself.
waited=0
while [ $waited -lt 10 ] && kill -0 $qemu_pid 2>/dev/null; do
	sleep 1
	waited=$((waited + 1))
done
kill $qemu_pid 2>/dev/null || true
wait $qemu_pid 2>/dev/null || true

clean=$dir/log.txt
tr -d '\r' < "$log" > "$clean"
n=0
line() {	# line OK DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
# show_sections LOG: the "### show:" sections of storage_show in LOG.
show_sections() {
	awk '/^### show: / { on = 1 } on { print } /^### show-end$/ { on = 0 }' "$1"
}
# section MARKER FILE: the lines between MARKER and the next "### show-end".
section() {
	awk -v m="$1" '$0 == m { on = 1; next } on && /^### show-end$/ { exit } on { print }' "$2"
}
# partitions_unnumbered FILE: /proc/partitions as "major size name"
# lines sorted by name, without the minors.
partitions_unnumbered() {
	awk '$1 ~ /^[0-9]+$/ && NF == 4 { print $1, $3, $4 }' "$1" | sort -k 3
}
# basalt_checks: the writes storage_check made and Basalt's log lines.
basalt_checks() {
	rc=0; cmp -s "$dir/ahci.img" "$dir/ahci.want" || rc=1
	line $rc "the AHCI image holds exactly the writes made through sda1 and sda2"
	rc=0; cmp -s "$dir/nvme.img" "$dir/nvme.want" || rc=1
	line $rc "the NVMe image holds exactly the write made through nvme0n1p6"
	rc=0; cmp -s "$dir/small.img" "$dir/small.want" || rc=1
	line $rc "the second AHCI image is unchanged"
	rc=0; cmp -s "$dir/nvme4k.img" "$dir/nvme4k.want" || rc=1
	line $rc "the 4096-byte-block NVMe image holds exactly the write through nvme1n1"
	if [ "$machine" = q35 ]; then
		logged "ECAM from the MCFG" '\] PCI: ECAM \[mem 0xb0000000-'
		logged "ICH9 AHCI listed" '\] pci 0000:00:1f.2: \[8086:2922\] type 00 class 0x010601'
		logged "AHCI on MSI" '\] pci 0000:00:0[0-9a-f].0: MSI, vector'
		logged "NVMe on MSI-X" '\] pci 0000:00:0[0-9a-f].0: MSI-X, vector'
	else
		logged "legacy configuration" '\] PCI: using configuration type 1'
		logged "i440fx host bridge listed" '\] pci 0000:00:00.0: \[8086:1237\] type 00 class 0x060000'
		logged "AHCI and NVMe on INTx" '\] pci 0000:00:0[0-9a-f].0: INTx, IRQ 1[01]'
	fi
	logged "NVMe BAR 0 is 64-bit" 'BAR 0 \[mem 0x[0-9a-f]*-0x[0-9a-f]* 64bit\]'
	logged "the AHCI disk" '\] sda: 32768 512-byte logical blocks (16 MB) \[QEMU HARDDISK\] 8:0'
	logged "its GPT" '\] sda: gpt, 2 partitions'
	logged "the NVMe namespace" '\] nvme0n1: 32768 512-byte logical blocks (16 MB) .* 259:0'
	logged "its MBR" '\] nvme0n1: mbr, 4 partitions'
	logged "the 4096-byte-block namespace" '\] nvme1n1: 256 4096-byte logical blocks (1 MB) .* 259:5'
	logged "the second AHCI disk" '\] sdb: 2048 512-byte logical blocks (1 MB) \[QEMU HARDDISK\] 8:16'
	logged "sdc's read timed out" '\] blk sdc: request [0-9]* (lba 0) timed out'
	logged "sdc's port reset" '\] ahci sdc: port 2 reset'
	logged "sdc's partition scan failed cleanly" '\] sdc: unreadable or corrupt mbr partition table (error -5)'
	logged "nvme2n1's read timed out" '\] blk nvme2n1: request [0-9]* (lba 0) timed out'
	logged "nvme2's reset" '\] nvme2: controller reset'
	logged "the injected AHCI read error" '\] blk sda: read of [0-9]* blocks at 30000 failed: error -5'
	logged "the AHCI port reset after it" '\] ahci sda: port 0 reset'
	logged "the injected NVMe write error" '\] blk nvme0n1: write of [0-9]* blocks at 31000 failed: error -5'
	logged "power off flushes a written disk's cache" '\] block: sda: synchronizing the write cache'
	rc=0
	grep -q 'block: sdb: synchronizing' "$clean" && rc=1
	line $rc "a disk never written (sdb) has nothing to flush"
	# A request past nvme1's MDTS (8 KiB) would fail (and be logged).
	rc=0
	grep -q 'blk nvme1n1: read of [0-9]* blocks at [0-9]* failed' "$clean" && rc=1
	line $rc "no read request of nvme1n1 failed (none beyond its MDTS)"
}
storage_progs="storage_check storage_sys storage_show"
if [ "$kernel" = linux ]; then
	storage_progs=storage_show
	# Linux writes nothing: the images must stay as made.
	for img in ahci nvme nvme4k; do
		cp "$dir/$img.img.orig" "$dir/$img.want"
	done
fi
logged() {	# logged DESCRIPTION PATTERN
	rc=0
	grep -q -- "$2" "$clean" || rc=1
	line $rc "$1 (log: '$2')"
}
{
	for prog in $storage_progs; do
		awk -v p="$prog" '
			$0 == "### abi: " p { on = 1; next }
			/^### abi/ { on = 0 }
			on && /^(not )?ok / {
				sub(/^ok [0-9]+ ?-? ?/, "ok - " p ": ")
				sub(/^not ok [0-9]+ ?-? ?/, "not ok - " p ": ")
				print
			}
			on && /^1\.\.[0-9]+/ { print "# " p " plan " $0 }
		' "$clean"
		planned=$(awk -v p="$prog" '$0 == "### abi: " p { on = 1; next }
			on && /^1\.\.[0-9]+/ { sub(/^1\.\./, ""); print; exit }' "$clean")
		got=$(awk -v p="$prog" '$0 == "### abi: " p { on = 1; next } /^### abi/ { on = 0 }
			on && /^(not )?ok / { c++ } END { print c + 0 }' "$clean")
		if [ -z "$planned" ] || [ "$got" -ne "$planned" ]; then
			echo "not ok - $prog reported $got of ${planned:-?} planned tests"
		fi
		status=$(sed -n "s/^### abi-exit: $prog \(-\?[0-9]*\)$/\1/p" "$clean")
		line "$([ "$status" = 0 ]; echo $?)" "$prog exit status ${status:-missing}"
	done
	# storage_show's outputs against Linux's (tests/qemu/expected/README).
	expected=$(dirname "$0")/expected/storage-$machine.txt
	show_sections "$clean" > "$dir/show.txt"
	grep '^### show: ' "$expected" > "$dir/markers"
	while IFS= read -r marker; do
		cmd=${marker#\#\#\# show: }
		section "$marker" "$expected" > "$dir/want.section"
		section "$marker" "$dir/show.txt" > "$dir/got.section"
		if [ "$kernel" = linux ] && [ "$cmd" = "cat /proc/partitions" ]; then
			# Linux numbers NVMe minors (259:N) in the order its
			# asynchronous scans finish: compare names and sizes.
			partitions_unnumbered "$dir/want.section" > "$dir/want.sorted"
			partitions_unnumbered "$dir/got.section" > "$dir/got.sorted"
			mv "$dir/want.sorted" "$dir/want.section"
			mv "$dir/got.sorted" "$dir/got.section"
		fi
		rc=0
		cmp -s "$dir/want.section" "$dir/got.section" || rc=1
		line $rc "'$cmd' prints what Linux prints (expected/storage-$machine.txt)"
		if [ $rc != 0 ]; then
			diff "$dir/want.section" "$dir/got.section" | sed 's/^/# /' | head -n 20
		fi
	done < "$dir/markers"
	# Which kernel ran: Basalt's release ends in "-basalt".
	release=$(sed -n 's/^storage_show: kernel release //p' "$clean")
	rc=1
	case $kernel:$release in
	basalt:*-basalt) rc=0 ;;
	linux:6.1.*) rc=0 ;;
	esac
	line $rc "the guest ran $kernel (release ${release:-missing})"
	if [ "$kernel" = linux ]; then
		rc=0
		for img in ahci nvme small nvme4k; do
			cmp -s "$dir/$img.img" "$dir/$img.want" || rc=1
		done
		line $rc "Linux changed no image"
	else
		basalt_checks
	fi
	rc=0
	grep -Eq 'Kernel panic|does not come back' "$clean" && rc=1
	line $rc "no panic or failed reset in the log"
	grep -q '^### abi: done' "$clean" || echo "not ok - abi-init finished (after ${elapsed}s)"
} > "$tap.tmp"
# The plan first: every result line (a missing storage_check result has
# its own "not ok" above).
{ echo "1..$(grep -c '^\(not \)\?ok ' "$tap.tmp")"; cat "$tap.tmp"; } > "$tap"
rm -f "$tap.tmp"
