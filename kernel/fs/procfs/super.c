/*
 * super.c: procfs as a file system: the "proc" type, its one instance,
 * the tree of generated directories and reading a file's text.
 *
 * The tree lives in the dentry cache like every Basalt file system
 * (vfs.h). What differs is who keeps it true: refresh_dir, which the VFS
 * calls under vfs_lock before a lookup in or a listing of a procfs
 * directory, adds the directories of new processes, prunes those of
 * reaped ones and retargets the symlinks (self, exe, cwd, fd/N) for the
 * caller. A file read after its process died gives ESRCH, as on Linux.
 * The links of fd/ and exe, cwd, root are magic (get_link): following
 * one reaches the open file (or directory) itself, whatever its text
 * says, for the process's owner or root (pid.c).
 */
#include <fs/procfs/procfs.h>
#include <asm/cpu.h>
#include <basalt/format.h>
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/statfs.h>

#define PROCFS_ROOT_MODE	(S_IFDIR | 0555)
#define PROCFS_DIR_MODE		(S_IFDIR | 0555)
#define PROCFS_LINK_MODE	(S_IFLNK | 0777)
#define PROCFS_SUPER_MAGIC	0x9fa0		/* statfs(2) f_type of proc */
#define PROCFS_FIRST_INO	1
#define PROCFS_BUF_FIRST	4096
#define PROCFS_BUF_MAX		(256 * 1024)
#define PROCFS_PID_NAME_MAX	12		/* "2147483647" and the NUL */

static struct super_block *procfs_sb;	/* the one instance (vfs_lock) */

void procfs_printf(struct procfs_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->overflowed)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= b->cap - b->len)
		b->overflowed = true;
	else
		b->len += (size_t)n;
}

void procfs_write(struct procfs_buf *b, const void *data, size_t len)
{
	if (b->overflowed || len > b->cap - b->len) {
		b->overflowed = true;
		return;
	}
	memcpy(b->data + b->len, data, len);
	b->len += len;
}

static struct inode *procfs_inode(unsigned mode, uint32_t uid, uint32_t gid, int pid,
				  const struct procfs_entry *e)
{
	struct inode *ino = inode_alloc(procfs_sb, mode, uid, gid);
	struct procfs_node *node;

	if (!ino || S_ISLNK(mode))
		return ino;
	node = kzalloc(sizeof(*node));
	if (!node) {
		inode_put(ino);
		return NULL;
	}
	node->entry = e;
	node->pid = pid;
	ino->data = node;
	return ino;
}

static struct dentry *procfs_link_new(struct dentry *dir, const char *name, struct inode *ino)
{
	struct dentry *d = dentry_link(dir, name, strlen(name), ino);

	inode_put(ino);		/* the dentry holds it now */
	return d;
}

struct dentry *procfs_add_fd_file(struct dentry *dir, const char *name,
				  const struct procfs_entry *e, int pid, int fd,
				  uint32_t uid, uint32_t gid)
{
	struct dentry *d = dentry_find_cached(dir, name, strlen(name));
	struct inode *ino;

	if (d)
		return d;
	ino = procfs_inode(e->mode, uid, gid, pid, e);
	if (!ino)
		return NULL;
	((struct procfs_node *)ino->data)->fd = fd;
	return procfs_link_new(dir, name, ino);
}

struct dentry *procfs_add_file(struct dentry *dir, const struct procfs_entry *e, int pid,
			       uint32_t uid, uint32_t gid)
{
	return procfs_add_fd_file(dir, e->name, e, pid, 0, uid, gid);
}

struct dentry *procfs_add_kind_dir(struct dentry *dir, const char *name,
				   enum procfs_dir_kind kind, unsigned mode, int pid,
				   uint32_t uid, uint32_t gid)
{
	struct dentry *d = dentry_find_cached(dir, name, strlen(name));
	struct inode *ino;

	if (d)
		return d;
	ino = procfs_inode(mode, uid, gid, pid, NULL);
	if (!ino)
		return NULL;
	((struct procfs_node *)ino->data)->kind = kind;
	return procfs_link_new(dir, name, ino);
}

struct dentry *procfs_add_dir(struct dentry *dir, const char *name, int pid, uint32_t uid,
			      uint32_t gid)
{
	return procfs_add_kind_dir(dir, name, PROCFS_DIR_PLAIN, PROCFS_DIR_MODE, pid, uid, gid);
}

