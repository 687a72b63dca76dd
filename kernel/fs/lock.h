/*
 * lock.h: advisory file locks (lock.c), the two kinds Linux has:
 *
 *   flock(2)       whole-file locks owned by an open file description
 *                  (struct file): shared by dup'd and inherited
 *                  descriptors, released by LOCK_UN or its last close.
 *   fcntl(2)       POSIX record locks on byte ranges, owned by the
 *                  process (as Linux, by its descriptor table, so
 *                  CLONE_FILES threads share them), released when the
 *                  owner closes ANY descriptor of the file and at exit.
 *   F_OFD_*        open file description locks: the same record locks,
 *                  owned by the open file description (struct file),
 *                  released by its last close; F_GETLK shows pid -1.
 *
 * Record locks of both owners conflict with each other, even within one
 * process; flock locks never conflict with them (Linux, flock(2) NOTES).
 * Locks are keyed by what the file is (its inode, or the pipe or device
 * state of an anonymous file), so every open of a file meets them.
 *
 * Locking: lock.c's own mutex guards the list of all locks; blocked
 * lockers sleep on one wait queue woken whenever a lock goes away.
 */
#ifndef FS_LOCK_H
#define FS_LOCK_H

#include <stdbool.h>
#include <stdint.h>

struct file;

/* The largest offset a lock may cover ("to end of file"): Linux's OFFSET_MAX. */
#define FILE_LOCK_OFFSET_MAX	INT64_MAX

/* A lock as F_GETLK reports it: [start, end] inclusive. */
struct file_lock_info {
	short type;			/* F_RDLCK or F_WRLCK */
	int64_t start, end;
	int pid;			/* the owner's process id */
};

/*
 * POSIX locks on key by owner, range [start, end] (inclusive, end may be
 * FILE_LOCK_OFFSET_MAX), with the core rules and no file or user memory:
 *
 * file_lock_posix_test: 1 and *out = the first conflicting lock of
 *   another owner, or 0 when a lock of type could be set.
 * file_lock_posix_set: sets type (F_UNLCK removes) over the range,
 *   splitting and merging the owner's own locks; 0, -EAGAIN on conflict
 *   when !wait, -ERESTARTSYS when a signal interrupts the wait, -ENOMEM.
 * file_lock_posix_release: drops owner's locks on key (a close).
 * file_lock_posix_release_owner: drops all of owner's locks (its table is gone).
 * file_lock_posix_count: how many separate ranges owner holds on key (tests).
 */
int file_lock_posix_test(const void *key, const void *owner, short type, int64_t start,
			 int64_t end, struct file_lock_info *out);
int file_lock_posix_set(const void *key, const void *owner, int pid, short type,
			int64_t start, int64_t end, bool wait);
void file_lock_posix_release(const void *key, const void *owner);
void file_lock_posix_release_owner(const void *owner);
unsigned file_lock_posix_count(const void *key, const void *owner);

/* What locks are keyed by for f (its inode, else its private state). */
const void *file_lock_key(const struct file *f);

/*
 * fcntl F_GETLK/F_SETLK/F_SETLKW and F_OFD_GETLK/SETLK/SETLKW on f by
 * the current process; arg is the user's struct flock. 0 or a negative
 * errno (fcntl(2)).
 */
long file_lock_fcntl(struct file *f, int cmd, uint64_t arg);

/* flock(2) on f: op is LOCK_SH/LOCK_EX/LOCK_UN, maybe | LOCK_NB. */
long file_lock_flock(struct file *f, int op);
/* The last reference to f went away: its flock and OFD locks go too. */
void file_lock_flock_release(struct file *f);

/* A descriptor table closes f (close, dup2 over it, exec, exit). */
void file_lock_close(struct file *f, const void *table);

#endif /* FS_LOCK_H */
