/*
 * procfs.h: the proc pseudo file system (proc(5)), internal interface.
 *
 *   super.c    the file system type, its inodes, the fixed tree made at
 *              mount, reading and writing a file's text, revalidation
 *   root.c     /proc itself: the fixed names, PID directories looked up
 *              on demand and listed in pid order, self and thread-self
 *   pid.c      the text of /proc/PID's files: stat, status, cmdline,
 *              comm, environ, maps, mountinfo, fdinfo/N
 *   pid_dir.c  /proc/PID/, /proc/PID/task/ and task/TID/: lookup, listing
 *   fd.c       fd/ and fdinfo/, and the magic links fd/N, exe, cwd, root
 *   sys.c      /proc/meminfo, uptime, loadavg, stat, cpuinfo, mounts...
 *   sysctl.c   /proc/sys: the tunables, read and written as text
 *   basalt.c   /proc/basalt: what Basalt tells about itself
 *   block.c    /proc/partitions
 *
 * The model is Linux's (fs/proc/base.c, fd.c, root.c): the fixed names
 * (/proc/meminfo, sys/..., self) are pinned dentries made at mount; a
 * process's names are made by inode_operations.lookup when someone asks
 * for them, cached in the dentry cache like any other name, and checked
 * again by dentry_operations.revalidate each time the cache serves them:
 * once the process (or thread, or descriptor) is gone the dentry is
 * stale and the VFS drops it, so a reaped pid gives ENOENT. Listings
 * (file_ops.iterate) come from the live state, not from the cache, with
 * positions that are stable cookies: a pid's position is
 * PROCFS_PID_POS_BASE + pid, a descriptor's 2 + fd, a thread's
 * PROCFS_TID_POS_BASE + tid, so a listing never repeats nor skips an
 * entry while processes come and go. Every file's text is generated when
 * it is read, into a procfs_buf.
 *
 * Inode numbers of a process's names are computed from what they name
 * (procfs_pid_ino): the same name always has the same number, so that
 * readdir's d_ino matches stat's st_ino without making inodes to list.
 *
 * Locking: a struct process may be reaped and freed, and its files, fs
 * and vm put, as soon as its parent runs. So everything that looks at
 * another process (finding it, the show functions, revalidation) runs
 * under tasklist_lock (process.h), from process_find_locked to the last
 * access, and never sleeps there (no large kmalloc, no mutex, no copy
 * to user space): exit detaches those parts under it before putting
 * them, and process_release unlinks under it. What must outlive the
 * section is referenced inside it (a file by fd_table_get_atomic, the
 * fs context, the address space by vm_get) and used after it: the
 * VFS's locks (path names) are taken there, not under tasklist_lock.
 */
#ifndef FS_PROCFS_PROCFS_H
#define FS_PROCFS_PROCFS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <basalt/compiler.h>
#include <fs/vfs.h>
#include <uapi/stat.h>

struct process;
struct vm_space;

/* A growing text buffer; overflowed means "generate again, bigger". */
struct procfs_buf {
	char *data;
	size_t len;
	size_t cap;
	bool overflowed;
};

void procfs_printf(struct procfs_buf *b, const char *fmt, ...) __printf(2, 3);
void procfs_write(struct procfs_buf *b, const void *data, size_t len);

/* mounts.c: /proc/mounts and /proc/PID/mounts, /proc/PID/mountinfo (the reader's view). */
int procfs_show_mounts(struct procfs_buf *b, struct process *p);
int procfs_show_mountinfo(struct procfs_buf *b, struct process *p);

/* A read-only file's mode (S_IFREG | r--r--r--). */
#define PROCFS_FILE_MODE	(S_IFREG | 0444)
#define PROCFS_DIR_MODE		(S_IFDIR | 0555)
#define PROCFS_LINK_MODE	(S_IFLNK | 0777)

/*
 * A file: its name, mode, and the function that writes its text. For a
 * /proc/PID file p is that process (never NULL), called under
 * tasklist_lock; for the others NULL. Returns 0 or an errno.
 */
