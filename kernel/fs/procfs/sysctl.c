/*
 * sysctl.c: /proc/sys (proc(5), "/proc/sys"), the kernel's tunables as
 * text files: a read gives the value and a newline, a write by root of a
 * decimal number (surrounding blanks and a newline allowed) sets it, as
 * Linux's proc_doulongvec_minmax; anything else is EINVAL.
 *
 *   fs/pipe-max-size          pipe_limits.c (rounded as F_SETPIPE_SZ does)
 *   fs/pipe-user-pages-soft
 *   fs/pipe-user-pages-hard
 *   fs/nr_open                the most RLIMIT_NOFILE may be (fixed here)
 *   fs/epoll/max_user_watches epoll_limits.c
 *   kernel/pid_max            pids run below it (fixed here)
 *   kernel/core_pattern       signal/coredump.c (a string, proc_dostring)
 *   kernel/core_uses_pid      signal/coredump.c (0 or 1)
 *   kernel/threads-max        proc/task_limit.c
 *
 * The fixed ones are read-only (0444): Basalt cannot change them at run
 * time, where Linux lets root write them.
 *
 * Locking: the values are read and written with interrupts off.
 */
#include <fs/procfs/procfs.h>
#include <basalt/string.h>
#include <fs/epoll_limits.h>
#include <fs/pipe.h>
#include <fs/vfs.h>
#include <fs/file.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <proc/task_limit.h>
#include <signal/coredump.h>
#include <uapi/errno.h>

#define SYSCTL_MODE		(S_IFREG | 0644)	/* root writes, all read */
#define SYSCTL_FIXED_MODE	(S_IFREG | 0444)
#define SYSCTL_PIPE_SIZE_MAX	(1ULL << 31)	/* round_pipe_size's limit */

static bool sysctl_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* A decimal number with blanks around it: 0, or -EINVAL. */
static int sysctl_parse_u64(const char *text, uint64_t *out)
{
	uint64_t v = 0;
	bool digits = false;

	while (sysctl_blank(*text))
		text++;
	for (; *text >= '0' && *text <= '9'; text++) {
		uint64_t d = (uint64_t)(*text - '0');

		if (v > (UINT64_MAX - d) / 10)
			return -EINVAL;
		v = v * 10 + d;
		digits = true;
	}
	while (sysctl_blank(*text))
		text++;
	if (!digits || *text)
		return -EINVAL;
	*out = v;
	return 0;
}

static int sysctl_show_u64(struct procfs_buf *b, const uint64_t *value)
{
	uint64_t v = __atomic_load_n(value, __ATOMIC_RELAXED);

	procfs_printf(b, "%llu\n", (unsigned long long)v);
	return 0;
}

static int sysctl_store_u64(const char *text, uint64_t *value)
{
	uint64_t v;
	int err = sysctl_parse_u64(text, &v);

	if (err)
		return err;
	/* One aligned word: the pipe code reads it whole (pipe_limits.c). */
	__atomic_store_n(value, v, __ATOMIC_RELAXED);
	return 0;
}

static int sysctl_show_pipe_max_size(struct procfs_buf *b, struct process *p __unused)
{
	return sysctl_show_u64(b, &pipe_max_size);
}

/* Linux's proc_dopipe_max_size: whole pages, a power of two of them. */
static int sysctl_store_pipe_max_size(const char *text)
{
	uint64_t size, pages = 1;
	int err = sysctl_parse_u64(text, &size);

	if (err || size > SYSCTL_PIPE_SIZE_MAX)
		return -EINVAL;
	while (pages * PAGE_SIZE < size)
		pages *= 2;
	__atomic_store_n(&pipe_max_size, pages * PAGE_SIZE, __ATOMIC_RELAXED);
	return 0;
}

static int sysctl_show_pipe_soft(struct procfs_buf *b, struct process *p __unused)
{
	return sysctl_show_u64(b, &pipe_user_pages_soft);
}

static int sysctl_store_pipe_soft(const char *text)
{
	return sysctl_store_u64(text, &pipe_user_pages_soft);
}

static int sysctl_show_pipe_hard(struct procfs_buf *b, struct process *p __unused)
{
	return sysctl_show_u64(b, &pipe_user_pages_hard);
}

static int sysctl_store_pipe_hard(const char *text)
{
	return sysctl_store_u64(text, &pipe_user_pages_hard);
}

