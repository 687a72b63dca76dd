/*
 * vfs.h: the virtual file system's interface, grouped by the file that
 * defines each part (file.h holds the contract with drivers and
 * processes: struct file, descriptor tables, chrdev, devfs).
 *
 *   vfs/path.c      vfs_path_     splitting a path into components (pure)
 *   vfs/inode.c     inode_        inodes: the inode cache, its LRU, times,
 *                                 permissions, write access
 *   vfs/dentry.c    dentry_       the dentry cache: hash, tree, LRU, shrinker
 *   vfs/d_path.c    path_name     the name of a path, as Linux's d_path
 *   vfs/mount.c     vfs_mount_    the mount table, file system types, vfs_init
 *   vfs/super.c     vfs_sb_       super blocks, sync(2)
 *   vfs/writeback.c inode_writeback  dirty inodes, the flusher thread
 *   vfs/namei.c     vfs_lookup    path resolution (path_resolution(7))
 *   vfs/dirops.c    vfs_          create, link, unlink, rename... by dentry
 *   vfs/at.c        vfs_*at       name operations by path and dirfd
 *   vfs/attr.c      vfs_stat...   stat, chmod, chown, utimens, access, truncate
 *   vfs/cwd.c       vfs_chdir...  cwd, chroot, getcwd, umask
 *   vfs/open.c      vfs_open      opening by path, file_open_exec
 *   vfs/file.c      file_ uio_    open file descriptions, read/write/seek
 *   vfs/readdir.c   vfs_readdir   getdents64 over file_ops.iterate
 *   vfs/libfs.c     simple_       helpers for memory file systems (tmpfs,
 *                                 procfs): pinned dentries, dcache readdir
 *   vfs/fs_context.c fs_context_  root, cwd and umask of a process
 *   fd_table.c      fd_           descriptor tables (beyond file.h's part)
 *   chrdev.c        chrdev_       character device drivers by number
 *   tmpfs/          tmpfs_        the memory file system
 *   devfs/          devfs_        tmpfs for /dev, filled by drivers
 *   procfs/         procfs_       /proc, looked up on demand
 *   initramfs/unpack.c            the boot archive into the root tmpfs
 *
 * The model (Linux's): a file system implements three tables of
 * operations. super_operations make and drop its inodes and report on
 * the whole file system; inode_operations act on names and attributes
 * (lookup, create, unlink, rename, setattr...); file_operations (file.h's
 * struct file_ops) act on an open file (read, write, iterate, poll...).
 * The VFS above them keeps two caches:
 *
 *  - the dentry cache: every name looked up is a dentry, found again by
 *    (parent, name) in a hash table without asking the file system. A
 *    miss asks the parent directory's inode_operations.lookup, which
 *    fills the dentry with an inode, or leaves it negative ("no such
 *    name", cached too). A dentry nobody references stays cached on an
 *    LRU list until memory is short: dentry_shrink frees the oldest. A
 *    memory file system (tmpfs) pins its dentries instead (one more
 *    reference while the name exists): there the cache is the only copy
 *    of the directory, as in Linux's ramfs and shmem.
 *  - the inode cache: a file system with inode numbers on disk finds its
 *    inodes by (super block, number) (inode_iget); an inode nobody
 *    references but that still has links stays on an LRU list, also
 *    shrunk under memory pressure. Memory file systems make unhashed
 *    inodes, freed with their last reference.
 *
 * Locking (docs/locking.md has the whole order):
 *  - rename_lock (mutex, dirops.c): one rename across directories at a
 *    time, so that "is the target below the source" stays true while
 *    both directories are locked (Linux's s_vfs_rename_mutex).
 *  - inode.i_rwsem (rwsem): a directory's entries (written by create,
 *    unlink, rename, and by a lookup that fills the cache; read by
 *    readdir), a regular file's contents and size (written by write and
 *    truncate, read by read), and every inode's attributes (written by
 *    setattr). Parent before child; two unrelated directories (rename)
 *    in address order. Never taken under a spinlock.
 *  - namespace_lock (mutex, mount.c): mount(2) and umount(2).
 *  - mount_lock (spinlock, mount.c): the mount list, dentry.mounted and
 *    super blocks' mount counts (a mount's reference count is atomic).
 *  - dcache_lock (spinlock, dentry.c): the dentry hash, parent/child
 *    links, names, flags and the LRU, and reference counts moving to or
 *    from 0 (above 0 they move atomically without it).
 *  - inode_cache_lock (spinlock, inode.c): the inode hash, the inode LRU,
 *    inode reference counts and super blocks' inode counts.
 * Reading an inode's attributes for a permission check during a lookup
 * takes no lock (one word each, as Linux's READ_ONCE of i_mode).
 * Nothing holds a spinlock across a file system operation.
 */
#ifndef FS_VFS_H
#define FS_VFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <fs/file.h>
#include <fs/vfs/path.h>
#include <mm/page_cache.h>
#include <basalt/list.h>
#include <sched/mutex.h>
#include <sched/rwsem.h>
#include <sched/spinlock.h>
#include <uapi/limits.h>
#include <uapi/mount.h>
#include <uapi/stat.h>

struct cred;
struct statfs;
struct super_block;
struct dentry;
struct vfs_mount;
struct vfs_iattr;

/* ---- vfs/path.c: components (pure, host tested): vfs/path.h ---------- */

/* ---- vfs/inode.c ---------------------------------------------------------- */

struct vfs_time {
	int64_t sec;
	uint32_t nsec;
};

struct path {
	struct vfs_mount *mnt;
	struct dentry *dentry;
};

/*
 * What following a symbolic link gives (inode_operations.get_link):
 * either text to expand (text, freed with kfree when text_owned), or a
 * place to jump to (jump, referenced: a magic link of procfs).
 */
struct vfs_link {
	const char *text;
	bool text_owned;
	struct path jump;		/* jump.dentry NULL: text */
};