struct procfs_entry {
	const char *name;
	unsigned mode;
	int (*show)(struct procfs_buf *b, struct process *p);
	/* A tunable's write (sysctl.c): the text written at offset 0; NULL: read-only. */
	int (*store)(const char *text);
	/*
	 * A /proc/PID file whose text is not about the process (mountinfo:
	 * the reader's view): show runs after checking the process is
	 * there, without tasklist_lock, with p NULL.
	 */
	bool not_of_process;
	/*
	 * Instead of show, a /proc/PID file about the address space (maps):
	 * called after tasklist_lock is dropped, on a reference to the
	 * space (vm_get), once procfs_may_access allowed it; it may sleep.
	 */
	int (*show_vm)(struct procfs_buf *b, struct vm_space *vm);
};

/* What a procfs inode is. */
enum procfs_kind {
	PROCFS_ROOT,		/* /proc */
	PROCFS_PLAIN_DIR,	/* /proc/sys and below, /proc/basalt: fixed */
	PROCFS_FILE,		/* a file of entry (global or of a process) */
	PROCFS_SELF_LINK,	/* /proc/self: the reader's pid */
	PROCFS_THREAD_SELF_LINK, /* /proc/thread-self: PID/task/TID of the reader */
	PROCFS_PID_DIR,		/* /proc/PID (or /proc/TID of a non-leader thread) */
	PROCFS_TID_DIR,		/* /proc/PID/task/TID: like /proc/PID, without task/ */
	PROCFS_TASK_DIR,	/* /proc/PID/task */
	PROCFS_FD_DIR,		/* /proc/PID/fd */
	PROCFS_FDINFO_DIR,	/* /proc/PID/fdinfo */
	PROCFS_FD_LINK,		/* fd/N: magic */
	PROCFS_FDINFO_FILE,	/* fdinfo/N */
	PROCFS_EXE_LINK,	/* exe, cwd, root: magic */
	PROCFS_CWD_LINK,
	PROCFS_ROOT_LINK,
};

/*
 * What a procfs inode names; fixed from its making. pid 0: nothing of a
 * process (the fixed tree). A name of a process stays true while the
 * process with that pid is the one that was found (start_ns: a reused
 * pid is another process), and tid (if not 0) is one of its threads.
 */
struct procfs_node {
	enum procfs_kind kind;
	const struct procfs_entry *entry;	/* PROCFS_FILE */
	int pid;
	int tid;
	int fd;					/* fd/N, fdinfo/N */
	bool alias;				/* below /proc/TID of a non-leader */
	uint64_t start_ns;
};

/* A procfs inode (super_operations.alloc_inode). */
struct procfs_inode {
	struct inode vfs;
	struct procfs_node node;
};

static inline struct procfs_node *procfs_node(struct inode *ino)
{
	return &container_of(ino, struct procfs_inode, vfs)->node;
}

/*
 * Listing positions (cookies), after "." and ".." (0 and 1): /proc's
 * fixed names take the small ones (their dentries' cookies), pids come
 * at PROCFS_PID_POS_BASE + pid, far above; in task/ a thread is at
 * PROCFS_TID_POS_BASE + tid; in fd/ and fdinfo/ a descriptor at
 * PROCFS_FD_POS_BASE + fd; in /proc/PID the names at 2 + their index.
 */
#define PROCFS_PID_POS_BASE	(1ULL << 32)
#define PROCFS_TID_POS_BASE	2
#define PROCFS_FD_POS_BASE	2
#define PROCFS_NAME_MAX		12	/* "2147483647" and the NUL */

/* super.c */
extern struct super_block *procfs_sb;
extern const struct inode_operations procfs_file_iops;
extern const struct file_ops procfs_file_fops;
/* setattr of every procfs inode: no mode or owner changes (EPERM), as Linux's proc_setattr. */
int procfs_setattr(struct dentry *d, const struct vfs_iattr *attr);
/* read(2) of a directory: EISDIR, as Linux's generic_read_dir. */
long procfs_dir_read(struct file *f, struct uio *u, uint64_t *pos);
/*
 * A new inode of kind for node's process (or none), its i_op and i_fop
 * set by kind, its number computed (procfs_pid_ino) when slot is not 0.
 */
struct inode *procfs_new_inode(unsigned mode, uint32_t uid, uint32_t gid,
			       const struct procfs_node *node, unsigned slot);
