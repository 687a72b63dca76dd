/*
 * procfs_ktest.c: /proc mounted from a kernel thread: the system files
 * have Linux's formats and a process appears as /proc/PID while it
 * exists and disappears when it is released; its maps, mountinfo, task/
 * and fdinfo/; pipes have pipefs inodes; devtmpfs has /dev/fd and std*.
 */
#include <basalt/ktest.h>
#include <basalt/format.h>
#include <basalt/string.h>
#include <fs/pipe.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define KT_PROC_BUF	2048

/* Reads a whole (small) file into buf, NUL-terminated; length or errno. */
static long kt_read_file(const char *path, char *buf, size_t size)
{
	struct file *f;
	long n;
	int err = file_open_kernel(path, O_RDONLY, 0, &f);

	if (err)
		return err;
	n = file_read_kernel(f, buf, size - 1, 0);
	file_put(f);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

static bool kt_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncmp(hay, needle, n))
			return true;
	return false;
}

static int kt_proc_mount(void)
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

KTEST(procfs_system_files)
{
	char *buf = kmalloc(KT_PROC_BUF);

	KT_ASSERT(t, buf != NULL);
	KT_ASSERT(t, kt_proc_mount() == 0);
	KT_EXPECT(t, kt_read_file("/proc/meminfo", buf, KT_PROC_BUF) > 0);
	KT_EXPECT(t, !strncmp(buf, "MemTotal:", 9));
	KT_EXPECT(t, kt_read_file("/proc/uptime", buf, KT_PROC_BUF) > 0);
	KT_EXPECT(t, buf[0] >= '0' && buf[0] <= '9' && strchr(buf, '.') != NULL);
	KT_EXPECT(t, kt_read_file("/proc/loadavg", buf, KT_PROC_BUF) > 0);
	KT_EXPECT(t, strchr(buf, '/') != NULL);
	KT_EXPECT(t, kt_read_file("/proc/stat", buf, KT_PROC_BUF) > 0);
	KT_EXPECT(t, !strncmp(buf, "cpu  ", 5));
	KT_EXPECT(t, kt_read_file("/proc/mounts", buf, KT_PROC_BUF) > 0);
	KT_EXPECT(t, !strncmp(buf, "tmpfs / tmpfs rw 0 0\n", 21));
	KT_EXPECT(t, kt_read_file("/proc/filesystems", buf, KT_PROC_BUF) > 0);
	KT_EXPECT(t, kt_contains(buf, "nodev\tproc\n"));
	/* Its names are its own, even for root. */
	KT_EXPECT_EQ(t, vfs_mkdirat(AT_FDCWD, "/proc/new", 0755), -EPERM);
	KT_EXPECT_EQ(t, vfs_unlinkat(AT_FDCWD, "/proc/meminfo", 0), -EPERM);
	kfree(buf);
}

KTEST(procfs_pid_directory_follows_the_process)
{
	char *buf = kmalloc(KT_PROC_BUF), path[32], expect[32];
	struct vm_space *vm = vm_create();
	struct process *p;
	int pid;

	KT_ASSERT(t, buf && vm);
	KT_ASSERT(t, kt_proc_mount() == 0);
	p = process_create_kernel(vm, "kt-procfs");
	KT_ASSERT(t, p != NULL);
	pid = p->pid;
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	snprintf(expect, sizeof(expect), "%d (kt-procfs) S %d", pid, 0);
	KT_EXPECT(t, kt_read_file(path, buf, KT_PROC_BUF) > 0);
	KT_EXPECT(t, !strncmp(buf, expect, strlen(expect)));
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	KT_EXPECT(t, kt_read_file(path, buf, KT_PROC_BUF) == 10);
	KT_EXPECT(t, !strcmp(buf, "kt-procfs\n"));
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	KT_EXPECT(t, kt_read_file(path, buf, KT_PROC_BUF) > 0);
	KT_EXPECT(t, !strncmp(buf, "Name:\tkt-procfs\n", 16));
	/* Gone with the process. */
	process_discard(p);
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	KT_EXPECT_EQ(t, kt_read_file(path, buf, KT_PROC_BUF), -ENOENT);
	kfree(buf);
}

