/*
 * super.c: procfs as a file system: the "proc" type and its one
 * instance, its inodes and their numbers, the fixed tree made at mount,
 * reading and writing a file's text, and the revalidation that makes a
 * process's cached names go stale with it (procfs.h has the model).
 *
 * A file read after its process died gives ESRCH, as on Linux's
 * proc_single_show; a name of a dead process is dropped by the dentry
 * cache at its next lookup (procfs_revalidate), so a reaped pid gives
 * ENOENT.
 */
#include <fs/procfs/procfs.h>
#include <ipc/ipc.h>
#include <basalt/format.h>
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <net/net_proc.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/statfs.h>

#define PROCFS_ROOT_MODE	(S_IFDIR | 0555)
#define PROCFS_SUPER_MAGIC	0x9fa0		/* statfs(2) f_type of proc */
#define PROCFS_FIRST_INO	1
#define PROCFS_BUF_FIRST	4096
#define PROCFS_BUF_MAX		(256 * 1024)
#define PROCFS_STORE_MAX	64		/* the longest text a tunable takes */

/*
 * A process's inode numbers (procfs_pid_ino): bit 60 set (above every
 * number the fixed tree takes from next_ino), then pid, tid, the alias
 * bit, the slot and the descriptor. pids and tids are below
 * PROCESS_PID_MAX (2^15), descriptors below FD_NR_OPEN (2^20).
 */
#define PROCFS_INO_PID_FLAG	(1ULL << 60)
#define PROCFS_INO_PID_SHIFT	43
#define PROCFS_INO_TID_SHIFT	27
#define PROCFS_INO_ALIAS_SHIFT	26
#define PROCFS_INO_SLOT_SHIFT	20
#define PROCFS_INO_ID_MASK	0xffffULL
#define PROCFS_INO_SLOT_MASK	0x3fULL
#define PROCFS_INO_FD_MASK	0xfffffULL

/* The one instance (made at the first mount, never freed). */
struct super_block *procfs_sb;

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

int procfs_name_value(const char *name, size_t len)
{
	int v = 0;

	/* No sign, no leading zero: one name per number, as Linux's name_to_int. */
	if (len == 0 || len >= PROCFS_NAME_MAX || (name[0] == '0' && len > 1))
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		v = v * 10 + (name[i] - '0');
	}
	return v;
}

bool procfs_has_thread(struct process *p, int tid)
{
	struct task *t;

	list_for_each_entry(t, &p->threads, proc_link)
		if (t->tid == tid)
			return true;
	return false;
}

struct process *procfs_find(const struct procfs_node *node)
{
	struct process *p = process_find_locked(node->pid);

	if (!p || p->start_ns != node->start_ns)
		return NULL;
	if (node->tid && !procfs_has_thread(p, node->tid))
		return NULL;
	return p;
}

uint64_t procfs_pid_ino(const struct procfs_node *node, unsigned slot)
{
	return PROCFS_INO_PID_FLAG |
	       ((uint64_t)node->pid & PROCFS_INO_ID_MASK) << PROCFS_INO_PID_SHIFT |
	       ((uint64_t)node->tid & PROCFS_INO_ID_MASK) << PROCFS_INO_TID_SHIFT |
	       (uint64_t)node->alias << PROCFS_INO_ALIAS_SHIFT |
	       ((uint64_t)slot & PROCFS_INO_SLOT_MASK) << PROCFS_INO_SLOT_SHIFT |
	       ((uint64_t)node->fd & PROCFS_INO_FD_MASK);
}

int procfs_setattr(struct dentry *d __unused, const struct vfs_iattr *attr)
{
	/*
	 * Linux's proc_setattr and proc_sys_setattr: no chmod or chown; the
	 * rest (O_TRUNC of a tunable before its write, times) is accepted
	 * and changes nothing.
	 */
	if (attr->valid & (ATTR_MODE | ATTR_UID | ATTR_GID))
		return -EPERM;
	return 0;
}

long procfs_dir_read(struct file *f __unused, struct uio *u __unused,
		     uint64_t *pos __unused)
{
	return -EISDIR;
}

/* Fixed directories: their pinned names are all there is. */
static const struct inode_operations procfs_plain_dir_iops = {
	.lookup = simple_lookup,
	.setattr = procfs_setattr,
};

const struct inode_operations procfs_file_iops = {
	.setattr = procfs_setattr,
};