/* What one inode of a file system does with names and attributes. */
struct inode_operations {
	/*
	 * Directories: fill d (a name of dir, not in the cache yet) with
	 * dentry_instantiate, or leave it negative: 0. An errno drops d
	 * instead of caching it (procfs: a pid that may appear later).
	 * dir's i_rwsem held for writing.
	 */
	int (*lookup)(struct inode *dir, struct dentry *d);
	/*
	 * Make a new name d (negative) in dir: a regular file, a directory,
	 * a device node, FIFO or socket (mknod), a symbolic link to target,
	 * or a hard link to old's inode. The inode's owner and mode are
	 * given whole (the VFS applied umask and set-group-ID rules). dir's
	 * i_rwsem held for writing; the checks of dirops.c done.
	 */
	int (*create)(struct inode *dir, struct dentry *d, unsigned mode, uint32_t uid,
		      uint32_t gid);
	int (*mkdir)(struct inode *dir, struct dentry *d, unsigned mode, uint32_t uid,
		     uint32_t gid);
	int (*mknod)(struct inode *dir, struct dentry *d, unsigned mode, dev_t rdev,
		     uint32_t uid, uint32_t gid);
	int (*symlink)(struct inode *dir, struct dentry *d, const char *target, size_t len,
		       uint32_t uid, uint32_t gid);
	int (*link)(struct dentry *old, struct inode *dir, struct dentry *d);
	/* Remove the name d (a file / an empty directory) from dir; locked. */
	int (*unlink)(struct inode *dir, struct dentry *d);
	int (*rmdir)(struct inode *dir, struct dentry *d);
	/*
	 * rename(2) of old in odir to new in ndir, new negative unless it is
	 * replaced (or RENAME_EXCHANGE'd); both directories locked, the
	 * checks done. The file system updates its directories and link
	 * counts; the VFS then moves the dentries (dentry_move).
	 */
	int (*rename)(struct inode *odir, struct dentry *old, struct inode *ndir,
		      struct dentry *new, unsigned flags);
	/* Symbolic links: what following d gives (struct vfs_link). */
	int (*get_link)(struct dentry *d, struct vfs_link *out);
	/*
	 * readlink(2) text when it is not get_link's (procfs's magic links
	 * name their target): bytes copied to buf (at most size, no NUL) or
	 * an errno. NULL: get_link's text.
	 */
	long (*readlink)(struct dentry *d, char *buf, size_t size);
	/* Apply attr (checked by the VFS); i_rwsem held. NULL: inode_setattr. */
	int (*setattr)(struct dentry *d, const struct vfs_iattr *attr);
	/* stat(2) of p. NULL: inode_stat. */
	int (*getattr)(const struct path *p, struct stat *st);
	/* Access check (MAY_*). NULL: inode_generic_permission. */
	int (*permission)(struct inode *ino, int mask, const struct cred *c);
};

/*
 * An inode. ref: dentries naming it, open files, in-kernel holders
 * (inode_cache_lock). At 0 an inode with links that is hashed stays
 * cached on the inode LRU; any other is evicted (super_operations
 * .evict_inode) and freed. nlink is what stat reports: names for files,
 * 2 + subdirectories for directories.
 */
struct inode {
	uint64_t ino;
	/* guards: these attributes (written under i_rwsem; see the top) */
	unsigned mode;			/* S_IF* | permissions */
	uint32_t uid, gid;
	unsigned nlink;
	uint64_t size;
	uint64_t bytes_alloc;		/* contents stored (st_blocks) */
	dev_t rdev;			/* device nodes */
	struct vfs_time atime, mtime, ctime;
	struct rwsem i_rwsem;
	unsigned ref;			/* inode_cache_lock */
	unsigned state;			/* INODE_* (inode_cache_lock) */
	struct list_node hash_link;	/* inode_cache_lock: the inode hash */
	struct list_node lru_link;	/* inode_cache_lock: the inode LRU */
	/*
	 * Linux's i_writecount (atomic): > 0, the open file descriptions
	 * that may write it; < 0, minus the address spaces running it as a
	 * program (file_open_exec). Either side refuses the other: ETXTBSY.
	 */
	int write_count;
	const struct inode_operations *i_op;
	const struct file_ops *i_fop;	/* what an open of it gets */
	/* Its page cache; i_data.a_ops NULL: the file system does not use it. */
	struct address_space i_data;
	struct super_block *sb;
	void *data;			/* the file system's: pages, target */
	/* writeback_lock: INODE_DIRTY_* state, the sb's dirty list, since when */
	unsigned dirty;
	uint64_t dirtied_when_ns;
	struct list_node dirty_link;
};

/* inode.dirty: what writeback must write (vfs/writeback.c). */
#define INODE_DIRTY_PAGES	0x1	/* its page cache has dirty pages */
#define INODE_DIRTY_INODE	0x2	/* its attributes: write_inode */

#define INODE_HASHED	0x1	/* in the inode hash (inode_iget) */
#define INODE_ON_LRU	0x2	/* unused, cached */
#define INODE_NEW	0x4	/* inode_iget made it: the fs fills it in */

/* The permission bits access checks ask for (inode_permission). */
#define MAY_EXEC	1
#define MAY_WRITE	2
#define MAY_READ	4

/*
 * A new unhashed inode of sb with one reference, the current time, the
 * given mode and ids, inode number from sb->next_ino; NULL when out of
 * memory or sb's inode limit is reached.
 */
struct inode *inode_alloc(struct super_block *sb, unsigned mode, uint32_t uid,
			  uint32_t gid);
/*
 * The inode number ino of sb from the inode cache, referenced; a new
 * one (state INODE_NEW, hashed, mode 0) if it was not cached: the file
 * system reads it in and calls inode_new_done, or inode_new_failed.
 */
struct inode *inode_iget(struct super_block *sb, uint64_t ino);
void inode_new_done(struct inode *ino);
void inode_new_failed(struct inode *ino);
/*
 * Gives a hashed inode the number ino_nr (a disk file system whose
 * numbers say where an entry is: FAT's entry moved by rename, or gone).
 */
