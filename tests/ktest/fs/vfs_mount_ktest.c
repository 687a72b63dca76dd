/*
 * vfs_mount_ktest.c: mounts: crossing into a mounted tmpfs and back with
 * "..", EXDEV across mounts, EBUSY for busy mounts and mount points,
 * MNT_DETACH, unknown types; devtmpfs nodes and character devices.
 */
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <uapi/errno.h>
#include <uapi/mount.h>
#include <uapi/statfs.h>
#include "vfs_ktest_util.h"

KTEST(vfs_mount_cross_and_busy)
{
	struct stat st, root_st;
	struct statfs sfs;
	struct file *f;

	KT_ASSERT(t, vfs_init() == 0);
	KT_ASSERT(t, vfs_mkdirat(AT_FDCWD, "/kt-mnt", 0755) == 0);
	KT_ASSERT(t, kt_make_file("/kt-mnt/under", 0644, NULL) == 0);
	KT_EXPECT_EQ(t, vfs_mount_path(NULL, "/kt-mnt", "ext4", 0, NULL), -ENODEV);
	KT_EXPECT_EQ(t, vfs_mount_path(NULL, "/kt-mnt/under", "tmpfs", 0, NULL), -ENOTDIR);
	KT_EXPECT_EQ(t, vfs_mount_path(NULL, "/kt-mnt", "tmpfs", 0, "bogus=1"), -EINVAL);
	KT_ASSERT(t, vfs_mount_path(NULL, "/kt-mnt", "tmpfs", 0, "size=64k,mode=0755") == 0);
	/* The mounted tmpfs hides what was under it. */
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-mnt/under", 0, &st, NULL), -ENOENT);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-mnt", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_mode, S_IFDIR | 0755);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/", 0, &root_st, NULL), 0);
	KT_EXPECT(t, st.st_dev != root_st.st_dev);
	KT_EXPECT_EQ(t, vfs_statfs_path("/kt-mnt", &sfs), 0);
	KT_EXPECT_EQ(t, sfs.f_type, TMPFS_MAGIC);
	KT_EXPECT_EQ(t, sfs.f_blocks, 16);
	KT_ASSERT(t, kt_make_file("/kt-mnt/inside", 0644, "in") == 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-mnt/../kt-mnt/inside", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, vfs_linkat(AT_FDCWD, "/kt-mnt/inside", AT_FDCWD, "/kt-x", 0), -EXDEV);
	KT_EXPECT_EQ(t, vfs_renameat2(AT_FDCWD, "/kt-mnt/inside", AT_FDCWD, "/kt-x", 0), -EXDEV);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-mnt", AT_REMOVEDIR), -EBUSY);
	KT_EXPECT_EQ(t, vfs_renameat2(AT_FDCWD, "/kt-mnt", AT_FDCWD, "/kt-mnt2", 0), -EBUSY);

	/* The size limit: 64 KiB hold 16 pages. */
	{
		static const char page[4096];
		long n;

		KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-mnt/big", O_WRONLY | O_CREAT, 0644, &f) == 0);
		for (int i = 0; i < 15; i++)
			KT_EXPECT_EQ(t, kt_write(f, page, sizeof(page)), sizeof(page));
		n = kt_write(f, page, sizeof(page));
		KT_EXPECT_EQ(t, n, -ENOSPC);
		file_put(f);
		KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-mnt/big", 0), 0);
	}

	/* Busy while a file inside is open; then it goes. */
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-mnt/inside", O_RDONLY, 0, &f) == 0);
	KT_EXPECT_EQ(t, vfs_umount_path("/kt-mnt", 0), -EBUSY);
	KT_EXPECT_EQ(t, vfs_umount_path("/kt-mnt/inside", 0), -EINVAL);
	KT_EXPECT_EQ(t, vfs_umount_path("/", 0), -EBUSY);
	KT_EXPECT_EQ(t, vfs_umount_path("/kt-mnt", 0x100), -EINVAL);
	file_put(f);
	KT_EXPECT_EQ(t, vfs_umount_path("/kt-mnt", 0), 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-mnt/under", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-mnt/inside", 0, &st, NULL), -ENOENT);

	/* MNT_DETACH: gone from the tree at once, alive while a file is open. */
	KT_ASSERT(t, vfs_mount_path(NULL, "/kt-mnt", "tmpfs", 0, NULL) == 0);
	KT_ASSERT(t, kt_make_file("/kt-mnt/lazy", 0644, "zz") == 0);
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-mnt/lazy", O_RDONLY, 0, &f) == 0);
	KT_EXPECT_EQ(t, vfs_umount_path("/kt-mnt", MNT_DETACH), 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-mnt/lazy", 0, &st, NULL), -ENOENT);
	{
		char buf[4];

		KT_EXPECT_EQ(t, kt_read(f, buf, sizeof(buf)), 2);
	}
	file_put(f);

	/* Read-only, noexec and nodev mounts. */
	KT_ASSERT(t, devfs_add_node("ktnodev", S_IFCHR | 0666, DEV_MAKE(1, 3)) == 0);
	KT_ASSERT(t, vfs_mount_path(NULL, "/kt-mnt", "devtmpfs", MS_RDONLY | MS_NOEXEC | MS_NODEV,
				    NULL) == 0);
	KT_EXPECT_EQ(t, vfs_statfs_path("/kt-mnt", &sfs), 0);
	KT_EXPECT_EQ(t, sfs.f_flags & (MS_RDONLY | MS_NOEXEC | MS_NODEV),
		     MS_RDONLY | MS_NOEXEC | MS_NODEV);
	KT_EXPECT_EQ(t, vfs_mkdirat(AT_FDCWD, "/kt-mnt/x", 0755), -EROFS);
	KT_EXPECT_EQ(t, vfs_openat(AT_FDCWD, "/kt-mnt/ktnodev", O_RDONLY, 0, &f), -EACCES);
	KT_EXPECT_EQ(t, vfs_umount_path("/kt-mnt", 0), 0);
	KT_EXPECT_EQ(t, devfs_remove_node("ktnodev"), 0);
	KT_ASSERT(t, vfs_mount_path(NULL, "/kt-mnt", "tmpfs", MS_NOEXEC, NULL) == 0);
	KT_ASSERT(t, kt_make_file("/kt-mnt/prog", 0755, "x") == 0);
	KT_EXPECT_EQ(t, file_open_exec("/kt-mnt/prog", &f), -EACCES);
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-mnt/prog", O_RDONLY, 0, &f) == 0);
	KT_EXPECT_EQ(t, file_check_exec(f), -EACCES);
	file_put(f);
	KT_EXPECT_EQ(t, vfs_umount_path("/kt-mnt", 0), 0);

	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-mnt/under", 0), 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-mnt", AT_REMOVEDIR), 0);
}

