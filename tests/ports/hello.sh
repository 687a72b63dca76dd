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
# ok/is/tap_end, and a scratch directory as the current one (tests/system).
. "$top/tests/system/tap.sh"

ok "configure's host is x86_64-pc-basalt (config.sub shim)" \
	grep -q "^S\[\"host\"\]=\"x86_64-pc-basalt\"" "$config_status"
ok "installed in the sysroot as a fixed-address executable" \
	sh -c "readelf -h '$hello' | grep -q 'Type: *EXEC'"
ok "static: no program interpreter" sh -c "! readelf -l '$hello' | grep -q INTERP"
is "hello prints the greeting" "Hello, world!" "$("$hello")"
is "hello -g takes another one" "Hi, Basalt" "$("$hello" -g 'Hi, Basalt')"
is "hello --version" "hello (GNU Hello) 2.10" "$("$hello" --version | head -n 1)"
tap_end