void inode_rehash(struct inode *ino, uint64_t ino_nr);
void inode_get(struct inode *ino);
void inode_put(struct inode *ino);
/* Frees up to count unused cached inodes (oldest first); how many went. */
unsigned inode_shrink(unsigned count);
/* Evicts sb's unused cached inodes (its file system goes: vfs_sb_kill). */
void inode_evict_sb(struct super_block *sb);
/* Inodes in the cache (hashed) and unused ones on its LRU. */
void inode_cache_counts(uint64_t *cached, uint64_t *unused);
/* The realtime clock (the RTC at boot plus the monotonic clock). */
struct vfs_time vfs_now(void);
/* A read: updates atime with Linux's relatime rule (i_rwsem held). */
void inode_accessed(struct inode *ino);
/* Sets ctime, and mtime too when modified (i_rwsem held). */
void inode_touch(struct inode *ino, bool modified);
/*
 * Whether c may access ino with mask (MAY_*): the inode's permission
 * operation, or inode_generic_permission. 0 or -EACCES.
 */
int inode_permission(struct inode *ino, int mask, const struct cred *c);
/*
 * Owner, group, other bits; root (fsuid 0) may do anything but execute
 * a file with no x bit.
 */
int inode_generic_permission(const struct inode *ino, int mask, const struct cred *c);
bool cred_in_group(const struct cred *c, uint32_t gid);
/* Whether c owns ino or is root (chmod, utimes, sticky checks). */
bool inode_owner_or_root(const struct inode *ino, const struct cred *c);
/* Fills st from ino (the default getattr). */
void inode_stat(const struct inode *ino, struct stat *st);
/* The credentials of the caller: the current process's, or root's. */
const struct cred *vfs_cred(void);
/*
 * Write access (open for writing) against running as a program
 * (execve): -ETXTBSY when the other holds it.
 */
int inode_get_write_access(struct inode *ino);
void inode_put_write_access(struct inode *ino);
int inode_deny_write_access(struct inode *ino);
void inode_allow_write_access(struct inode *ino);
/* i_rwsem, by name. */
static inline void inode_lock(struct inode *ino) { down_write(&ino->i_rwsem); }
static inline void inode_unlock(struct inode *ino) { up_write(&ino->i_rwsem); }
static inline void inode_lock_shared(struct inode *ino) { down_read(&ino->i_rwsem); }
static inline void inode_unlock_shared(struct inode *ino) { up_read(&ino->i_rwsem); }

/* setattr's request: what to change (valid, ATTR_*) and to what. */
#define ATTR_MODE	0x1
#define ATTR_UID	0x2
#define ATTR_GID	0x4
#define ATTR_SIZE	0x8
#define ATTR_ATIME	0x10
#define ATTR_MTIME	0x20
#define ATTR_CTIME	0x40

struct vfs_iattr {
	unsigned valid;
	unsigned mode;			/* permission bits (and S_ISUID...) */
	uint32_t uid, gid;
	uint64_t size;
	struct vfs_time atime, mtime, ctime;
};

/*
 * The default setattr: copies attr's fields into the inode (a size
 * change is the file system's: -EINVAL here). i_rwsem held.
 */
int inode_setattr(struct dentry *d, const struct vfs_iattr *attr);

/* ---- vfs/dentry.c: the dentry cache --------------------------------------- */

/*
 * Per-dentry behaviour a file system may give (procfs: a process's
 * names go stale when it exits).
 */
struct dentry_operations {
	/* Whether the cached d still says the truth (1) or must be looked up again (0). */
	int (*revalidate)(struct dentry *d);
	/* Whether d is freed at its last reference instead of cached. */
	bool (*delete)(const struct dentry *d);
	/*
	 * Files with no name in any tree (pipefs): the name path_name_any
	 * gives them, Linux's d_dname ("pipe:[N]"); the length or an errno.
	 */
	long (*dname)(struct dentry *d, char *buf, size_t size);
};

/*
 * A name in a directory, positive (inode set) or negative (no such
 * name). Fields under dcache_lock unless said. ref: paths held (cwd,
 * root, open files, lookups in progress), children (each holds its
 * parent), mounts on it, and a file system's pin (DENTRY_PINNED). At 0
 * a hashed dentry goes on the LRU; an unhashed one is freed.
 */
struct dentry {
	struct dentry *parent;		/* itself for a file system's root */
	struct inode *inode;		/* NULL: negative; set once (dentry_instantiate) */
	struct super_block *sb;
	const struct dentry_operations *d_op;
	struct list_node hash_link;	/* on the dcache hash, while hashed */
	struct list_node children;	/* struct dentry.sibling, in cookie order */
	struct list_node sibling;
	struct list_node lru_link;	/* on the dcache LRU while unused */
	uint64_t cookie;		/* readdir position in the parent */
	uint64_t next_cookie;		/* directories: for the next child */
	uint32_t hash;			/* of (parent, name) */
	unsigned ref;
	unsigned flags;			/* DENTRY_* */
	unsigned mounted;		/* mounts on it (mount_lock) */
	uint32_t prune_gen;		/* dentry_prune_tree's visit mark */
	size_t name_len;
	char *name;			/* NUL-terminated, kmalloc'd */
	void *fsdata;			/* the file system's */
};

#define DENTRY_HASHED	0x1	/* findable by (parent, name) */
#define DENTRY_PINNED	0x2	/* the file system holds a reference (tmpfs) */
#define DENTRY_ON_LRU	0x4
#define DENTRY_DEAD	0x8	/* unlinked, or its directory was removed */

/* The root dentry of a file system for ino (which it takes over). */
struct dentry *dentry_alloc_root(struct super_block *sb, struct inode *ino);
/*
 * A dentry with no parent and no name (pipefs's files, Linux's
 * d_alloc_pseudo), positive, for ino (taken over), one reference.
 */
struct dentry *dentry_alloc_anon(struct super_block *sb, struct inode *ino);
/*
 * The cached child name of dir, referenced (revalidated: a stale one is
 * dropped, and NULL returned), positive or negative; NULL if not cached.
 */
