/*
 * root.c: /proc itself. Its fixed names (meminfo..., sys, basalt, self,
 * thread-self) are pinned dentries made at mount; a number is looked up
 * on demand: the process with that pid, or any thread with that tid (a
 * non-leader's /proc/TID is reachable but not listed, as Linux's
 * proc_pid_lookup); anything else is not there. A listing gives the
 * fixed names, then every process in pid order at PROCFS_PID_POS_BASE +
 * pid (Linux's proc_pid_readdir, TGID_OFFSET + tgid).
 */
#include <fs/procfs/procfs.h>
#include <basalt/format.h>
#include <basalt/string.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>

/*
 * Pids taken under tasklist_lock per round of a listing: they are
 * emitted (copied to the reader) after it is dropped.
 */
#define PROCFS_PID_BATCH	64
/* "PID/task/TID": two numbers, the text and the NUL. */
#define PROCFS_THREAD_SELF_MAX	(2 * PROCFS_NAME_MAX + sizeof("/task/"))

/* The cookie of the last fixed name: positions past it are pids. */
static uint64_t procfs_root_last_cookie;

void procfs_root_fixed_done(struct dentry *root)
{
	struct dentry *d;

	/* At mount, before anyone else sees the tree: the children are the fixed names. */
	list_for_each_entry(d, &root->children, sibling)
		if (d->cookie > procfs_root_last_cookie)
			procfs_root_last_cookie = d->cookie;
}

/*
 * /proc/N: the process N, or the process of thread N. dir's i_rwsem is
 * held; the inode is made outside tasklist_lock (inode_alloc may sleep).
 */
static int procfs_root_lookup(struct inode *dir __unused, struct dentry *d)
{
	int n = procfs_name_value(d->name, d->name_len);
	struct procfs_node node = { .kind = PROCFS_PID_DIR };
	struct process *p;
	struct task *t;
	struct inode *ino;
	uint32_t uid = 0, gid = 0;

	/* Not a number: no such name, and it cannot appear (cache it negative). */
	if (n <= 0)
		return n == 0 ? -ENOENT : 0;
	spin_lock(&tasklist_lock);
	p = process_find_locked(n);
	if (!p) {
		t = process_find_thread_locked(n);
		p = t ? t->proc : NULL;
		/* A thread's own directory: true while the thread is (procfs_find). */
		node.tid = n;
		node.alias = true;
	}
	if (p) {
		node.pid = p->pid;
		node.start_ns = p->start_ns;
		uid = p->cred.euid;
		gid = p->cred.egid;
	}
	spin_unlock(&tasklist_lock);
	/* A pid that may appear later: not cached negative (Linux returns ENOENT). */
	if (!p)
		return -ENOENT;
	ino = procfs_pid_dir_inode(&node, uid, gid);
	if (!ino)
		return -ENOMEM;
	dentry_instantiate(d, ino);
	return 0;
}

const struct inode_operations procfs_root_iops = {
	.lookup = procfs_root_lookup,
	.setattr = procfs_setattr,
};

struct procfs_pid_batch {
	int from;			/* the least pid wanted */
	int pids[PROCFS_PID_BATCH];	/* the least ones >= from, sorted */
	unsigned count;
};

/* Keeps p's pid if it is among the PROCFS_PID_BATCH least >= from. */
static int procfs_pid_batch_fn(struct process *p, void *arg)
{
	struct procfs_pid_batch *b = arg;
	unsigned i;

	if (p->pid < b->from)
		return 0;
	if (b->count == PROCFS_PID_BATCH && p->pid > b->pids[PROCFS_PID_BATCH - 1])
		return 0;
	for (i = b->count < PROCFS_PID_BATCH ? b->count : PROCFS_PID_BATCH - 1;
	     i > 0 && b->pids[i - 1] > p->pid; i--)
		b->pids[i] = b->pids[i - 1];
	b->pids[i] = p->pid;
	if (b->count < PROCFS_PID_BATCH)
		b->count++;
	return 0;
}

static int procfs_root_iterate(struct file *f, struct dir_context *ctx)
{
	struct procfs_pid_batch b;
	struct procfs_node node = { .kind = PROCFS_PID_DIR };
	char name[PROCFS_NAME_MAX];
	int err;

	if (ctx->pos <= procfs_root_last_cookie) {
		err = dcache_iterate(f, ctx, true);
		if (err)
			return err;
		/* Still among the fixed names: the buffer is full. */
		if (ctx->pos <= procfs_root_last_cookie)
			return 0;
	}
	if (ctx->pos < PROCFS_PID_POS_BASE)
		ctx->pos = PROCFS_PID_POS_BASE;
	for (;;) {
		if (ctx->pos - PROCFS_PID_POS_BASE >= PROCESS_PID_MAX)
			return 0;
		b.from = (int)(ctx->pos - PROCFS_PID_POS_BASE);
		b.count = 0;
		process_for_each(procfs_pid_batch_fn, &b);
		for (unsigned i = 0; i < b.count; i++) {
			int len = snprintf(name, sizeof(name), "%d", b.pids[i]);

			node.pid = b.pids[i];
			if (!dir_emit(ctx, name, (size_t)len,
				      procfs_pid_ino(&node, PROCFS_SLOT_DIR), DT_DIR,
				      PROCFS_PID_POS_BASE + (uint64_t)b.pids[i] + 1))
				return 0;
		}
		if (b.count < PROCFS_PID_BATCH)
			return 0;
	}
}

const struct file_ops procfs_root_fops = {
	.read = procfs_dir_read,
	.iterate = procfs_root_iterate,
	.lseek = simple_dir_lseek,
};

/* ---- self and thread-self ----------------------------------------------- */

/*
 * The reader's own directory: "PID" for self, "PID/task/TID" for
 * thread-self (proc(5)); a kernel thread has none (ENOENT).
 */
static int procfs_self_get_link(struct dentry *d, struct vfs_link *out)
{
	struct process *me = process_current();
	bool thread = procfs_node(d->inode)->kind == PROCFS_THREAD_SELF_LINK;
	char *text;

	if (!me)
		return -ENOENT;
	text = kmalloc(PROCFS_THREAD_SELF_MAX);
	if (!text)
		return -ENOMEM;
	if (thread)
		snprintf(text, PROCFS_THREAD_SELF_MAX, "%d/task/%d", me->pid,
			 task_current()->tid);
	else
		snprintf(text, PROCFS_THREAD_SELF_MAX, "%d", me->pid);
	out->text = text;
	out->text_owned = true;
	return 0;
}

const struct inode_operations procfs_self_link_iops = {
	.get_link = procfs_self_get_link,
	.setattr = procfs_setattr,
};
