#!/bin/sh
# Makes the partition_test fixtures with the host's own tools: an 8 MiB
# GPT image (sgdisk: three partitions, the first with a fixed unique
# GUID) and an 8 MiB MBR image with an extended partition holding three
# logical ones (sfdisk). Usage: make-part-images.sh OUTDIR
set -eu

out=$1
mkdir -p "$out"
rm -f "$out/gpt.img" "$out/mbr.img"
truncate -s 8M "$out/gpt.img" "$out/mbr.img"
sgdisk -o -n 1:2048:4095 -n 2:4096:8191 -n 3:8192:14335 \
	-u 1:01234567-89AB-CDEF-0123-456789ABCDEF "$out/gpt.img" > /dev/null
printf 'label: dos\n2048,2048,83\n4096,,5\n6144,1024,83\n10240,1024,82\n14336,,83\n' |
	sfdisk -q "$out/mbr.img"
