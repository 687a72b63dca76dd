/*
 * vfs_perm_ktest.c: permission checks as a fake non-root process (uid
 * 1000) against root-owned files, root's bypass, the sticky bit, chmod
 * and chown rules, access(2) with the real ids, and the process's cwd.
 */
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <uapi/errno.h>
#include "vfs_ktest_util.h"

#define KT_UID	1000
#define KT_GID	1000

KTEST(vfs_perm_non_root)
{
	struct kt_proc k;
	struct stat st;
	struct file *f;

	KT_ASSERT(t, vfs_init() == 0);
	/* As root (a kernel thread): the fixture. */
	KT_ASSERT(t, vfs_mkdirat(AT_FDCWD, "/kt-perm", 0755) == 0);
	KT_ASSERT(t, vfs_mkdirat(AT_FDCWD, "/kt-perm/private", 0700) == 0);
	KT_ASSERT(t, vfs_mkdirat(AT_FDCWD, "/kt-perm/sticky", 0777) == 0);
	KT_ASSERT(t, vfs_chmodat(AT_FDCWD, "/kt-perm/sticky", 01777, 0) == 0);
	KT_ASSERT(t, kt_make_file("/kt-perm/sticky/roots", 0666, "r") == 0);
	KT_ASSERT(t, kt_make_file("/kt-perm/ro", 0444, "ro") == 0);
	KT_ASSERT(t, kt_make_file("/kt-perm/none", 0000, "x") == 0);
	/* Root reads a file with no permission bits, but cannot execute it. */
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-perm/none", O_RDWR, 0, &f) == 0);
	file_put(f);
	KT_EXPECT_EQ(t, vfs_accessat(AT_FDCWD, "/kt-perm/none", X_OK, 0), -EACCES);

	KT_ASSERT(t, kt_proc_enter(&k, KT_UID, KT_GID));
	KT_EXPECT_EQ(t, vfs_openat(AT_FDCWD, "/kt-perm/none", O_RDONLY, 0, &f), -EACCES);
	KT_EXPECT_EQ(t, vfs_openat(AT_FDCWD, "/kt-perm/ro", O_WRONLY, 0, &f), -EACCES);
	KT_EXPECT_EQ(t, vfs_openat(AT_FDCWD, "/kt-perm/ro", O_RDONLY | O_TRUNC, 0, &f), -EACCES);
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-perm/ro", O_RDONLY, 0, &f) == 0);
	file_put(f);
	/* No search permission in private/, no write permission in /kt-perm. */
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-perm/private/x", 0, &st, NULL), -EACCES);
	KT_EXPECT_EQ(t, vfs_mkdirat(AT_FDCWD, "/kt-perm/mine", 0755), -EACCES);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-perm/ro", 0), -EACCES);
	KT_EXPECT_EQ(t, vfs_accessat(AT_FDCWD, "/kt-perm/ro", W_OK, 0), -EACCES);
	KT_EXPECT_EQ(t, vfs_accessat(AT_FDCWD, "/kt-perm/ro", R_OK, 0), 0);
	KT_EXPECT_EQ(t, vfs_accessat(AT_FDCWD, "/kt-perm/ro", 8, 0), -EINVAL);
	KT_EXPECT_EQ(t, vfs_chmodat(AT_FDCWD, "/kt-perm/ro", 0666, 0), -EPERM);
	KT_EXPECT_EQ(t, vfs_chownat(AT_FDCWD, "/kt-perm/ro", KT_UID, (uint32_t)-1, 0), -EPERM);
	KT_EXPECT_EQ(t, vfs_mknodat(AT_FDCWD, "/kt-perm/sticky/dev", S_IFCHR | 0600,
				    DEV_MAKE(1, 3)), -EPERM);

	/* The sticky directory: anyone creates, only owners remove. */
	KT_ASSERT(t, kt_make_file("/kt-perm/sticky/mine", 0600, "m") == 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-perm/sticky/mine", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_uid, KT_UID);
	KT_EXPECT_EQ(t, st.st_gid, KT_GID);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-perm/sticky/roots", 0), -EPERM);
	KT_EXPECT_EQ(t, vfs_renameat2(AT_FDCWD, "/kt-perm/sticky/roots", AT_FDCWD,
				      "/kt-perm/sticky/r2", 0), -EPERM);
	KT_EXPECT_EQ(t, vfs_chmodat(AT_FDCWD, "/kt-perm/sticky/mine", 0640, 0), 0);
	KT_EXPECT_EQ(t, vfs_chownat(AT_FDCWD, "/kt-perm/sticky/mine", 0, (uint32_t)-1, 0),
		     -EPERM);
	KT_EXPECT_EQ(t, vfs_chownat(AT_FDCWD, "/kt-perm/sticky/mine", (uint32_t)-1, 0, 0),
		     -EPERM);		/* not in group 0 */
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-perm/sticky/mine", 0), 0);

	/* chdir needs search permission; getcwd reports the new place. */
	{
		char cwd[64];

		KT_EXPECT_EQ(t, vfs_chdir("/kt-perm/private"), -EACCES);
		KT_EXPECT_EQ(t, vfs_chdir("/kt-perm/ro"), -ENOTDIR);
		KT_EXPECT_EQ(t, vfs_chdir("/kt-perm/sticky"), 0);
		KT_EXPECT_EQ(t, vfs_getcwd(cwd, sizeof(cwd)), 15);
		KT_EXPECT(t, !strcmp(cwd, "/kt-perm/sticky"));
		KT_EXPECT_EQ(t, vfs_getcwd(cwd, 4), -ERANGE);
		KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "../ro", 0, &st, NULL), 0);
		KT_EXPECT_EQ(t, vfs_chroot("/kt-perm"), -EPERM);
	}
	KT_EXPECT_EQ(t, vfs_mount_path(NULL, "/kt-perm/sticky", "tmpfs", 0, NULL), -EPERM);
	kt_proc_leave(&k);

	/* Back to root: remove as root what uid 1000 could not. */
	KT_EXPECT_EQ(t, vfs_accessat(AT_FDCWD, "/kt-perm/ro", W_OK, 0), 0);
	KT_EXPECT_EQ(t, vfs_chownat(AT_FDCWD, "/kt-perm/ro", KT_UID, KT_GID, 0), 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-perm/ro", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_uid, KT_UID);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-perm/sticky/roots", 0), 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-perm/sticky", AT_REMOVEDIR), 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-perm/private", AT_REMOVEDIR), 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-perm/ro", 0), 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-perm/none", 0), 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-perm", AT_REMOVEDIR), 0);
}