struct dentry *dentry_lookup_cached(struct dentry *dir, const char *name, size_t len);
/*
 * The child name of dir, referenced, positive or negative, from the
 * cache or through dir's lookup. dir's i_rwsem must be held for writing
 * (dirops, which then act on the result). -ENOENT in a removed
 * directory; the lookup's errno.
 */
int dentry_lookup_locked(struct dentry *dir, const char *name, size_t len,
			 struct dentry **out);
/* The same taking dir's i_rwsem itself when it must ask the file system. */
int dentry_lookup(struct dentry *dir, const char *name, size_t len, struct dentry **out);
/*
 * A new negative child name of dir, hashed and referenced, for a file
 * system that makes its own names (procfs's fixed entries at mount):
 * dir's i_rwsem held for writing and the name not cached.
 */
struct dentry *dentry_alloc_child(struct dentry *dir, const char *name, size_t len);
/* Makes d positive with ino (the reference goes to d). */
void dentry_instantiate(struct dentry *d, struct inode *ino);
/* A memory file system keeps d while its name exists: one more reference. */
void dentry_pin(struct dentry *d);
/* Removes a name (unlink, rmdir, a replaced rename target): unhashed, dead, unpinned. */
void dentry_delete(struct dentry *d);
/*
 * Forgets d (unhashes it; a stale procfs name): later lookups ask the
 * file system again. Its users keep it until they put it.
 */
void dentry_drop(struct dentry *d);
/* Renames d to new's place (name and parent); new, if positive, is deleted. */
int dentry_move(struct dentry *d, struct dentry *new);
/* RENAME_EXCHANGE: a and b swap names and parents. */
void dentry_exchange(struct dentry *a, struct dentry *b);
struct dentry *dentry_get(struct dentry *d);
void dentry_put(struct dentry *d);
/*
 * The next positive child of dir after prev (or the first, prev NULL)
 * whose cookie is >= pos, pinned ones only if pinned_only; referenced,
 * or NULL at the end (readdir of a cached directory, libfs.c).
 */
struct dentry *dentry_next_child(struct dentry *dir, struct dentry *prev, uint64_t pos,
				 bool pinned_only);
/* Whether d has a positive child (rmdir's ENOTEMPTY for a cached directory). */
bool dentry_has_positive_children(struct dentry *d);
/* Whether d is anc or lies below it in the same file system. */
bool dentry_is_below(struct dentry *d, struct dentry *anc);
/* Frees up to count unused dentries (oldest first); how many went. */
unsigned dentry_shrink(unsigned count);
/* Dentries in the cache and unused ones on its LRU (/proc/sys/fs/dentry-state). */
void dentry_cache_counts(uint64_t *total, uint64_t *unused);
/*
 * Frees the unused dentries below d (and d's children are dropped):
 * for umount and for a file system that goes (its pinned ones too when
 * unpin).
 */
void dentry_prune_tree(struct dentry *d, bool unpin);
/* Whether d was removed (unlinked, or its directory was). */
static inline bool dentry_is_dead(const struct dentry *d)
{
	return __atomic_load_n(&d->flags, __ATOMIC_RELAXED) & DENTRY_DEAD;
}
void path_get(const struct path *p);
void path_put(const struct path *p);
bool path_equal(const struct path *a, const struct path *b);

/*
 * Runs fn with dcache_lock held (mount.c's MS_MOVE changes a mount's
 * parent and mountpoint under it, so that d_path.c's walk, which holds
 * it, sees either the old place or the new one). fn must not sleep.
 */
void dentry_tree_locked(void (*fn)(void *arg), void *arg);

/* ---- vfs/d_path.c ---------------------------------------------------------- */

/*
 * Writes the path of p as seen from root into buf (size bytes, NUL
 * included); returns the length or -ENAMETOOLONG/-ERANGE, -ENOENT if
 * p was unlinked.
 */
long path_name(const struct path *p, const struct path *root, char *buf, size_t size);
/*
 * The same for a path that may have been unlinked (an open file's): the
 * name it had, to which /proc/PID/fd adds " (deleted)" as Linux's d_path
 * does. A pseudo file system's file (a pipe) gets the name its
 * d_op->dname gives, "pipe:[N]".
 */
long path_name_any(const struct path *p, const struct path *root, char *buf, size_t size);
/* Runs walk with dcache_lock held (d_path.c's walk up the tree). */
long dentry_name_walk(long (*walk)(const struct path *p, const struct path *root,
				   char *buf, size_t size),
		      const struct path *p, const struct path *root, char *buf, size_t size);

/* ---- vfs/super.c and vfs/mount.c ------------------------------------------ */

/* What a file system does as a whole. */
struct super_operations {
	/* A new inode (a bigger structure with struct inode inside); NULL: kzalloc. */
	struct inode *(*alloc_inode)(struct super_block *sb);
	/* Frees what alloc_inode made; NULL: kfree. */
	void (*free_inode)(struct inode *ino);
	/* The last reference went (or the cache shrank): free the contents; may sleep. */
	void (*evict_inode)(struct inode *ino);
	/* Writes ino's attributes back to the disk (fsync, sync); NULL: nothing to write. */
	int (*write_inode)(struct inode *ino, bool wait);
	/* sync(2)/syncfs(2): everything of sb to the disk; NULL: nothing. */
	int (*sync_fs)(struct super_block *sb, bool wait);
	/* Fills f_blocks, f_bfree... of st. */
	void (*statfs)(struct super_block *sb, struct statfs *st);
	/* The file system goes (its last mount went, its dentries are pruned). */
	void (*put_super)(struct super_block *sb);
	/*
	 * mount(2)'s MS_REMOUNT of the whole file system (not MS_BIND):
	 * *flags holds the new MS_RDONLY (the file system may add it: an
	 * unsupported feature), options the new data string (NULL: none).
	 * Called with SB_RDONLY already set when going read-only (no file
	 * is open for writing any more: write everything back, mark the
	 * disk clean), still set when going read-write (mark it in use).
	 * 0, or an errno that cancels the remount. NULL: always 0.
	 */
	int (*remount)(struct super_block *sb, unsigned long *flags, const char *options);
	/*
	 * The file system's options for /proc/mounts and mountinfo, each
	 * with a leading comma (",errors=continue"), into buf (size bytes):
	 * the length. Called under mount_lock: must not sleep. NULL: none.
	 */
	long (*show_options)(struct super_block *sb, char *buf, size_t size);
};

