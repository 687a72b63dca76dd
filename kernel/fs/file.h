/*
 * file.h: open files, the contract between the VFS (kernel/fs/vfs/),
 * the things a file can be (tmpfs files, pipes, character devices such
 * as the TTYs and /dev/null) and the system calls.
 *
 *   struct uio       a read or write buffer, in user or kernel memory
 *   struct file      an open file description (open(2)): ops, offset, flags
 *   struct file_ops  what a kind of file does
 *   fd_*             the calling process's descriptor table
 *   chrdev_*         character device drivers, by Linux major/minor
 *   devfs_*          nodes that drivers publish in /dev
 *   poll_*           how poll/select wait on several files at once
 *
 * Blocking operations sleep on wait queues and must give up with
 * -ERESTARTSYS when signal_pending(task_current()) (signal/signal.h), or
 * -EAGAIN when the file has O_NONBLOCK.
 */
#ifndef FS_FILE_H
#define FS_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <basalt/list.h>
#include <sched/wait.h>
#include <uapi/poll.h>

/* Linux dev_t for user space: major in bits 8..19 (and 32..43), minor below. */
typedef uint32_t dev_t;
#define DEV_MAKE(major, minor)	((dev_t)(((major) << 8) | ((minor) & 0xff) | \
					 (((minor) & ~0xffu) << 12)))
#define DEV_MAJOR(dev)		(((dev) >> 8) & 0xfff)
#define DEV_MINOR(dev)		(((dev) & 0xff) | (((dev) >> 12) & 0xfff00))

/* ---- uio: where the bytes of a read or write go or come from ------------- */

struct uio {
	uint8_t *base;		/* next byte (a user pointer when user) */
	size_t resid;		/* bytes still to move */
	bool user;		/* base is a user address: copy with uaccess */
};

static inline void uio_init_user(struct uio *u, void *base, size_t len)
{
	u->base = base;
	u->resid = len;
	u->user = true;
}

static inline void uio_init_kernel(struct uio *u, void *base, size_t len)
{
	u->base = base;
	u->resid = len;
	u->user = false;
}

/*
 * Move min(n, resid) bytes and advance: out of src into the buffer (for
 * read) or from the buffer into dst (for write). Return the count moved,
 * or -EFAULT (nothing is advanced then).
 */
long uio_copy_out(struct uio *u, const void *src, size_t n);
long uio_copy_in(struct uio *u, void *dst, size_t n);
/*
 * The same, but a user buffer that faults part way moves the bytes
 * before the fault and returns their count (advanced by it); -EFAULT
 * only when not one byte moved. For file data, where read(2) and write(2)
 * return short counts; the all-or-nothing forms suit records (an eventfd
 * counter, a dirent) that must not be split.
 */
long uio_copy_out_upto(struct uio *u, const void *src, size_t n);
long uio_copy_in_upto(struct uio *u, void *dst, size_t n);

/* ---- struct file --------------------------------------------------------- */

struct file;
struct inode;
struct dentry;
struct vfs_mount;
struct poll_table;
struct stat;

/*
 * getdents64's cursor (readdir.c) that a directory's iterate fills:
 * pos is the position of the next entry to emit (0 ".", 1 "..", then
 * the file system's cookies). dir_emit hands one entry to the actor,
 * which copies it out, and on success moves pos to next.
 */
struct dir_context {
	/* false: the buffer is full (or faulted); the entry was not taken. */
	bool (*actor)(struct dir_context *ctx, const char *name, size_t len, uint64_t ino,
		      unsigned dtype, uint64_t next);
	uint64_t pos;
};

static inline bool dir_emit(struct dir_context *ctx, const char *name, size_t len,
			    uint64_t ino, unsigned dtype, uint64_t next)
{
	if (!ctx->actor(ctx, name, len, ino, dtype, next))
		return false;
	ctx->pos = next;
	return true;
}

