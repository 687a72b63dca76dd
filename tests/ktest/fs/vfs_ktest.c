/*
 * vfs_ktest.c: the VFS and tmpfs through their kernel API: files with
 * holes, truncation and appends, directories and links with their link
 * counts, rename rules, symlinks (and loops), lookup errors, readdir.
 * Each test works in its own directory under "/" and removes it.
 */
#include <basalt/format.h>
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <basalt/vmlayout.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>
#include "vfs_ktest_util.h"

#define KT_HOLE_OFF	(3 * PAGE_SIZE + 10)

KTEST(vfs_tmpfs_holes_truncate_append)
{
	char buf[16];
	struct stat st;
	struct file *f;

	KT_ASSERT(t, vfs_init() == 0);
	KT_ASSERT(t, vfs_mkdirat(AT_FDCWD, "/kt-rw", 0755) == 0);
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-rw/f", O_RDWR | O_CREAT | O_EXCL, 0644, &f) == 0);
	KT_EXPECT_EQ(t, kt_write(f, "abc", 3), 3);
	KT_EXPECT_EQ(t, kt_pwrite(f, "xyz", 3, KT_HOLE_OFF), 3);
	KT_EXPECT_EQ(t, vfs_fstat(f, &st), 0);
	KT_EXPECT_EQ(t, st.st_size, KT_HOLE_OFF + 3);
	KT_EXPECT_EQ(t, st.st_blocks, 2 * PAGE_SIZE / 512);	/* the hole takes nothing */
	KT_EXPECT(t, S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0644);

	/* SEEK_DATA and SEEK_HOLE see the hole between the two pages. */
	KT_EXPECT_EQ(t, file_lseek(f, 0, SEEK_DATA), 0);
	KT_EXPECT_EQ(t, file_lseek(f, 0, SEEK_HOLE), PAGE_SIZE);
	KT_EXPECT_EQ(t, file_lseek(f, 5, SEEK_DATA), 5);
	KT_EXPECT_EQ(t, file_lseek(f, PAGE_SIZE + 1, SEEK_DATA), 3 * PAGE_SIZE);
	KT_EXPECT_EQ(t, file_lseek(f, 3 * PAGE_SIZE, SEEK_HOLE), KT_HOLE_OFF + 3);
	KT_EXPECT_EQ(t, file_lseek(f, KT_HOLE_OFF + 3, SEEK_DATA), -ENXIO);
	KT_EXPECT_EQ(t, file_lseek(f, -1, SEEK_HOLE), -ENXIO);

	/* The hole reads back as zeros, then the data. */
	memset(buf, 0x55, sizeof(buf));
	KT_EXPECT_EQ(t, file_read_kernel(f, buf, 4, PAGE_SIZE), 4);
	KT_EXPECT(t, buf[0] == 0 && buf[3] == 0);
	KT_EXPECT_EQ(t, file_read_kernel(f, buf, 16, KT_HOLE_OFF), 3);
	KT_EXPECT(t, !memcmp(buf, "xyz", 3));
	KT_EXPECT_EQ(t, file_read_kernel(f, buf, 16, KT_HOLE_OFF + 3), 0);

	/* Shrinking drops the pages; growing again shows zeros. */
	KT_EXPECT_EQ(t, vfs_ftruncate(f, 2), 0);
	KT_EXPECT_EQ(t, vfs_ftruncate(f, 5), 0);
	KT_EXPECT_EQ(t, file_read_kernel(f, buf, 16, 0), 5);
	KT_EXPECT(t, !memcmp(buf, "ab\0\0\0", 5));
	KT_EXPECT_EQ(t, vfs_fstat(f, &st), 0);
	KT_EXPECT_EQ(t, st.st_blocks, PAGE_SIZE / 512);
	KT_EXPECT_EQ(t, vfs_ftruncate(f, -1), -EINVAL);
	file_put(f);

	/* O_APPEND writes at the end whatever the position. */
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-rw/f", O_WRONLY | O_APPEND, 0, &f) == 0);
	KT_EXPECT_EQ(t, kt_write(f, "Z", 1), 1);
	KT_EXPECT_EQ(t, f->pos, 6);
	file_put(f);
	/* O_TRUNC empties it; O_EXCL refuses an existing name. */
	KT_EXPECT_EQ(t, vfs_openat(AT_FDCWD, "/kt-rw/f", O_RDWR | O_CREAT | O_EXCL, 0644, &f),
		     -EEXIST);
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-rw/f", O_RDWR | O_TRUNC, 0, &f) == 0);
	KT_EXPECT_EQ(t, kt_read(f, buf, 16), 0);
	KT_EXPECT_EQ(t, file_lseek(f, 100, SEEK_SET), 100);
	KT_EXPECT_EQ(t, file_lseek(f, -101, SEEK_CUR), -EINVAL);
	KT_EXPECT_EQ(t, file_lseek(f, 0, SEEK_END), 0);
	file_put(f);

	/* Directories: no writing, no reading as a file. */
	KT_EXPECT_EQ(t, vfs_openat(AT_FDCWD, "/kt-rw", O_WRONLY, 0, &f), -EISDIR);
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-rw", O_RDONLY, 0, &f) == 0);
	KT_EXPECT_EQ(t, kt_read(f, buf, 4), -EISDIR);
	file_put(f);

	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-rw/f", 0), 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-rw", AT_REMOVEDIR), 0);
}