KTEST(procfs_pid_maps_mountinfo_task)
{
	char *buf = kmalloc(KT_PROC_BUF), path[48];
	struct vm_space *vm = vm_create();
	struct process *p;

	KT_ASSERT(t, buf && vm);
	KT_ASSERT(t, kt_proc_mount() == 0);
	p = process_create_kernel(vm, "kt-procfs");
	KT_ASSERT(t, p != NULL);
	/* No areas yet: an empty maps. */
	snprintf(path, sizeof(path), "/proc/%d/maps", p->pid);
	KT_EXPECT_EQ(t, kt_read_file(path, buf, KT_PROC_BUF), 0);
	/* The root tmpfs, with its own id as parent (proc(5)). */
	snprintf(path, sizeof(path), "/proc/%d/mountinfo", p->pid);
	KT_EXPECT(t, kt_read_file(path, buf, KT_PROC_BUF) > 0);
	KT_EXPECT(t, kt_contains(buf, " / / rw - tmpfs tmpfs rw\n"));
	KT_EXPECT(t, kt_contains(buf, " / /proc rw,relatime - proc proc rw\n"));
	KT_EXPECT(t, !kt_contains(buf, "ffff8"));
	snprintf(path, sizeof(path), "/proc/%d/task", p->pid);
	KT_EXPECT(t, kt_read_file(path, buf, KT_PROC_BUF) == -EISDIR);
	snprintf(path, sizeof(path), "/proc/%d/fdinfo", p->pid);
	KT_EXPECT(t, kt_read_file(path, buf, KT_PROC_BUF) == -EISDIR);
	process_discard(p);
	kfree(buf);
}

KTEST(pipefs_gives_pipes_inodes)
{
	struct file *a[2], *b[2];
	struct stat sa0, sa1, sb0;
	char name[32], expect[32];

	KT_ASSERT(t, vfs_init() == 0);
	KT_ASSERT(t, pipe_create(a, 0) == 0);
	KT_ASSERT(t, pipe_create(b, 0) == 0);
	KT_EXPECT_EQ(t, vfs_fstat(a[0], &sa0), 0);
	KT_EXPECT_EQ(t, vfs_fstat(a[1], &sa1), 0);
	KT_EXPECT_EQ(t, vfs_fstat(b[0], &sb0), 0);
	KT_EXPECT(t, S_ISFIFO(sa0.st_mode));
	KT_EXPECT(t, sa0.st_ino != 0 && sa0.st_ino == sa1.st_ino);
	KT_EXPECT(t, sb0.st_ino != sa0.st_ino);
	/* Its name is "pipe:[INO]", never an address. */
	snprintf(expect, sizeof(expect), "pipe:[%llu]", (unsigned long long)sa0.st_ino);
	KT_EXPECT_EQ(t, vfs_file_path(a[1], name, sizeof(name)), (long)strlen(expect));
	KT_EXPECT(t, !strcmp(name, expect));
	file_put(a[0]);
	file_put(a[1]);
	file_put(b[0]);
	file_put(b[1]);
}

KTEST(devfs_has_the_fd_links)
{
	char buf[32];
	long n;

	KT_ASSERT(t, vfs_init() == 0);
	n = vfs_readlinkat(AT_FDCWD, "/dev/fd", buf, sizeof(buf));
	KT_EXPECT(t, n == 13 && !strncmp(buf, "/proc/self/fd", 13));
	n = vfs_readlinkat(AT_FDCWD, "/dev/stdin", buf, sizeof(buf));
	KT_EXPECT(t, n == 15 && !strncmp(buf, "/proc/self/fd/0", 15));
	n = vfs_readlinkat(AT_FDCWD, "/dev/stderr", buf, sizeof(buf));
	KT_EXPECT(t, n == 15 && !strncmp(buf, "/proc/self/fd/2", 15));
}
