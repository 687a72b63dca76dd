#!/bin/sh
# Turns "nm -n" output of a kernel link into the assembly of the .ksyms
# section that kernel/core/ksyms.c searches: a header, sorted (addr,
# name offset) pairs, then the names. Only text symbols are kept.
# Usage: gen-ksyms.sh < nm-output > ksyms.S   (empty input: empty table)
set -eu
awk '
$2 ~ /^[tTwW]$/ && $1 ~ /^ffffffff8/ {
	addr[n] = $1; name[n] = $3; n++
}
END {
	print "\t.section .ksyms, \"a\""
	print "\t.balign 8"
	print "\t.global ksyms_table"
	print "ksyms_table:"
	printf "\t.quad %d\n", n
	print "\t.quad ksyms_strings - ksyms_table"
	off = 0
	for (i = 0; i < n; i++) {
		printf "\t.quad 0x%s, %d\n", addr[i], off
		off += length(name[i]) + 1
	}
	print "ksyms_strings:"
	for (i = 0; i < n; i++)
		printf "\t.asciz \"%s\"\n", name[i]
}'