KTEST(vfs_unlinked_file_stays_open)
{
	struct file *f;
	char buf[8];

	KT_ASSERT(t, vfs_init() == 0);
	KT_ASSERT(t, kt_make_file("/kt-open", 0600, "data") == 0);
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-open", O_RDONLY, 0, &f) == 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-open", 0), 0);
	KT_EXPECT_EQ(t, vfs_openat(AT_FDCWD, "/kt-open", O_RDONLY, 0, &f), -ENOENT);
	KT_EXPECT_EQ(t, kt_read(f, buf, sizeof(buf)), 4);
	KT_EXPECT(t, !memcmp(buf, "data", 4));
	file_put(f);
}

KTEST(vfs_dirs_links_counts)
{
	struct stat st;

	KT_ASSERT(t, vfs_init() == 0);
	KT_ASSERT(t, vfs_mkdirat(AT_FDCWD, "/kt-ns", 0755) == 0);
	KT_EXPECT_EQ(t, vfs_mkdirat(AT_FDCWD, "/kt-ns", 0755), -EEXIST);
	KT_EXPECT_EQ(t, vfs_mkdirat(AT_FDCWD, "/kt-ns/a/", 0755), 0);	/* trailing slash */
	KT_EXPECT_EQ(t, vfs_mkdirat(AT_FDCWD, "/kt-ns/a/b", 0755), 0);
	KT_EXPECT_EQ(t, vfs_mkdirat(AT_FDCWD, "/kt-ns/missing/b", 0755), -ENOENT);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-ns/a", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_nlink, 3);		/* its name, ".", b's ".." */

	KT_ASSERT(t, kt_make_file("/kt-ns/a/file", 0644, "hello") == 0);
	KT_EXPECT_EQ(t, vfs_mkdirat(AT_FDCWD, "/kt-ns/a/file/x", 0755), -ENOTDIR);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-ns/a/file/", 0, &st, NULL), -ENOTDIR);
	KT_EXPECT_EQ(t, vfs_linkat(AT_FDCWD, "/kt-ns/a/file", AT_FDCWD, "/kt-ns/hard", 0), 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-ns/hard", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_nlink, 2);
	KT_EXPECT_EQ(t, st.st_size, 5);
	KT_EXPECT_EQ(t, vfs_linkat(AT_FDCWD, "/kt-ns/a", AT_FDCWD, "/kt-ns/dlink", 0), -EPERM);
	KT_EXPECT_EQ(t, vfs_linkat(AT_FDCWD, "/kt-ns/a/file", AT_FDCWD, "/kt-ns/hard", 0),
		     -EEXIST);

	/* rmdir and unlink refuse the wrong kinds and non-empty directories. */
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-ns/a", AT_REMOVEDIR), -ENOTEMPTY);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-ns/a", 0), -EISDIR);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-ns/hard", AT_REMOVEDIR), -ENOTDIR);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-ns/a/.", AT_REMOVEDIR), -EINVAL);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-ns/a/..", AT_REMOVEDIR), -ENOTEMPTY);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-ns/hard/", 0), -ENOTDIR);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-ns/hard", 0x4), -EINVAL);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-ns/hard", 0), 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-ns/a/file", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_nlink, 1);

	/* rename: files, over files, directories, never into themselves. */
	KT_EXPECT_EQ(t, vfs_renameat2(AT_FDCWD, "/kt-ns/a/file", AT_FDCWD, "/kt-ns/moved", 0), 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-ns/a/file", 0, &st, NULL), -ENOENT);
	KT_ASSERT(t, kt_make_file("/kt-ns/other", 0644, "x") == 0);
	KT_EXPECT_EQ(t, vfs_renameat2(AT_FDCWD, "/kt-ns/other", AT_FDCWD, "/kt-ns/moved",
				      RENAME_NOREPLACE), -EEXIST);
	KT_EXPECT_EQ(t, vfs_renameat2(AT_FDCWD, "/kt-ns/other", AT_FDCWD, "/kt-ns/moved", 0), 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-ns/moved", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_size, 1);
	KT_EXPECT_EQ(t, vfs_renameat2(AT_FDCWD, "/kt-ns/a", AT_FDCWD, "/kt-ns/a/b/c", 0), -EINVAL);
	KT_EXPECT_EQ(t, vfs_renameat2(AT_FDCWD, "/kt-ns/a", AT_FDCWD, "/kt-ns/a", 0), 0);
	KT_EXPECT_EQ(t, vfs_renameat2(AT_FDCWD, "/kt-ns/moved", AT_FDCWD, "/kt-ns/a", 0), -EISDIR);
	KT_EXPECT_EQ(t, vfs_renameat2(AT_FDCWD, "/kt-ns/a", AT_FDCWD, "/kt-ns/moved", 0), -ENOTDIR);
	KT_EXPECT_EQ(t, vfs_mkdirat(AT_FDCWD, "/kt-ns/empty", 0755), 0);
	KT_EXPECT_EQ(t, vfs_renameat2(AT_FDCWD, "/kt-ns/empty", AT_FDCWD, "/kt-ns/a", 0),
		     -ENOTEMPTY);
	KT_EXPECT_EQ(t, vfs_renameat2(AT_FDCWD, "/kt-ns/a/b", AT_FDCWD, "/kt-ns/b2", 0), 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-ns/a", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_nlink, 2);		/* b moved out */
	KT_EXPECT_EQ(t, vfs_renameat2(AT_FDCWD, "/kt-ns/empty", AT_FDCWD, "/kt-ns/a", 0), 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-ns/empty", 0, &st, NULL), -ENOENT);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-ns", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_nlink, 4);		/* ".", "..": a, b2 */

	/* RENAME_EXCHANGE swaps a file and a directory, link counts follow. */
	KT_EXPECT_EQ(t, vfs_renameat2(AT_FDCWD, "/kt-ns/moved", AT_FDCWD, "/kt-ns/nothing",
				      RENAME_EXCHANGE), -ENOENT);
	KT_EXPECT_EQ(t, vfs_renameat2(AT_FDCWD, "/kt-ns/moved", AT_FDCWD, "/kt-ns/a",
				      RENAME_EXCHANGE | RENAME_NOREPLACE), -EINVAL);
	KT_EXPECT_EQ(t, vfs_mkdirat(AT_FDCWD, "/kt-ns/b2/in", 0755), 0);
	KT_EXPECT_EQ(t, vfs_renameat2(AT_FDCWD, "/kt-ns/b2", AT_FDCWD, "/kt-ns/b2/in",
				      RENAME_EXCHANGE), -EINVAL);
	KT_EXPECT_EQ(t, vfs_renameat2(AT_FDCWD, "/kt-ns/moved", AT_FDCWD, "/kt-ns/b2/in",
				      RENAME_EXCHANGE), 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-ns/moved", 0, &st, NULL), 0);
	KT_EXPECT(t, S_ISDIR(st.st_mode));
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-ns/b2/in", 0, &st, NULL), 0);
	KT_EXPECT(t, S_ISREG(st.st_mode) && st.st_size == 1);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-ns/b2", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_nlink, 2);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-ns", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_nlink, 5);		/* a, b2, moved */
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-ns/b2/in", 0), 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-ns/moved", AT_REMOVEDIR), 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-ns/a", AT_REMOVEDIR), 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-ns/b2", AT_REMOVEDIR), 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-ns", AT_REMOVEDIR), 0);
}

