#!/bin/sh
# rootfs.sh: Basalt's root file system (initramfs/): the modes and owners
# of initramfs/mklist.sh's list as the kernel unpacked them, PID 1 being
# BusyBox init, and what /etc/init.d/rcS set up. Only on Basalt with our
# initramfs (/etc/inittab); skipped on the host. Prints TAP.
set -u
. "$(dirname "$0")/tap.sh"

# Basalt says "Linux" (the ABI) to uname -s; its release ends in -basalt.
case "$(uname -r)" in
*-basalt) on_basalt=1 ;;
*) on_basalt=0 ;;
esac
if [ "$on_basalt" = 0 ] || [ ! -r /etc/inittab ]; then
	skip "Basalt's root file system" "not on Basalt"
	tap_end
	exit
fi

is "/etc/shadow is 0600 root" "600 0:0" "$(stat -c '%a %u:%g' /etc/shadow)"
is "/tmp is 1777 (sticky)" "1777" "$(stat -c '%a' /tmp)"
is "/root is 0700" "700" "$(stat -c '%a' /root)"
is "/bin/busybox is our port (ports/busybox)" "BusyBox v1.35.0 (Basalt port)" \
	"$(busybox 2>&1 | head -n 1 | cut -d " " -f 1-4)"
is "/bin/busybox is 0755 root" "755 0:0" "$(stat -c '%a %u:%g' /bin/busybox)"
is "/bin/sh links to busybox" "busybox" "$(readlink /bin/sh)"
is "/usr/bin/basalt-info is 0755" "755" "$(stat -c '%a' /usr/bin/basalt-info)"
is "PID 1 is BusyBox init" "init" "$(tr '\0' '\n' < /proc/1/cmdline | head -n 1)"
is "rcS set the hostname" "$(cat /etc/hostname)" "$(hostname)"
ok "rcS mounted /proc (fstab)" grep -q '^proc /proc proc ' /proc/mounts
ok "rcS mounted /sys (fstab)" grep -q '^sysfs /sys sysfs ' /proc/mounts
ok "rcS mounted /tmp (fstab)" grep -q '^tmpfs /tmp tmpfs ' /proc/mounts
ok "rcS mounted /dev/shm (fstab)" grep -q '^tmpfs /dev/shm tmpfs rw,nosuid,nodev' /proc/mounts
ok "root's shadow entry has an empty password" grep -q '^root::' /etc/shadow
tap_end
