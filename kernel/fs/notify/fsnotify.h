/*
 * fsnotify.h: the VFS's file-system events, for inotify(7) (Linux's
 * fsnotify idea: the VFS calls these at its generic points, whatever the
 * file system, and the watchers decide what to queue). fsnotify.c
 * dispatches them to the inotify watches on the inode and, for events
 * on a directory's child, on the parent directory with the child's name.
 *
 * Every hook first reads fsnotify_watch_count: with no watch anywhere it
 * costs one load.
 */
#ifndef FS_NOTIFY_FSNOTIFY_H
#define FS_NOTIFY_FSNOTIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <uapi/inotify.h>

struct dentry;
struct inode;
struct file;

/* Watches that exist anywhere (atomic): 0 makes every hook a no-op. */
extern unsigned fsnotify_watch_count;

static inline bool fsnotify_active(void)
{
	return __atomic_load_n(&fsnotify_watch_count, __ATOMIC_RELAXED) != 0;
}

/* The work of the hooks below (fsnotify.c), called only with watches about. */
void fsnotify_do_dentry(struct dentry *d, uint32_t mask);
void fsnotify_do_file(struct file *f, uint32_t mask);
void fsnotify_do_create(struct dentry *dir, struct dentry *child);
void fsnotify_do_delete(struct dentry *dir, struct dentry *child, struct inode *victim);
void fsnotify_do_move(struct dentry *odir, const char *oname, size_t olen, struct dentry *ndir,
		      const char *nname, size_t nlen, struct inode *moved, struct inode *replaced);

/* setattr: IN_MODIFY for a size change, else IN_ATTRIB, to d and its parent. */
static inline void fsnotify_dentry(struct dentry *d, uint32_t mask)
{
	if (fsnotify_active())
		fsnotify_do_dentry(d, mask);
}

/* read, write, open, close of a file opened by path: IN_ACCESS... to it and its parent. */
static inline void fsnotify_file(struct file *f, uint32_t mask)
{
	if (fsnotify_active())
		fsnotify_do_file(f, mask);
}

/* A name made in dir (create, mkdir, mknod, symlink, link): IN_CREATE. */
static inline void fsnotify_create(struct dentry *dir, struct dentry *child)
{
	if (fsnotify_active())
		fsnotify_do_create(dir, child);
}

/* A hard link: IN_ATTRIB to the inode, then IN_CREATE to dir (Linux's fsnotify_link). */
void fsnotify_do_link(struct dentry *dir, struct dentry *child, struct inode *ino);

static inline void fsnotify_link(struct dentry *dir, struct dentry *child, struct inode *ino)
{
	if (fsnotify_active())
		fsnotify_do_link(dir, child, ino);
}

/*
 * A name removed from dir (victim: its inode, referenced by the caller):
 * IN_DELETE to dir, then IN_ATTRIB to victim while links remain, else
 * IN_DELETE_SELF and its watches' removal (IN_IGNORED), as Linux's
 * fsnotify_link_count and fsnotify_inoderemove.
 */
static inline void fsnotify_delete(struct dentry *dir, struct dentry *child, struct inode *victim)
{
	if (fsnotify_active())
		fsnotify_do_delete(dir, child, victim);
}

/*
 * A rename: IN_MOVED_FROM and IN_MOVED_TO with one cookie, IN_MOVE_SELF
 * to the moved inode; a replaced inode (referenced by the caller) loses
 * its link as in fsnotify_delete.
 */
static inline void fsnotify_move(struct dentry *odir, const char *oname, size_t olen,
				 struct dentry *ndir, const char *nname, size_t nlen,
				 struct inode *moved, struct inode *replaced)
{
	if (fsnotify_active())
		fsnotify_do_move(odir, oname, olen, ndir, nname, nlen, moved, replaced);
}

/* /proc/sys/fs/inotify's max_queued_events, max_user_instances, max_user_watches. */
void inotify_sysctl_init(struct dentry *fs);

#endif /* FS_NOTIFY_FSNOTIFY_H */