KTEST(vfs_symlinks_and_lookup_errors)
{
	char *long_name = kmalloc(PATH_MAX + 8);
	char buf[32];
	struct stat st;
	struct file *f;

	KT_ASSERT(t, vfs_init() == 0 && long_name);
	KT_ASSERT(t, vfs_mkdirat(AT_FDCWD, "/kt-sym", 0755) == 0);
	KT_ASSERT(t, vfs_mkdirat(AT_FDCWD, "/kt-sym/dir", 0755) == 0);
	KT_ASSERT(t, kt_make_file("/kt-sym/dir/target", 0644, "T") == 0);
	KT_EXPECT_EQ(t, vfs_symlinkat("dir/target", AT_FDCWD, "/kt-sym/rel"), 0);
	KT_EXPECT_EQ(t, vfs_symlinkat("/kt-sym/dir", AT_FDCWD, "/kt-sym/abs"), 0);
	KT_EXPECT_EQ(t, vfs_symlinkat("loop2", AT_FDCWD, "/kt-sym/loop1"), 0);
	KT_EXPECT_EQ(t, vfs_symlinkat("loop1", AT_FDCWD, "/kt-sym/loop2"), 0);
	KT_EXPECT_EQ(t, vfs_symlinkat("nowhere", AT_FDCWD, "/kt-sym/dangling"), 0);
	KT_EXPECT_EQ(t, vfs_symlinkat("x", AT_FDCWD, "/kt-sym/rel"), -EEXIST);

	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-sym/rel", 0, &st, NULL), 0);
	KT_EXPECT(t, S_ISREG(st.st_mode) && st.st_size == 1);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-sym/rel", AT_SYMLINK_NOFOLLOW, &st, NULL), 0);
	KT_EXPECT(t, S_ISLNK(st.st_mode) && st.st_size == 10);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-sym/abs/target", AT_SYMLINK_NOFOLLOW, &st,
				   NULL), 0);
	KT_EXPECT(t, S_ISREG(st.st_mode));
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-sym/abs/../dir/./target", 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, vfs_readlinkat(AT_FDCWD, "/kt-sym/rel", buf, sizeof(buf)), 10);
	KT_EXPECT(t, !memcmp(buf, "dir/target", 10));
	KT_EXPECT_EQ(t, vfs_readlinkat(AT_FDCWD, "/kt-sym/rel", buf, 3), 3);
	KT_EXPECT_EQ(t, vfs_readlinkat(AT_FDCWD, "/kt-sym/dir", buf, sizeof(buf)), -EINVAL);

	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-sym/loop1", 0, &st, NULL), -ELOOP);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-sym/loop1/x", 0, &st, NULL), -ELOOP);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-sym/loop1", AT_SYMLINK_NOFOLLOW, &st, NULL), 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-sym/dangling", 0, &st, NULL), -ENOENT);
	KT_EXPECT_EQ(t, vfs_openat(AT_FDCWD, "/kt-sym/rel", O_RDONLY | O_NOFOLLOW, 0, &f), -ELOOP);
	KT_EXPECT_EQ(t, vfs_openat(AT_FDCWD, "/kt-sym/rel", O_RDONLY | O_DIRECTORY, 0, &f),
		     -ENOTDIR);
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-sym/abs", O_RDONLY | O_DIRECTORY, 0, &f) == 0);
	/* openat relative to a directory descriptor is tested via the start path. */
	file_put(f);

	/* O_CREAT through a dangling link creates its target; O_EXCL refuses. */
	KT_EXPECT_EQ(t, vfs_openat(AT_FDCWD, "/kt-sym/dangling", O_WRONLY | O_CREAT | O_EXCL,
				   0644, &f), -EEXIST);
	KT_EXPECT_EQ(t, vfs_openat(AT_FDCWD, "/kt-sym/dangling", O_WRONLY | O_CREAT | O_NOFOLLOW,
				   0644, &f), -ELOOP);
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-sym/dangling", O_WRONLY | O_CREAT, 0644, &f) == 0);
	file_put(f);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/kt-sym/nowhere", AT_SYMLINK_NOFOLLOW, &st, NULL),
		     0);
	KT_EXPECT(t, S_ISREG(st.st_mode));
	KT_EXPECT_EQ(t, vfs_openat(AT_FDCWD, "/kt-sym/loop1", O_WRONLY | O_CREAT, 0644, &f),
		     -ELOOP);
	KT_EXPECT_EQ(t, vfs_openat(AT_FDCWD, "/kt-sym/abs", O_RDONLY | O_CREAT, 0644, &f),
		     -EISDIR);
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-sym/rel", O_RDWR | O_CREAT, 0644, &f) == 0);
	KT_EXPECT(t, S_ISREG(f->inode->mode) && f->inode->size == 1);
	file_put(f);
	vfs_unlinkat(AT_FDCWD, "/kt-sym/nowhere", 0);

	/* ".." never climbs above "/". */
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/../../kt-sym/dir/target", 0, &st, NULL), 0);
	/* Names over NAME_MAX, paths over PATH_MAX. */
	memset(long_name, 'n', NAME_MAX + 1);
	long_name[NAME_MAX + 1] = '\0';
	KT_EXPECT_EQ(t, vfs_mkdirat(AT_FDCWD, long_name, 0755), -ENAMETOOLONG);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, long_name, 0, &st, NULL), -ENAMETOOLONG);
	memset(long_name, 'a', PATH_MAX);
	for (int i = 1; i < PATH_MAX; i += 2)
		long_name[i] = '/';
	long_name[PATH_MAX] = '\0';
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, long_name, 0, &st, NULL), -ENAMETOOLONG);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "", 0, &st, NULL), -ENOENT);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "", AT_EMPTY_PATH, &st, NULL), 0);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/", 0x8000, &st, NULL), -EINVAL);

	vfs_unlinkat(AT_FDCWD, "/kt-sym/rel", 0);
	vfs_unlinkat(AT_FDCWD, "/kt-sym/abs", 0);
	vfs_unlinkat(AT_FDCWD, "/kt-sym/loop1", 0);
	vfs_unlinkat(AT_FDCWD, "/kt-sym/loop2", 0);
	vfs_unlinkat(AT_FDCWD, "/kt-sym/dangling", 0);
	vfs_unlinkat(AT_FDCWD, "/kt-sym/dir/target", 0);
	vfs_unlinkat(AT_FDCWD, "/kt-sym/dir", AT_REMOVEDIR);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-sym", AT_REMOVEDIR), 0);
	kfree(long_name);
}

