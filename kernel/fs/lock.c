/*
 * lock.c: advisory file locks, flock(2) and fcntl(2) record locks
 * (lock.h says who owns which and when they go away).
 *
 * Data and its rules:
 *   file_locks     every lock held, flock and POSIX alike, in no order.
 *                  Guarded by file_lock_mutex. A POSIX owner's ranges on
 *                  one key never overlap and never touch when they are of
 *                  the same type (file_lock_posix_set merges them), so
 *                  F_GETLK and the tests see the canonical set.
 *   file_lock_gen  bumped (under the mutex) whenever a lock is removed
 *                  or weakened; a blocked locker sleeps on file_lock_wq
 *                  until it changes or a signal arrives, then retries.
 *   file_lock_wq   woken (all) after each bump.
 *   file_lock_waiters  the POSIX requests blocked in F_SETLKW, for
 *                  deadlock detection. Guarded by file_lock_mutex; each
 *                  lives on its waiter's stack while it waits.
 * The mutex is never held while sleeping on file_lock_wq, and nothing
 * here takes a VFS lock, so file_put may call in from anywhere.
 */
#include <basalt/syscalls.h>
#include <fs/lock.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <sched/mutex.h>
#include <proc/process.h>
#include <proc/task.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <user/user.h>

struct file_lock {
	struct list_node link;		/* on file_locks */
	const void *key;		/* file_lock_key() */
	const void *owner;		/* struct file (flock) or descriptor table (POSIX) */
	int pid;			/* the locking process, for F_GETLK */
	short type;			/* F_RDLCK or F_WRLCK */
	bool posix;
	int64_t start, end;		/* inclusive; flock locks cover everything */
};

/* A POSIX lock request blocked in F_SETLKW (file_lock_waiters). */
struct file_lock_waiter {
	struct list_node link;
	const void *key, *owner;
	short type;
	int64_t start, end;
};

/*
 * How far F_SETLKW follows "the holder waits for a lock held by..." before
 * giving up without a verdict: Linux's MAX_DEADLK_ITERATIONS.
 */
#define FILE_LOCK_DEADLOCK_DEPTH	10
/* F_GETLK's l_pid for an open file description lock (fcntl(2)). */
#define FILE_LOCK_OFD_PID		(-1)

static struct list_node file_locks = { &file_locks, &file_locks };
static struct list_node file_lock_waiters = { &file_lock_waiters, &file_lock_waiters };
static struct mutex file_lock_mutex = MUTEX_INIT(file_lock_mutex);
static struct wait_queue file_lock_wq = WAIT_QUEUE_INIT(file_lock_wq);
/* guards: file_lock_gen's changes and the test-and-sleep on it */
static struct spinlock file_lock_gen_lock = SPINLOCK_INIT("file_lock_gen_lock");
static uint64_t file_lock_gen;

/* Locked: a lock went away or got weaker; blocked lockers retry. */
static void file_lock_changed(void)
{
	spin_lock(&file_lock_gen_lock);
	file_lock_gen++;
	wake_up_all(&file_lock_wq);
	spin_unlock(&file_lock_gen_lock);
}

static void file_lock_free(struct file_lock *l)
{
	list_del(&l->link);
	kfree(l);
}

/*
 * Sleeps until a lock changes (the generation moves past gen) or a
 * signal is pending: 0 to retry, -ERESTARTSYS (EINTR, or a restart with
 * SA_RESTART, as Linux's interruptible lock waits).
 */
static int file_lock_wait(uint64_t gen)
{
	struct task *t = task_current();
	int r = 0;

	spin_lock(&file_lock_gen_lock);
	while (file_lock_gen == gen) {
		if (signal_pending(t)) {
			r = -ERESTARTSYS;
			break;
		}
		wait_block_lock_intr(&file_lock_wq, 0, &file_lock_gen_lock);
	}
	spin_unlock(&file_lock_gen_lock);
	return r;
}

