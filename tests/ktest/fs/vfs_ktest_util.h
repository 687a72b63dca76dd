/*
 * vfs_ktest_util.h: small helpers shared by the VFS ktests: kernel-buffer
 * reads and writes, and a fake user process (task_current()->proc) with
 * its own credentials, descriptor table and fs context.
 */
#ifndef KTEST_FS_VFS_KTEST_UTIL_H
#define KTEST_FS_VFS_KTEST_UTIL_H

#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <uapi/fcntl.h>

static inline long kt_write(struct file *f, const char *s, size_t len)
{
	struct uio u;

	uio_init_kernel(&u, (void *)s, len);
	return file_write(f, &u);
}

static inline long kt_read(struct file *f, void *buf, size_t len)
{
	struct uio u;

	uio_init_kernel(&u, buf, len);
	return file_read(f, &u);
}

static inline long kt_pwrite(struct file *f, const void *s, size_t len, uint64_t pos)
{
	struct uio u;

	uio_init_kernel(&u, (void *)s, len);
	return file_pwrite(f, &u, pos);
}

/* Creates path with contents s (or empty); 0 or errno. */
static inline int kt_make_file(const char *path, unsigned mode, const char *s)
{
	struct file *f;
	int err = vfs_openat(AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, mode, &f);

	if (err)
		return err;
	if (s && kt_write(f, s, strlen(s)) != (long)strlen(s))
		err = -1;
	file_put(f);
	return err;
}

struct kt_proc {
	struct process *p;
	struct process *saved;
};

/* Becomes a process with uid/gid (0 for root), a table and "/" as cwd. */
static inline bool kt_proc_enter(struct kt_proc *k, uint32_t uid, uint32_t gid)
{
	k->p = kzalloc(sizeof(*k->p));
	if (!k->p)
		return false;
	k->p->cred.uid = k->p->cred.euid = k->p->cred.suid = k->p->cred.fsuid = uid;
	k->p->cred.gid = k->p->cred.egid = k->p->cred.sgid = k->p->cred.fsgid = gid;
	process_default_limits(k->p->rlim);
	k->p->rlim[RLIMIT_NOFILE].rlim_max = FD_DEFAULT_MAX;
	k->p->files = fd_table_create();
	k->p->fs = fs_context_create();
	if (!k->p->files || !k->p->fs) {
		fd_table_put(k->p->files);
		fs_context_put(k->p->fs);
		kfree(k->p);
		return false;
	}
	k->saved = task_current()->proc;
	task_current()->proc = k->p;
	return true;
}

static inline void kt_proc_leave(struct kt_proc *k)
{
	task_current()->proc = k->saved;
	fd_table_put(k->p->files);
	fs_context_put(k->p->fs);
	kfree(k->p);
}

#endif /* KTEST_FS_VFS_KTEST_UTIL_H */
