/*
 * fd_table_ktest.c: descriptor tables through a fake process: lowest
 * free slot, dup to a given slot, close-on-exec, clone sharing files,
 * EBADF and EMFILE.
 */
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <uapi/errno.h>
#include "vfs_ktest_util.h"

static const struct file_ops kt_anon_ops;

KTEST(fd_table_install_dup_close)
{
	struct kt_proc k;
	struct fd_table *copy;
	struct file *a, *b, *g;

	KT_ASSERT(t, vfs_init() == 0);
	KT_EXPECT(t, fd_get(0) == NULL);		/* a kernel thread has no table */
	KT_ASSERT(t, kt_proc_enter(&k, 0, 0));
	a = file_alloc_anon(&kt_anon_ops, NULL, O_RDWR);
	b = file_alloc_anon(&kt_anon_ops, NULL, O_RDONLY);
	KT_ASSERT(t, a && b);
	KT_EXPECT_EQ(t, fd_install(a, 0), 0);
	KT_EXPECT_EQ(t, fd_install(b, FD_CLOEXEC_FLAG), 1);
	KT_EXPECT_EQ(t, fd_get_flags(1), FD_CLOEXEC_FLAG);
	KT_EXPECT_EQ(t, fd_dup_to(0, 100, 0), 100);
	KT_EXPECT_EQ(t, a->ref, 2);
	KT_EXPECT_EQ(t, fd_dup_to(0, 0, 0), 0);	/* dup2 onto itself */
	KT_EXPECT_EQ(t, fd_dup_to(7, 8, 0), -EBADF);
	KT_EXPECT_EQ(t, fd_dup_to(0, -1, 0), -EBADF);
	KT_EXPECT_EQ(t, fd_dup_to(0, FD_DEFAULT_MAX, 0), -EBADF);
	file_get(a);
	KT_EXPECT_EQ(t, fd_install_from(a, 5, 0), 5);
	g = fd_get(5);
	KT_EXPECT(t, g == a);
	file_put(g);
	KT_EXPECT(t, fd_get(-1) == NULL && fd_get(3) == NULL && fd_get(1 << 20) == NULL);

	/* fork's copy shares the files; close-on-exec closes only flagged ones. */
	copy = fd_table_clone(k.p->files);
	KT_ASSERT(t, copy != NULL);
	KT_EXPECT_EQ(t, a->ref, 6);			/* fds 0, 5, 100 in two tables */
	fd_table_close_on_exec(k.p->files);
	KT_EXPECT(t, fd_get(1) == NULL);
	KT_EXPECT_EQ(t, b->ref, 1);			/* the copy's */
	fd_table_put(copy);
	KT_EXPECT_EQ(t, a->ref, 3);

	KT_EXPECT_EQ(t, fd_close(100), 0);
	KT_EXPECT_EQ(t, fd_close(100), -EBADF);
	KT_EXPECT_EQ(t, fd_close(-5), -EBADF);

	/* RLIMIT_NOFILE bounds the table. */
	k.p->rlim[RLIMIT_NOFILE].rlim_cur = 6;
	file_get(a);
	KT_EXPECT_EQ(t, fd_install_from(a, 6, 0), -EMFILE);
	file_put(a);
	k.p->rlim[RLIMIT_NOFILE].rlim_cur = FD_DEFAULT_MAX;
	kt_proc_leave(&k);
}

/* PID 1's standard descriptors: one console file at 0, 1 and 2. */
KTEST(fd_table_stdio_for_init)
{
	struct fd_table *tab = fd_table_create();
	struct file *f = file_alloc_anon(&kt_anon_ops, NULL, O_RDWR);
	struct file *g = file_alloc_anon(&kt_anon_ops, NULL, O_RDWR);

	KT_ASSERT(t, tab && f && g);
	KT_EXPECT_EQ(t, fd_table_install_stdio(tab, g), 0);
	KT_EXPECT_EQ(t, g->ref, 3);
	file_get(g);
	KT_EXPECT_EQ(t, fd_table_install_stdio(tab, f), 0);	/* replaces */
	KT_EXPECT_EQ(t, f->ref, 3);
	KT_EXPECT_EQ(t, g->ref, 1);
	file_put(g);
	fd_table_put(tab);
}

KTEST(file_check_exec_modes)
{
	struct kt_proc k;
	struct file *f;

	KT_ASSERT(t, vfs_init() == 0);
	KT_ASSERT(t, kt_make_file("/kt-exec", 0644, "x") == 0);
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/kt-exec", O_RDONLY, 0, &f) == 0);
	KT_EXPECT_EQ(t, file_check_exec(f), -EACCES);	/* even root needs an x bit */
	KT_EXPECT_EQ(t, vfs_chmodat(AT_FDCWD, "/kt-exec", 0744, 0), 0);
	KT_EXPECT_EQ(t, file_check_exec(f), 0);
	KT_ASSERT(t, kt_proc_enter(&k, 1000, 1000));
	KT_EXPECT_EQ(t, file_check_exec(f), -EACCES);	/* x for the owner only */
	kt_proc_leave(&k);
	file_put(f);
	KT_ASSERT(t, vfs_openat(AT_FDCWD, "/", O_RDONLY, 0, &f) == 0);
	KT_EXPECT_EQ(t, file_check_exec(f), -EACCES);
	file_put(f);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-exec", 0), 0);
}

KTEST(file_open_exec_rules)
{
	struct kt_proc k;
	struct file *f;
	char buf[4];

	KT_ASSERT(t, vfs_init() == 0);
	KT_ASSERT(t, kt_make_file("/kt-xonly", 0644, "ELF") == 0);
	KT_ASSERT(t, vfs_chmodat(AT_FDCWD, "/kt-xonly", 0711, 0) == 0);
	KT_ASSERT(t, kt_make_file("/kt-noexec", 0644, "sh") == 0);
	KT_ASSERT(t, vfs_symlinkat("kt-xonly", AT_FDCWD, "/kt-xlink") == 0);
	KT_ASSERT(t, kt_proc_enter(&k, 1000, 1000));
	/* Execute-only: no open for reading, but the loader may read it. */
	KT_EXPECT_EQ(t, vfs_openat(AT_FDCWD, "/kt-xonly", O_RDONLY, 0, &f), -EACCES);
	KT_ASSERT(t, file_open_exec("/kt-xlink", &f) == 0);
	KT_EXPECT_EQ(t, file_read_kernel(f, buf, 3, 0), 3);
	KT_EXPECT(t, !memcmp(buf, "ELF", 3));
	file_put(f);
	KT_EXPECT_EQ(t, file_open_exec("/kt-noexec", &f), -EACCES);
	KT_EXPECT_EQ(t, file_open_exec("/", &f), -EACCES);
	KT_EXPECT_EQ(t, file_open_exec("/kt-missing", &f), -ENOENT);
	kt_proc_leave(&k);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-xlink", 0), 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-xonly", 0), 0);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/kt-noexec", 0), 0);
}
