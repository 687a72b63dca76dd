#!/bin/sh
# hello.sh: checks the GNU Hello port (ports/hello) as `make port-hello`
# built and installed it: autoconf took x86_64-basalt as the host through
# the config.sub shim, and the program is a static binary against our
# newlib that runs (on the host Linux; it has no interpreter). Prints TAP.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
sysroot=${BASALT_SYSROOT:-$top/sysroot}
hello=$sysroot/usr/bin/hello
config_status=${HELLO_CONFIG_STATUS:-$top/build/ports/hello/src/config.status}
n=0
failed=0

ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=1
	fi
}

is() {
	rc=0
	[ "$2" = "$3" ] || rc=1
	ok "$rc" "$1"
	[ "$rc" -eq 0 ] || printf '# expected: [%s]\n#      got: [%s]\n' "$2" "$3"
}

echo "1..6"
rc=0
grep -q "^S\[\"host\"\]=\"x86_64-pc-basalt\"" "$config_status" || rc=1
ok "$rc" "configure's host is x86_64-pc-basalt (config.sub shim)"
rc=0
readelf -h "$hello" 2>/dev/null | grep -q 'Type: *EXEC' || rc=1
ok "$rc" "installed in the sysroot as a fixed-address executable"
rc=0
readelf -l "$hello" 2>/dev/null | grep -q INTERP && rc=1
ok "$rc" "static: no program interpreter"
is "hello prints the greeting" "Hello, world!" "$("$hello")"
is "hello -g takes another one" "Hi, Basalt" "$("$hello" -g 'Hi, Basalt')"
is "hello --version" "hello (GNU Hello) 2.10" "$("$hello" --version | head -n 1)"
exit "$failed"