/* The inode number of a process's name: (pid, tid, slot, fd) and alias. */
uint64_t procfs_pid_ino(const struct procfs_node *node, unsigned slot);
/*
 * The process node names, or NULL if it is gone (a reused pid, a thread
 * that exited); tasklist_lock held.
 */
struct process *procfs_find(const struct procfs_node *node);
/* Whether the thread tid belongs to p (tasklist_lock held). */
bool procfs_has_thread(struct process *p, int tid);
/* A decimal name (a pid, tid or descriptor): its value, or -1. */
int procfs_name_value(const char *name, size_t len);
/*
 * Made at mount (the dir's i_rwsem taken inside): a pinned name for a
 * file of e, a fixed directory, or a link of kind; NULL if out of memory.
 */
struct dentry *procfs_add_file(struct dentry *dir, const struct procfs_entry *e);
struct dentry *procfs_add_dir(struct dentry *dir, const char *name);
struct dentry *procfs_add_link(struct dentry *dir, const char *name, enum procfs_kind kind);

/*
 * The inode numbers' slots (procfs_pid_ino): a directory of a process
 * is 0 (its kind and tid tell them apart), a name of /proc/PID its
 * index in procfs_pid_names + 1, an fd link or fdinfo file these.
 */
#define PROCFS_SLOT_DIR		0
#define PROCFS_SLOT_FD_LINK	62
#define PROCFS_SLOT_FDINFO	63

/* root.c */
extern const struct inode_operations procfs_root_iops;
extern const struct file_ops procfs_root_fops;
extern const struct inode_operations procfs_self_link_iops;
/* Records the last fixed name's cookie (after the mount made them). */
void procfs_root_fixed_done(struct dentry *root);

/* pid.c */
extern const struct procfs_entry procfs_pid_entries[];
extern const size_t procfs_pid_entry_count;
/*
 * Whether the caller may follow p's magic links and read its maps and
 * fdinfo (tasklist_lock held).
 */
bool procfs_may_access(const struct process *p);
/*
 * fdinfo/N's text for descriptor fd of the process node names (takes
 * tasklist_lock itself); 0 or an errno.
 */
int procfs_show_fdinfo(struct procfs_buf *b, const struct procfs_node *node);
/*
 * The name of target as the reader sees it, even unlinked (then with
 * " (deleted)", as Linux's d_path) or nameless (pipefs: "pipe:[N]"):
 * its length or an errno (-ENAMETOOLONG). Not under tasklist_lock.
 */
long procfs_path_text(const struct path *target, char *buf, size_t size);

/* pid_dir.c */
extern const struct inode_operations procfs_pid_iops;
extern const struct file_ops procfs_pid_fops;
extern const struct inode_operations procfs_task_iops;
extern const struct file_ops procfs_task_fops;
/*
 * The inode of /proc/PID (kind PROCFS_PID_DIR) or task/TID (PROCFS_TID_DIR)
 * for node (its pid, tid, start_ns), owned by uid and gid.
 */
struct inode *procfs_pid_dir_inode(const struct procfs_node *node, uint32_t uid,
				   uint32_t gid);

/* fd.c */
extern const struct inode_operations procfs_fd_iops;
extern const struct file_ops procfs_fd_fops;
extern const struct inode_operations procfs_magic_link_iops;
/*
 * The mode of fd/N's link for a file opened with flags: r-x if it reads,
 * -wx if it writes, as Linux's tid_fd_update_inode.
 */
unsigned procfs_fd_link_mode(unsigned flags);

/* sys.c */
extern const struct procfs_entry procfs_sys_entries[];
extern const size_t procfs_sys_entry_count;

/* block.c: /proc/partitions (not of a process: p is NULL). */
int procfs_show_partitions(struct procfs_buf *b, struct process *p);
int procfs_show_diskstats(struct procfs_buf *b, struct process *p);

/* sysctl.c: makes /proc/sys and its files under root (at mount). */
void procfs_sysctl_init(struct dentry *root);
/* basalt.c: makes /proc/basalt (enosys) under root (at mount). */
void procfs_basalt_init(struct dentry *root);

#endif /* FS_PROCFS_PROCFS_H */