/* fs_type.fs_flags */
#define FS_REQUIRES_DEV		0x1	/* mounted from a block device (source) */

struct fs_type {
	const char *name;		/* mount(2)'s filesystemtype */
	unsigned fs_flags;		/* FS_* */
	/*
	 * A new super_block with its root dentry, or an errno. source is
	 * mount(2)'s first argument (NULL when none: a kernel mount), flags
	 * its MS_* flags (MS_RDONLY, MS_SILENT...), options its data string.
	 */
	int (*mount)(const struct fs_type *type, const char *source, unsigned long flags,
		     const char *options, struct super_block **out);
	/*
	 * Frees the file system after its last mount went away (NULL:
	 * vfs_sb_kill: prune the dentries, put_super, free when the last
	 * inode goes).
	 */
	void (*kill)(struct super_block *sb);
};

struct super_block {
	const struct fs_type *type;
	const struct super_operations *s_op;
	const struct dentry_operations *d_op;	/* for every dentry of it; may be NULL */
	struct dentry *root;
	/*
	 * st_dev: an anonymous device 0:N from vfs_sb_init; a disk file
	 * system (FS_REQUIRES_DEV) gets its block device's dev_t (mount.c
	 * sets it from mount(2)'s source when the file system left it
	 * anonymous), as /proc/self/mountinfo shows.
	 */
	uint32_t dev;
	unsigned long s_flags;		/* SB_* (mount_lock for writers) */
	unsigned writers;		/* files open for writing, all mounts (mount_lock) */
	uint64_t next_ino;		/* inode_cache_lock */
	uint64_t bytes_used;		/* contents, in whole pages */
	uint64_t bytes_max;
	uint64_t inodes;		/* live inodes (inode_cache_lock) */
	uint64_t inodes_max;
	unsigned mounts;		/* vfs_mounts of this sb (mount_lock) */
	unsigned long magic;		/* statfs f_type */
	bool dying;			/* killed: freed with its last inode */
	struct list_node sb_link;	/* on the super block list (mount_lock) */
	struct list_node dirty_inodes;	/* writeback_lock: inodes to write, oldest first */
	struct block_device *bdev;	/* a disk file system's device, or NULL */
	void *priv;
};

/* super_block.s_flags: SB_RDONLY, the whole file system read-only (Linux's). */
#define SB_RDONLY	MS_RDONLY

/* Initialises sb's common fields (type, s_op, dev, magic, the list). */
void vfs_sb_init(struct super_block *sb, const struct fs_type *type,
		 const struct super_operations *ops, unsigned long magic);
/*
 * The default kill: prunes every dentry (the pinned ones too), calls
 * put_super, and frees sb with its last inode.
 */
void vfs_sb_kill(struct super_block *sb);
/* Frees a super block that never got a root (a failed fill_super). */
void vfs_sb_kill_unused(struct super_block *sb);
/*
 * Calls fn on every live super block (the list's lock held: fn must not
 * sleep on a super block's kill) until fn returns non-zero; returns that.
 */
int vfs_for_each_sb(int (*fn)(struct super_block *sb, void *arg), void *arg);
/* sync(2) / syncfs(2): 0 or the first errno. */
int vfs_sync_all(void);
int vfs_sync_sb(struct super_block *sb);

/* ---- vfs/writeback.c -------------------------------------------------------
 * A disk file system's dirty inodes wait on their super block's list for
 * writeback: sync(2), syncfs(2), fsync(2), umount, eviction, or the
 * flusher thread, which every vm.dirty_writeback_centisecs writes what
 * has been dirty longer than vm.dirty_expire_centisecs (Linux's sysctls
 * and defaults: 5 s and 30 s; 0 stops the periodic writeback), and
 * everything when dirty pages pass VFS_DIRTY_BACKGROUND_PCT of memory.
 */
#define VFS_DIRTY_WRITEBACK_CS_DEFAULT	500
#define VFS_DIRTY_EXPIRE_CS_DEFAULT	3000
#define VFS_DIRTY_BACKGROUND_PCT	10

/* The two sysctls (procfs/sysctl.c), in centiseconds, read and written whole. */
extern uint64_t vfs_dirty_writeback_cs, vfs_dirty_expire_cs;
/* A new value of vm.dirty_writeback_centisecs: the flusher's period changes now. */
void vfs_flusher_retime(void);

/* ino's attributes changed: its file system's write_inode writes them later. */
void inode_mark_dirty(struct inode *ino);
/* The page cache: ino's mapping got its first dirty page. */
void inode_mark_pages_dirty(struct inode *ino);
/*
 * A reference to ino unless its last one went and it is being evicted
 * (the flusher met it on a dirty list): whether it took one.
 */
bool inode_get_unless_evicting(struct inode *ino);
/* Writes sb's inodes dirty before cutoff_ns, every super block (the flusher). */
void vfs_writeback_all(uint64_t cutoff_ns);
/*
 * fsync(2) of a disk file system's file: its pages and attributes, then
 * the whole block device's cache (its metadata blocks) and write cache.
 */
int generic_file_fsync(struct file *f, bool datasync);
/* Writes ino's dirty pages and attributes now (wait: until on the disk). */
int inode_writeback(struct inode *ino, bool wait);
/* Writes sb's inodes dirty since before cutoff_ns (UINT64_MAX: all). */
int vfs_writeback_sb(struct super_block *sb, bool wait, uint64_t cutoff_ns);
/* Eviction: ino leaves its dirty list (written or not). */
void inode_writeback_forget(struct inode *ino);
/* Starts the flusher thread (vfs_init). */
void vfs_flusher_start(void);
/* Wakes it now (too many dirty pages). */
void vfs_flusher_kick(void);

