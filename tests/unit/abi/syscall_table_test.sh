#!/bin/sh
# syscall_table_test.sh: syscall_64.tbl is the one list of system calls,
# and everything generated from it agrees with it and with Linux:
#   - its numbers are Linux's (the host's <asm/unistd_64.h>, Debian's
#     linux-libc-dev), and it lists every Linux number up to its last;
#   - the kernel's generated <uapi/unistd.h> and the sysroot's generated
#     <sys/syscall.h> (SYS_name and __NR_name) give the same numbers;
#   - every SYSCALL_DEFINEn(name) in kernel/ is an entry point of the
#     table, and every entry point of the table is defined exactly once;
#   - gen-syscalls.sh rejects a malformed table.
# Prints TAP.
# Usage: syscall_table_test.sh [TBL GEN GEN_INCLUDE BASALT_CC], from the
# repository's root (the defaults are the build's paths).
set -eu

tbl=$(realpath "${1:-kernel/arch/x86_64/syscall/syscall_64.tbl}")
gen=$(realpath "${2:-kernel/scripts/gen-syscalls.sh}")
uapi_dir=$(realpath "${3:-build/gen}")
basalt_cc=$(realpath "${4:-toolchain/bin/x86_64-basalt-gcc}")
root=$(pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/syscall_table_test.XXXXXX")
trap 'rm -rf "$dir"' EXIT

. "$(dirname "$0")/tap_check.sh"

# The rows: "number name entry" (entry "-" where there is none).
grep -v '^[[:space:]]*\(#\|$\)' "$tbl" | awk '{ print $1, $3, (NF == 4 ? $4 : "-") }' > "$dir/rows"
awk '{ print $2, $1 }' "$dir/rows" | sort > "$dir/want"
last=$(tail -1 "$dir/rows" | cut -d' ' -f1)

# A C program printing "name number" for each row's macro PREFIXname.
print_prog() {
	for h in "$@"; do echo "#include <$h>"; done
	echo '#include <stdio.h>'
	echo 'int main(void) {'
	while read -r nr name entry; do
		printf '\tprintf("%s %%d\\n", %s%s);\n' "$name" "$prefix" "$name"
	done < "$dir/rows"
	echo '	return 0;'
	echo '}'
}

# 1. Linux's own numbers, from the host's kernel headers.
prefix=__NR_ print_prog asm/unistd_64.h > "$dir/linux.c"
gcc -o "$dir/linux" "$dir/linux.c" 2> "$dir/linux.err" || true
if [ -x "$dir/linux" ]; then
	"$dir/linux" | sort | diff "$dir/want" - > "$dir/d1" || true
else
	cat "$dir/linux.err" > "$dir/d1"
fi
check "syscall_64.tbl: every name has Linux's number (host <asm/unistd_64.h>)" "$dir/d1"

# ... and no Linux number up to the table's last is missing from it.
sed -n 's/^#define __NR_\([a-z0-9_]*\) \([0-9]*\)$/\1 \2/p' /usr/include/x86_64-linux-gnu/asm/unistd_64.h |
	awk -v last="$last" '$2 <= last' | sort > "$dir/linux_all"
comm -23 "$dir/linux_all" "$dir/want" > "$dir/d2"
check "syscall_64.tbl: lists every Linux x86_64 system call up to $last" "$dir/d2"

# 2. The kernel's generated <uapi/unistd.h>.
prefix=__NR_ print_prog uapi/unistd.h > "$dir/uapi.c"
if gcc -I"$uapi_dir" -o "$dir/uapi" "$dir/uapi.c" 2> "$dir/d3"; then
	"$dir/uapi" | sort | diff "$dir/want" - > "$dir/d3" || true
fi
check "generated <uapi/unistd.h> agrees with the table" "$dir/d3"

# 3. libc's generated <sys/syscall.h>, as our toolchain sees it (the
#    program is a static Linux binary: it runs on the host).
for prefix in SYS_ __NR_; do
	prefix=$prefix print_prog sys/syscall.h > "$dir/libc.c"
	if "$basalt_cc" -o "$dir/libc" "$dir/libc.c" 2> "$dir/d4"; then
		"$dir/libc" | sort | diff "$dir/want" - > "$dir/d4" || true
	fi
	check "sysroot <sys/syscall.h>: ${prefix}name agrees with the table" "$dir/d4"
done

# 4. Handlers and entry points.
grep -rhoE '^SYSCALL_DEFINE[0-6]\([a-z0-9_]+' "$root/kernel" | sed 's/.*(/sys_/' | sort > "$dir/defined"
awk '$3 != "-" { print $3 }' "$dir/rows" | sort > "$dir/entries"
uniq -d "$dir/defined" | sed 's/^/defined twice: /' > "$dir/d5"
comm -23 "$dir/entries" "$dir/defined" | sed 's/^/in the table, never defined: /' >> "$dir/d5"
comm -13 "$dir/entries" "$dir/defined" | sort -u | sed 's/^/defined, not in the table: /' >> "$dir/d5"
check "every entry point is one SYSCALL_DEFINE, and every SYSCALL_DEFINE an entry point" "$dir/d5"

# 5. Malformed tables are refused with the line named, and print nothing.
bad() {
	printf '%s\n' "$2" > "$dir/bad.tbl"
	if sh "$gen" uapi "$dir/bad.tbl" > "$dir/bad.out" 2> "$dir/bad.err" ||
		[ -s "$dir/bad.out" ] || ! grep -q 'bad.tbl:[0-9]' "$dir/bad.err"; then
		echo "accepted, or no line named: $1" > "$dir/d6"
	else
		: > "$dir/d6"
	fi
	check "gen-syscalls.sh refuses $1" "$dir/d6"
}
bad "a number twice" "$(printf '0\t64\tread\tsys_read\n0\t64\twrite\tsys_write')"
bad "numbers out of order" "$(printf '1\t64\twrite\tsys_write\n0\t64\tread\tsys_read')"
bad "a name twice" "$(printf '0\t64\tread\tsys_read\n1\t64\tread\tsys_write')"
bad "an entry point not named sys_*" "$(printf '0\t64\tread\tdo_read')"
bad "an unknown abi" "$(printf '0\tx32\tread\tsys_read')"
bad "a missing name" "$(printf '0\t64')"

tap_done