void procfs_set_link(struct dentry *dir, const char *name, const char *target)
{
	struct dentry *d = dentry_find_cached(dir, name, strlen(name));
	size_t len = target ? strlen(target) : 0;
	struct inode *ino;
	char *copy = NULL;

	if (d && target && d->inode->data && !strcmp(d->inode->data, target))
		return;
	if (target) {
		copy = kmalloc(len + 1);
		if (!copy)
			return;
		memcpy(copy, target, len + 1);
	}
	if (!d) {
		ino = procfs_inode(PROCFS_LINK_MODE, 0, 0, 0, NULL);
		if (!ino || !procfs_link_new(dir, name, ino)) {
			kfree(copy);
			return;
		}
		d = dentry_find_cached(dir, name, strlen(name));
	}
	kfree(d->inode->data);
	d->inode->data = copy;
	d->inode->size = len;
}

void procfs_prune(struct dentry *top)
{
	struct dentry *d = top;

	/* Depth first without recursion, as tmpfs_kill_super. */
	for (;;) {
		while (!list_empty(&d->children))
			d = list_entry(d->children.next, struct dentry, sibling);
		if (d == top)
			break;
		{
			struct dentry *parent = d->parent;

			dentry_unlink(d);
			d = parent;
		}
	}
	dentry_unlink(top);
}

/* A directory name that is a pid: its value, or 0. */
static int procfs_name_pid(const char *name, size_t len)
{
	int pid = 0;

	if (len == 0 || len >= PROCFS_PID_NAME_MAX)
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		pid = pid * 10 + (name[i] - '0');
	}
	return pid;
}

static int procfs_add_pid_fn(struct process *p, void *arg)
{
	struct dentry *root = arg;
	char name[PROCFS_PID_NAME_MAX];

	snprintf(name, sizeof(name), "%d", p->pid);
	procfs_add_kind_dir(root, name, PROCFS_DIR_PID, PROCFS_DIR_MODE, p->pid, p->cred.euid,
			    p->cred.egid);
	return 0;
}

static void procfs_refresh_root(struct dentry *root)
{
	struct process *me = process_current();
	struct list_node *n, *next;
	char self[PROCFS_PID_NAME_MAX];

	for (n = root->children.next; n != &root->children; n = next) {
		struct dentry *d = list_entry(n, struct dentry, sibling);
		int pid = procfs_name_pid(d->name, d->name_len);

		next = n->next;
		if (pid && !process_find(pid))
			procfs_prune(d);
	}
	process_for_each(procfs_add_pid_fn, root);
	/* /proc/self is the reader's own directory; a kernel thread has none. */
	if (me) {
		snprintf(self, sizeof(self), "%d", me->pid);
		procfs_set_link(root, "self", self);
	}
}

static void procfs_refresh_dir(struct dentry *dir)
{
	struct procfs_node *node = dir->inode->data;

	if (dir == procfs_sb->root) {
		procfs_refresh_root(dir);
		return;
	}
	if (!node)
		return;
	switch (node->kind) {
	case PROCFS_DIR_PID:
	case PROCFS_DIR_TID:
		procfs_refresh_pid_dir(dir, node->pid, node->kind == PROCFS_DIR_TID);
		break;
	case PROCFS_DIR_TASK:
		procfs_refresh_task_dir(dir, node->pid);
		break;
	case PROCFS_DIR_FD:
	case PROCFS_DIR_FDINFO:
		procfs_refresh_fd_dir(dir, node->pid, node->kind == PROCFS_DIR_FDINFO);
		break;
	case PROCFS_DIR_PLAIN:
		break;
	}
}

/*
 * A /proc/PID file's text. Interrupts stay off from finding the process
 * to the end of show: otherwise the tick could switch to its parent,
 * which may reap (free) it, or to its last thread, which may free its
 * address space or files meanwhile. The pid files' show functions only
 * format what they read, so they never sleep.
 */
static int procfs_generate_pid(const struct procfs_node *node, struct procfs_buf *b)
{
	uint64_t flags = rspin_lock_irqsave(&process_lock);
	struct process *p = process_find(node->pid);
	int err = -ESRCH;

	if (p && node->entry->show_fd)
		err = node->entry->show_fd(b, p, node->fd);
	else if (p)
		err = node->entry->show(b, p);
	rspin_unlock_irqrestore(&process_lock, flags);
	return err;
}

