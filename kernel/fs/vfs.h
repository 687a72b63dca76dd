/*
 * vfs.h: the virtual file system's interface, grouped by the file that
 * defines each part (file.h holds the contract with drivers and
 * processes: struct file, descriptor tables, chrdev, devfs).
 *
 *   vfs/path.c      vfs_path_     splitting a path into components (pure)
 *   vfs/inode.c     inode_        inodes, permissions, attributes, time
 *   vfs/dentry.c    dentry_ path_ the name tree and references into it
 *   vfs/mount.c     vfs_mount_    the mount table, file system types, vfs_init
 *   vfs/namei.c     vfs_lookup    path resolution (path_resolution(7))
 *   vfs/dirops.c    vfs_          create, link, unlink, rename...
 *   vfs/at.c        vfs_*at       name operations by path and dirfd
 *   vfs/attr.c      vfs_stat...   stat, chmod, chown, utimens, access, truncate
 *   vfs/cwd.c       vfs_chdir...  cwd, chroot, getcwd, umask
 *   vfs/open.c      vfs_open      opening by path, file_open_exec
 *   vfs/file.c      file_ uio_    open file descriptions, read/write/seek
 *   vfs/readdir.c   vfs_readdir   directory listing (getdents64)
 *   vfs/fs_context.c fs_context_  root, cwd and umask of a process
 *   fd_table.c      fd_           descriptor tables (beyond file.h's part)
 *   chrdev.c        chrdev_       character device drivers by number
 *   tmpfs/          tmpfs_        the memory file system
 *   devfs/          devfs_        tmpfs for /dev, filled by drivers
 *   initramfs/unpack.c            the boot archive into the root tmpfs
 *
 * The model: every file system Basalt has lives in memory (tmpfs,
 * devtmpfs), so the dentry tree *is* each file system's directory
 * structure, as in Linux's ramfs and libfs: a directory's entries are
 * its dentry's children, and a dentry lives until it is unlinked and
 * nothing refers to it. A file system only stores inode contents
 * (tmpfs.c: file pages, symlink targets).
 *
 * Locking: one mutex, vfs_lock, guards the dentry tree, the mount table,
 * every inode's fields and contents and the reference counts of dentries,
 * inodes and mounts. Functions named vfs_* and inode_/dentry_ helpers
 * noted "locked" expect the caller to hold it; the public entry points
 * (vfs_lookup_path, vfs_open, the syscalls, file_*) take it themselves.
 * Never call file_put with vfs_lock held: the last put takes it.
 * Driver file ops (chrdev read/write/ioctl) run without vfs_lock.
 */
#ifndef FS_VFS_H
#define FS_VFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <fs/file.h>
#include <fs/vfs/path.h>
#include <basalt/list.h>
#include <sched/mutex.h>
#include <uapi/limits.h>
#include <uapi/mount.h>
#include <uapi/stat.h>

struct cred;
struct statfs;

extern struct mutex vfs_lock;

/* ---- vfs/path.c: components (pure, host tested): vfs/path.h ---------- */

/* ---- vfs/inode.c ---------------------------------------------------------- */

struct vfs_time {
	int64_t sec;
	uint32_t nsec;
};

struct super_block;

/*
 * An inode. ref counts dentries naming it plus open files and in-kernel
 * holders; at 0 the file system frees its contents (nlink is what stat
 * reports: names for files, 2 + subdirectories for directories).
 */
struct inode {
	uint64_t ino;
	unsigned mode;			/* S_IF* | permissions */
	uint32_t uid, gid;
	unsigned nlink;
	uint64_t size;
	uint64_t bytes_alloc;		/* contents stored (st_blocks) */
	dev_t rdev;			/* device nodes */
	struct vfs_time atime, mtime, ctime;
	unsigned ref;
	/*
	 * Linux's i_writecount (vfs_lock): > 0, the open file descriptions
	 * that may write it; < 0, minus the address spaces running it as a
	 * program (file_open_exec). Either side refuses the other: ETXTBSY.
	 */
	int write_count;
	struct super_block *sb;
	void *data;			/* the file system's: pages, target */
};

/* The permission bits access checks ask for (inode_permission). */
#define MAY_EXEC	1
#define MAY_WRITE	2
#define MAY_READ	4

