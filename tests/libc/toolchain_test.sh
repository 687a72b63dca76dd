#!/bin/sh
# toolchain_test.sh: x86_64-basalt-pkg-config sees only the sysroot, and
# basalt-patch-config-sub makes a real config.sub (newlib's) accept
# x86_64-basalt. Prints TAP. Usage: toolchain_test.sh CONFIG_SUB WORKDIR
set -u

config_sub=$1
work=$2
toolchain=$(cd "$(dirname "$0")/../../toolchain" && pwd)
count=0
failed=0

ok() {
	count=$((count + 1))
	if [ "$1" = 0 ]; then
		echo "ok $count - $2"
	else
		echo "not ok $count - $2"
		failed=1
	fi
}

echo "1..6"
rm -rf "$work" && mkdir -p "$work/sysroot/usr/lib/pkgconfig" "$work/src/sub"
cat > "$work/sysroot/usr/lib/pkgconfig/basaltdemo.pc" <<'PC'
prefix=/usr
libdir=${prefix}/lib
includedir=${prefix}/include
Name: basaltdemo
Description: a library in the sysroot
Version: 1.2.3
Libs: -L${libdir} -lbasaltdemo
Libs.private: -lm
Cflags: -I${includedir}/basaltdemo
PC
pc="$toolchain/bin/x86_64-basalt-pkg-config"
out=$(BASALT_SYSROOT="$work/sysroot" "$pc" --modversion basaltdemo 2>&1)
[ "$out" = "1.2.3" ]; ok $? "pkg-config finds a .pc file in the sysroot ($out)"
out=$(BASALT_SYSROOT="$work/sysroot" "$pc" --cflags basaltdemo 2>&1)
out=$(echo $out)
[ "$out" = "-I$work/sysroot/usr/include/basaltdemo" ]; ok $? "--cflags carry the sysroot ($out)"
out=$(BASALT_SYSROOT="$work/sysroot" "$pc" --libs basaltdemo 2>&1)
case $out in
*"-L$work/sysroot/usr/lib"*"-lbasaltdemo"*"-lm"*) r=0 ;;
*) r=1 ;;
esac
ok $r "--libs carry the sysroot and the static libraries ($out)"
BASALT_SYSROOT="$work/sysroot" PKG_CONFIG_PATH=/usr/lib/x86_64-linux-gnu/pkgconfig:/usr/share/pkgconfig \
	"$pc" --exists zlib 2>/dev/null
[ $? -ne 0 ]; ok $? "the host's .pc files are not seen"

cp "$config_sub" "$work/src/config.sub"
cp "$config_sub" "$work/src/sub/config.sub"
"$toolchain/bin/basalt-patch-config-sub" "$work/src" > /dev/null
"$toolchain/bin/basalt-patch-config-sub" "$work/src" > /dev/null	# twice is harmless
out=$(sh "$work/src/sub/config.sub" x86_64-basalt 2>&1)
[ "$out" = "x86_64-pc-basalt" ]; ok $? "config.sub x86_64-basalt ($out)"
out=$(sh "$work/src/config.sub" x86_64-linux-gnu 2>&1)
[ "$out" = "x86_64-pc-linux-gnu" ]; ok $? "other names go to the original ($out)"
rm -rf "$work"
exit $failed