static int kt_dev_opens;

static int kt_dev_open(struct inode *ino __unused, struct file *f __unused)
{
	kt_dev_opens++;
	return 0;
}

static long kt_dev_write(struct file *f __unused, struct uio *u, uint64_t *pos __unused)
{
	long n = (long)u->resid;

	u->base += u->resid;
	u->resid = 0;
	return n;
}

static const struct file_ops kt_dev_ops = {
	.open = kt_dev_open,
	.write = kt_dev_write,
};

#define KT_DEV_MAJOR	240	/* devices.txt: 240-254 are for local use */

KTEST(vfs_devfs_and_chrdev)
{
	struct stat st;
	struct file *f;

	KT_ASSERT(t, vfs_init() == 0);
	KT_ASSERT(t, chrdev_register(KT_DEV_MAJOR, 0, 2, &kt_dev_ops, "ktest") == 0);
	KT_EXPECT_EQ(t, chrdev_register(KT_DEV_MAJOR, 1, 1, &kt_dev_ops, "ktest2"), -EBUSY);
	KT_EXPECT(t, chrdev_lookup(DEV_MAKE(KT_DEV_MAJOR, 1)) == &kt_dev_ops);
	KT_EXPECT(t, chrdev_lookup(DEV_MAKE(KT_DEV_MAJOR, 2)) == NULL);
	KT_ASSERT(t, devfs_add_node("ktdev", S_IFCHR | 0666, DEV_MAKE(KT_DEV_MAJOR, 1)) == 0);
	KT_ASSERT(t, devfs_add_node("ktsub/0", S_IFCHR | 0620, DEV_MAKE(KT_DEV_MAJOR, 0)) == 0);
	KT_ASSERT(t, devfs_add_node("ktnodrv", S_IFCHR | 0666, DEV_MAKE(KT_DEV_MAJOR, 9)) == 0);
	KT_EXPECT_EQ(t, devfs_add_node("ktdev", S_IFCHR | 0666, DEV_MAKE(KT_DEV_MAJOR, 1)),
		     -EEXIST);
	KT_EXPECT_EQ(t, devfs_add_node("a/b/c", S_IFCHR | 0666, 0), -EINVAL);

	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/dev/ktsub/0", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_mode, S_IFCHR | 0620);
	KT_EXPECT_EQ(t, st.st_rdev, DEV_MAKE(KT_DEV_MAJOR, 0));
	kt_dev_opens = 0;
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/dev/ktdev", O_WRONLY, 0, &f) == 0);
	KT_EXPECT_EQ(t, kt_dev_opens, 1);
	KT_EXPECT(t, f->ops == &kt_dev_ops);
	KT_EXPECT_EQ(t, file_rdev(f), DEV_MAKE(KT_DEV_MAJOR, 1));
	KT_EXPECT_EQ(t, kt_write(f, "12345", 5), 5);
	file_put(f);
	KT_EXPECT_EQ(t, vfs_openat(AT_FDCWD, "/dev/ktnodrv", O_RDONLY, 0, &f), -ENXIO);

	/* A second devtmpfs mount shows the same nodes. */
	KT_ASSERT(t, vfs_mkdirat(AT_FDCWD, "/kt-dev2", 0755) == 0);
	KT_ASSERT(t, vfs_mount_path(NULL, "/kt-dev2", "devtmpfs", 0, NULL) == 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-dev2/ktdev", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, vfs_umount_path("/kt-dev2", 0), 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-dev2", AT_REMOVEDIR), 0);

	/*
	 * mknod makes FIFOs and device nodes. A FIFO opens by fifo(7)'s
	 * rules: a non-blocking writer with no reader gets ENXIO, a
	 * non-blocking reader opens at once.
	 */
	KT_EXPECT_EQ(t, vfs_mknodat(AT_FDCWD, "/kt-fifo", S_IFIFO | 0644, 0), 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-fifo", 0, &st, NULL), 0);
	KT_EXPECT(t, S_ISFIFO(st.st_mode));
	KT_EXPECT_EQ(t, vfs_openat(AT_FDCWD, "/kt-fifo", O_WRONLY | O_NONBLOCK, 0, &f), -ENXIO);
	KT_EXPECT_EQ(t, vfs_openat(AT_FDCWD, "/kt-fifo", O_RDONLY | O_NONBLOCK, 0, &f), 0);
	file_put(f);
	KT_EXPECT_EQ(t, vfs_mknodat(AT_FDCWD, "/kt-dir", S_IFDIR | 0755, 0), -EINVAL);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-fifo", 0), 0);

	KT_EXPECT_EQ(t, devfs_remove_node("ktdev"), 0);
	KT_EXPECT_EQ(t, devfs_remove_node("ktsub/0"), 0);
	KT_EXPECT_EQ(t, devfs_remove_node("ktnodrv"), 0);
	KT_EXPECT_EQ(t, devfs_remove_node("ktdev"), -ENOENT);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/dev/ktdev", 0, &st, NULL), -ENOENT);
}