/* A new inode of sb with one reference, the current time and the given ids. */
struct inode *inode_alloc(struct super_block *sb, unsigned mode, uint32_t uid,
			  uint32_t gid);
void inode_get(struct inode *ino);
void inode_put(struct inode *ino);
/* The realtime clock (the RTC at boot plus the monotonic clock). */
struct vfs_time vfs_now(void);
/* A read: updates atime with Linux's relatime rule (locked). */
void inode_accessed(struct inode *ino);
/* Sets ctime, and mtime too when modified (locked). */
void inode_touch(struct inode *ino, bool modified);
/*
 * Whether c may access ino with mask (MAY_*): owner, group, other bits,
 * root (fsuid 0) may do anything but execute a file with no x bit. 0 or
 * -EACCES.
 */
int inode_permission(const struct inode *ino, int mask, const struct cred *c);
bool cred_in_group(const struct cred *c, uint32_t gid);
/* Whether c owns ino or is root (chmod, utimes, sticky checks). */
bool inode_owner_or_root(const struct inode *ino, const struct cred *c);
/* Fills st from ino (locked). */
void inode_stat(const struct inode *ino, struct stat *st);
/* The credentials of the caller: the current process's, or root's. */
const struct cred *vfs_cred(void);

/* ---- vfs/dentry.c --------------------------------------------------------- */

/*
 * A name in a directory. ref: 1 while linked in the tree, plus one per
 * child (children hold their parent), per path held (cwd, root, open
 * files) and per mount on it. Dead once unlinked; freed at ref 0.
 */
struct dentry {
	struct dentry *parent;		/* itself for a file system's root */
	struct inode *inode;
	struct list_node children;	/* struct dentry.sibling, in cookie order */
	struct list_node sibling;
	uint64_t cookie;		/* readdir position in the parent */
	uint64_t next_cookie;		/* directories: for the next child */
	unsigned ref;
	unsigned mounted;		/* mounts whose mountpoint this is */
	bool dead;
	size_t name_len;
	char *name;			/* NUL-terminated, kmalloc'd */
};

struct vfs_mount;

struct path {
	struct vfs_mount *mnt;
	struct dentry *dentry;
};

/* A file system root dentry for ino (which it takes over). */
struct dentry *dentry_alloc_root(struct inode *ino);
/* The child of dir called name, or NULL (locked; refreshes generated dirs). */
struct dentry *dentry_find(struct dentry *dir, const char *name, size_t len);
/* The same without the refresh, for the file system that generates dir. */
struct dentry *dentry_find_cached(struct dentry *dir, const char *name, size_t len);
/*
 * Links a new dentry name -> ino under dir (taking a reference on ino),
 * updating link counts and times. NULL when out of memory.
 */
struct dentry *dentry_link(struct dentry *dir, const char *name, size_t len,
			   struct inode *ino);
/* Unlinks d from its directory, updating link counts and times (locked). */
void dentry_unlink(struct dentry *d);
void dentry_get(struct dentry *d);
void dentry_put(struct dentry *d);
void path_get(const struct path *p);
void path_put(const struct path *p);
bool path_equal(const struct path *a, const struct path *b);
/*
 * Writes the path of p as seen from root into buf (size bytes, NUL
 * included); returns the length or -ENAMETOOLONG/-ERANGE, -ENOENT if
 * p was unlinked (locked).
 */
long path_name(const struct path *p, const struct path *root, char *buf, size_t size);
/*
 * The same for a path that may have been unlinked (an open file's): the
 * name it had, to which /proc/PID/fd adds " (deleted)" as Linux's d_path
 * does (locked). A pseudo file system's file (a pipe) gets the name its
 * super_ops.dname gives, "pipe:[N]".
 */
long path_name_any(const struct path *p, const struct path *root, char *buf, size_t size);

/* ---- vfs/mount.c ---------------------------------------------------------- */