struct file_ops {
	/*
	 * Read or write at *pos (advance it); return bytes moved, 0 at end
	 * of file, or a negative errno. NULL means -EINVAL (Linux's answer
	 * for a file that cannot be read or written that way).
	 */
	long (*read)(struct file *f, struct uio *u, uint64_t *pos);
	long (*write)(struct file *f, struct uio *u, uint64_t *pos);
	/* NULL: the VFS's generic lseek on the inode size, or -ESPIPE for pipes. */
	long (*lseek)(struct file *f, int64_t off, int whence);
	/* arg is the raw third argument (often a user pointer); NULL: -ENOTTY. */
	long (*ioctl)(struct file *f, unsigned cmd, uint64_t arg);
	/*
	 * Returns the POLL* events ready now; if pt is not NULL also
	 * registers the queues a change would be announced on (poll_wait).
	 * NULL: always readable and writable, as Linux's default.
	 */
	unsigned (*poll)(struct file *f, struct poll_table *pt);
	/*
	 * Directories: emit entries from ctx->pos on (dir_emit) until the
	 * end or a full buffer; 0 or an errno. The VFS holds the
	 * directory's i_rwsem shared. NULL: not a directory (-ENOTDIR).
	 */
	int (*iterate)(struct file *f, struct dir_context *ctx);
	/* fsync(2)/fdatasync(2): the file's data (and attributes) on disk. NULL: -EINVAL. */
	int (*fsync)(struct file *f, bool datasync);
	/*
	 * mmap(2) of the file: 0 if it may be mapped so (shared or private),
	 * or an errno (-ENODEV). NULL: it cannot be mapped (-ENODEV).
	 */
	int (*mmap)(struct file *f, bool shared);
	/* fallocate(2) mode 0: reserve [off, off + len), grow the size. NULL: -EOPNOTSUPP. */
	int (*fallocate)(struct file *f, int mode, uint64_t off, uint64_t len);
	/* Called when the first open succeeds (after f->ops is set), may fail. */
	int (*open)(struct inode *ino, struct file *f);
	/* The last reference went away. */
	void (*release)(struct file *f);
	/*
	 * O_ASYNC turned on or off (fcntl F_SETFL, ioctl FIOASYNC, and off
	 * before release): joins or leaves the object's fasync lists
	 * (fasync.h). 0 or a negative errno. NULL: O_ASYNC is only recorded
	 * and no SIGIO comes, as Linux for files without fasync (regular files).
	 */
	int (*fasync)(struct file *f, bool on);
	/*
	 * Files without a path: the name /proc/PID/fd/N shows after
	 * "anon_inode:", as Linux's anon_inode_getfile names ("[eventfd]",
	 * "[timerfd]", "[signalfd]", "[eventpoll]"). NULL for the others.
	 */
	const char *anon_name;
};

/*
 * Locking: ref is atomic and pos is written whole (a file may be shared
 * by processes after fork). The rest is fixed after open except flags'
 * O_APPEND/O_NONBLOCK/O_ASYNC (fcntl F_SETFL, compare-and-swap) and the
 * owner fields (fasync_lock, fasync.h).
 */
struct file {
	unsigned ref;			/* fd slots and in-kernel users */
	const struct file_ops *ops;
	unsigned flags;			/* O_ACCMODE | O_APPEND | O_NONBLOCK ... */
	uint64_t pos;
	struct inode *inode;		/* NULL for anonymous files (pipes) */
	struct dentry *dentry;		/* the path it was opened by, or NULL */
	struct vfs_mount *mnt;
	bool writer;			/* holds write access to inode (ETXTBSY) */
	void *priv;			/* the ops' own state */
	/* fcntl F_SETOWN(_EX): who SIGIO goes to (F_OWNER_*; fasync.h); fasync_lock. */
	int owner_type;
	int owner_pid;			/* 0: nobody */
	/*
	 * The epoll items watching this file (struct epoll_item.file_link,
	 * epoll.c, under its epoll_lock): the last file_put removes them, as
	 * Linux's eventpoll_release. A zeroed (never set) list is empty.
	 */
	struct list_node epoll_links;
};

/* epoll.c: drops every epoll registration of f (its last reference went). */
void epoll_file_release(struct file *f);

/*
 * A file not backed by a path (pipe ends, the ptmx master side): one
 * reference, the given open flags. NULL when out of memory.
 */
struct file *file_alloc_anon(const struct file_ops *ops, void *priv, unsigned flags);
void file_get(struct file *f);
/* Drops a reference; the last one calls ops->release and frees. */
void file_put(struct file *f);
/* Read or write through ops with the VFS's checks (access mode, EINVAL...). */
long file_read(struct file *f, struct uio *u);
long file_write(struct file *f, struct uio *u);
/*
 * Kernel-side open/read/close by path, relative to the current process's
 * root and cwd (or "/" from a kernel thread): the ELF loader and
 * process_spawn_init use them. 0 with a referenced file, or an errno.
 */
int file_open_kernel(const char *path, int flags, unsigned mode, struct file **out);
/* Reads len bytes at pos into a kernel buffer; bytes read or an errno. */
long file_read_kernel(struct file *f, void *buf, size_t len, uint64_t pos);
/*
 * Whether f is a readable regular file whose file system keeps its
 * contents in frames (tmpfs): file_get_page serves every page then, and
 * a page it has no frame for reads as zeros (a hole, or past the end).
 */