/* Two locks conflict when either is a write lock (fcntl(2), flock(2)). */
static bool file_lock_types_conflict(short a, short b)
{
	return a == F_WRLCK || b == F_WRLCK;
}

const void *file_lock_key(const struct file *f)
{
	return f->inode ? (const void *)f->inode : f->priv ? f->priv : (const void *)f;
}

/* ---- POSIX record locks -------------------------------------------------- */

/* Whether l, a lock held, stands in the way of owner's request. */
static bool file_lock_posix_blocks(const struct file_lock *l, const void *key,
				   const void *owner, short type, int64_t start, int64_t end)
{
	return l->posix && l->key == key && l->owner != owner &&
	       l->start <= end && start <= l->end && file_lock_types_conflict(l->type, type);
}

/* Locked: the first lock of another owner that conflicts, or NULL. */
static struct file_lock *file_lock_posix_conflict(const void *key, const void *owner,
						  short type, int64_t start, int64_t end)
{
	struct file_lock *l;

	list_for_each_entry(l, &file_locks, link)
		if (file_lock_posix_blocks(l, key, owner, type, start, end))
			return l;
	return NULL;
}

/*
 * Locked: whether owner is blocked, directly or through up to depth
 * holders that are blocked in turn, on a lock that target holds.
 */
static bool file_lock_posix_waits_for(const void *owner, const void *target, unsigned depth)
{
	struct file_lock_waiter *w;
	struct file_lock *l;

	if (depth == 0)
		return false;
	list_for_each_entry(w, &file_lock_waiters, link) {
		if (w->owner != owner)
			continue;
		list_for_each_entry(l, &file_locks, link) {
			if (!file_lock_posix_blocks(l, w->key, w->owner, w->type, w->start, w->end))
				continue;
			if (l->owner == target ||
			    file_lock_posix_waits_for(l->owner, target, depth - 1))
				return true;
		}
	}
	return false;
}

/*
 * Locked: whether blocking w would close a circle of waiters, so that no
 * one of them could ever go on (fcntl(2) EDEADLK): some holder in w's way
 * waits, maybe through others, for a lock w's owner holds.
 */
static bool file_lock_posix_deadlock(const struct file_lock_waiter *w)
{
	struct file_lock *l;

	list_for_each_entry(l, &file_locks, link)
		if (file_lock_posix_blocks(l, w->key, w->owner, w->type, w->start, w->end) &&
		    file_lock_posix_waits_for(l->owner, w->owner, FILE_LOCK_DEADLOCK_DEPTH))
			return true;
	return false;
}

int file_lock_posix_test(const void *key, const void *owner, short type, int64_t start,
			 int64_t end, struct file_lock_info *out)
{
	struct file_lock *l;

	mutex_lock(&file_lock_mutex);
	l = file_lock_posix_conflict(key, owner, type, start, end);
	if (l) {
		out->type = l->type;
		out->start = l->start;
		out->end = l->end;
		out->pid = l->pid;
	}
	mutex_unlock(&file_lock_mutex);
	return l != NULL;
}

/*
 * Locked: apply type over [start, end] to owner's locks on key. spare
 * holds two preallocated locks (the new one and a split's right half);
 * those used are set to NULL.
 */