static void procfs_set_ops(struct inode *ino, enum procfs_kind kind)
{
	switch (kind) {
	case PROCFS_ROOT:
		ino->i_op = &procfs_root_iops;
		ino->i_fop = &procfs_root_fops;
		break;
	case PROCFS_PLAIN_DIR:
		ino->i_op = &procfs_plain_dir_iops;
		ino->i_fop = &simple_dir_file_ops;
		break;
	case PROCFS_FILE:
	case PROCFS_FDINFO_FILE:
		ino->i_op = &procfs_file_iops;
		ino->i_fop = &procfs_file_fops;
		break;
	case PROCFS_SELF_LINK:
	case PROCFS_THREAD_SELF_LINK:
		ino->i_op = &procfs_self_link_iops;
		break;
	case PROCFS_PID_DIR:
	case PROCFS_TID_DIR:
		ino->i_op = &procfs_pid_iops;
		ino->i_fop = &procfs_pid_fops;
		break;
	case PROCFS_TASK_DIR:
		ino->i_op = &procfs_task_iops;
		ino->i_fop = &procfs_task_fops;
		break;
	case PROCFS_FD_DIR:
	case PROCFS_FDINFO_DIR:
		ino->i_op = &procfs_fd_iops;
		ino->i_fop = &procfs_fd_fops;
		break;
	case PROCFS_FD_LINK:
	case PROCFS_EXE_LINK:
	case PROCFS_CWD_LINK:
	case PROCFS_ROOT_LINK:
		ino->i_op = &procfs_magic_link_iops;
		break;
	}
}

struct inode *procfs_new_inode(unsigned mode, uint32_t uid, uint32_t gid,
			       const struct procfs_node *node, unsigned slot)
{
	struct inode *ino = inode_alloc(procfs_sb, mode, uid, gid);

	if (!ino)
		return NULL;
	*procfs_node(ino) = *node;
	ino->data = procfs_node(ino);
	/* Directories: 2 links, as Linux's proc_pid_make_inode leaves them for ls. */
	ino->nlink = S_ISDIR(mode) ? 2 : 1;
	if (node->pid)
		ino->ino = procfs_pid_ino(node, slot);
	procfs_set_ops(ino, node->kind);
	return ino;
}

static struct inode *procfs_alloc_inode(struct super_block *sb __unused)
{
	struct procfs_inode *pi = kzalloc(sizeof(*pi));

	return pi ? &pi->vfs : NULL;
}

static void procfs_free_inode(struct inode *ino)
{
	kfree(container_of(ino, struct procfs_inode, vfs));
}

/* ---- the fixed tree ------------------------------------------------------ */

/* A pinned name in dir for a new inode (taken over); NULL if out of memory. */
static struct dentry *procfs_add_fixed(struct dentry *dir, const char *name,
				       struct inode *ino)
{
	struct dentry *d;

	if (!ino)
		return NULL;
	inode_lock(dir->inode);
	d = dentry_alloc_child(dir, name, strlen(name));
	if (d) {
		dentry_instantiate(d, ino);
		dentry_pin(d);
		dentry_put(d);	/* the pin keeps it */
	} else {
		inode_put(ino);
	}
	inode_unlock(dir->inode);
	return d;
}

struct dentry *procfs_add_file(struct dentry *dir, const struct procfs_entry *e)
{
	struct procfs_node node = { .kind = PROCFS_FILE, .entry = e };

	return procfs_add_fixed(dir, e->name, procfs_new_inode(e->mode, 0, 0, &node, 0));
}

struct dentry *procfs_add_dir(struct dentry *dir, const char *name)
{
	struct procfs_node node = { .kind = PROCFS_PLAIN_DIR };

	return procfs_add_fixed(dir, name, procfs_new_inode(PROCFS_DIR_MODE, 0, 0, &node, 0));
}

struct dentry *procfs_add_link(struct dentry *dir, const char *name, enum procfs_kind kind)
{
	struct procfs_node node = { .kind = kind };

	return procfs_add_fixed(dir, name, procfs_new_inode(PROCFS_LINK_MODE, 0, 0, &node, 0));
}

/* ---- reading and writing ------------------------------------------------ */

/*
 * A /proc/PID file's text, under tasklist_lock from finding the process
 * to the end of show (procfs.h): the show functions only format what
 * they read, so they never sleep. An entry about the address space
 * (show_vm: maps) runs after it, on a reference to the space, under
 * the space's sem, where it may sleep and take the VFS's locks.
 */