static int sysctl_show_nr_open(struct procfs_buf *b, struct process *p __unused)
{
	procfs_printf(b, "%u\n", (unsigned)FD_NR_OPEN);
	return 0;
}

static int sysctl_show_pid_max(struct procfs_buf *b, struct process *p __unused)
{
	procfs_printf(b, "%u\n", (unsigned)PROCESS_PID_MAX);
	return 0;
}

static int sysctl_show_core_pattern(struct procfs_buf *b, struct process *p __unused)
{
	char pattern[COREDUMP_PATTERN_MAX];

	coredump_pattern_get(pattern, sizeof(pattern));
	procfs_printf(b, "%s\n", pattern);
	return 0;
}

static int sysctl_show_core_uses_pid(struct procfs_buf *b, struct process *p __unused)
{
	procfs_printf(b, "%d\n", coredump_uses_pid());
	return 0;
}

static int sysctl_store_core_uses_pid(const char *text)
{
	uint64_t v;
	int err = sysctl_parse_u64(text, &v);

	if (!err)
		coredump_set_uses_pid(v != 0);
	return err;
}

static int sysctl_show_threads_max(struct procfs_buf *b, struct process *p __unused)
{
	procfs_printf(b, "%llu\n", (unsigned long long)task_limit_threads_max());
	return 0;
}

static int sysctl_store_threads_max(const char *text)
{
	uint64_t v;
	int err = sysctl_parse_u64(text, &v);

	return err ? err : task_limit_set_threads_max(v);
}

static int sysctl_show_epoll_watches(struct procfs_buf *b, struct process *p __unused)
{
	procfs_printf(b, "%llu\n", (unsigned long long)epoll_max_user_watches());
	return 0;
}

static int sysctl_store_epoll_watches(const char *text)
{
	uint64_t v;
	int err = sysctl_parse_u64(text, &v);

	return err ? err : epoll_set_max_user_watches(v);
}

static const struct procfs_entry sysctl_epoll_entries[] = {
	{ "max_user_watches", SYSCTL_MODE, sysctl_show_epoll_watches, sysctl_store_epoll_watches,
	  NULL },
};

static const struct procfs_entry sysctl_fs_entries[] = {
	{ "nr_open", SYSCTL_FIXED_MODE, sysctl_show_nr_open, NULL, NULL },
	{ "pipe-max-size", SYSCTL_MODE, sysctl_show_pipe_max_size, sysctl_store_pipe_max_size, NULL },
	{ "pipe-user-pages-hard", SYSCTL_MODE, sysctl_show_pipe_hard, sysctl_store_pipe_hard, NULL },
	{ "pipe-user-pages-soft", SYSCTL_MODE, sysctl_show_pipe_soft, sysctl_store_pipe_soft, NULL },
};

static const struct procfs_entry sysctl_kernel_entries[] = {
	{ "core_pattern", SYSCTL_MODE, sysctl_show_core_pattern, coredump_pattern_set, NULL },
	{ "core_uses_pid", SYSCTL_MODE, sysctl_show_core_uses_pid, sysctl_store_core_uses_pid, NULL },
	{ "pid_max", SYSCTL_FIXED_MODE, sysctl_show_pid_max, NULL, NULL },
	{ "threads-max", SYSCTL_MODE, sysctl_show_threads_max, sysctl_store_threads_max, NULL },
};

void procfs_sysctl_init(struct dentry *root)
{
	struct dentry *sys = procfs_add_dir(root, "sys", 0, 0, 0);
	struct dentry *fs = sys ? procfs_add_dir(sys, "fs", 0, 0, 0) : NULL;
	struct dentry *kernel = sys ? procfs_add_dir(sys, "kernel", 0, 0, 0) : NULL;

	struct dentry *epoll = fs ? procfs_add_dir(fs, "epoll", 0, 0, 0) : NULL;

	for (size_t i = 0; fs && i < ARRAY_SIZE(sysctl_fs_entries); i++)
		procfs_add_file(fs, &sysctl_fs_entries[i], 0, 0, 0);
	for (size_t i = 0; epoll && i < ARRAY_SIZE(sysctl_epoll_entries); i++)
		procfs_add_file(epoll, &sysctl_epoll_entries[i], 0, 0, 0);
	for (size_t i = 0; kernel && i < ARRAY_SIZE(sysctl_kernel_entries); i++)
		procfs_add_file(kernel, &sysctl_kernel_entries[i], 0, 0, 0);
}