/* Generates the whole text, growing the buffer until it fits. */
static int procfs_generate(const struct procfs_node *node, struct procfs_buf *b)
{
	int err;

	for (size_t cap = PROCFS_BUF_FIRST; cap <= PROCFS_BUF_MAX; cap *= 2) {
		b->data = kmalloc(cap);
		if (!b->data)
			return -ENOMEM;
		b->cap = cap;
		b->len = 0;
		b->overflowed = false;
		if (node->pid)
			err = procfs_generate_pid(node, b);
		else
			err = node->entry->show(b, NULL);
		if (err || !b->overflowed)
			return err;
		kfree(b->data);
		b->data = NULL;
	}
	return -ENOMEM;
}

static long procfs_read(struct inode *ino, struct uio *u, uint64_t pos)
{
	struct procfs_node *node = ino->data;
	struct procfs_buf b = { 0 };
	long r;
	int err;

	if (!node || !node->entry)
		return -EISDIR;
	err = procfs_generate(node, &b);
	if (err) {
		kfree(b.data);
		return err;
	}
	r = pos >= b.len ? 0 : uio_copy_out(u, b.data + pos, b.len - (size_t)pos);
	kfree(b.data);
	return r;
}

#define PROCFS_STORE_MAX	64	/* the longest text a tunable takes */

/*
 * Writes go to the tunables of /proc/sys (their mode keeps others out),
 * whole, at offset 0 (Linux's sysctl_writes_strict); other files refuse.
 */
static long procfs_write_op(struct inode *ino, struct uio *u, uint64_t pos)
{
	struct procfs_node *node = ino->data;
	char text[PROCFS_STORE_MAX + 1];
	size_t len = u->resid;
	long r;
	int err;

	if (!node || !node->entry || !node->entry->store)
		return -EACCES;
	if (pos != 0 || len > PROCFS_STORE_MAX)
		return -EINVAL;
	r = uio_copy_in(u, text, len);
	if (r < 0)
		return r;
	text[len] = '\0';
	err = node->entry->store(text);
	return err ? err : (long)len;
}

/* A tunable opened O_TRUNC (echo x > /proc/sys/...): nothing to cut, as proc_sys_setattr. */
static int procfs_truncate(struct inode *ino, uint64_t size __unused)
{
	struct procfs_node *node = ino->data;

	return node && node->entry && node->entry->store ? 0 : -EACCES;
}

static int procfs_set_link_op(struct inode *ino __unused, const char *t __unused,
			      size_t len __unused)
{
	return -EACCES;
}

static void procfs_evict(struct inode *ino)
{
	kfree(ino->data);
	ino->data = NULL;
}

static void procfs_statfs(struct super_block *sb __unused, struct statfs *st)
{
	st->f_type = PROCFS_SUPER_MAGIC;
	st->f_bsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
}

static const struct super_ops procfs_super_ops = {
	.evict = procfs_evict,
	.read = procfs_read,
	.write = procfs_write_op,
	.truncate = procfs_truncate,
	.set_link = procfs_set_link_op,
	.statfs = procfs_statfs,
	.refresh_dir = procfs_refresh_dir,
	.get_link = procfs_get_link,
	.fixed_tree = true,
};

/* Every mount of "proc" shows the one instance, made at the first. */
static int procfs_mount(const struct fs_type *type, const char *options __unused,
			struct super_block **out)
{
	struct super_block *sb;
	struct inode *root;

	if (procfs_sb) {
		*out = procfs_sb;
		return 0;
	}
	sb = kzalloc(sizeof(*sb));
	if (!sb)
		return -ENOMEM;
	sb->type = type;
	sb->ops = &procfs_super_ops;
	sb->dev = vfs_anon_dev();
	sb->next_ino = PROCFS_FIRST_INO;
	sb->magic = PROCFS_SUPER_MAGIC;
	procfs_sb = sb;
	root = procfs_inode(PROCFS_ROOT_MODE, 0, 0, 0, NULL);
	if (!root || !(sb->root = dentry_alloc_root(root))) {
		if (root)
			inode_put(root);
		procfs_sb = NULL;
		kfree(sb);
		return -ENOMEM;
	}
	for (size_t i = 0; i < procfs_sys_entry_count; i++)
		procfs_add_file(sb->root, &procfs_sys_entries[i], 0, 0, 0);
	procfs_sysctl_init(sb->root);
	procfs_basalt_init(sb->root);
	*out = sb;
	return 0;
}

/* The instance stays for later mounts: nothing to free. */
static void procfs_kill(struct super_block *sb __unused)
{
}

const struct fs_type procfs_type = {
	.name = "proc",
	.mount = procfs_mount,
	.kill = procfs_kill,
};