static void file_lock_posix_apply(const void *key, const void *owner, int pid, short type,
				  int64_t start, int64_t end, struct file_lock **spare)
{
	struct file_lock *l, *n;
	bool weakened = false;

	/* Same-type neighbours that overlap or touch are absorbed into the new range. */
	if (type != F_UNLCK) {
		list_for_each_entry_safe(l, n, &file_locks, link) {
			if (!l->posix || l->key != key || l->owner != owner || l->type != type)
				continue;
			if (l->end < start && l->end + 1 < start)
				continue;
			if (l->start > end && (end == FILE_LOCK_OFFSET_MAX || l->start > end + 1))
				continue;
			if (l->start < start)
				start = l->start;
			if (l->end > end)
				end = l->end;
			file_lock_free(l);
		}
	}
	/* The owner's other overlapping locks lose [start, end]: trimmed or split. */
	list_for_each_entry_safe(l, n, &file_locks, link) {
		if (!l->posix || l->key != key || l->owner != owner ||
		    l->end < start || l->start > end)
			continue;
		weakened = true;
		if (l->start < start && l->end > end) {
			struct file_lock *right = spare[1];

			spare[1] = NULL;
			*right = *l;
			right->start = end + 1;
			l->end = start - 1;
			list_add_tail(&file_locks, &right->link);
		} else if (l->start < start) {
			l->end = start - 1;
		} else if (l->end > end) {
			l->start = end + 1;
		} else {
			file_lock_free(l);
		}
	}
	if (type != F_UNLCK) {
		struct file_lock *new = spare[0];

		spare[0] = NULL;
		new->key = key;
		new->owner = owner;
		new->pid = pid;
		new->type = type;
		new->posix = true;
		new->start = start;
		new->end = end;
		list_add_tail(&file_locks, &new->link);
	}
	/* A write lock turned read lock, or an unlock, may let others in. */
	if (weakened)
		file_lock_changed();
}

/*
 * ofd: an open file description lock. Linux leaves those out of deadlock
 * detection (posix_locks_deadlock): their waits are never on
 * file_lock_waiters and never EDEADLK.
 */
static int file_lock_record_set(const void *key, const void *owner, int pid, short type,
				int64_t start, int64_t end, bool wait, bool ofd)
{
	struct file_lock_waiter waiter = {
		.key = key, .owner = owner, .type = type, .start = start, .end = end,
	};
	struct file_lock *spare[2];
	int r;

	spare[0] = kzalloc(sizeof(struct file_lock));
	spare[1] = kzalloc(sizeof(struct file_lock));
	if (!spare[0] || !spare[1]) {
		kfree(spare[0]);
		kfree(spare[1]);
		return -ENOMEM;
	}
	list_init(&spare[0]->link);
	list_init(&spare[1]->link);
	list_init(&waiter.link);
	mutex_lock(&file_lock_mutex);
	for (;;) {
		uint64_t gen;

		if (type == F_UNLCK || !file_lock_posix_conflict(key, owner, type, start, end)) {
			file_lock_posix_apply(key, owner, pid, type, start, end, spare);
			r = 0;
			break;
		}
		if (!wait) {
			r = -EAGAIN;
			break;
		}
		if (!ofd && file_lock_posix_deadlock(&waiter)) {
			r = -EDEADLK;
			break;
		}
		if (!ofd && !list_node_linked(&waiter.link))
			list_add_tail(&file_lock_waiters, &waiter.link);
		gen = file_lock_gen;
		mutex_unlock(&file_lock_mutex);
		r = file_lock_wait(gen);
		mutex_lock(&file_lock_mutex);
		if (r)
			break;
	}
	if (list_node_linked(&waiter.link))
		list_del(&waiter.link);
	mutex_unlock(&file_lock_mutex);
	kfree(spare[0]);
	kfree(spare[1]);
	return r;
}

int file_lock_posix_set(const void *key, const void *owner, int pid, short type,
			int64_t start, int64_t end, bool wait)
{
	return file_lock_record_set(key, owner, pid, type, start, end, wait, false);
}

/* Locked: drops the POSIX locks matching owner (and key unless NULL). */
static void file_lock_posix_drop(const void *key, const void *owner)
{
	struct file_lock *l, *n;
	bool any = false;

	list_for_each_entry_safe(l, n, &file_locks, link) {
		if (l->posix && l->owner == owner && (!key || l->key == key)) {
			file_lock_free(l);
			any = true;
		}
	}
	if (any)
		file_lock_changed();
}

