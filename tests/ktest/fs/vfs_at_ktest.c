/*
 * vfs_at_ktest.c: the dirfd forms (a directory descriptor as the start,
 * AT_EMPTY_PATH on a descriptor, ENOTDIR/EBADF for bad dirfds),
 * utimensat's rules, fallocate, O_CREAT on a directory, O_PATH files.
 */
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include "vfs_ktest_util.h"

KTEST(vfs_at_dirfd_forms)
{
	struct kt_proc k;
	struct stat st;
	struct file *dir, *f, *g;
	int dfd, ffd;

	KT_ASSERT(t, vfs_init() == 0);
	KT_ASSERT(t, vfs_mkdirat(AT_FDCWD, "/kt-at", 0755) == 0);
	KT_ASSERT(t, kt_make_file("/kt-at/file", 0644, "abc") == 0);
	KT_ASSERT(t, kt_proc_enter(&k, 0, 0));
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-at", O_RDONLY | O_DIRECTORY, 0, &dir) == 0);
	dfd = fd_install(dir, 0);
	KT_ASSERT(t, dfd >= 0);
	KT_ASSERT(t, vfs_openat(dfd, "file", O_RDONLY, 0, &f) == 0);
	ffd = fd_install(f, 0);
	KT_ASSERT(t, ffd >= 0);

	KT_EXPECT_EQ(t, vfs_statat(dfd, "file", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_size, 3);
	KT_EXPECT_EQ(t, vfs_statat(ffd, "", AT_EMPTY_PATH, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_size, 3);
	KT_EXPECT_EQ(t, vfs_statat(ffd, "", 0, &st, NULL), -ENOENT);
	KT_EXPECT_EQ(t, vfs_statat(ffd, "x", 0, &st, NULL), -ENOTDIR);
	KT_EXPECT_EQ(t, vfs_statat(99, "x", 0, &st, NULL), -EBADF);
	KT_EXPECT_EQ(t, vfs_statat(99, "/kt-at/file", 0, &st, NULL), 0);	/* absolute */
	KT_EXPECT_EQ(t, vfs_mkdirat(dfd, "sub", 0700), 0);
	KT_EXPECT_EQ(t, vfs_symlinkat("sub", dfd, "ln"), 0);
	KT_EXPECT_EQ(t, vfs_renameat2(dfd, "ln", dfd, "ln2", 0), 0);
	KT_EXPECT_EQ(t, vfs_linkat(dfd, "file", dfd, "hard", 0), 0);
	KT_EXPECT_EQ(t, vfs_linkat(ffd, "", dfd, "hard2", AT_EMPTY_PATH), 0);
	KT_EXPECT_EQ(t, vfs_statat(dfd, "hard2", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_nlink, 3);
	KT_EXPECT_EQ(t, vfs_unlinkat(dfd, "hard", 0), 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(dfd, "hard2", 0), 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(dfd, "ln2", 0), 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(dfd, "sub", AT_REMOVEDIR), 0);
	g = fd_get(ffd);
	KT_EXPECT_EQ(t, vfs_fchdir(g), -ENOTDIR);
	file_put(g);
	g = fd_get(dfd);
	KT_EXPECT_EQ(t, vfs_fchdir(g), 0);
	file_put(g);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "file", 0, &st, NULL), 0);

	/* O_CREAT on a directory, O_CREAT | O_DIRECTORY. */
	KT_EXPECT_EQ(t, vfs_openat(dfd, ".", O_RDONLY | O_CREAT, 0644, &g), -EISDIR);
	KT_EXPECT_EQ(t, vfs_openat(dfd, "new", O_RDONLY | O_CREAT | O_DIRECTORY, 0644, &g),
		     -EINVAL);
	/* O_PATH: no reading, but stat works. */
	KT_ASSERT(t, vfs_openat(dfd, "file", O_PATH, 0, &g) == 0);
	{
		char c;

		KT_EXPECT_EQ(t, kt_read(g, &c, 1), -EBADF);
		KT_EXPECT_EQ(t, vfs_fstat(g, &st), 0);
		KT_EXPECT_EQ(t, vfs_fchmod(g, 0600), -EBADF);
	}
	file_put(g);
	KT_EXPECT_EQ(t, fd_close(ffd), 0);
	KT_EXPECT_EQ(t, fd_close(dfd), 0);
	kt_proc_leave(&k);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-at/file", 0), 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-at", AT_REMOVEDIR), 0);
}

