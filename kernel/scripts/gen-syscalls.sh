#!/bin/sh
# gen-syscalls.sh: generates a header from syscall_64.tbl, the one list of
# system calls (kernel/arch/x86_64/syscall/syscall_64.tbl says its format).
# Usage: gen-syscalls.sh uapi|table|libc TBL > HEADER
#   uapi   <uapi/unistd.h>: __NR_name and __NR_syscalls, for the kernel
#   table  SYSCALL_ENTRY(nr, name, entry) / SYSCALL_NO_ENTRY(nr, name) rows,
#          for the dispatch table and the names (arch syscall.c)
#   libc   <sys/syscall.h>: __NR_name and SYS_name, for libc and programs
# A malformed table (a number out of order or twice, a name twice, a bad
# entry point) is an error: nothing is printed and the exit status is 1.
set -eu

mode=$1
tbl=$2

awk -v mode="$mode" -v tbl="$tbl" '
BEGIN { n = 0; last = -1 }
function fail(msg) {
	printf "%s:%d: %s\n", tbl, NR, msg > "/dev/stderr"
	failed = 1
	exit 1
}
/^[ \t]*(#|$)/ { next }
{
	if (NF < 3 || NF > 4)
		fail("expected <number> <abi> <name> [<entry point>]")
	if ($1 !~ /^[0-9]+$/ || $1 + 0 <= last)
		fail("number " $1 " is not above the previous one")
	if ($2 != "64")
		fail("abi " $2 ": only 64 is supported")
	if ($3 !~ /^[a-z_][a-z0-9_]*$/ || ($3 in seen))
		fail("bad or repeated name " $3)
	if (NF == 4 && $4 !~ /^sys_[a-z0-9_]+$/)
		fail("entry point " $4 " is not sys_<name>")
	seen[$3] = 1
	nr[n] = $1; name[n] = $3; entry[n] = (NF == 4) ? $4 : ""
	last = $1 + 0
	n++
}
END {
	if (failed)
		exit 1
	if (n == 0)
		fail("no system calls")
	gen = "generated from " tbl " by kernel/scripts/gen-syscalls.sh: do not edit"
	if (mode == "uapi") {
		print "/* <uapi/unistd.h>: Linux x86_64 system call numbers, " gen ". */"
		print "#ifndef UAPI_UNISTD_H"
		print "#define UAPI_UNISTD_H"
		for (i = 0; i < n; i++)
			printf "#define __NR_%s %s\n", name[i], nr[i]
		print "/* One more than the highest number. */"
		printf "#define __NR_syscalls %d\n", last + 1
		print "#endif"
	} else if (mode == "table") {
		print "/* The system call table, " gen ". */"
		for (i = 0; i < n; i++) {
			if (entry[i] != "")
				printf "SYSCALL_ENTRY(%s, %s, %s)\n", nr[i], name[i], entry[i]
			else
				printf "SYSCALL_NO_ENTRY(%s, %s)\n", nr[i], name[i]
		}
	} else if (mode == "libc") {
		print "/* <sys/syscall.h>: Linux x86_64 system call numbers, " gen ". */"
		print "#ifndef _SYS_SYSCALL_H"
		print "#define _SYS_SYSCALL_H"
		for (i = 0; i < n; i++)
			printf "#define __NR_%s %s\n#define SYS_%s __NR_%s\n", name[i], nr[i], name[i], name[i]
		print "#endif"
	} else {
		fail("unknown mode " mode)
	}
}
' "$tbl"
