/*
 * fd.c: /proc/PID/fd and fdinfo (proc(5)), and the magic links fd/N,
 * exe, cwd and root. A descriptor's name is made on lookup while it is
 * open (procfs_revalidate drops it once closed); a listing gives the
 * open descriptors in order at PROCFS_FD_POS_BASE + fd, as Linux's
 * proc_readfd_common.
 *
 * The links are magic (Linux's proc_fd_link, proc_exe_link,
 * proc_cwd_link, proc_root_link): following one reaches the open file
 * (or directory) itself, whatever its name, and readlink(2) names it as
 * the reader sees it, " (deleted)" once removed, "pipe:[N]" for a pipe,
 * "anon_inode:[eventfd]" for an event file. Both are for the process's
 * owner (and root) only: EACCES for others (proc_fd_access_allowed).
 * bash's process substitution opens /dev/fd/N, that is /proc/self/fd/N.
 */
#include <fs/procfs/procfs.h>
#include <basalt/format.h>
#include <basalt/string.h>
#include <fs/file.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <uapi/dirent.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* An fd link's permissions: r-x for reading, -wx for writing (Linux's tid_fd_update_inode). */
#define PROCFS_FD_LINK_READ	0500
#define PROCFS_FD_LINK_WRITE	0300
/* Descriptors taken under tasklist_lock per round of a listing. */
#define PROCFS_FD_BATCH		64
#define PROCFS_ANON_PREFIX	"anon_inode:"
/* Every open file has a path (pipes pipefs's): this is only a fallback. */
#define PROCFS_ANON_UNKNOWN	"anon_inode:[unknown]"

unsigned procfs_fd_link_mode(unsigned flags)
{
	unsigned acc = flags & O_ACCMODE, mode = S_IFLNK;

	if (!(flags & O_PATH) && (acc == O_RDONLY || acc == O_RDWR))
		mode |= PROCFS_FD_LINK_READ;
	if (!(flags & O_PATH) && (acc == O_WRONLY || acc == O_RDWR))
		mode |= PROCFS_FD_LINK_WRITE;
	return mode;
}

/*
 * The file open at fd in the process dir names, referenced (file_put
 * it), or NULL; its owner's ids in *uid, *gid.
 */
static struct file *procfs_fd_get(const struct procfs_node *dir, int fd, uint32_t *uid,
				  uint32_t *gid)
{
	struct process *p;
	struct file *f = NULL;

	spin_lock(&tasklist_lock);
	p = procfs_find(dir);
	if (p && p->files) {
		f = fd_table_get_atomic(p->files, fd);
		*uid = p->cred.euid;
		*gid = p->cred.egid;
	}
	spin_unlock(&tasklist_lock);
	return f;
}

static int procfs_fd_lookup(struct inode *dir, struct dentry *d)
{
	const struct procfs_node *dnode = procfs_node(dir);
	bool info = dnode->kind == PROCFS_FDINFO_DIR;
	int fd = procfs_name_value(d->name, d->name_len);
	struct procfs_node node = {
		.kind = info ? PROCFS_FDINFO_FILE : PROCFS_FD_LINK,
		.pid = dnode->pid,
		.tid = dnode->tid,
		.alias = dnode->alias,
		.start_ns = dnode->start_ns,
		.fd = fd,
	};
	uint32_t uid = 0, gid = 0;
	struct inode *ino;
	struct file *f;
	unsigned mode;

	/* Not a number: never a descriptor (cached negative). */
	if (fd < 0)
		return 0;
	f = procfs_fd_get(dnode, fd, &uid, &gid);
	/* Not open now, maybe later: not cached. */
	if (!f)
		return -ENOENT;
	mode = info ? PROCFS_FILE_MODE : procfs_fd_link_mode(f->flags);
	file_put(f);
	ino = procfs_new_inode(mode, uid, gid, &node,
			       info ? PROCFS_SLOT_FDINFO : PROCFS_SLOT_FD_LINK);
	if (!ino)
		return -ENOMEM;
	dentry_instantiate(d, ino);
	return 0;
}

const struct inode_operations procfs_fd_iops = {
	.lookup = procfs_fd_lookup,
	.setattr = procfs_setattr,
};

struct procfs_fd_batch {
	int from;
	int fds[PROCFS_FD_BATCH];	/* the least open ones >= from, sorted */
	int count;
};

static int procfs_fd_batch_fn(int fd, struct file *f __unused, void *arg)
{
	struct procfs_fd_batch *b = arg;
	int i;

	if (fd < b->from)
		return 0;
	if (b->count == PROCFS_FD_BATCH && fd > b->fds[PROCFS_FD_BATCH - 1])
		return 0;
	for (i = b->count < PROCFS_FD_BATCH ? b->count : PROCFS_FD_BATCH - 1;
	     i > 0 && b->fds[i - 1] > fd; i--)
		b->fds[i] = b->fds[i - 1];
	b->fds[i] = fd;
	if (b->count < PROCFS_FD_BATCH)
		b->count++;
	return 0;
}

/* The next open descriptors of the process dir names into b; false if it is gone. */
static bool procfs_fd_batch(const struct procfs_node *dir, struct procfs_fd_batch *b)
{
	struct process *p;

	spin_lock(&tasklist_lock);
	p = procfs_find(dir);
	b->count = 0;
	if (p && p->files)
		fd_table_for_each_atomic(p->files, procfs_fd_batch_fn, b);
	spin_unlock(&tasklist_lock);
	return p != NULL;
}