/* What a file system does; every one lives in memory (see the top). */
struct super_ops {
	/* Frees ino->data when the last reference goes (may be NULL). */
	void (*evict)(struct inode *ino);
	/* Regular file contents; locked. */
	long (*read)(struct inode *ino, struct uio *u, uint64_t pos);
	long (*write)(struct inode *ino, struct uio *u, uint64_t pos);
	int (*truncate)(struct inode *ino, uint64_t size);
	/* fallocate(2) mode 0: reserve [off, off + len), grow the size. */
	int (*allocate)(struct inode *ino, uint64_t off, uint64_t len);
	/*
	 * The frame (mm/vm.h) that holds page index of a regular file's
	 * contents, with a reference for the caller; 0 if there is none (a
	 * hole, or a file system that keeps no frames). Called WITHOUT
	 * vfs_lock (from page faults, which a locked read or write may take):
	 * the file system guards its own page index. NULL: none.
	 */
	uint64_t (*get_page)(struct inode *ino, uint64_t index);
	/* SEEK_DATA/SEEK_HOLE: the next data (or hole) offset >= off, or -1. */
	int64_t (*seek_data)(struct inode *ino, uint64_t off, bool hole);
	/* Symlink targets: stores a copy (locked). */
	int (*set_link)(struct inode *ino, const char *target, size_t len);
	/* Fills f_blocks, f_bfree... of st. */
	void (*statfs)(struct super_block *sb, struct statfs *st);
	/*
	 * Generated directories (procfs): brings dir's children up to date
	 * before a lookup or a listing sees them (locked). NULL: the tree is
	 * the truth.
	 */
	void (*refresh_dir)(struct dentry *dir);
	/*
	 * Magic links (procfs's /proc/PID/fd/N, Linux's proc_fd_link): the
	 * path that following the link d jumps to instead of reading its
	 * text (locked): 0 and *out (not referenced: the open file that
	 * holds it puts it only under vfs_lock), 1 for an ordinary link
	 * (follow its text), or an errno. NULL: every link is text.
	 */
	int (*get_link)(struct dentry *d, struct path *out);
	/*
	 * Files with no name in any tree (pipefs): the name path_name_any
	 * gives them, Linux's d_dname ("pipe:[N]"); the length or an errno.
	 */
	long (*dname)(struct dentry *d, char *buf, size_t size);
	/*
	 * The file system makes its own names (procfs): creating, linking,
	 * renaming and removing in it give EPERM, as Linux's missing inode
	 * operations do.
	 */
	bool fixed_tree;
};

struct fs_type {
	const char *name;		/* mount(2)'s filesystemtype */
	/* A new super_block with its root dentry, or an errno. */
	int (*mount)(const struct fs_type *type, const char *options,
		     struct super_block **out);
	/* Frees the file system after its last mount went away. */
	void (*kill)(struct super_block *sb);
};

struct super_block {
	const struct fs_type *type;
	const struct super_ops *ops;
	struct dentry *root;
	uint32_t dev;			/* st_dev: an anonymous device 0:N */
	uint64_t next_ino;
	uint64_t bytes_used;		/* contents, in whole pages */
	uint64_t bytes_max;
	uint64_t inodes;		/* live inodes */
	uint64_t inodes_max;
	unsigned mounts;		/* vfs_mounts of this sb */
	unsigned long magic;		/* statfs f_type */
	bool dying;			/* killed: freed with its last inode */
	void *priv;
};

/* The per-mount flags Basalt keeps and enforces (uapi/mount.h). */
#define VFS_MOUNT_FLAGS	(MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)

/* A mounted file system; ref: the mount table's, paths inside, children. */
struct vfs_mount {
	struct super_block *sb;
	struct dentry *root;
	struct vfs_mount *parent;	/* NULL for the root mount */
	struct dentry *mountpoint;	/* in parent */
	struct list_node link;		/* on the mount table */
	unsigned ref;
	unsigned flags;			/* VFS_MOUNT_FLAGS of mount(2) */
	bool attached;
	uint64_t id;			/* statx stx_mnt_id */
};

/*
 * Mounts tmpfs at / and devtmpfs at /dev (creating the directory).
 * Idempotent: a second call returns 0.
 */
int vfs_init(void);
bool vfs_ready(void);
/* The global root ("/" of kernel threads and new processes), referenced. */
void vfs_root(struct path *out);
/* The mounted file system on p, the topmost one, if any (locked). */
void vfs_follow_mounts(struct path *p);
/*
 * Mounts a new file system of type fstype on the directory at (locked,
 * checks done by the caller). -ENODEV for an unknown type.
 */
int vfs_mount_at(const struct path *at, const char *fstype, const char *options,
		 unsigned flags);