bool file_has_pages(struct file *f);
/*
 * The frame caching page index (offset index * PAGE_SIZE) of such a
 * file, with a reference for the caller (vm_frame_put); 0 for a hole or
 * past the end, or if !file_has_pages (then read the bytes instead).
 * Private file mappings map it until a write. Takes no VFS lock: a page
 * fault inside a locked read or write may call it.
 */
uint64_t file_get_page(struct file *f, uint64_t index);
/*
 * A program's file (file_open_exec) refuses writers while it runs:
 * file_deny_write takes one more refusal (a fork of the address space),
 * file_allow_write drops one.
 */
void file_deny_write(struct file *f);
void file_allow_write(struct file *f);
/* The inode's size and mode for the ELF loader (0 or an errno). */
int file_getattr_kernel(struct file *f, uint64_t *size, unsigned *mode);

/* ---- descriptor tables (fd_table.c) -------------------------------------- */

/*
 * RLIMIT_NOFILE's default soft and hard values, and the most it may be
 * raised to (Linux's fs.nr_open, /proc/sys/fs/nr_open), a table's cap.
 */
#define FD_DEFAULT_MAX	1024
#define FD_HARD_MAX	65536
#define FD_NR_OPEN	1048576
#define FD_CLOEXEC_FLAG	1	/* FD_CLOEXEC, fcntl(2) */

struct fd_table;
struct fs_context;

/* For fork/clone/exec/exit (kernel/proc/): reference counted. */
struct fd_table *fd_table_create(void);
struct fd_table *fd_table_clone(struct fd_table *src);	/* fork: copy */
void fd_table_get(struct fd_table *t);			/* CLONE_FILES */
void fd_table_put(struct fd_table *t);			/* closes all at 0 */
void fd_table_close_on_exec(struct fd_table *t);

/* root, cwd and umask of a process (CLONE_FS shares them). */
struct fs_context *fs_context_create(void);		/* "/" and umask 022 */
struct fs_context *fs_context_clone(struct fs_context *src);
void fs_context_get(struct fs_context *c);
void fs_context_put(struct fs_context *c);

/*
 * On the current process's table: fd_get returns a referenced file
 * (file_put it) or NULL for a bad descriptor (-EBADF); fd_install puts f
 * in the lowest free slot (taking over the caller's reference) and
 * returns the descriptor, or -EMFILE; fd_cloexec is FD_CLOEXEC_FLAG or 0.
 */
struct file *fd_get(int fd);
int fd_install(struct file *f, unsigned fd_flags);

/* ---- character devices (chrdev.c) ---------------------------------------- */

/*
 * A driver claims minors [minor_first, minor_first + count) of major
 * (Linux's numbers, devices.txt: 1 mem, 4 tty, 5 tty/console/ptmx,
 * 136 pts). Opening a device node whose dev_t falls in the range calls
 * ops->open with f->ops already set to ops. 0, or -EBUSY if taken.
 */
int chrdev_register(unsigned major, unsigned minor_first, unsigned count,
		    const struct file_ops *ops, const char *name);
const struct file_ops *chrdev_lookup(dev_t dev);
/* The dev_t of a character device node the file was opened through, or 0. */
dev_t file_rdev(const struct file *f);

/* ---- block devices (blkdev.c) ------------------------------------------- */

/*
 * A block driver claims a whole major (8 sd, 259 blkext); its ops->open
 * finds the device by the node's dev_t. 0, or -EBUSY if taken.
 */
int blkdev_register(unsigned major, const struct file_ops *ops, const char *name);
const struct file_ops *blkdev_lookup(dev_t dev);

/*
 * Publishes /dev/<name> (name may contain one '/', as "pts/0") as a
 * node of mode (S_IFCHR | permissions) and dev, now if devfs exists,
 * otherwise when it is set up. 0 or an errno.
 */
int devfs_add_node(const char *name, unsigned mode, dev_t dev);
/* The same owned by uid:gid (a pty's slave belongs to who opened /dev/ptmx). */
int devfs_add_node_owned(const char *name, unsigned mode, dev_t dev, uint32_t uid, uint32_t gid);
int devfs_remove_node(const char *name);

/* ---- poll (poll.c) ------------------------------------------------------- */

/* The POLL* event bits are the ABI's: uapi/poll.h. */

/*
 * ops->poll calls poll_wait(pt, wq) for each queue it would wake on a
 * change; poll(2) sleeps until one of them is woken or the time runs out.
 */
struct poll_table;
void poll_wait(struct poll_table *pt, struct wait_queue *wq);

#endif /* FS_FILE_H */
