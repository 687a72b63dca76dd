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
 *   kernel/pid_max            pids run below it (fixed here)
 *   net/core/wmem_default     net/sock_limits.c: socket buffer sizes
 *   net/core/rmem_default     (socket(7)), each an int with a floor
 *   net/core/wmem_max
 *   net/core/rmem_max
 *
 * The fixed ones are read-only (0444): Basalt cannot change them at run
 * time, where Linux lets root write them.
 *
 * Locking: the values are read and written with interrupts off.
 */
#include <fs/procfs/procfs.h>
#include <basalt/string.h>
#include <fs/pipe.h>
#include <fs/vfs.h>
#include <fs/file.h>
#include <mm/mm.h>
#include <net/socket.h>
#include <proc/process.h>
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
	{ "rmem_default", SYSCTL_MODE, sysctl_show_rmem_default, sysctl_store_rmem_default, NULL },
	{ "rmem_max", SYSCTL_MODE, sysctl_show_rmem_max, sysctl_store_rmem_max, NULL },
	{ "wmem_default", SYSCTL_MODE, sysctl_show_wmem_default, sysctl_store_wmem_default, NULL },
	{ "wmem_max", SYSCTL_MODE, sysctl_show_wmem_max, sysctl_store_wmem_max, NULL },
};

static const struct procfs_entry sysctl_fs_entries[] = {
	{ "nr_open", SYSCTL_FIXED_MODE, sysctl_show_nr_open, NULL, NULL },
	{ "pipe-max-size", SYSCTL_MODE, sysctl_show_pipe_max_size, sysctl_store_pipe_max_size, NULL },
	{ "pipe-user-pages-hard", SYSCTL_MODE, sysctl_show_pipe_hard, sysctl_store_pipe_hard, NULL },
	{ "pipe-user-pages-soft", SYSCTL_MODE, sysctl_show_pipe_soft, sysctl_store_pipe_soft, NULL },
};

static const struct procfs_entry sysctl_kernel_entries[] = {
	{ "pid_max", SYSCTL_FIXED_MODE, sysctl_show_pid_max, NULL, NULL },
};

void procfs_sysctl_init(struct dentry *root)
{
	struct dentry *sys = procfs_add_dir(root, "sys", 0, 0, 0);
	struct dentry *fs = sys ? procfs_add_dir(sys, "fs", 0, 0, 0) : NULL;
	struct dentry *kernel = sys ? procfs_add_dir(sys, "kernel", 0, 0, 0) : NULL;

	for (size_t i = 0; fs && i < ARRAY_SIZE(sysctl_fs_entries); i++)
		procfs_add_file(fs, &sysctl_fs_entries[i], 0, 0, 0);
	for (size_t i = 0; kernel && i < ARRAY_SIZE(sysctl_kernel_entries); i++)
		procfs_add_file(kernel, &sysctl_kernel_entries[i], 0, 0, 0);
	{
		struct dentry *net = sys ? procfs_add_dir(sys, "net", 0, 0, 0) : NULL;
		struct dentry *core = net ? procfs_add_dir(net, "core", 0, 0, 0) : NULL;

		for (size_t i = 0; core && i < ARRAY_SIZE(sysctl_net_core_entries); i++)
			procfs_add_file(core, &sysctl_net_core_entries[i], 0, 0, 0);
	}
}
