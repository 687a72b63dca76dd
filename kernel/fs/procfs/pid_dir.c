/*
 * pid_dir.c: the directories of a process: /proc/PID (and /proc/TID of
 * a non-leader thread), /proc/PID/task and task/TID (like /proc/PID
 * without task/), as Linux's proc_tgid_base and proc_tid_base. Their
 * names are fixed (the files of pid.c, then fd, fdinfo, task, exe, cwd,
 * root) and made on lookup; a listing gives them at 2 + their index.
 * Everything in them belongs to the process's effective user and group
 * (procfs_revalidate keeps that true after a setuid).
 */
#include <fs/procfs/procfs.h>
#include <basalt/format.h>
#include <basalt/string.h>
#include <proc/process.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>

/* fd/ is dr-x------ on Linux: only the owner (and root) reach the links. */
#define PROCFS_FD_DIR_MODE	(S_IFDIR | 0500)
/* Thread ids taken under tasklist_lock per round of a task/ listing. */
#define PROCFS_TID_BATCH	64

/* The names of /proc/PID after procfs_pid_entries' files, in listing order. */
static const struct procfs_pid_extra {
	const char *name;
	enum procfs_kind kind;
	unsigned mode;
} procfs_pid_extras[] = {
	{ "fd", PROCFS_FD_DIR, PROCFS_FD_DIR_MODE },
	{ "fdinfo", PROCFS_FDINFO_DIR, PROCFS_DIR_MODE },
	{ "task", PROCFS_TASK_DIR, PROCFS_DIR_MODE },
	{ "exe", PROCFS_EXE_LINK, PROCFS_LINK_MODE },
	{ "cwd", PROCFS_CWD_LINK, PROCFS_LINK_MODE },
	{ "root", PROCFS_ROOT_LINK, PROCFS_LINK_MODE },
};

/* Names in /proc/PID: the files, then the extras. */
static size_t procfs_pid_name_count(void)
{
	return procfs_pid_entry_count + ARRAY_SIZE(procfs_pid_extras);
}

/*
 * The name at index i of a directory of kind (PID or TID): false if
 * there is none there (task/ in a TID directory). Fills *node's kind and
 * entry, *name and *mode.
 */
static bool procfs_pid_name_at(size_t i, enum procfs_kind dir_kind, struct procfs_node *node,
			       const char **name, unsigned *mode)
{
	const struct procfs_pid_extra *x;

	if (i < procfs_pid_entry_count) {
		node->kind = PROCFS_FILE;
		node->entry = &procfs_pid_entries[i];
		*name = node->entry->name;
		*mode = node->entry->mode;
		return true;
	}
	x = &procfs_pid_extras[i - procfs_pid_entry_count];
	if (x->kind == PROCFS_TASK_DIR && dir_kind == PROCFS_TID_DIR)
		return false;
	node->kind = x->kind;
	node->entry = NULL;
	*name = x->name;
	*mode = x->mode;
	return true;
}

struct inode *procfs_pid_dir_inode(const struct procfs_node *node, uint32_t uid,
				   uint32_t gid)
{
	return procfs_new_inode(PROCFS_DIR_MODE, uid, gid, node, PROCFS_SLOT_DIR);
}

/*
 * Whether the process dir names is still there; its effective ids in
 * *uid, *gid (the owner of every name in it).
 */
static bool procfs_owner(const struct procfs_node *dir, uint32_t *uid, uint32_t *gid)
{
	struct process *p;

	spin_lock(&tasklist_lock);
	p = procfs_find(dir);
	if (p) {
		*uid = p->cred.euid;
		*gid = p->cred.egid;
	}
	spin_unlock(&tasklist_lock);
	return p != NULL;
}

/* The node of a name in the process directory dir: the same process. */
static struct procfs_node procfs_child_node(const struct procfs_node *dir)
{
	struct procfs_node node = {
		.pid = dir->pid,
		.tid = dir->tid,
		.alias = dir->alias,
		.start_ns = dir->start_ns,
	};

	return node;
}

static int procfs_pid_lookup(struct inode *dir, struct dentry *d)
{
	const struct procfs_node *dnode = procfs_node(dir);
	struct procfs_node node = procfs_child_node(dnode);
	const char *name;
	struct inode *ino;
	uint32_t uid = 0, gid = 0;
	unsigned mode;
	size_t i;

	for (i = 0; i < procfs_pid_name_count(); i++)
		if (procfs_pid_name_at(i, dnode->kind, &node, &name, &mode) &&
		    strlen(name) == d->name_len && !memcmp(name, d->name, d->name_len))
			break;
	/* Not one of the names: there never is such a name here. */
	if (i == procfs_pid_name_count())
		return 0;
	if (!procfs_owner(dnode, &uid, &gid))
		return -ENOENT;
	ino = procfs_new_inode(mode, uid, gid, &node, (unsigned)i + 1);
	if (!ino)
		return -ENOMEM;
	dentry_instantiate(d, ino);
	return 0;
}

