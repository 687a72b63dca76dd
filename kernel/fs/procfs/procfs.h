/*
 * procfs.h: the proc pseudo file system (proc(5)), internal interface.
 *
 *   super.c  the file system type, the generated tree and reading files
 *   pid.c    /proc/PID/: stat, status, cmdline, comm, environ, exe, cwd, fd/
 *            (magic links), fdinfo/, task/, maps, mountinfo
 *   sys.c    /proc/meminfo, uptime, loadavg, stat, cpuinfo, mounts...
 *   sysctl.c /proc/sys: the tunables, read and written as text
 *
 * Every file's text is generated when it is read, from the live kernel
 * state, into a procfs_buf; directories of processes appear and vanish
 * with the processes (super_ops.refresh_dir, called under vfs_lock
 * before any lookup or listing of a procfs directory).
 *
 * Locking: a struct process may be reaped and freed, and its files, fs
 * and vm put, whenever the tick switches to another task. So everything
 * that looks at another process (finding it, the pid files' show
 * functions, refreshing /proc/PID and its fd/) runs under process_lock,
 * from process_find to the last access, and never sleeps there:
 * process_lock is the process tree's lock (process.h), and exit
 * detaches those parts under it before putting them.
 */
#ifndef FS_PROCFS_PROCFS_H
#define FS_PROCFS_PROCFS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <basalt/compiler.h>
#include <uapi/stat.h>

struct process;
struct super_block;
struct dentry;
struct path;

/* A growing text buffer; overflowed means "generate again, bigger". */
struct procfs_buf {
	char *data;
	size_t len;
	size_t cap;
	bool overflowed;
};

void procfs_printf(struct procfs_buf *b, const char *fmt, ...) __printf(2, 3);
void procfs_write(struct procfs_buf *b, const void *data, size_t len);

/*
 * A file: its name, mode, and the function that writes its text. For a
 * /proc/PID file p is that process (never NULL); for the others NULL.
 * Returns 0 or an errno (-ESRCH for a process gone).
 */
/* A read-only file's mode (S_IFREG | r--r--r--). */
#define PROCFS_FILE_MODE	(S_IFREG | 0444)

struct procfs_entry {
	const char *name;
	unsigned mode;
	int (*show)(struct procfs_buf *b, struct process *p);
	/* A tunable's write (sysctl.c): the text written at offset 0; NULL: read-only. */
	int (*store)(const char *text);
	/* Instead of show, for files about one descriptor (fdinfo/N). */
	int (*show_fd)(struct procfs_buf *b, struct process *p, int fd);
};

/* What a generated directory holds, so that refresh_dir knows how to fill it. */
enum procfs_dir_kind {
	PROCFS_DIR_PLAIN,	/* fixed contents: /proc/sys and below */
	PROCFS_DIR_PID,		/* /proc/PID */
	PROCFS_DIR_TID,		/* /proc/PID/task/TID: like /proc/PID, without task/ */
	PROCFS_DIR_TASK,	/* /proc/PID/task: one TID directory per thread */
	PROCFS_DIR_FD,		/* /proc/PID/fd: a magic link per descriptor */
	PROCFS_DIR_FDINFO,	/* /proc/PID/fdinfo: a file per descriptor */
};

/* What a procfs regular file or directory inode's data points to. */
struct procfs_node {
	const struct procfs_entry *entry;	/* files; NULL for directories */
	int pid;				/* /proc/PID/...; 0 elsewhere */
	int fd;					/* fdinfo/N: N */
	enum procfs_dir_kind kind;		/* directories */
};

/* pid.c */
extern const struct procfs_entry procfs_pid_entries[];
extern const size_t procfs_pid_entry_count;
/*
 * Bring /proc/PID (with task/ unless tid_dir: /proc/PID/task/TID),
 * its task/, fd/ and fdinfo/ up to date (vfs_lock held).
 */
void procfs_refresh_pid_dir(struct dentry *dir, int pid, bool tid_dir);
void procfs_refresh_task_dir(struct dentry *dir, int pid);
void procfs_refresh_fd_dir(struct dentry *dir, int pid, bool info);
/*
 * super_ops.get_link (vfs.h) for fd/N, exe, cwd and root: the open
 * file's, the program's, the cwd's or the root's path.
 */
int procfs_get_link(struct dentry *link, struct path *out);

/* sys.c */
extern const struct procfs_entry procfs_sys_entries[];
extern const size_t procfs_sys_entry_count;

/* sysctl.c: makes /proc/sys and its files under root (at mount). */
void procfs_sysctl_init(struct dentry *root);
/* basalt.c: makes /proc/basalt (enosys) under root (at mount). */
void procfs_basalt_init(struct dentry *root);

/* super.c: helpers for pid.c (vfs_lock held) */
/* A file, directory or symlink named name under dir, made if missing. */
struct dentry *procfs_add_file(struct dentry *dir, const struct procfs_entry *e, int pid,
			       uint32_t uid, uint32_t gid);
struct dentry *procfs_add_dir(struct dentry *dir, const char *name, int pid, uint32_t uid,
			      uint32_t gid);
/* The same for a directory of kind with mode (S_IFDIR | permissions). */
struct dentry *procfs_add_kind_dir(struct dentry *dir, const char *name,
				   enum procfs_dir_kind kind, unsigned mode, int pid,
				   uint32_t uid, uint32_t gid);
/* A file about descriptor fd (fdinfo/N), named name. */
struct dentry *procfs_add_fd_file(struct dentry *dir, const char *name,
				  const struct procfs_entry *e, int pid, int fd,
				  uint32_t uid, uint32_t gid);
/* Creates or retargets the symlink name under dir; NULL: no text (ENAMETOOLONG). */
void procfs_set_link(struct dentry *dir, const char *name, const char *target);
/* Unlinks d and everything below it. */
void procfs_prune(struct dentry *d);

#endif /* FS_PROCFS_PROCFS_H */
