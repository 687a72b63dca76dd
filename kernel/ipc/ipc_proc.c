/*
 * ipc_proc.c: System V IPC's /proc files (proc(5)):
 *
 *   /proc/sysvipc/shm, sem, msg    every object, in Linux's format
 *   /proc/sys/kernel/shmmax, shmall, shmmni, msgmax, msgmnb, msgmni
 *                                  the limits, root may write them
 *   /proc/sys/kernel/sem           SEMMSL SEMMNS SEMOPM SEMMNI, tab separated
 *                                  (read-only here: Linux lets root write it)
 *
 * Locking: the limits are single words read and written whole (atomics);
 * the listings take each family's ids.lock.
 */
#include <ipc/ipc.h>
#include <basalt/compiler.h>
#include <fs/procfs/procfs.h>
#include <fs/vfs.h>
#include <uapi/errno.h>

#define IPC_SYSCTL_MODE		(S_IFREG | 0644)
#define IPC_SYSCTL_FIXED_MODE	(S_IFREG | 0444)
/* The int-valued limits (msg*, shmmni) stay within INT_MAX as Linux's proc_dointvec. */
#define IPC_INT_MAX		0x7fffffffULL

static int ipc_show_shm(struct procfs_buf *b, struct process *p __unused)
{
	return shm_proc_show(b);
}

static int ipc_show_sem(struct procfs_buf *b, struct process *p __unused)
{
	return sem_proc_show(b);
}

static int ipc_show_msg(struct procfs_buf *b, struct process *p __unused)
{
	return msg_proc_show(b);
}

static const struct procfs_entry ipc_sysvipc_entries[] = {
	{ "msg", PROCFS_FILE_MODE, ipc_show_msg, NULL, false, NULL },
	{ "sem", PROCFS_FILE_MODE, ipc_show_sem, NULL, false, NULL },
	{ "shm", PROCFS_FILE_MODE, ipc_show_shm, NULL, false, NULL },
};

/* A decimal number with blanks around it: 0, or -EINVAL. */
static int ipc_parse_u64(const char *text, uint64_t *out)
{
	uint64_t v = 0;
	bool digits = false;

	while (*text == ' ' || *text == '\t' || *text == '\n')
		text++;
	for (; *text >= '0' && *text <= '9'; text++) {
		uint64_t d = (uint64_t)(*text - '0');

		if (v > (UINT64_MAX - d) / 10)
			return -EINVAL;
		v = v * 10 + d;
		digits = true;
	}
	while (*text == ' ' || *text == '\t' || *text == '\n')
		text++;
	if (!digits || *text)
		return -EINVAL;
	*out = v;
	return 0;
}

static int ipc_store(const char *text, uint64_t *var, uint64_t max)
{
	uint64_t v;
	int err = ipc_parse_u64(text, &v);

	if (err)
		return err;
	if (v > max)
		return -EINVAL;
	__atomic_store_n(var, v, __ATOMIC_RELAXED);
	return 0;
}

#define IPC_SYSCTL(name, var, max)						\
	static int ipc_show_##name(struct procfs_buf *b, struct process *p __unused) \
	{									\
		procfs_printf(b, "%llu\n",					\
			      (unsigned long long)__atomic_load_n(&var, __ATOMIC_RELAXED)); \
		return 0;							\
	}									\
	static int ipc_store_##name(const char *text)				\
	{									\
		return ipc_store(text, &var, max);				\
	}

IPC_SYSCTL(shmmax, shm_ctlmax, UINT64_MAX)
IPC_SYSCTL(shmall, shm_ctlall, UINT64_MAX)
IPC_SYSCTL(shmmni, shm_ctlmni, IPC_SEQ_MULT)
IPC_SYSCTL(msgmax, msg_ctlmax, IPC_INT_MAX)
IPC_SYSCTL(msgmnb, msg_ctlmnb, IPC_INT_MAX)
IPC_SYSCTL(msgmni, msg_ctlmni, IPC_SEQ_MULT)

static int ipc_show_semctls(struct procfs_buf *b, struct process *p __unused)
{
	procfs_printf(b, "%llu\t%llu\t%llu\t%llu\n", (unsigned long long)sem_ctls[0],
		      (unsigned long long)sem_ctls[1], (unsigned long long)sem_ctls[2],
		      (unsigned long long)sem_ctls[3]);
	return 0;
}

static const struct procfs_entry ipc_sysctl_entries[] = {
	{ "msgmax", IPC_SYSCTL_MODE, ipc_show_msgmax, ipc_store_msgmax, false, NULL },
	{ "msgmnb", IPC_SYSCTL_MODE, ipc_show_msgmnb, ipc_store_msgmnb, false, NULL },
	{ "msgmni", IPC_SYSCTL_MODE, ipc_show_msgmni, ipc_store_msgmni, false, NULL },
	{ "sem", IPC_SYSCTL_FIXED_MODE, ipc_show_semctls, NULL, false, NULL },
	{ "shmall", IPC_SYSCTL_MODE, ipc_show_shmall, ipc_store_shmall, false, NULL },
	{ "shmmax", IPC_SYSCTL_MODE, ipc_show_shmmax, ipc_store_shmmax, false, NULL },
	{ "shmmni", IPC_SYSCTL_MODE, ipc_show_shmmni, ipc_store_shmmni, false, NULL },
};

void ipc_proc_init(struct dentry *root)
{
	struct dentry *dir = procfs_add_dir(root, "sysvipc");

	for (size_t i = 0; dir && i < ARRAY_SIZE(ipc_sysvipc_entries); i++)
		procfs_add_file(dir, &ipc_sysvipc_entries[i]);
}

void ipc_sysctl_init(struct dentry *kernel)
{
	for (size_t i = 0; kernel && i < ARRAY_SIZE(ipc_sysctl_entries); i++)
		procfs_add_file(kernel, &ipc_sysctl_entries[i]);
}