/* A symlink chain of 41 links is one too many (SYMLOOP_MAX). */
KTEST(vfs_symlink_chain_limit)
{
	char name[32], target[32];
	struct stat st;

	KT_ASSERT(t, vfs_init() == 0);
	KT_ASSERT(t, vfs_mkdirat(AT_FDCWD, "/kt-chain", 0755) == 0);
	KT_ASSERT(t, kt_make_file("/kt-chain/l0", 0644, NULL) == 0);
	for (int i = 1; i <= SYMLOOP_MAX + 1; i++) {
		snprintf(name, sizeof(name), "/kt-chain/l%d", i);
		snprintf(target, sizeof(target), "l%d", i - 1);
		KT_ASSERT(t, vfs_symlinkat(target, AT_FDCWD, name) == 0);
	}
	snprintf(name, sizeof(name), "/kt-chain/l%d", SYMLOOP_MAX);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, name, 0, &st, NULL), 0);
	snprintf(name, sizeof(name), "/kt-chain/l%d", SYMLOOP_MAX + 1);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, name, 0, &st, NULL), -ELOOP);
	for (int i = 0; i <= SYMLOOP_MAX + 1; i++) {
		snprintf(name, sizeof(name), "/kt-chain/l%d", i);
		vfs_unlinkat(AT_FDCWD, name, 0);
	}
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-chain", AT_REMOVEDIR), 0);
}