KTEST(vfs_chroot_and_umask)
{
	struct kt_proc k;
	struct stat st, inside;
	char cwd[32];

	KT_ASSERT(t, vfs_init() == 0);
	KT_ASSERT(t, vfs_mkdirat(AT_FDCWD, "/kt-jail", 0755) == 0);
	KT_ASSERT(t, vfs_mkdirat(AT_FDCWD, "/kt-jail/sub", 0755) == 0);
	KT_ASSERT(t, kt_proc_enter(&k, 0, 0));
	KT_EXPECT_EQ(t, vfs_umask(077), 022);
	KT_ASSERT(t, kt_make_file("/kt-jail/masked", 0666, NULL) == 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-jail/masked", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_mode & 0777, 0600);
	KT_EXPECT_EQ(t, vfs_chroot("/kt-jail"), 0);
	KT_EXPECT_EQ(t, vfs_getcwd(cwd, sizeof(cwd)), -ENOENT);	/* "/" is outside */
	KT_EXPECT_EQ(t, vfs_chdir("/sub"), 0);
	KT_EXPECT_EQ(t, vfs_getcwd(cwd, sizeof(cwd)), 4);
	KT_EXPECT(t, !strcmp(cwd, "/sub"));
	/* ".." stops at the new root. */
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "../../../masked", 0, &inside, NULL), 0);
	KT_EXPECT_EQ(t, inside.st_ino, st.st_ino);
	kt_proc_leave(&k);
	vfs_unlinkat(AT_FDCWD, "/kt-jail/masked", 0);
	vfs_unlinkat(AT_FDCWD, "/kt-jail/sub", AT_REMOVEDIR);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-jail", AT_REMOVEDIR), 0);
}
