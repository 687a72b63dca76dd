#!/bin/sh
# mounts.sh: BusyBox mount and umount on Basalt (issue 13): mount -t tmpfs,
# mount -o remount,ro and back, mount --bind and -o remount,bind,ro,
# mount --move, umount -l with a file open, and what /proc/mounts says.
# Root only, on Basalt only: on the host it would change the host's mounts.
set -u
. "$(dirname "$0")/tap.sh"

case "$(uname -r)" in
*-basalt) on_basalt=1 ;;
*) on_basalt=0 ;;
esac
if [ "$on_basalt" = 0 ] || [ "$(id -u)" != 0 ]; then
	skip "BusyBox mount and umount" "only as root on Basalt"
	tap_end
	exit
fi

s=$TAP_SCRATCH
mkdir -p "$s/a" "$s/b" "$s/c" "$s/d"
# The options field of the last /proc/mounts line for a mount point.
opts() { awk -v p="$1" '$2 == p { o = $4 } END { print o }' /proc/mounts; }

ok "mount -t tmpfs" mount -t tmpfs -o size=1m scratch "$s/a"
ok "write a file there" sh -c "echo one > '$s/a/f'"
is "/proc/mounts: rw,relatime" "rw,relatime" "$(opts "$s/a" | cut -d, -f1-2)"
ok "mount -o remount,ro" mount -o remount,ro "$s/a"
is "/proc/mounts: ro" "ro" "$(opts "$s/a" | cut -d, -f1)"
fails "no writing on it" sh -c "echo two > '$s/a/f'"
fails "no mkdir on it" mkdir "$s/a/x"
ok "mount -o remount,rw" mount -o remount,rw "$s/a"
ok "writing again" sh -c "echo two > '$s/a/f'"

ok "mount --bind" mount --bind "$s/a" "$s/b"
is "the bind shows the file" "two" "$(cat "$s/b/f")"
ok "mount -o remount,bind,ro" mount -o remount,bind,ro "$s/b"
fails "no writing through the read-only bind" sh -c "echo three > '$s/b/f'"
ok "the other mount is still writable" sh -c "echo three > '$s/a/f'"
ok "umount the bind" umount "$s/b"

ok "mount --move" mount --move "$s/a" "$s/c"
is "the file moved with it" "three" "$(cat "$s/c/f")"
fails "nothing left at the old place" test -e "$s/a/f"

exec 3< "$s/c/f"
fails "umount while a file is open: busy" umount "$s/c"
ok "umount -l while a file is open" umount -l "$s/c"
fails "gone from the tree" test -e "$s/c/f"
is "the open file still reads" "three" "$(cat <&3)"
exec 3<&-
fails "umount of a directory that is no mount point" umount "$s/c"

tap_end