/* Unmounts the mount whose root p is: -EINVAL if not one, -EBUSY (locked). */
int vfs_umount(const struct path *p, unsigned flags);
struct vfs_mount *vfs_mount_get(struct vfs_mount *m);
void vfs_mount_put(struct vfs_mount *m);
const struct fs_type *vfs_find_fs_type(const char *name);
/* A fresh anonymous device number for a super_block (0:N, as Linux's). */
uint32_t vfs_anon_dev(void);
/*
 * An internal mount of sb, never in the mount table (Linux's kern_mount,
 * for pipefs): one reference, a mount id of its own; NULL if out of
 * memory (locked).
 */
struct vfs_mount *vfs_kern_mount(struct super_block *sb);

/*
 * Calls fn on every mount, oldest first / on every file system type,
 * until it returns non-zero (returned); locked.
 */
int vfs_for_each_mount(int (*fn)(const struct vfs_mount *m, void *arg), void *arg);
int vfs_for_each_fs_type(int (*fn)(const struct fs_type *type, void *arg), void *arg);

/* mount(2)/umount2(2) by path (root only; checks inside; takes vfs_lock). */
int vfs_mount_path(const char *target, const char *fstype, unsigned long flags,
		   const char *options);
int vfs_umount_path(const char *target, int flags);

/* ---- vfs/namei.c: lookup ----------------------------------------------- */

/* Lookup flags. */
#define LOOKUP_FOLLOW		0x1	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY	0x2	/* the result must be a directory */
#define LOOKUP_EMPTY		0x4	/* "" means the start (AT_EMPTY_PATH) */
#define LOOKUP_PARENT		0x8	/* stop at the last component's directory */

/*
 * What a lookup starts from and returns. For LOOKUP_PARENT, path is the
 * directory and last/last_len the final component (last_len 0 for "/");
 * trailing_slash says the path ended in '/'.
 */
struct nameidata {
	struct path root;		/* the process's root: ".." stops here */
	struct path path;
	const char *last;		/* points into the caller's buffer */
	size_t last_len;
	bool trailing_slash;
	unsigned last_type;		/* LAST_NORM, LAST_DOT, LAST_DOTDOT, LAST_ROOT */
	char *buf;			/* PATH_MAX scratch for symlink expansion */
	char *buf2;
};

#define LAST_NORM	0
#define LAST_DOT	1
#define LAST_DOTDOT	2
#define LAST_ROOT	3

/*
 * Resolves path (a kernel string) from start (the cwd or a dirfd's
 * directory; root for ".." and absolute paths) (locked). The result
 * nd->path is not referenced: it is valid while vfs_lock is held.
 * Errors: -ENOENT, -ENOTDIR, -EACCES, -ELOOP, -ENAMETOOLONG.
 */
int vfs_lookup(struct nameidata *nd, const struct path *start, const char *path,
	       unsigned flags);
/* Frees nd's buffers. */
void vfs_lookup_done(struct nameidata *nd);
/*
 * Following the link d: 0 with the path a magic link jumps to (super_ops
 * get_link), 1 for a link to follow by its text, or an errno (locked).
 */
int vfs_get_link(struct dentry *d, struct path *out);
/* Like vfs_lookup from the caller's cwd, returning a referenced path. */
int vfs_lookup_path(const char *path, unsigned flags, struct path *out);

/* ---- vfs/dirops.c: changing the tree (locked; permission checks inside) -- */

/* Creates last in dir (mode with S_IF*; rdev for devices); the new dentry. */
int vfs_create(struct path *dir, const char *name, size_t len, unsigned mode,
	       dev_t rdev, struct dentry **out);
int vfs_symlink(struct path *dir, const char *name, size_t len, const char *target);
int vfs_link(struct path *old, struct path *dir, const char *name, size_t len);
int vfs_unlink(struct path *dir, const char *name, size_t len, bool rmdir);
int vfs_rename(struct path *odir, const char *oname, size_t olen,
	       struct path *ndir, const char *nname, size_t nlen, unsigned flags);
/* truncate(2)'s work on an inode (permission checked by the caller). */
int vfs_truncate(struct inode *ino, uint64_t size);

/* ---- vfs/at.c: by path, with a dirfd (kernel strings) ------------------- */

/*
 * vfs_lookup from dirfd (AT_FDCWD or a directory descriptor, whose file
 * goes to *held: file_put it after dropping vfs_lock) (locked).
 */
int vfs_at_lookup(int dirfd, const char *path, unsigned flags, struct nameidata *nd,
		  struct file **held);