void file_lock_posix_release(const void *key, const void *owner)
{
	mutex_lock(&file_lock_mutex);
	file_lock_posix_drop(key, owner);
	mutex_unlock(&file_lock_mutex);
}

void file_lock_posix_release_owner(const void *owner)
{
	file_lock_posix_release(NULL, owner);
}

unsigned file_lock_posix_count(const void *key, const void *owner)
{
	struct file_lock *l;
	unsigned n = 0;

	mutex_lock(&file_lock_mutex);
	list_for_each_entry(l, &file_locks, link)
		n += l->posix && l->key == key && l->owner == owner;
	mutex_unlock(&file_lock_mutex);
	return n;
}

void file_lock_close(struct file *f, const void *table)
{
	if (f && table && !list_empty(&file_locks))
		file_lock_posix_release(file_lock_key(f), table);
}

/*
 * struct flock's range on f as [*start, *end] (fcntl(2): l_whence,
 * l_start, l_len; 0 means to the end of any growth, a negative l_len
 * covers the bytes before l_start). 0, -EINVAL or -EOVERFLOW.
 */
static int file_lock_range(struct file *f, const struct flock *fl, int64_t *start,
			   int64_t *end)
{
	int64_t base, s;

	switch (fl->l_whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (int64_t)f->pos;
		break;
	case SEEK_END:
		base = f->inode ? (int64_t)f->inode->size : 0;
		break;
	default:
		return -EINVAL;
	}
	if (__builtin_add_overflow(base, fl->l_start, &s))
		return -EOVERFLOW;
	if (fl->l_len > 0) {
		if (__builtin_add_overflow(s, fl->l_len - 1, end))
			return -EOVERFLOW;
	} else if (fl->l_len == 0) {
		*end = FILE_LOCK_OFFSET_MAX;
	} else {
		*end = s - 1;
		s += fl->l_len;
	}
	if (s < 0)
		return -EINVAL;
	*start = s;
	return 0;
}

long file_lock_fcntl(struct file *f, int cmd, uint64_t arg)
{
	struct process *p = process_current();
	bool ofd = cmd == F_OFD_GETLK || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
	bool getlk = cmd == F_GETLK || cmd == F_OFD_GETLK;
	const void *owner;
	struct flock fl;
	struct file_lock_info info;
	int64_t start, end;
	unsigned acc = f->flags & O_ACCMODE;
	int r;

	if (!p || (f->flags & O_PATH))
		return -EBADF;
	owner = ofd ? (const void *)f : (const void *)p->files;
	if (copy_from_user(&fl, (const void __user *)arg, sizeof(fl)))
		return -EFAULT;
	/* fcntl(2): l_pid must be 0 for the OFD commands. */
	if (ofd && fl.l_pid != 0)
		return -EINVAL;
	if (fl.l_type != F_RDLCK && fl.l_type != F_WRLCK &&
	    (fl.l_type != F_UNLCK || getlk))
		return -EINVAL;
	r = file_lock_range(f, &fl, &start, &end);
	if (r)
		return r;
	if (getlk) {
		if (file_lock_posix_test(file_lock_key(f), owner, fl.l_type, start, end,
					 &info)) {
			fl.l_type = info.type;
			fl.l_whence = SEEK_SET;
			fl.l_start = info.start;
			fl.l_len = info.end == FILE_LOCK_OFFSET_MAX ? 0 :
				   info.end - info.start + 1;
			fl.l_pid = info.pid;
		} else {
			fl.l_type = F_UNLCK;
		}
		return copy_to_user((void __user *)arg, &fl, sizeof(fl));
	}
	/* fcntl(2): a read lock needs the file open for reading, a write lock for writing. */
	if (fl.l_type == F_RDLCK && acc != O_RDONLY && acc != O_RDWR)
		return -EBADF;
	if (fl.l_type == F_WRLCK && acc != O_WRONLY && acc != O_RDWR)
		return -EBADF;
	return file_lock_record_set(file_lock_key(f), owner, ofd ? FILE_LOCK_OFD_PID : p->pid,
				    fl.l_type, start, end, cmd == F_SETLKW || cmd == F_OFD_SETLKW,
				    ofd);
}

