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
 *   fs/dentry-state           the dentry cache: total, unused (read-only)
 *   fs/inode-nr               the inode cache: cached, unused (read-only)
 *   vm/dirty_writeback_centisecs  vfs/writeback.c: the flusher's period
 *   vm/dirty_expire_centisecs     and the age at which dirty data goes
 *   vm/drop_caches            root writes 1 (clean file pages), 2 (unused
 *                             dentries and inodes) or 3 (both): freed now
 *   net/core/wmem_default     net/sock_limits.c: socket buffer sizes
 *   net/core/rmem_default     (socket(7)), each an int with a floor
 *   net/core/wmem_max
 *   net/core/rmem_max
 *   kernel/core_pattern       signal/coredump.c (a string, proc_dostring)
 *   kernel/core_uses_pid      signal/coredump.c (0 or 1)
 *   kernel/threads-max        proc/task_limit.c
 *   kernel/randomize_va_space mm/vm_layout.c: 0, 1 or 2 (ASLR's extent)
 *   kernel/pty/max, nr,       tty/pty.c: the pseudo-terminal limit, the
 *   reserve                   pairs open (read-only), the reserve
 *
 * The fixed ones are read-only (0444): Basalt cannot change them at run
 * time, where Linux lets root write them.
 *
 * Locking: each value is one word, read and written whole (atomics).
 */
#include <fs/procfs/procfs.h>
#include <ipc/ipc.h>
#include <fs/notify/fsnotify.h>
#include <basalt/string.h>
#include <block/block.h>
#include <fs/epoll_limits.h>
#include <fs/pipe.h>
#include <fs/vfs.h>
#include <fs/file.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <net/socket.h>
#include <proc/process.h>
#include <proc/task_limit.h>
#include <signal/coredump.h>
#include <tty/tty.h>
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

/* net/core: the socket buffer sysctls (net/sock_limits.c checks the bounds). */
#define SYSCTL_NET_U64(name, var, send)						\
	static int sysctl_show_##name(struct procfs_buf *b, struct process *p __unused) \
	{									\
		return sysctl_show_u64(b, &var);				\
	}									\
	static int sysctl_store_##name(const char *text)			\
	{									\
		uint64_t v;							\
		int err = sysctl_parse_u64(text, &v);				\
										\
		return err ? err : sock_sysctl_store(&var, v, send);		\
	}
SYSCTL_NET_U64(wmem_default, sock_wmem_default, true)
SYSCTL_NET_U64(rmem_default, sock_rmem_default, false)
SYSCTL_NET_U64(wmem_max, sock_wmem_max, true)
SYSCTL_NET_U64(rmem_max, sock_rmem_max, false)

static const struct procfs_entry sysctl_net_core_entries[] = {
	{ "rmem_default", SYSCTL_MODE, sysctl_show_rmem_default, sysctl_store_rmem_default, false, NULL },
	{ "rmem_max", SYSCTL_MODE, sysctl_show_rmem_max, sysctl_store_rmem_max, false, NULL },
	{ "wmem_default", SYSCTL_MODE, sysctl_show_wmem_default, sysctl_store_wmem_default, false, NULL },
	{ "wmem_max", SYSCTL_MODE, sysctl_show_wmem_max, sysctl_store_wmem_max, false, NULL },
};

/* Linux's dentry-state: nr_dentry, nr_unused, age_limit, want_pages and two unused. */
#define SYSCTL_DENTRY_AGE_LIMIT	45	/* seconds, Linux's fixed value */

static int sysctl_show_dentry_state(struct procfs_buf *b, struct process *p __unused)
{
	uint64_t total, unused;

	dentry_cache_counts(&total, &unused);
	procfs_printf(b, "%llu\t%llu\t%d\t0\t0\t0\n", (unsigned long long)total,
		      (unsigned long long)unused, SYSCTL_DENTRY_AGE_LIMIT);
	return 0;
}

static int sysctl_show_inode_nr(struct procfs_buf *b, struct process *p __unused)
{
	uint64_t cached, unused;

	inode_cache_counts(&cached, &unused);
	procfs_printf(b, "%llu\t%llu\n", (unsigned long long)cached, (unsigned long long)unused);
	return 0;
}

/* drop_caches: the value last written (Linux keeps it readable by root). */
#define SYSCTL_DROP_PAGECACHE	1
#define SYSCTL_DROP_SLAB	2
#define SYSCTL_DROP_MAX		4	/* 4: stop the log message, nothing else */
#define SYSCTL_DROP_MODE	(S_IFREG | 0200)
static uint64_t sysctl_drop_caches;

static int sysctl_show_drop_caches(struct procfs_buf *b, struct process *p __unused)
{
	return sysctl_show_u64(b, &sysctl_drop_caches);
}

/*
 * Linux's drop_caches_sysctl_handler. Clean file pages: the block
 * devices' caches give back every clean page nobody uses (a disk file
 * system's unused inodes go with 2, their pages with them); tmpfs's
 * pages are the files themselves and never dropped.
 */
static int sysctl_store_drop_caches(const char *text)
{
	uint64_t v;
	int err = sysctl_parse_u64(text, &v);

	if (err || v < SYSCTL_DROP_PAGECACHE || v > SYSCTL_DROP_MAX)
		return -EINVAL;
	__atomic_store_n(&sysctl_drop_caches, v, __ATOMIC_RELAXED);
	if (v & SYSCTL_DROP_SLAB)
		vfs_shrink_caches(UINT32_MAX);
	if (v & SYSCTL_DROP_PAGECACHE)
		bdev_cache_shrink(UINT32_MAX);
	return 0;
}

static int sysctl_show_dirty_writeback(struct procfs_buf *b, struct process *p __unused)
{
	return sysctl_show_u64(b, &vfs_dirty_writeback_cs);
}

static int sysctl_store_dirty_writeback(const char *text)
{
	uint64_t v;
	int err = sysctl_parse_u64(text, &v);

	if (err || v > INT32_MAX)
		return -EINVAL;
	__atomic_store_n(&vfs_dirty_writeback_cs, v, __ATOMIC_RELAXED);
	vfs_flusher_retime();
	return 0;
}

static int sysctl_show_dirty_expire(struct procfs_buf *b, struct process *p __unused)
{
	return sysctl_show_u64(b, &vfs_dirty_expire_cs);
}

static int sysctl_store_dirty_expire(const char *text)
{
	uint64_t v;
	int err = sysctl_parse_u64(text, &v);

	if (err || v > INT32_MAX)
		return -EINVAL;
	__atomic_store_n(&vfs_dirty_expire_cs, v, __ATOMIC_RELAXED);
	return 0;
}

static const struct procfs_entry sysctl_vm_entries[] = {
	{ "dirty_expire_centisecs", SYSCTL_MODE, sysctl_show_dirty_expire,
	  sysctl_store_dirty_expire, false, NULL },
	{ "dirty_writeback_centisecs", SYSCTL_MODE, sysctl_show_dirty_writeback,
	  sysctl_store_dirty_writeback, false, NULL },
	{ "drop_caches", SYSCTL_DROP_MODE, sysctl_show_drop_caches, sysctl_store_drop_caches,
	  false, NULL },
};

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
	  false, NULL },
};