int vfs_openat(int dirfd, const char *path, int flags, unsigned mode, struct file **out);
int vfs_mknodat(int dirfd, const char *path, unsigned mode, dev_t dev);
int vfs_mkdirat(int dirfd, const char *path, unsigned mode);
int vfs_unlinkat(int dirfd, const char *path, int flags);
int vfs_renameat2(int odirfd, const char *oldpath, int ndirfd, const char *newpath,
		  unsigned flags);
int vfs_linkat(int odirfd, const char *oldpath, int ndirfd, const char *newpath,
	       int flags);
int vfs_symlinkat(const char *target, int dirfd, const char *path);
/* Copies at most size bytes of the target (no NUL); the count or errno. */
long vfs_readlinkat(int dirfd, const char *path, char *buf, size_t size);

/* ---- vfs/attr.c: attributes by path or file -------------------------------- */

/* utimensat's per-time request. */
enum vfs_utime_how { VFS_UTIME_SET, VFS_UTIME_NOW, VFS_UTIME_OMIT };
struct vfs_utime {
	enum vfs_utime_how how;
	struct vfs_time t;
};

/* flags: AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH...; mnt_id may be NULL. */
int vfs_statat(int dirfd, const char *path, int flags, struct stat *st, uint64_t *mnt_id);
int vfs_fstat(struct file *f, struct stat *st);
int vfs_chmodat(int dirfd, const char *path, unsigned mode, int flags);
int vfs_fchmod(struct file *f, unsigned mode);
int vfs_chownat(int dirfd, const char *path, uint32_t uid, uint32_t gid, int flags);
int vfs_fchown(struct file *f, uint32_t uid, uint32_t gid);
/* times: [0] atime, [1] mtime, or NULL for both now. */
int vfs_utimensat(int dirfd, const char *path, const struct vfs_utime *times, int flags);
int vfs_futimens(struct file *f, const struct vfs_utime *times);
int vfs_accessat(int dirfd, const char *path, int mode, int flags);
int vfs_truncate_path(const char *path, int64_t len);
int vfs_ftruncate(struct file *f, int64_t len);
/* fallocate(2): mode 0 only (-EOPNOTSUPP otherwise). */
int vfs_fallocate(struct file *f, int mode, int64_t off, int64_t len);
int vfs_statfs_path(const char *path, struct statfs *st);
int vfs_fstatfs(struct file *f, struct statfs *st);

/* ---- vfs/open.c ------------------------------------------------------------ */

/* Opens path from start with open(2) flags and mode (umask applied). */
int vfs_open(const struct path *start, const char *path, int flags, unsigned mode,
	     struct file **out);
/*
 * For execve's loader: opens path (following links) if it is a regular
 * file the caller may execute, readable with file_read_kernel even when
 * its mode has no read bit, as Linux's open_exec. -EACCES, -ENOENT...,
 * -ETXTBSY while it is open for writing. From then on the file refuses
 * writers (write_count) until file_allow_write: the caller calls it when
 * it drops the file unused, the address space that runs it (vm.h's
 * exe_file) when it goes.
 */
int file_open_exec(const char *path, struct file **out);
/*
 * RLIMIT_FSIZE (write(2), truncate(2): EFBIG): the bytes a file may still
 * grow by from pos, INT64_MAX without a limit; at or past the limit
 * SIGXFSZ goes to the caller and -EFBIG comes back, as Linux's
 * generic_write_check_limits.
 */
int64_t vfs_fsize_room(uint64_t pos);
/* Opens an already resolved path (referenced by the new file). */
int vfs_open_path(const struct path *p, int flags, struct file **out);

/* ---- vfs/file.c ------------------------------------------------------------ */

long file_lseek(struct file *f, int64_t off, int whence);
long file_pread(struct file *f, struct uio *u, uint64_t pos);
long file_pwrite(struct file *f, struct uio *u, uint64_t pos);
/*
 * For execve: 0 if f is a regular file the caller may execute (x
 * permission; root needs one x bit), -EACCES otherwise.
 */
int file_check_exec(struct file *f);
/* The ops regular files and directories of every file system use. */
extern const struct file_ops vfs_reg_file_ops;
extern const struct file_ops vfs_dir_file_ops;

/* ---- fd_table.c: beyond file.h, for the syscalls --------------------------- */

