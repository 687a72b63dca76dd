#!/bin/sh
# disk: ext2 block=1024 table=gpt size=64
# ext2-corrupt.sh: mounting damaged ext2 file systems fails cleanly, as on
# Linux: an unknown INCOMPAT feature (EINVAL), an unknown RO_COMPAT feature
# (read-only only: a read-write mount is EINVAL), a bad magic, and a root
# directory whose first record length is zero (EUCLEAN on reading it).
# Each change is undone before the next, so the host's e2fsck finds the
# image clean at the end. Offsets: the superblock at byte 1024, its
# s_feature_incompat at 0x60 and s_feature_ro_compat at 0x64, s_magic at
# 0x38 ("The Second Extended File System", §3.1).
. "$DISKLIB"
disk_require_fs ext2
SB=1024

# poke OFFSET BYTES(octal escapes): writes bytes at OFFSET of $DISK.
poke() {
	printf "$2" | dd of="$DISK" bs=1 seek="$1" conv=notrunc 2>/dev/null
}
# save/restore N bytes at OFFSET.
save() { dd if="$DISK" of=/tmp/saved bs=1 skip="$1" count="$2" 2>/dev/null; }
restore() { dd if=/tmp/saved of="$DISK" bs=1 seek="$1" conv=notrunc 2>/dev/null; }
try_mount() {
	if mount -t ext2 $1 "$DISK" "$MNT" 2>/dev/null; then
		echo "mount $1: ok"
		return 0
	fi
	echo "mount $1: failed"
	return 1
}

save $((SB + 0x60)) 4
poke $((SB + 0x62)) '\001'		# INCOMPAT bit 16: unknown
try_mount "-o rw" && umount "$MNT"
try_mount "-o ro" && umount "$MNT"
restore $((SB + 0x60))

save $((SB + 0x64)) 4
poke $((SB + 0x66)) '\001'		# RO_COMPAT bit 16: unknown
try_mount "-o rw" && umount "$MNT"
try_mount "-o ro" && { ls "$MNT" | head -n 3; umount "$MNT"; }
restore $((SB + 0x64))

save $((SB + 0x38)) 2
poke $((SB + 0x38)) '\000\000'
try_mount "-o ro" && umount "$MNT"
restore $((SB + 0x38))

# The root directory's first block: group 0's inode table (descriptor at
# block 2, offset 8), root inode 2 at 256 bytes into it, i_block[0] at 40.
table=$(od -An -tu4 -j $((2048 + 8)) -N4 "$DISK" | tr -d ' ')
isize=$(od -An -tu2 -j $((SB + 0x58)) -N2 "$DISK" | tr -d ' ')
rootblk=$(od -An -tu4 -j $((table * 1024 + isize + 40)) -N4 "$DISK" | tr -d ' ')
save $((rootblk * 1024 + 4)) 2
poke $((rootblk * 1024 + 4)) '\000\000'	# rec_len of "." = 0
if try_mount "-o ro"; then
	# BusyBox ls ends a listing quietly at a readdir error: count what came.
	echo "entries: $(ls -a "$MNT" 2>/dev/null | wc -l)"
	umount "$MNT"
fi
restore $((rootblk * 1024 + 4))
try_mount "-o ro" && { ls "$MNT" | wc -l; umount "$MNT"; }