/*
 * The per-mount flags Basalt keeps and enforces (uapi/mount.h): MS_RDONLY
 * (with the super block's SB_RDONLY: vfs_mount_readonly), MS_NOSUID,
 * MS_NODEV, MS_NOEXEC, and the atime rule: MS_NOATIME, MS_NODIRATIME,
 * MS_RELATIME (the default), neither for strictatime (file_accessed).
 */
#define VFS_MOUNT_FLAGS	(MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | \
			 MS_NODIRATIME | MS_RELATIME)

/* A mounted file system; ref (atomic): the table's, paths inside, children. */
struct vfs_mount {
	struct super_block *sb;
	struct dentry *root;
	struct vfs_mount *parent;	/* NULL for the root mount */
	struct dentry *mountpoint;	/* in parent */
	struct list_node link;		/* on the mount table */
	unsigned ref;
	unsigned flags;			/* VFS_MOUNT_FLAGS of mount(2) (mount_lock) */
	unsigned writers;		/* files open for writing through it (mount_lock) */
	bool attached;
	uint64_t id;			/* statx stx_mnt_id */
	char *source;			/* mount(2)'s source ("/dev/sda1"), or NULL */
};

/*
 * Mounts tmpfs at / and devtmpfs at /dev (creating the directory).
 * Idempotent: a second call returns 0.
 */
int vfs_init(void);
bool vfs_ready(void);
/* The global root ("/" of kernel threads and new processes), referenced. */
void vfs_root(struct path *out);
/*
 * The mounted file system on p, the topmost one, if any: p is replaced
 * by its root (references moved: p's are dropped, the new ones taken).
 */
void vfs_follow_mounts(struct path *p);
/* The same, for a path whose references the caller does not own. */
void vfs_follow_mounts_noref(struct path *p);
/* Unmounts the mount whose root p is: -EINVAL if not one, -EBUSY. */
int vfs_umount(const struct path *p, unsigned flags);
struct vfs_mount *vfs_mount_get(struct vfs_mount *m);
void vfs_mount_put(struct vfs_mount *m);
const struct fs_type *vfs_find_fs_type(const char *name);
/* A fresh anonymous device number for a super_block (0:N, as Linux's). */
uint32_t vfs_anon_dev(void);
/*
 * An internal mount of sb, never in the mount table (Linux's kern_mount,
 * for pipefs): one reference, a mount id of its own; NULL if out of
 * memory.
 */
struct vfs_mount *vfs_kern_mount(struct super_block *sb);
/* Whether m is the parent of a mounted file system on d (mount_lock). */
bool vfs_is_mountpoint(const struct dentry *d);
/* Whether writes through m are refused (EROFS): m or its super block is read-only. */
bool vfs_mount_readonly(const struct vfs_mount *m);
/*
 * A file opened for writing through m (Linux's mnt_want_write for an
 * open file): -EROFS on a read-only mount, else counted until
 * vfs_mount_drop_write, so that a remount read-only fails with EBUSY.
 */
int vfs_mount_want_write(struct vfs_mount *m);
void vfs_mount_drop_write(struct vfs_mount *m);
/*
 * Where m is mounted, referenced: false for the root and for a detached
 * (lazily unmounted) mount, whose ".." stays at its root as on Linux.
 */
bool vfs_mount_parent_path(struct vfs_mount *m, struct path *out);
/*
 * Makes the mount on top of / the root of kernel threads and new
 * processes (the kernel's root= after its MS_MOVE onto /, as Linux's
 * prepare_namespace chroots into it); the tmpfs stays below, unreachable.
 */
void vfs_set_root_to_top(void);
/*
 * The kernel's root= (init/do_mounts.c): mounts the block device the
 * command line names on / (the initramfs's tmpfs stays below it) and
 * makes it the root of new processes; panics as Linux does when none
 * of the file system types can mount it. do_mounts.c.
 */
void vfs_mount_root(void);
/*
 * Its work, without the panic: the device spec (root='s value) with the
 * comma-separated types fstypes (NULL: every FS_REQUIRES_DEV type),
 * read-write if rw, waiting for the device if wait. 0 or an errno.
 */
int vfs_mount_root_dev(const char *spec, const char *fstypes, bool rw, bool wait);

/*
 * Calls fn on every mount, oldest first / on every file system type,
 * until it returns non-zero (returned); fn must not sleep (mount_lock).
 */
int vfs_for_each_mount(int (*fn)(const struct vfs_mount *m, void *arg), void *arg);
int vfs_for_each_fs_type(int (*fn)(const struct fs_type *type, void *arg), void *arg);

/* mount(2)/umount2(2) by path (root only; checks inside). */
int vfs_mount_path(const char *source, const char *target, const char *fstype,
		   unsigned long flags, const char *options);
int vfs_umount_path(const char *target, int flags);

/* ---- vfs/namei.c: lookup ----------------------------------------------- */

/* Lookup flags. */
#define LOOKUP_FOLLOW		0x1	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY	0x2	/* the result must be a directory */
#define LOOKUP_EMPTY		0x4	/* "" means the start (AT_EMPTY_PATH) */
#define LOOKUP_PARENT		0x8	/* stop at the last component's directory */
/* openat2(2)'s RESOLVE_* restrictions (namei.c). */
#define LOOKUP_NO_SYMLINKS	0x10	/* any link to follow is -ELOOP */
#define LOOKUP_NO_MAGICLINKS	0x20	/* a magic link to follow is -ELOOP */
#define LOOKUP_NO_XDEV		0x40	/* crossing a mount is -EXDEV */
#define LOOKUP_BENEATH		0x80	/* leaving the scope is -EXDEV */
#define LOOKUP_IN_ROOT		0x100	/* the scope is "/" for the walk */
#define LOOKUP_CACHED		0x200	/* the dentry cache only, else -EAGAIN */
#define LOOKUP_SCOPED		(LOOKUP_BENEATH | LOOKUP_IN_ROOT)