static int sysctl_show_pty_max(struct procfs_buf *b, struct process *p __unused)
{
	procfs_printf(b, "%llu\n", (unsigned long long)pty_limit_max());
	return 0;
}

static int sysctl_store_pty_max(const char *text)
{
	uint64_t v;
	int err = sysctl_parse_u64(text, &v);

	return err ? err : pty_limit_set_max(v);
}

static int sysctl_show_pty_reserve(struct procfs_buf *b, struct process *p __unused)
{
	procfs_printf(b, "%llu\n", (unsigned long long)pty_limit_reserve());
	return 0;
}

static int sysctl_store_pty_reserve(const char *text)
{
	uint64_t v;
	int err = sysctl_parse_u64(text, &v);

	return err ? err : pty_limit_set_reserve(v);
}

static int sysctl_show_pty_nr(struct procfs_buf *b, struct process *p __unused)
{
	procfs_printf(b, "%u\n", pty_limit_nr());
	return 0;
}

static const struct procfs_entry sysctl_pty_entries[] = {
	{ "max", SYSCTL_MODE, sysctl_show_pty_max, sysctl_store_pty_max, false, NULL },
	{ "nr", SYSCTL_FIXED_MODE, sysctl_show_pty_nr, NULL, false, NULL },
	{ "reserve", SYSCTL_MODE, sysctl_show_pty_reserve, sysctl_store_pty_reserve, false, NULL },
};