static int procfs_fd_iterate(struct file *f, struct dir_context *ctx)
{
	const struct procfs_node *dnode = procfs_node(f->inode);
	bool info = dnode->kind == PROCFS_FDINFO_DIR;
	struct procfs_node node = {
		.kind = info ? PROCFS_FDINFO_FILE : PROCFS_FD_LINK,
		.pid = dnode->pid,
		.tid = dnode->tid,
		.alias = dnode->alias,
		.start_ns = dnode->start_ns,
	};
	struct procfs_fd_batch b;
	char name[PROCFS_NAME_MAX];

	if (!dir_emit_dots(f, ctx))
		return 0;
	for (;;) {
		if (ctx->pos - PROCFS_FD_POS_BASE >= FD_NR_OPEN)
			return 0;
		b.from = (int)(ctx->pos - PROCFS_FD_POS_BASE);
		if (!procfs_fd_batch(dnode, &b))
			return 0;
		for (int i = 0; i < b.count; i++) {
			int len = snprintf(name, sizeof(name), "%d", b.fds[i]);

			node.fd = b.fds[i];
			if (!dir_emit(ctx, name, (size_t)len,
				      procfs_pid_ino(&node, info ? PROCFS_SLOT_FDINFO :
								   PROCFS_SLOT_FD_LINK),
				      info ? DT_REG : DT_LNK,
				      PROCFS_FD_POS_BASE + (uint64_t)b.fds[i] + 1))
				return 0;
		}
		if (b.count < PROCFS_FD_BATCH)
			return 0;
	}
}

const struct file_ops procfs_fd_fops = {
	.read = procfs_dir_read,
	.iterate = procfs_fd_iterate,
	.lseek = simple_dir_lseek,
};

/* ---- the magic links ---------------------------------------------------- */

/*
 * Where the magic link node leads: 0 with *target referenced (path_put
 * it); 1 with a text in text (PATH_MAX bytes, may be NULL: then 1 is
 * -ENOENT) for what has no path (an event file's anon_inode:[...], a
 * program known only by the name it was run by); -EACCES for a process
 * the caller may not look into, -ENOENT for nothing there (a zombie's
 * cwd, a closed descriptor).
 */
static int procfs_magic_target(const struct procfs_node *node, struct path *target,
			       char *text)
{
	struct process *p;
	struct fs_context *fs = NULL;
	struct file *f = NULL;
	int err = -ENOENT;

	/*
	 * Under tasklist_lock only references are taken, atomically (the
	 * file, the fs context): the paths are taken after it is dropped,
	 * so no VFS lock nests inside it.
	 */
	spin_lock(&tasklist_lock);
	p = procfs_find(node);
	target->mnt = NULL;
	target->dentry = NULL;
	if (p && !procfs_may_access(p)) {
		err = -EACCES;
	} else if (p && node->kind == PROCFS_FD_LINK) {
		f = p->files ? fd_table_get_atomic(p->files, node->fd) : NULL;
	} else if (p && node->kind == PROCFS_EXE_LINK) {
		f = p->vm ? p->vm->exe_file : NULL;
		if (f)
			file_get(f);
		else if (p->exe_path && text) {
			/* A program known only by the name it was run by. */
			strlcpy(text, p->exe_path, PATH_MAX);
			err = 1;
		}
	} else if (p && p->fs) {
		fs = p->fs;
		fs_context_get(fs);
	}
	spin_unlock(&tasklist_lock);
	if (fs) {
		/* cwd, root: copied and referenced under the context's own lock. */
		if (node->kind == PROCFS_CWD_LINK)
			fs_context_paths(fs, NULL, target);
		else
			fs_context_paths(fs, target, NULL);
		fs_context_put(fs);
		return target->dentry ? 0 : -ENOENT;
	}
	if (!f)
		return err;
	if (f->dentry && f->mnt) {
		target->mnt = f->mnt;
		target->dentry = f->dentry;
		path_get(target);
		err = 0;
	} else if (text && node->kind == PROCFS_FD_LINK) {
		/* Event files: Linux's anon_inode names ([eventfd], [eventpoll]...). */
		if (f->ops && f->ops->anon_name)
			snprintf(text, PATH_MAX, PROCFS_ANON_PREFIX "%s", f->ops->anon_name);
		else
			strlcpy(text, PROCFS_ANON_UNKNOWN, PATH_MAX);
		err = 1;
	}
	file_put(f);
	return err;
}

/* Following the link: a jump to the target itself. */
static int procfs_magic_get_link(struct dentry *d, struct vfs_link *out)
{
	int err = procfs_magic_target(procfs_node(d->inode), &out->jump, NULL);

	return err == 1 ? -ENOENT : err;
}

/* readlink(2): the target's name, at most size bytes of it (no NUL). */
static long procfs_magic_readlink(struct dentry *d, char *buf, size_t size)
{
	char *text = kmalloc(PATH_MAX);
	struct path target;
	long r;

	if (!text)
		return -ENOMEM;
	r = procfs_magic_target(procfs_node(d->inode), &target, text);
	if (r == 0) {
		r = procfs_path_text(&target, text, PATH_MAX);
		path_put(&target);
	} else if (r == 1) {
		r = (long)strlen(text);
	}
	if (r >= 0) {
		if ((size_t)r > size)
			r = (long)size;
		memcpy(buf, text, (size_t)r);
	}
	kfree(text);
	return r;
}

const struct inode_operations procfs_magic_link_iops = {
	.get_link = procfs_magic_get_link,
	.readlink = procfs_magic_readlink,
	.setattr = procfs_setattr,
};
