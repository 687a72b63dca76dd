#!/bin/sh
# uapi_match_test.sh: libc's copies of the kernel's ABI cannot drift.
# kernel/include/uapi is the ABI as the kernel sees it; libc has two kinds
# of copies of it, written by hand:
#   - libc/abi/*.h: LINUX_NAME for the values where newlib's own NAME
#     differs (open flags, clock IDs...), which libc/syscalls translates;
#   - libc/include: the public headers with Linux's values (mman, poll,
#     ioctl, signal numbers...).
# Checks that every LINUX_NAME equals the kernel's NAME; that every kernel
# NAME a public libc header defines has the kernel's value, unless libc
# translates it (a LINUX_NAME exists) or it means another thing (listed
# below, with why); that no LINUX_ copy hides in a .c file; and that the
# shared struct layouts agree (uapi_layout.c). Prints TAP.
# Usage: uapi_match_test.sh [KERNEL_INCLUDE GEN_INCLUDE LIBC_DIR BASALT_CC],
# from the repository's root (the defaults are the build's paths).
set -eu

kinc=$(realpath "${1:-kernel/include}")
gen=$(realpath "${2:-build/gen}")
libc=$(realpath "${3:-libc}")
basalt_cc=$(realpath "${4:-toolchain/bin/x86_64-basalt-gcc}")
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/uapi_match_test.XXXXXX")
trap 'rm -rf "$dir"' EXIT

# Names that differ on purpose: NSIG is one more than the highest signal
# number in libc (as glibc's), the number of signals (_NSIG) in the kernel.
different_meaning="NSIG"
# A run that compared fewer names than this compared nothing real.
min_compared=300

. "$(dirname "$0")/tap_check.sh"

# A program printing "NAME value" for each name in $dir/names (with
# PREFIX) that the headers given define.
values_prog() {
	echo '#define _GNU_SOURCE'
	for h in "$@"; do echo "#include <$h>"; done
	echo '#include <stdio.h>'
	echo 'int main(void) {'
	while read -r name; do
		printf '#ifdef %s%s\n\tprintf("%s %%lld\\n", (long long)(%s%s));\n#endif\n' \
			"$prefix" "$name" "$name" "$prefix" "$name"
	done < "$dir/names"
	echo '	return 0;'
	echo '}'
}

# Every object-like macro of the kernel's uapi headers (not the guards).
uapi_headers=$(cd "$kinc" && ls uapi/*.h)
uapi_headers="$uapi_headers uapi/unistd.h"
cat "$kinc"/uapi/*.h "$gen"/uapi/unistd.h |
	sed -n 's/^#define[[:space:]]\{1,\}\([A-Za-z_][A-Za-z0-9_]*\)[[:space:]].*/\1/p' |
	grep -v '_H$' | sort -u > "$dir/names"

prefix= values_prog $uapi_headers > "$dir/kernel.c"
gcc -I"$kinc" -I"$gen" -o "$dir/kernel" "$dir/kernel.c"
"$dir/kernel" | sort > "$dir/kernel.out"

# libc/abi's LINUX_ copies, compiled on the host.
abi_headers=$(cd "$libc/abi" && ls *.h)
prefix=LINUX_ values_prog $abi_headers > "$dir/abi.c"
gcc -I"$libc/abi" -o "$dir/abi" "$dir/abi.c"
"$dir/abi" | sort > "$dir/abi.out"
join "$dir/kernel.out" "$dir/abi.out" | awk '$2 != $3 { print "LINUX_" $1 " is " $3 ", the kernel says " $2 }' > "$dir/d1"
check "libc/abi: every LINUX_NAME equals the kernel's NAME ($(join "$dir/kernel.out" "$dir/abi.out" | wc -l) names)" "$dir/d1"

# libc's public headers, as a program built with our toolchain sees them
# (a static Linux binary: it runs on the host): the sysroot, installed
# from libc/include by make.
pub_headers=$(cd "$libc/include" && find . -name '*.h' | sed 's|^\./||' | sort)
prefix= values_prog $pub_headers > "$dir/public.c"
"$basalt_cc" -w -o "$dir/public" "$dir/public.c"
"$dir/public" | sort > "$dir/public.out"
join "$dir/kernel.out" "$dir/public.out" > "$dir/joined"
: > "$dir/d2"
while read -r name kval lval; do
	[ "$kval" = "$lval" ] && continue
	grep -q "^$name " "$dir/abi.out" && continue
	case " $different_meaning " in *" $name "*) continue ;; esac
	echo "$name: libc's headers say $lval, the kernel's $kval, and libc/abi has no LINUX_$name"
done < "$dir/joined" > "$dir/d2"
compared=$(wc -l < "$dir/joined")
[ "$compared" -ge "$min_compared" ] || echo "only $compared names compared" >> "$dir/d2"
check "libc/include: the kernel's names have the kernel's values, or libc translates them ($compared names)" "$dir/d2"

# No LINUX_ copy outside libc/abi and the public headers.
grep -rn '^#define[[:space:]]\{1,\}LINUX_' "$libc" --include='*.c' > "$dir/d3" || true
check "no LINUX_ constant is defined in a libc .c file" "$dir/d3"

# Struct layouts.
gcc -I"$kinc" -I"$libc/abi" -o "$dir/layout" "$here/uapi_layout.c" > "$dir/d4" 2>&1 || true
check "struct stat, termios, timespec, timeval: libc/abi's layouts are the kernel's" "$dir/d4"

tap_done
