#!/bin/sh
# busybox.sh: checks the BusyBox port as `make port-busybox` installed it
# in sysroot/: a static x86_64 binary with its applet links, every applet
# issue 5 asks for, and the shell features it names in the build's
# .config. Prints TAP.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)
sysroot=${BASALT_SYSROOT:-$top/sysroot}
bb=$sysroot/bin/busybox
config=${BUSYBOX_CONFIG:-$top/build/ports/busybox/src/.config}
# ok/is/tap_end, and a scratch directory as the current one (tests/system).
. "$top/tests/system/tap.sh"

ok "sysroot/bin/busybox is installed" test -x "$bb"
ok "it is an x86_64 ELF executable" \
	sh -c "readelf -h '$bb' | grep -q 'Machine:.*X86-64'"
ok "it is static (no program interpreter)" \
	sh -c "! readelf -l '$bb' | grep -q INTERP"
ok "it runs on the host and reports 1.35.0" \
	sh -c "'$bb' 2>&1 | head -n 1 | grep -q 'BusyBox v1.35.0'"
ok "/bin/sh is a link to busybox" \
	sh -c "[ \"\$(readlink -f '$sysroot/bin/sh')\" = \"\$(readlink -f '$bb')\" ]"
ok "/sbin/init is a link to busybox" \
	sh -c "[ \"\$(readlink -f '$sysroot/sbin/init')\" = \"\$(readlink -f '$bb')\" ]"

# The applets issue 5 lists (coreutils and findutils by their main names),
# and issue 16's syslogd and logger.
list=$("$bb" --list 2>/dev/null || true)
for applet in ash sh init getty login mount umount \
	basename cat chgrp chmod chown cp cut date dd df dirname du echo env \
	expr false head id ln ls md5sum mkdir mkfifo mknod mktemp mv nl od \
	paste printf pwd readlink realpath rm rmdir seq sha256sum sleep sort \
	stat stty sync tail tee test touch tr true tty uname uniq wc yes \
	find xargs grep egrep fgrep sed awk diff patch vi less \
	tar gzip gunzip zcat bzip2 bunzip2 xz unxz \
	ps top free kill killall dmesg fdisk mkfs.ext2 mkfs.vfat \
	poweroff reboot halt syslogd logger; do
	ok "applet $applet" sh -c "echo \"\$1\" | grep -qx \"\$2\"" sh "$list" "$applet"
done

# ash: line editing, history, tab completion, job control.
for opt in ASH FEATURE_EDITING FEATURE_EDITING_HISTORY FEATURE_TAB_COMPLETION \
	ASH_JOB_CONTROL FEATURE_SH_STANDALONE; do
	ok "CONFIG_$opt is on" grep -q "^CONFIG_$opt=" "$config"
done

# What tests/system does not exercise: the compressors, the file system
# makers, fdisk, diff and patch, on files in a scratch directory.
echo hello > f
ok "bzip2 and bunzip2 round-trip" \
	sh -c "'$bb' bzip2 -c f > f.bz2 && [ \"\$('$bb' bunzip2 -c f.bz2)\" = hello ]"
ok "tar with bzip2 lists what it packed" \
	sh -c "'$bb' tar cjf t.tbz f && [ \"\$('$bb' tar tjf t.tbz)\" = f ]"
ok "unxz reads the host's xz output" \
	sh -c "xz -c f > f.xz && [ \"\$('$bb' unxz -c f.xz)\" = hello ]"
ok "diff -u and patch" \
	sh -c "printf 'a\nb\n' > x && printf 'a\nc\n' > y && { '$bb' diff -u x y > d || true; } && '$bb' patch x < d && cmp x y"
ok "mkfs.ext2 writes an ext2 superblock (magic 0xEF53 at 1080)" \
	sh -c "dd if=/dev/zero of=ext2.img bs=1024 count=4096 2>/dev/null && '$bb' mkfs.ext2 -F ext2.img && [ \"\$(od -An -tx1 -j1080 -N2 ext2.img | tr -d ' ')\" = 53ef ]"
ok "mkfs.vfat writes a boot sector (0x55AA at 510)" \
	sh -c "dd if=/dev/zero of=fat.img bs=1024 count=4096 2>/dev/null && '$bb' mkfs.vfat fat.img && [ \"\$(od -An -tx1 -j510 -N2 fat.img | tr -d ' ')\" = 55aa ]"
ok "fdisk makes a partition that fdisk -l lists (16 MiB: fdisk needs a cylinder)" \
	sh -c "dd if=/dev/zero of=disk.img bs=1M count=0 seek=16 2>/dev/null && { printf 'n\np\n1\n\n\nw\n' | '$bb' fdisk disk.img || true; } && '$bb' fdisk -l disk.img | grep -q 'disk.img1'"
ok "ps lists this shell's process" sh -c "'$bb' ps | grep -q '^ *$$ '"
ok "top -b -n 1 prints the process table" sh -c "'$bb' top -b -n 1 | grep -q PID"

tap_end
