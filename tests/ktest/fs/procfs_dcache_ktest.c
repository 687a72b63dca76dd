/*
 * procfs_dcache_ktest.c: /proc over the dentry cache: a process's
 * directory is looked up on demand (a process made after /proc was
 * listed is there, listed at its pid with the inode number stat gives),
 * and goes stale with it (ENOENT, not listed, once it is released); a
 * listing read in small pieces gives every name once.
 */
#include <basalt/ktest.h>
#include <basalt/format.h>
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* Small: a listing of /proc takes several getdents calls. */
#define KT_DIRENT_BUF	128
#define KT_NAMES_MAX	8192

static int kt_procfs_mount(void)
{
	int err = vfs_init();

	if (err)
		return err;
	err = vfs_mkdirat(AT_FDCWD, "/proc", 0555);
	if (err && err != -EEXIST)
		return err;
	err = vfs_mount_path(NULL, "/proc", "proc", 0, NULL);
	return err == -EBUSY ? 0 : err;
}

/*
 * Lists /proc: how many times name appears (its d_ino in *ino), or -1
 * if the listing did not end or a name came twice in a row.
 */
static int kt_procfs_count(const char *name, uint64_t *ino)
{
	char *buf = kmalloc(KT_DIRENT_BUF);
	struct file *f;
	int found = 0, names = 0, err;
	long n;

	if (!buf)
		return -1;
	err = file_open_kernel("/proc", O_RDONLY | O_DIRECTORY, 0, &f);
	if (err) {
		kfree(buf);
		return -1;
	}
	do {
		struct uio u;

		uio_init_kernel(&u, buf, KT_DIRENT_BUF);
		n = vfs_readdir(f, &u);
		for (long off = 0; n > 0 && off < n;) {
			struct linux_dirent64 *e = (struct linux_dirent64 *)(buf + off);

			if (!strcmp(e->d_name, name)) {
				found++;
				*ino = e->d_ino;
			}
			names++;
			off += e->d_reclen;
		}
	} while (n > 0 && names < KT_NAMES_MAX);
	file_put(f);
	kfree(buf);
	return n < 0 || names >= KT_NAMES_MAX ? -1 : found;
}

KTEST(procfs_pid_directory_on_demand_and_stale)
{
	struct vm_space *vm = vm_create();
	char name[16], path[32];
	uint64_t ino = 0;
	struct stat st;
	struct process *p;

	KT_ASSERT(t, vm != NULL);
	KT_ASSERT(t, kt_procfs_mount() == 0);
	/* Fixed names are listed once: self, meminfo, sys. */
	KT_EXPECT_EQ(t, kt_procfs_count("self", &ino), 1);
	KT_EXPECT_EQ(t, kt_procfs_count("meminfo", &ino), 1);
	KT_EXPECT_EQ(t, kt_procfs_count("sys", &ino), 1);
	p = process_create_kernel(vm, "kt-dcache");
	KT_ASSERT(t, p != NULL);
	snprintf(name, sizeof(name), "%d", p->pid);
	snprintf(path, sizeof(path), "/proc/%d", p->pid);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, path, 0, &st, NULL), 0);
	KT_EXPECT(t, S_ISDIR(st.st_mode));
	KT_EXPECT_EQ(t, kt_procfs_count(name, &ino), 1);
	KT_EXPECT_EQ(t, ino, (uint64_t)st.st_ino);
	snprintf(path, sizeof(path), "/proc/%d/fd", p->pid);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, path, 0, &st, NULL), 0);
	KT_EXPECT_EQ(t, st.st_mode, (unsigned)(S_IFDIR | 0500));
	/* Not a process, not a name: no such file. */
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/proc/0", 0, &st, NULL), -ENOENT);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, "/proc/nonesuch", 0, &st, NULL), -ENOENT);
	process_discard(p);
	snprintf(path, sizeof(path), "/proc/%s", name);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, path, 0, &st, NULL), -ENOENT);
	snprintf(path, sizeof(path), "/proc/%s/status", name);
	KT_EXPECT_EQ(t, vfs_statat(AT_FDCWD, path, 0, &st, NULL), -ENOENT);
	KT_EXPECT_EQ(t, kt_procfs_count(name, &ino), 0);
}