KTEST(vfs_utimens_and_fallocate)
{
	struct vfs_utime times[2] = {
		{ .how = VFS_UTIME_SET, .t = { .sec = 1000, .nsec = 5 } },
		{ .how = VFS_UTIME_OMIT },
	};
	struct kt_proc k;
	struct stat st, before;
	struct file *f;

	KT_ASSERT(t, vfs_init() == 0);
	KT_ASSERT(t, kt_make_file("/kt-time", 0666, "abc") == 0);
	KT_ASSERT(t, vfs_chmodat(AT_FDCWD, "/kt-time", 0666, 0) == 0);	/* past the umask */
	KT_ASSERT(t, vfs_statat(AT_FDCWD, "/kt-time", 0, &before, NULL) == 0);
	KT_EXPECT(t, before.st_mtime_sec > 1000000000);	/* the realtime clock */
	KT_EXPECT_EQ(t, vfs_utimensat(AT_FDCWD, "/kt-time", times, 0), 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-time", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_atime_sec, 1000);
	KT_EXPECT_EQ(t, st.st_atime_nsec, 5);
	KT_EXPECT_EQ(t, st.st_mtime_sec, before.st_mtime_sec);
	/* relatime: a read after an old atime (1000 < mtime) sets it to now. */
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-time", O_RDONLY, 0, &f) == 0);
	{
		char c;

		KT_EXPECT_EQ(t, kt_read(f, &c, 1), 1);
	}
	file_put(f);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-time", 0, &st, NULL), 0);
	KT_EXPECT(t, st.st_atime_sec >= before.st_mtime_sec);
	KT_ASSERT(t, kt_proc_enter(&k, 1000, 1000));
	/* Not the owner: "now" needs write access, anything else ownership. */
	KT_EXPECT_EQ(t, vfs_utimensat(AT_FDCWD, "/kt-time", NULL, 0), 0);
	KT_EXPECT_EQ(t, vfs_utimensat(AT_FDCWD, "/kt-time", times, 0), -EPERM);
	kt_proc_leave(&k);

	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-time", O_RDWR, 0, &f) == 0);
	KT_EXPECT_EQ(t, vfs_fallocate(f, 0, 8192, 100), 0);
	KT_EXPECT_EQ(t, vfs_fstat(f, &st), 0);
	KT_EXPECT_EQ(t, st.st_size, 8292);
	KT_EXPECT_EQ(t, st.st_blocks, 2 * 4096 / 512);	/* page 0 and page 2 */
	KT_EXPECT_EQ(t, vfs_fallocate(f, 0, 0, 1), 0);
	KT_EXPECT_EQ(t, vfs_fstat(f, &st), 0);
	KT_EXPECT_EQ(t, st.st_size, 8292);		/* mode 0 never shrinks */
	/* tmpfs: KEEP_SIZE backs pages past the end, PUNCH_HOLE needs it, ZERO_RANGE no. */
	KT_EXPECT_EQ(t, vfs_fallocate(f, FALLOC_FL_KEEP_SIZE, 16384, 1), 0);
	KT_EXPECT_EQ(t, vfs_fstat(f, &st), 0);
	KT_EXPECT_EQ(t, st.st_size, 8292);
	KT_EXPECT_EQ(t, st.st_blocks, 3 * 4096 / 512);
	KT_EXPECT_EQ(t, vfs_fallocate(f, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 16384, 4096),
		     0);
	KT_EXPECT_EQ(t, vfs_fstat(f, &st), 0);
	KT_EXPECT_EQ(t, st.st_blocks, 2 * 4096 / 512);
	KT_EXPECT_EQ(t, vfs_fallocate(f, FALLOC_FL_PUNCH_HOLE, 0, 1), -EOPNOTSUPP);
	KT_EXPECT_EQ(t, vfs_fallocate(f, FALLOC_FL_ZERO_RANGE, 0, 1), -EOPNOTSUPP);
	KT_EXPECT_EQ(t, vfs_fallocate(f, 0, -1, 1), -EINVAL);
	KT_EXPECT_EQ(t, vfs_fallocate(f, 0, 0, 0), -EINVAL);
	file_put(f);
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-time", O_RDONLY, 0, &f) == 0);
	KT_EXPECT_EQ(t, vfs_fallocate(f, 0, 0, 1), -EBADF);
	file_put(f);
	KT_EXPECT_EQ(t, vfs_truncate_path("/kt-time", 1), 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-time", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_size, 1);
	KT_EXPECT_EQ(t, vfs_truncate_path("/", 0), -EISDIR);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-time", 0), 0);
}
