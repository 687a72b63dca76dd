/*
 * do_mounts_ktest.c: the kernel's root= (fs/do_mounts.c) without a disk:
 * a form root= does not take, and a device that is not there, fail with
 * a clear errno (vfs_mount_root panics on them, as Linux's "VFS: Unable
 * to mount root fs"); the tmpfs root stays the root.
 */
#include <basalt/ktest.h>
#include <uapi/errno.h>
#include "vfs_ktest_util.h"

KTEST(do_mounts_root_errors)
{
	struct stat before, after;

	KT_ASSERT(t, vfs_init() == 0);
	KT_ASSERT(t, vfs_statat(AT_FDCWD, "/", 0, &before, NULL) == 0);
	KT_EXPECT_EQ(t, vfs_mount_root_dev("LABEL=root", NULL, false, false), -EINVAL);
	KT_EXPECT_EQ(t, vfs_mount_root_dev("/dev/", NULL, false, false), -EINVAL);
	KT_EXPECT_EQ(t, vfs_mount_root_dev("/dev/sdz9", NULL, false, false), -ENXIO);
	KT_EXPECT_EQ(t, vfs_mount_root_dev("/dev/null", "ext2", false, false), -ENXIO);
	KT_EXPECT_EQ(t, vfs_mount_root_dev("8:250", NULL, true, false), -ENXIO);
	KT_EXPECT_EQ(t, vfs_mount_root_dev("PARTUUID=0badcafe-01", NULL, false, false), -ENXIO);
	KT_ASSERT(t, vfs_statat(AT_FDCWD, "/", 0, &after, NULL) == 0);
	KT_EXPECT_EQ(t, after.st_dev, before.st_dev);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/dev/root", 0, &after, NULL), -ENOENT);
}