/* ---- flock(2) ------------------------------------------------------------ */

/* Locked: f's flock lock, or NULL. */
static struct file_lock *file_lock_flock_find(const struct file *f)
{
	struct file_lock *l;

	list_for_each_entry(l, &file_locks, link)
		if (!l->posix && l->owner == f)
			return l;
	return NULL;
}

/* Locked: whether another open file description's flock lock conflicts. */
static bool file_lock_flock_conflict(const struct file *f, short type)
{
	const void *key = file_lock_key(f);
	struct file_lock *l;

	list_for_each_entry(l, &file_locks, link)
		if (!l->posix && l->key == key && l->owner != f &&
		    file_lock_types_conflict(l->type, type))
			return true;
	return false;
}

static void file_lock_flock_unlock(struct file *f, bool ofd);

long file_lock_flock(struct file *f, int op)
{
	int cmd = op & ~LOCK_NB;
	short type;
	struct file_lock *l, *new;
	long r;

	if (f->flags & O_PATH)
		return -EBADF;
	if (cmd == LOCK_UN) {
		file_lock_flock_unlock(f, false);
		return 0;
	}
	/*
	 * Anything else is EINVAL. Linux 5.15+ ignores the old LOCK_MAND
	 * bit (32) and returns 0 without locking; we refuse it rather than
	 * pretend to lock.
	 */
	if (cmd != LOCK_SH && cmd != LOCK_EX)
		return -EINVAL;
	type = cmd == LOCK_EX ? F_WRLCK : F_RDLCK;
	new = kzalloc(sizeof(*new));
	if (!new)
		return -ENOMEM;
	list_init(&new->link);
	for (;;) {
		uint64_t gen;

		mutex_lock(&file_lock_mutex);
		l = file_lock_flock_find(f);
		if (l && l->type == type) {
			mutex_unlock(&file_lock_mutex);
			r = 0;
			break;
		}
		/*
		 * flock(2): a conversion is not atomic; the old lock goes first,
		 * so a conversion that has to wait holds nothing meanwhile.
		 */
		if (l) {
			file_lock_free(l);
			file_lock_changed();
		}
		if (!file_lock_flock_conflict(f, type)) {
			new->key = file_lock_key(f);
			new->owner = f;
			new->type = type;
			new->end = FILE_LOCK_OFFSET_MAX;
			list_add_tail(&file_locks, &new->link);
			new = NULL;
			mutex_unlock(&file_lock_mutex);
			r = 0;
			break;
		}
		gen = file_lock_gen;
		mutex_unlock(&file_lock_mutex);
		if (op & LOCK_NB) {
			r = -EAGAIN;	/* EWOULDBLOCK is EAGAIN on Linux */
			break;
		}
		r = file_lock_wait(gen);
		if (r)
			break;
	}
	kfree(new);
	return r;
}

/* LOCK_UN, and the last close: f's flock lock goes; with ofd its record locks too. */
static void file_lock_flock_unlock(struct file *f, bool ofd)
{
	struct file_lock *l;

	if (list_empty(&file_locks))
		return;
	mutex_lock(&file_lock_mutex);
	l = file_lock_flock_find(f);
	if (l) {
		file_lock_free(l);
		file_lock_changed();
	}
	if (ofd)
		file_lock_posix_drop(NULL, f);
	mutex_unlock(&file_lock_mutex);
}

void file_lock_flock_release(struct file *f)
{
	file_lock_flock_unlock(f, true);
}

SYSCALL_DEFINE2(flock, unsigned int, fd, unsigned int, cmd)
{
	struct file *f = fd_get((int)fd);
	long r;

	if (!f)
		return -EBADF;
	r = file_lock_flock(f, (int)cmd);
	file_put(f);
	return r;
}