/*
 * Calls fn for each open descriptor of t until it returns non-zero, with
 * slots_lock instead of t's mutex: for a reader from another process
 * (procfs) that found t under process_lock, which the owner may tear down
 * as soon as it runs again. fn must not sleep.
 */
int fd_table_for_each_atomic(struct fd_table *t,
			     int (*fn)(int fd, struct file *f, void *arg), void *arg);
/* The same reader's view of fd's FD_CLOEXEC_FLAG (or 0), or -EBADF. */
int fd_table_fd_flags_atomic(struct fd_table *t, int fd);
/* fd_install at the lowest free slot >= min (fcntl F_DUPFD). */
int fd_install_from(struct file *f, unsigned min, unsigned fd_flags);
/* close(2): 0 or -EBADF. */
int fd_close(int fd);
/*
 * close_range(2)'s work on the caller's table: closes every open
 * descriptor in [first, last], or marks them close-on-exec if cloexec.
 */
int fd_close_range(unsigned first, unsigned last, bool cloexec);
/* dup2/dup3's work: newfd names oldfd's file (closing what it had). */
int fd_dup_to(int oldfd, int newfd, unsigned fd_flags);
/* FD_CLOEXEC_FLAG or 0 of a descriptor, or -EBADF; setting likewise. */
int fd_get_flags(int fd);
int fd_set_flags(int fd, unsigned fd_flags);
/*
 * For PID 1 (process_spawn_init): puts f at descriptors 0, 1 and 2 of t
 * (any table, not only the current one), taking over the caller's
 * reference, as Linux's console_on_rootfs does with /dev/console:
 *	file_open_kernel("/dev/console", O_RDWR, 0, &f);
 *	fd_table_install_stdio(p->files, f);
 */
#define FD_STDIO_COUNT	3
int fd_table_install_stdio(struct fd_table *t, struct file *f);

/* ---- vfs/readdir.c -------------------------------------------------------- */

/* getdents64 into u from the directory file f; bytes written or errno. */
long vfs_readdir(struct file *f, struct uio *u);

/* ---- vfs/fs_context.c ------------------------------------------------------ */

struct fs_context {
	unsigned ref;
	struct path root;
	struct path cwd;
	unsigned umask;
};

/*
 * The root, cwd and umask of the current process, copied and referenced
 * (path_put both); kernel threads get the global root.
 */
void fs_context_current(struct path *root, struct path *cwd, unsigned *umask);
/* The current process's context, or NULL (kernel threads). */
struct fs_context *fs_context_of_current(void);

/* ---- vfs/cwd.c ------------------------------------------------------------ */

int vfs_chdir(const char *path);
int vfs_fchdir(struct file *f);
int vfs_chroot(const char *path);
/* getcwd(2) into a kernel buffer: the length without the NUL, or errno. */
long vfs_getcwd(char *buf, size_t size);
/*
 * The path f was opened by, as the caller's root sees it (execve records
 * it for /proc/PID/exe): the length, or -ENOENT, -ERANGE.
 */
long vfs_file_path(struct file *f, char *buf, size_t size);
/* umask(2): sets the mask, returns the old one. */
unsigned vfs_umask(unsigned mask);

/* ---- tmpfs/, devfs/, initramfs/ ------------------------------------------ */

extern const struct fs_type tmpfs_type;
extern const struct super_ops tmpfs_super_ops;
/* Pages of file contents every tmpfs mount holds (/proc/meminfo Shmem). */
uint64_t tmpfs_total_pages(void);
/* A new tmpfs super_block (devfs uses it too), options as tmpfs(5). */
int tmpfs_fill_super(const struct fs_type *type, const char *options,
		     unsigned root_mode, struct super_block **out);
void tmpfs_kill_super(struct super_block *sb);
extern const struct fs_type devtmpfs_type;
/* procfs/: the process information pseudo file system, "proc". */
extern const struct fs_type procfs_type;
/* devfs.c: called by vfs_init once /dev is mounted, publishes pending nodes. */
int devfs_attach(const struct path *dev);

/*
 * Unpacks a cpio newc archive (gzip'd or not; several may follow one
 * another, as Linux allows) into the root file system. 0, or an errno
 * with a log message saying what was wrong; files unpacked before the
 * error stay.
 */
int initramfs_unpack(const void *data, size_t size);

#endif /* FS_VFS_H */