static int procfs_generate_pid(const struct procfs_node *node, struct procfs_buf *b)
{
	struct vm_space *vm = NULL;
	struct process *p;
	int err = -ESRCH;

	spin_lock(&tasklist_lock);
	p = procfs_find(node);
	if (p && node->entry->show_vm) {
		/* Another user's addresses are not for everyone to read (ASLR). */
		err = procfs_may_access(p) ? 0 : -EACCES;
		vm = err ? NULL : p->vm;
		if (vm)
			vm_get(vm);
	} else if (p && !node->entry->not_of_process) {
		err = node->entry->show(b, p);
	}
	spin_unlock(&tasklist_lock);
	if (vm) {
		err = node->entry->show_vm(b, vm);
		vm_put(vm);
	}
	/* Not about the process: made outside its lock, the VFS's own taken inside. */
	if (p && node->entry->not_of_process)
		err = node->entry->show(b, NULL);
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
		if (node->kind == PROCFS_FDINFO_FILE)
			err = procfs_show_fdinfo(b, node);
		else if (node->pid)
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

static long procfs_file_read(struct file *f, struct uio *u, uint64_t *pos)
{
	const struct procfs_node *node = procfs_node(f->inode);
	struct procfs_buf b = { 0 };
	long r;
	int err;

	err = procfs_generate(node, &b);
	if (err) {
		kfree(b.data);
		return err;
	}
	r = *pos >= b.len ? 0 : uio_copy_out(u, b.data + *pos, b.len - (size_t)*pos);
	kfree(b.data);
	if (r > 0)
		*pos += (uint64_t)r;
	return r;
}

/*
 * Writes go to the tunables of /proc/sys (their mode keeps others out),
 * whole, at offset 0 (Linux's sysctl_writes_strict); other files refuse.
 */
static long procfs_file_write(struct file *f, struct uio *u, uint64_t *pos)
{
	const struct procfs_node *node = procfs_node(f->inode);
	char text[PROCFS_STORE_MAX + 1];
	size_t len = u->resid;
	long r;
	int err;

	if (node->kind != PROCFS_FILE || !node->entry->store)
		return -EACCES;
	if (*pos != 0 || len > PROCFS_STORE_MAX)
		return -EINVAL;
	r = uio_copy_in(u, text, len);
	if (r < 0)
		return r;
	text[len] = '\0';
	err = node->entry->store(text);
	if (err)
		return err;
	*pos += len;
	return (long)len;
}

const struct file_ops procfs_file_fops = {
	.read = procfs_file_read,
	.write = procfs_file_write,
};

/* ---- staleness ---------------------------------------------------------- */

/*
 * A cached name of a process is true while the process (and thread,
 * and descriptor) it names is there; then its owner follows the
 * process's euid and egid (a setuid program), and an fd link's mode the
 * file now open at N, as Linux's pid_revalidate and tid_fd_revalidate.
 * 0: stale, the VFS drops it and asks lookup again.
 */
static int procfs_revalidate(struct dentry *d)
{
	struct inode *ino = __atomic_load_n(&d->inode, __ATOMIC_ACQUIRE);
	const struct procfs_node *node;
	struct file *f = NULL;
	struct process *p;
	uint32_t uid = 0, gid = 0;
	bool alive;

	if (!ino)
		return 1;
	node = procfs_node(ino);
	if (!node->pid)
		return 1;
	spin_lock(&tasklist_lock);
	p = procfs_find(node);
	alive = p != NULL;
	if (p) {
		uid = p->cred.euid;
		gid = p->cred.egid;
	}
	if (p && (node->kind == PROCFS_FD_LINK || node->kind == PROCFS_FDINFO_FILE)) {
		f = p->files ? fd_table_get_atomic(p->files, node->fd) : NULL;
		alive = f != NULL;
	}
	spin_unlock(&tasklist_lock);
	if (alive) {
		/* One word each, read without a lock during lookups (vfs.h). */
		__atomic_store_n(&ino->uid, uid, __ATOMIC_RELAXED);
		__atomic_store_n(&ino->gid, gid, __ATOMIC_RELAXED);
		if (f && node->kind == PROCFS_FD_LINK)
			__atomic_store_n(&ino->mode, procfs_fd_link_mode(f->flags),
					 __ATOMIC_RELAXED);
	}
	if (f)
		file_put(f);
	return alive;
}

static const struct dentry_operations procfs_dentry_ops = {
	.revalidate = procfs_revalidate,
};

/* ---- the file system ---------------------------------------------------- */

static void procfs_statfs(struct super_block *sb __unused, struct statfs *st)
{
	st->f_type = PROCFS_SUPER_MAGIC;
	st->f_bsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
}

static const struct super_operations procfs_super_ops = {
	.alloc_inode = procfs_alloc_inode,
	.free_inode = procfs_free_inode,
	.statfs = procfs_statfs,
};

/* Every mount of "proc" shows the one instance, made at the first. */
static int procfs_mount(const struct fs_type *type, const char *source __unused,
			unsigned long flags __unused, const char *options __unused,
			struct super_block **out)
{
	static const struct procfs_node root_node = { .kind = PROCFS_ROOT };
	struct super_block *sb;
	struct inode *root;

	if (procfs_sb) {
		*out = procfs_sb;
		return 0;
	}
	sb = kzalloc(sizeof(*sb));
	if (!sb)
		return -ENOMEM;
	vfs_sb_init(sb, type, &procfs_super_ops, PROCFS_SUPER_MAGIC);
	sb->d_op = &procfs_dentry_ops;
	sb->next_ino = PROCFS_FIRST_INO;
	procfs_sb = sb;
	root = procfs_new_inode(PROCFS_ROOT_MODE, 0, 0, &root_node, 0);
	if (!root || !(sb->root = dentry_alloc_root(sb, root))) {
		if (root)
			inode_put(root);
		procfs_sb = NULL;
		kfree(sb);
		return -ENOMEM;
	}
	for (size_t i = 0; i < procfs_sys_entry_count; i++)
		procfs_add_file(sb->root, &procfs_sys_entries[i]);
	procfs_sysctl_init(sb->root);
	procfs_basalt_init(sb->root);
	ipc_proc_init(sb->root);
	procfs_net_init(sb->root);
	procfs_add_link(sb->root, "self", PROCFS_SELF_LINK);
	procfs_add_link(sb->root, "thread-self", PROCFS_THREAD_SELF_LINK);
	procfs_root_fixed_done(sb->root);
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