const struct inode_operations procfs_pid_iops = {
	.lookup = procfs_pid_lookup,
	.setattr = procfs_setattr,
};

static int procfs_pid_iterate(struct file *f, struct dir_context *ctx)
{
	const struct procfs_node *dnode = procfs_node(f->inode);
	struct procfs_node node = procfs_child_node(dnode);
	uint32_t uid, gid;

	/* A process gone: nothing to list (Linux: ENOENT). */
	if (!procfs_owner(dnode, &uid, &gid))
		return 0;
	if (!dir_emit_dots(f, ctx))
		return 0;
	for (size_t i = ctx->pos - 2; i < procfs_pid_name_count(); i++) {
		const char *name;
		unsigned mode;

		if (!procfs_pid_name_at(i, dnode->kind, &node, &name, &mode))
			continue;
		if (!dir_emit(ctx, name, strlen(name), procfs_pid_ino(&node, (unsigned)i + 1),
			      vfs_dirent_type(mode), 2 + i + 1))
			return 0;
	}
	return 0;
}

const struct file_ops procfs_pid_fops = {
	.read = procfs_dir_read,
	.iterate = procfs_pid_iterate,
	.lseek = simple_dir_lseek,
};

/* ---- task/ ---------------------------------------------------------------- */

/* task/TID: a thread of the process. */
static int procfs_task_lookup(struct inode *dir, struct dentry *d)
{
	const struct procfs_node *dnode = procfs_node(dir);
	struct procfs_node node = procfs_child_node(dnode);
	int tid = procfs_name_value(d->name, d->name_len);
	struct inode *ino;
	struct process *p;
	uint32_t uid = 0, gid = 0;
	bool found;

	if (tid <= 0)
		return tid == 0 ? -ENOENT : 0;
	spin_lock(&tasklist_lock);
	p = procfs_find(dnode);
	found = p && procfs_has_thread(p, tid);
	if (found) {
		uid = p->cred.euid;
		gid = p->cred.egid;
	}
	spin_unlock(&tasklist_lock);
	/* A thread that may come later: not cached negative. */
	if (!found)
		return -ENOENT;
	node.kind = PROCFS_TID_DIR;
	node.tid = tid;
	node.alias = false;
	ino = procfs_pid_dir_inode(&node, uid, gid);
	if (!ino)
		return -ENOMEM;
	dentry_instantiate(d, ino);
	return 0;
}

const struct inode_operations procfs_task_iops = {
	.lookup = procfs_task_lookup,
	.setattr = procfs_setattr,
};

/*
 * The least PROCFS_TID_BATCH thread ids >= from of the process dir
 * names, sorted, into tids: how many; -1 if the process is gone.
 */
static int procfs_tid_batch(const struct procfs_node *dir, int from, int *tids)
{
	struct process *p;
	struct task *t;
	int count = 0;

	spin_lock(&tasklist_lock);
	p = procfs_find(dir);
	if (!p) {
		spin_unlock(&tasklist_lock);
		return -1;
	}
	list_for_each_entry(t, &p->threads, proc_link) {
		int i;

		if (t->tid <= 0 || t->tid < from)
			continue;
		if (count == PROCFS_TID_BATCH && t->tid > tids[PROCFS_TID_BATCH - 1])
			continue;
		for (i = count < PROCFS_TID_BATCH ? count : PROCFS_TID_BATCH - 1;
		     i > 0 && tids[i - 1] > t->tid; i--)
			tids[i] = tids[i - 1];
		tids[i] = t->tid;
		if (count < PROCFS_TID_BATCH)
			count++;
	}
	spin_unlock(&tasklist_lock);
	return count;
}

static int procfs_task_iterate(struct file *f, struct dir_context *ctx)
{
	const struct procfs_node *dnode = procfs_node(f->inode);
	struct procfs_node node = procfs_child_node(dnode);
	int tids[PROCFS_TID_BATCH], count;
	char name[PROCFS_NAME_MAX];

	node.kind = PROCFS_TID_DIR;
	node.alias = false;
	if (!dir_emit_dots(f, ctx))
		return 0;
	for (;;) {
		if (ctx->pos - PROCFS_TID_POS_BASE >= PROCESS_PID_MAX)
			return 0;
		count = procfs_tid_batch(dnode, (int)(ctx->pos - PROCFS_TID_POS_BASE), tids);
		for (int i = 0; i < count; i++) {
			int len = snprintf(name, sizeof(name), "%d", tids[i]);

			node.tid = tids[i];
			if (!dir_emit(ctx, name, (size_t)len,
				      procfs_pid_ino(&node, PROCFS_SLOT_DIR), DT_DIR,
				      PROCFS_TID_POS_BASE + (uint64_t)tids[i] + 1))
				return 0;
		}
		if (count < PROCFS_TID_BATCH)
			return 0;
	}
}

const struct file_ops procfs_task_fops = {
	.read = procfs_dir_read,
	.iterate = procfs_task_iterate,
	.lseek = simple_dir_lseek,
};