static bool kt_dirents_have(const uint8_t *buf, long len, const char *name, uint8_t type)
{
	for (long off = 0; off < len;) {
		const struct linux_dirent64 *d = (const void *)(buf + off);

		if (!strcmp(d->d_name, name))
			return d->d_type == type;
		if (d->d_reclen == 0)
			return false;
		off += d->d_reclen;
	}
	return false;
}

KTEST(vfs_readdir_lists_entries)
{
	uint8_t *buf = kmalloc(1024);
	struct file *f;
	struct uio u;
	long n;

	KT_ASSERT(t, vfs_init() == 0 && buf);
	KT_ASSERT(t, vfs_mkdirat(AT_FDCWD, "/kt-rd", 0755) == 0);
	KT_ASSERT(t, vfs_mkdirat(AT_FDCWD, "/kt-rd/sub", 0755) == 0);
	KT_ASSERT(t, kt_make_file("/kt-rd/file", 0644, NULL) == 0);
	KT_ASSERT(t, vfs_symlinkat("file", AT_FDCWD, "/kt-rd/link") == 0);
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-rd", O_RDONLY | O_DIRECTORY, 0, &f) == 0);
	uio_init_kernel(&u, buf, 1024);
	n = vfs_readdir(f, &u);
	KT_EXPECT(t, n > 0);
	KT_EXPECT(t, kt_dirents_have(buf, n, ".", DT_DIR));
	KT_EXPECT(t, kt_dirents_have(buf, n, "..", DT_DIR));
	KT_EXPECT(t, kt_dirents_have(buf, n, "sub", DT_DIR));
	KT_EXPECT(t, kt_dirents_have(buf, n, "file", DT_REG));
	KT_EXPECT(t, kt_dirents_have(buf, n, "link", DT_LNK));
	uio_init_kernel(&u, buf, 1024);
	KT_EXPECT_EQ(t, vfs_readdir(f, &u), 0);		/* the end */
	KT_EXPECT_EQ(t, file_lseek(f, 0, SEEK_SET), 0);
	uio_init_kernel(&u, buf, 8);
	KT_EXPECT_EQ(t, vfs_readdir(f, &u), -EINVAL);	/* too small for one */
	file_put(f);
	vfs_unlinkat(AT_FDCWD, "/kt-rd/link", 0);
	vfs_unlinkat(AT_FDCWD, "/kt-rd/file", 0);
	vfs_unlinkat(AT_FDCWD, "/kt-rd/sub", AT_REMOVEDIR);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-rd", AT_REMOVEDIR), 0);
	kfree(buf);
}
