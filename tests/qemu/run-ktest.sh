#!/bin/sh
# Boots the ktest ISO headless in QEMU and turns the serial log into TAP.
# Usage: run-ktest.sh ISO bios|uefi LOG TAP
#   bios: SeaBIOS on the i440fx machine; uefi: OVMF on q35.
#   KTEST_SMP=N: QEMU's -smp N, and the log must say "smp: N CPUs" (every
#   CPU checked in: kernel/arch/x86_64/smp/smp.c), or KTEST_SMP_EXPECT CPUs.
#   KTEST_ARGS: extra kernel parameters, as the SMBIOS product string that
#   disk/iso/grub-ktest-smp.cfg reads (the ktest ISO ignores it).
# The verdict comes from the log alone: the KTAP lines between
# "KTAP version 1" and "# ktest:" are copied to TAP, and a boot that never
# gets there becomes a failing "not ok" line.
set -eu

iso=$1 firmware=$2 log=$3 tap=$4
timeout_s=${KTEST_TIMEOUT:-120}
qemu=${QEMU:-qemu-system-x86_64}
ovmf_code=/usr/share/OVMF/OVMF_CODE_4M.fd
ovmf_vars=/usr/share/OVMF/OVMF_VARS_4M.fd

set -- -m 256M -cdrom "$iso" -display none -monitor none -no-reboot \
	-serial "file:$log"
[ "${KTEST_SMP:-}" ] && set -- -smp "$KTEST_SMP" "$@"
[ "${KTEST_ARGS:-}" ] && set -- -smbios "type=1,product=$KTEST_ARGS" "$@"
smp_expect=${KTEST_SMP_EXPECT:-${KTEST_SMP:-}}
case $firmware in
bios)	set -- -M pc "$@" ;;
uefi)	vars=$(mktemp)
	cp "$ovmf_vars" "$vars"
	set -- -M q35 "$@" \
		-drive "if=pflash,format=raw,readonly=on,file=$ovmf_code" \
		-drive "if=pflash,format=raw,file=$vars" ;;
*)	echo "run-ktest: unknown firmware '$firmware'" >&2; exit 2 ;;
esac

: > "$log"
"$qemu" "$@" 2>"$log.qemu-stderr" &
qemu_pid=$!
elapsed=0
status=timeout
while [ $elapsed -lt "$timeout_s" ]; do
	if ! kill -0 $qemu_pid 2>/dev/null; then
		status=exited
		break
	fi
	if grep -q '# ktest:' "$log"; then
		status=finished
		break
	fi
	sleep 1
	elapsed=$((elapsed + 1))
done
# After its summary the kernel powers off (ACPI S5): QEMU must exit by
# itself within a few seconds.
powered_off=no
if [ $status = exited ]; then
	grep -q '# ktest:' "$log" && powered_off=yes
elif [ $status = finished ]; then
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		if ! kill -0 $qemu_pid 2>/dev/null; then
			powered_off=yes
			break
		fi
		sleep 1
	done
fi
kill $qemu_pid 2>/dev/null || true
wait $qemu_pid 2>/dev/null || true
[ "${vars:-}" ] && rm -f "$vars"

tr -d '\r' < "$log" | sed -n 's/^\[ *[0-9]*\.[0-9]*\] //p' |
	sed -n '/^KTAP version 1$/,/^# ktest:/p' > "$tap"
if [ "$smp_expect" ]; then
	if tr -d '\r' < "$log" | grep -q "\] smp: $smp_expect CPUs "; then
		echo "ok - smp: $smp_expect CPUs checked in" >> "$tap"
	else
		echo "not ok - smp: $smp_expect CPUs checked in:" \
			"$(tr -d '\r' < "$log" | grep -a '\] smp: ' | tail -n 1)" >> "$tap"
	fi
fi
if [ $powered_off = yes ]; then
	echo "ok - power off ended the QEMU run" >> "$tap"
else
	echo "not ok - power off ended the QEMU run ($status)" >> "$tap"
fi
if ! grep -q '^# ktest:' "$tap"; then
	echo "not ok 999 ktest run did not finish ($status after ${elapsed}s)" >> "$tap"
	echo "run-ktest: $firmware: no KTAP summary ($status); log tail:" >&2
	tail -n 40 "$log" >&2
fi
