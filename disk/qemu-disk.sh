#!/bin/sh
# qemu-disk.sh: boots a Basalt disk image in QEMU (q35), for `make run`
# and tests/image. The firmware is SeaBIOS (bios) or OVMF (uefi, with a
# fresh copy of its variable store: no boot entries, so OVMF boots the
# ESP's removable-media path EFI/BOOT/BOOTX64.EFI); the disk is on an
# NVMe or an AHCI controller. More QEMU arguments may follow.
# Usage: qemu-disk.sh IMAGE bios|uefi nvme|ahci MEMORY [QEMU_ARG...]
set -eu

img=$1 fw=$2 bus=$3 mem=$4
shift 4
qemu=${QEMU:-qemu-system-x86_64}
ovmf_code=${OVMF_CODE:-/usr/share/OVMF/OVMF_CODE_4M.fd}
ovmf_vars=${OVMF_VARS:-/usr/share/OVMF/OVMF_VARS_4M.fd}

case $bus in
nvme)	disk="-drive if=none,id=d0,file=$img,format=raw -device nvme,serial=basalt,drive=d0,bootindex=0" ;;
ahci)	disk="-drive if=none,id=d0,file=$img,format=raw -device ahci,id=ahci0 -device ide-hd,drive=d0,bus=ahci0.0,bootindex=0" ;;
*)	echo "qemu-disk: unknown controller '$bus' (nvme or ahci)" >&2; exit 2 ;;
esac
case $fw in
bios)	firmware= ;;
uefi)	vars=$img.ovmf-vars
	cp "$ovmf_vars" "$vars"
	firmware="-drive if=pflash,format=raw,readonly=on,file=$ovmf_code -drive if=pflash,format=raw,file=$vars" ;;
*)	echo "qemu-disk: unknown firmware '$fw' (bios or uefi)" >&2; exit 2 ;;
esac
# shellcheck disable=SC2086 # one word per argument
exec "$qemu" -M q35 -m "$mem" -smp "${BASALT_SMP:-1}" $firmware $disk "$@"