static const struct procfs_entry sysctl_fs_entries[] = {
	{ "dentry-state", SYSCTL_FIXED_MODE, sysctl_show_dentry_state, NULL, false, NULL },
	{ "inode-nr", SYSCTL_FIXED_MODE, sysctl_show_inode_nr, NULL, false, NULL },
	{ "nr_open", SYSCTL_FIXED_MODE, sysctl_show_nr_open, NULL, false, NULL },
	{ "pipe-max-size", SYSCTL_MODE, sysctl_show_pipe_max_size,
	  sysctl_store_pipe_max_size, false, NULL },
	{ "pipe-user-pages-hard", SYSCTL_MODE, sysctl_show_pipe_hard,
	  sysctl_store_pipe_hard, false, NULL },
	{ "pipe-user-pages-soft", SYSCTL_MODE, sysctl_show_pipe_soft,
	  sysctl_store_pipe_soft, false, NULL },
};

static int sysctl_show_randomize_va_space(struct procfs_buf *b, struct process *p __unused)
{
	procfs_printf(b, "%d\n", vm_randomize_level_get());
	return 0;
}

static int sysctl_store_randomize_va_space(const char *text)
{
	uint64_t v;
	int err = sysctl_parse_u64(text, &v);

	return err ? err : vm_randomize_level_set(v);
}

static const struct procfs_entry sysctl_kernel_entries[] = {
	{ "core_pattern", SYSCTL_MODE, sysctl_show_core_pattern, coredump_pattern_set, false, NULL },
	{ "core_uses_pid", SYSCTL_MODE, sysctl_show_core_uses_pid, sysctl_store_core_uses_pid, false,
	  NULL },
	{ "pid_max", SYSCTL_FIXED_MODE, sysctl_show_pid_max, NULL, false, NULL },
	{ "randomize_va_space", SYSCTL_MODE, sysctl_show_randomize_va_space,
	  sysctl_store_randomize_va_space, false, NULL },
	{ "threads-max", SYSCTL_MODE, sysctl_show_threads_max, sysctl_store_threads_max, false, NULL },
};

void procfs_sysctl_init(struct dentry *root)
{
	struct dentry *sys = procfs_add_dir(root, "sys");
	struct dentry *fs = sys ? procfs_add_dir(sys, "fs") : NULL;
	struct dentry *kernel = sys ? procfs_add_dir(sys, "kernel") : NULL;
	struct dentry *vm = sys ? procfs_add_dir(sys, "vm") : NULL;

	struct dentry *epoll = fs ? procfs_add_dir(fs, "epoll") : NULL;

	for (size_t i = 0; fs && i < ARRAY_SIZE(sysctl_fs_entries); i++)
		procfs_add_file(fs, &sysctl_fs_entries[i]);
	for (size_t i = 0; epoll && i < ARRAY_SIZE(sysctl_epoll_entries); i++)
		procfs_add_file(epoll, &sysctl_epoll_entries[i]);
	inotify_sysctl_init(fs);	/* fs/inotify (fs/notify/inotify.c) */
	for (size_t i = 0; kernel && i < ARRAY_SIZE(sysctl_kernel_entries); i++)
		procfs_add_file(kernel, &sysctl_kernel_entries[i]);
	ipc_sysctl_init(kernel);	/* System V IPC's limits (ipc/ipc_proc.c) */
	{
		struct dentry *pty = kernel ? procfs_add_dir(kernel, "pty") : NULL;

		for (size_t i = 0; pty && i < ARRAY_SIZE(sysctl_pty_entries); i++)
			procfs_add_file(pty, &sysctl_pty_entries[i]);
	}
	for (size_t i = 0; vm && i < ARRAY_SIZE(sysctl_vm_entries); i++)
		procfs_add_file(vm, &sysctl_vm_entries[i]);
	{
		struct dentry *net = sys ? procfs_add_dir(sys, "net") : NULL;
		struct dentry *core = net ? procfs_add_dir(net, "core") : NULL;

		for (size_t i = 0; core && i < ARRAY_SIZE(sysctl_net_core_entries); i++)
			procfs_add_file(core, &sysctl_net_core_entries[i]);
	}
}