/*
 * What a lookup starts from and returns. For LOOKUP_PARENT, path is the
 * directory and last/last_len the final component (last_len 0 for "/");
 * trailing_slash says the path ended in '/'. path and root are
 * referenced until vfs_lookup_done.
 */
struct nameidata {
	struct path root;		/* the process's root: ".." stops here */
	struct path path;
	const char *last;		/* points into the caller's buffer or nd's */
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
 * directory; root for ".." and absolute paths). nd->path is referenced
 * (and nd->root) until vfs_lookup_done, which must be called whatever
 * the result. Errors: -ENOENT, -ENOTDIR, -EACCES, -ELOOP, -ENAMETOOLONG.
 */
int vfs_lookup(struct nameidata *nd, const struct path *start, const char *path,
	       unsigned flags);
/*
 * The same with scope as the walk's root (openat2's LOOKUP_BENEATH and
 * LOOKUP_IN_ROOT; NULL: the process's root, the scoping flags ignored).
 * Also -EXDEV and -EAGAIN for the LOOKUP_NO_XDEV, LOOKUP_BENEATH and
 * LOOKUP_CACHED restrictions.
 */
int vfs_lookup_scoped(struct nameidata *nd, const struct path *start,
		      const struct path *scope, const char *path, unsigned flags);
/* Drops nd's references and frees its buffers. */
void vfs_lookup_done(struct nameidata *nd);
/*
 * Following the link d: fills out (struct vfs_link) from its inode's
 * get_link; vfs_link_done frees it.
 */
int vfs_get_link(struct dentry *d, struct vfs_link *out);
void vfs_link_done(struct vfs_link *l);
/* Like vfs_lookup from the caller's cwd, returning a referenced path. */
int vfs_lookup_path(const char *path, unsigned flags, struct path *out);
/*
 * The child name of the directory dir (a path), for the operations
 * below: referenced, positive or negative, with mounts not followed.
 */
int vfs_lookup_child(const struct path *dir, const char *name, size_t len,
		     struct dentry **out);

/* ---- vfs/dirops.c: changing names (permission checks and locks inside) -- */

/*
 * Creates name in dir (mode with S_IF*: regular, directory, device,
 * FIFO, socket; rdev for devices; the caller applied umask): the new
 * dentry referenced in *out if out is not NULL. -EEXIST if it exists.
 */
int vfs_create(const struct path *dir, const char *name, size_t len, unsigned mode,
	       dev_t rdev, struct dentry **out);
int vfs_symlink(const struct path *dir, const char *name, size_t len, const char *target);
int vfs_link(const struct path *old, const struct path *dir, const char *name, size_t len);
int vfs_unlink(const struct path *dir, const char *name, size_t len, bool rmdir);
int vfs_rename(const struct path *odir, const char *oname, size_t olen,
	       const struct path *ndir, const char *nname, size_t nlen, unsigned flags);
/*
 * Changes attributes of d with the file system's setattr, i_rwsem taken
 * inside; the caller checked permissions. truncate(2)'s size change
 * goes through here too (ATTR_SIZE).
 */
int vfs_setattr(struct dentry *d, const struct vfs_iattr *attr);
/* truncate(2)'s work on a dentry (permission checked by the caller). */
int vfs_truncate(struct dentry *d, uint64_t size);

/* ---- vfs/at.c: by path, with a dirfd (kernel strings) ------------------- */

/*
 * vfs_lookup from dirfd (AT_FDCWD or a directory descriptor, whose file
 * goes to *held: file_put it after vfs_lookup_done).
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
/* stat(2) of a resolved path: its getattr or inode_stat. */
int vfs_getattr(const struct path *p, struct stat *st);
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
/* fsync(2), fdatasync(2): the file's fsync, -EINVAL without one. */
int vfs_fsync(struct file *f, bool datasync);

/* ---- vfs/open.c ------------------------------------------------------------ */

/* Opens path from start with open(2) flags and mode (umask applied). */
int vfs_open(const struct path *start, const char *path, int flags, unsigned mode,
	     struct file **out);
/*
 * openat2(2)'s open: the same with LOOKUP_NO_* / LOOKUP_CACHED
 * restrictions in rflags and, for LOOKUP_BENEATH / LOOKUP_IN_ROOT, scope
 * as the walk's root (vfs_lookup_scoped).
 */
int vfs_open_scoped(const struct path *start, const struct path *scope, const char *path,
		    int flags, unsigned mode, unsigned rflags, struct file **out);
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
 * The same from dirfd (vfs_at_lookup) with LOOKUP_* flags (execveat(2)):
 * without LOOKUP_FOLLOW a symbolic link at the end is -ELOOP; with
 * LOOKUP_EMPTY an empty path is dirfd's own file.
 */
int file_open_exec_at(int dirfd, const char *path, unsigned lookup_flags, struct file **out);
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
/*
 * The generic lseek of a file with a size (SEEK_SET, CUR, END); data
 * and holes through seek_data when it is not NULL (it returns the next
 * data (or hole) offset >= off, or -1), otherwise all data.
 */
long generic_file_lseek(struct file *f, int64_t off, int whence,
			int64_t (*seek_data)(struct inode *ino, uint64_t off, bool hole));
/*
 * The checks before a write to a regular file at *pos: O_APPEND moves
 * *pos to the end, RLIMIT_FSIZE shortens u (or fails with EFBIG and
 * SIGXFSZ). i_rwsem held for writing.
 */
int generic_write_checks(struct file *f, struct uio *u, uint64_t *pos);
/*
 * A read of f: its inode's atime as the mount says (relatime, noatime,
 * nodiratime, strictatime; none on a read-only mount or with O_NOATIME).
 * The inode's i_rwsem held.
 */
void file_accessed(struct file *f);
/* fsync for files with nothing to write back (memory file systems). */
int noop_fsync(struct file *f, bool datasync);

/* ---- fd_table.c: beyond file.h, for the syscalls --------------------------- */

/*
 * Calls fn for each open descriptor of t until it returns non-zero, with
 * slots_lock instead of t's mutex: for a reader from another process
 * (procfs) that found t under tasklist_lock, which the owner may tear down
 * as soon as it runs again. fn must not sleep.
 */
int fd_table_for_each_atomic(struct fd_table *t,
			     int (*fn)(int fd, struct file *f, void *arg), void *arg);
/* The same reader's view of fd's FD_CLOEXEC_FLAG (or 0), or -EBADF. */
int fd_table_fd_flags_atomic(struct fd_table *t, int fd);
/* The same reader's referenced file of fd, or NULL. */
struct file *fd_table_get_atomic(struct fd_table *t, int fd);
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
/* The d_type of a mode (DT_REG...). */
uint8_t vfs_dirent_type(unsigned mode);

/* ---- vfs/libfs.c: helpers for memory file systems ------------------------ */

/* lookup for a file system whose dentries are its directories: negative. */
int simple_lookup(struct inode *dir, struct dentry *d);
/*
 * file_ops.iterate over a directory's cached positive children, in
 * cookie order (after "." and ".."); pinned_only skips the unpinned
 * ones (procfs's root: its pid dentries are listed by procfs itself).
 * The caller holds the directory's i_rwsem shared.
 */
int dcache_iterate(struct file *f, struct dir_context *ctx, bool pinned_only);
/* Emits "." and ".." at positions 0 and 1; false if the buffer is full. */
bool dir_emit_dots(struct file *f, struct dir_context *ctx);
/* The file ops of such a directory: iterate = dcache_iterate, lseek. */
extern const struct file_ops simple_dir_file_ops;
/* A directory file's lseek: its position is a cookie, only set or moved. */
long simple_dir_lseek(struct file *f, int64_t off, int whence);
/* Link counts and times for a new name d in dir (ramfs's d_instantiate + dget). */
void simple_link_new(struct inode *dir, struct dentry *d, struct inode *ino);
/* Link counts and times for the removal of d from dir; the dentry goes. */
void simple_unlink_name(struct inode *dir, struct dentry *d);
/* rename's link counts and times (simple_rename); dentry_move follows. */
int simple_rename(struct inode *odir, struct dentry *old, struct inode *ndir,
		  struct dentry *new, unsigned flags);
/* get_link of a symlink whose inode data is its target text. */
int simple_get_link(struct dentry *d, struct vfs_link *out);

/* ---- vfs/fs_context.c ------------------------------------------------------ */

/*
 * guards: root and cwd (fs_context.lock, a spinlock: a reader copies and
 * references them); umask is one word written whole; ref is atomic.
 */
struct fs_context {
	unsigned ref;
	struct spinlock lock;
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
/* Copies and references c's root and cwd (either may be NULL). */
void fs_context_paths(struct fs_context *c, struct path *root, struct path *cwd);
/* Replaces c's cwd (or root) with p (referenced by the caller for c). */
void fs_context_set(struct fs_context *c, bool root, const struct path *p);

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

/* ---- vfs/pseudo.c: file systems of nameless files (pipes, sockets) ------- */

/*
 * One pseudo file system: its name (statfs, never mountable), magic
 * (statfs f_type) and the dentry ops naming its files (d_op->dname);
 * the rest is filled at its first file. Define one with
 * PSEUDO_FS_INIT(var, "pipefs", PIPEFS_MAGIC, &ops).
 */
struct pseudo_fs {
	const char *name;
	unsigned long magic;
	const struct dentry_operations *d_op;
	struct mutex lock;		/* guards: sb, mnt and type, set once */
	struct fs_type type;
	struct super_block *sb;
	struct vfs_mount *mnt;
};

#define PSEUDO_FS_INIT(var, fs_name, fs_magic, ops)				\
	{ .name = (fs_name), .magic = (fs_magic), .d_op = (ops),		\
	  .lock = MUTEX_INIT((var).lock) }

/*
 * Gives the n files (made by the caller, no path yet) one new inode of
 * fs with mode, owned by the caller's fsuid/fsgid, and a nameless
 * dentry on fs's internal mount, each file holding a reference. 0 or
 * -ENOMEM.
 */
int pseudo_fs_attach(struct pseudo_fs *fs, struct file *const *files, unsigned n,
		     unsigned mode);
/* Whether ino is one of fs's. */
bool pseudo_fs_owns(const struct pseudo_fs *fs, const struct inode *ino);

/* ---- memory pressure ------------------------------------------------------ */

/*
 * Frees unused cached dentries and inodes (the OOM path and
 * drop_caches call it): how many objects went.
 */
unsigned vfs_shrink_caches(unsigned count);

/* ---- tmpfs/, devfs/, initramfs/ ------------------------------------------ */

extern const struct fs_type tmpfs_type;
/* Pages of file contents every tmpfs mount holds (/proc/meminfo Shmem). */
uint64_t tmpfs_total_pages(void);
/* A new tmpfs super_block (devfs uses it too), options as tmpfs(5). */
int tmpfs_fill_super(const struct fs_type *type, const char *options,
		     unsigned root_mode, struct super_block **out);
/*
 * Makes a node in a tmpfs directory as root, whatever the caller's
 * credentials (devfs: nodes drivers publish): mode with S_IF*, rdev for
 * devices, target for symlinks. -EEXIST if the name exists.
 */
int tmpfs_make_node(struct dentry *dir, const char *name, size_t len, unsigned mode,
		    dev_t rdev, const char *target, struct dentry **out);
/* Removes a non-directory name of a tmpfs directory as root (devfs). */
int tmpfs_remove_node(struct dentry *dir, const char *name, size_t len);
extern const struct fs_type devtmpfs_type;
/* procfs/: the process information pseudo file system, "proc". */
extern const struct fs_type procfs_type;
/* sysfs/: the devices and their attributes, "sysfs". */
extern const struct fs_type sysfs_type;
/* ext2/: the second extended file system on a block device, "ext2". */
extern const struct fs_type ext2_fs_type;
/* fat/: FAT12/16/32 from a block device, with long names and 8.3 only. */
extern const struct fs_type vfat_fs_type;
extern const struct fs_type msdos_fs_type;
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
