/*
 * fd_table.c: descriptor tables (file.h). A table maps small integers to
 * referenced files plus the FD_CLOEXEC flag; open(2) and dup(2) take the
 * lowest free slot below RLIMIT_NOFILE (EMFILE beyond). Tables grow by
 * doubling up to FD_NR_OPEN (and kmalloc's largest block).
 *
 * Locking: each table's mutex guards its slots; slots_lock also guards
 * the arrays and every slot change, for fd_table_for_each_atomic, which
 * cannot sleep; ref is atomic. Files are put after the mutex is dropped,
 * since the last put may sleep (a file system's evict, driver release).
 */
#include <basalt/string.h>
#include <fs/lock.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <uapi/errno.h>

#define FD_TABLE_INITIAL	16

struct fd_table {
	unsigned ref;			/* atomic */
	struct mutex lock;		/* guards: the slots, size, growing */
	/* guards: files, fd_flags and size for fd_table_for_each_atomic */
	struct spinlock slots_lock;
	unsigned size;			/* slots allocated */
	struct file **files;
	uint8_t *fd_flags;		/* FD_CLOEXEC_FLAG */
};

static int fd_table_grow(struct fd_table *t, unsigned want)
{
	unsigned size = t->size ? t->size : FD_TABLE_INITIAL;
	struct file **files, **swap_files;
	uint8_t *flags, *swap_flags;

	while (size < want)
		size *= 2;
	if (size > FD_NR_OPEN)
		size = FD_NR_OPEN;
	if (size <= t->size)
		return want <= t->size ? 0 : -EMFILE;
	files = kzalloc(size * sizeof(*files));
	flags = kzalloc(size);
	if (!files || !flags) {
		kfree(files);
		kfree(flags);
		return -ENOMEM;
	}
	if (t->size) {
		memcpy(files, t->files, t->size * sizeof(*files));
		memcpy(flags, t->fd_flags, t->size);
	}
	/* Publish the new arrays before freeing the old (fd_table_for_each_atomic). */
	spin_lock(&t->slots_lock);
	swap_files = t->files;
	swap_flags = t->fd_flags;
	t->files = files;
	t->fd_flags = flags;
	t->size = size;
	spin_unlock(&t->slots_lock);
	kfree(swap_files);
	kfree(swap_flags);
	return 0;
}

/* t->lock held: a slot changes (slots_lock for the atomic readers). */
static void fd_slot_set(struct fd_table *t, unsigned fd, struct file *f,
			uint8_t fd_flags)
{
	spin_lock(&t->slots_lock);
	t->files[fd] = f;
	t->fd_flags[fd] = fd_flags;
	spin_unlock(&t->slots_lock);
}

struct fd_table *fd_table_create(void)
{
	struct fd_table *t = kzalloc(sizeof(*t));

	if (!t)
		return NULL;
	t->ref = 1;
	mutex_init(&t->lock);
	spin_lock_init(&t->slots_lock, "fd_table.slots_lock");
	if (fd_table_grow(t, FD_TABLE_INITIAL)) {
		kfree(t);
		return NULL;
	}
	return t;
}

struct fd_table *fd_table_clone(struct fd_table *src)
{
	struct fd_table *t = fd_table_create();

	if (!t)
		return NULL;
	mutex_lock(&src->lock);
	if (fd_table_grow(t, src->size)) {
		mutex_unlock(&src->lock);
		fd_table_put(t);
		return NULL;
	}
	for (unsigned i = 0; i < src->size; i++) {
		if (!src->files[i])
			continue;
		file_get(src->files[i]);
		t->files[i] = src->files[i];
		t->fd_flags[i] = src->fd_flags[i];
	}
	mutex_unlock(&src->lock);
	return t;
}

void fd_table_get(struct fd_table *t)
{
	__atomic_add_fetch(&t->ref, 1, __ATOMIC_RELAXED);
}

void fd_table_put(struct fd_table *t)
{
	if (!t)
		return;
	/* Acquire-release: the freeing side sees every other user's writes. */
	if (__atomic_sub_fetch(&t->ref, 1, __ATOMIC_ACQ_REL))
		return;
	/* The owner of POSIX locks is the table (lock.h): they go with it. */
	file_lock_posix_release_owner(t);
	for (unsigned i = 0; i < t->size; i++)
		file_put(t->files[i]);
	kfree(t->files);
	kfree(t->fd_flags);
	kfree(t);
}

void fd_table_close_on_exec(struct fd_table *t)
{
	for (unsigned i = 0;; i++) {
		struct file *f = NULL;

		mutex_lock(&t->lock);
		if (i >= t->size) {
			mutex_unlock(&t->lock);
			return;
		}
		if (t->files[i] && (t->fd_flags[i] & FD_CLOEXEC_FLAG)) {
			f = t->files[i];
			fd_slot_set(t, i, NULL, 0);
		}
		mutex_unlock(&t->lock);
		file_lock_close(f, t);
		file_put(f);
	}
}

static struct fd_table *fd_current_table(void)
{
	struct process *p = process_current();

	return p ? p->files : NULL;
}

/* RLIMIT_NOFILE of the caller, capped to what a table can hold. */
static unsigned fd_limit(void)
{
	struct process *p = process_current();
	uint64_t lim = p ? p->rlim[RLIMIT_NOFILE].rlim_cur : FD_DEFAULT_MAX;

	return lim > FD_NR_OPEN ? FD_NR_OPEN : (unsigned)lim;
}

struct file *fd_get(int fd)
{
	struct fd_table *t = fd_current_table();
	struct file *f = NULL;

	if (!t || fd < 0)
		return NULL;
	mutex_lock(&t->lock);
	if ((unsigned)fd < t->size && t->files[fd]) {
		f = t->files[fd];
		file_get(f);
	}
	mutex_unlock(&t->lock);
	return f;
}

/* The lowest free slot >= min (grown as needed), or -EMFILE (locked). */
static int fd_find_free(struct fd_table *t, unsigned min)
{
	unsigned lim = fd_limit();

	for (unsigned i = min; i < lim; i++) {
		if (i >= t->size) {
			int err = fd_table_grow(t, i + 1);

			if (err)
				return err;
		}
		if (!t->files[i])
			return (int)i;
	}
	return -EMFILE;
}

int fd_install_from(struct file *f, unsigned min, unsigned fd_flags)
{
	struct fd_table *t = fd_current_table();
	int fd;

	if (!t)
		return -EMFILE;
	mutex_lock(&t->lock);
	fd = fd_find_free(t, min);
	if (fd >= 0)
		fd_slot_set(t, (unsigned)fd, f, fd_flags ? FD_CLOEXEC_FLAG : 0);
	mutex_unlock(&t->lock);
	return fd;
}

int fd_install(struct file *f, unsigned fd_flags)
{
	return fd_install_from(f, 0, fd_flags);
}

int fd_close(int fd)
{
	struct fd_table *t = fd_current_table();
	struct file *f = NULL;

	if (!t || fd < 0)
		return -EBADF;
	mutex_lock(&t->lock);
	if ((unsigned)fd < t->size) {
		f = t->files[fd];
		fd_slot_set(t, (unsigned)fd, NULL, 0);
	}
	mutex_unlock(&t->lock);
	if (!f)
		return -EBADF;
	file_lock_close(f, t);	/* POSIX: any close drops the process's locks */
	file_put(f);
	return 0;
}

int fd_close_range(unsigned first, unsigned last, bool cloexec)
{
	struct fd_table *t = fd_current_table();
	unsigned end;

	if (!t)
		return 0;
	if (cloexec) {
		mutex_lock(&t->lock);
		end = MIN(last, t->size - 1);
		for (unsigned fd = first; fd <= end && fd < t->size; fd++)
			if (t->files[fd])
				fd_slot_set(t, fd, t->files[fd], FD_CLOEXEC_FLAG);
		mutex_unlock(&t->lock);
		return 0;
	}
	/* One at a time: each file is put without the table's mutex. */
	for (unsigned fd = first; fd <= last; fd++) {
		mutex_lock(&t->lock);
		end = t->size;
		mutex_unlock(&t->lock);
		if (fd >= end)
			break;
		fd_close((int)fd);
	}
	return 0;
}

int fd_dup_to(int oldfd, int newfd, unsigned fd_flags)
{
	struct fd_table *t = fd_current_table();
	struct file *f, *old = NULL;
	int err = 0;

	if (!t || oldfd < 0)
		return -EBADF;
	if (newfd < 0 || (unsigned)newfd >= fd_limit())
		return -EBADF;
	mutex_lock(&t->lock);
	if ((unsigned)oldfd >= t->size || !(f = t->files[oldfd])) {
		err = -EBADF;
		goto out;
	}
	if ((unsigned)newfd >= t->size) {
		err = fd_table_grow(t, (unsigned)newfd + 1);
		if (err)
			goto out;
	}
	if (oldfd != newfd) {
		old = t->files[newfd];
		file_get(f);
	}
	fd_slot_set(t, (unsigned)newfd, f, fd_flags ? FD_CLOEXEC_FLAG : 0);
out:
	mutex_unlock(&t->lock);
	file_lock_close(old, t);
	file_put(old);
	return err ? err : newfd;
}

int fd_get_flags(int fd)
{
	struct fd_table *t = fd_current_table();
	int r = -EBADF;

	if (!t || fd < 0)
		return -EBADF;
	mutex_lock(&t->lock);
	if ((unsigned)fd < t->size && t->files[fd])
		r = t->fd_flags[fd];
	mutex_unlock(&t->lock);
	return r;
}

int fd_set_flags(int fd, unsigned fd_flags)
{
	struct fd_table *t = fd_current_table();
	int r = -EBADF;

	if (!t || fd < 0)
		return -EBADF;
	mutex_lock(&t->lock);
	if ((unsigned)fd < t->size && t->files[fd]) {
		t->fd_flags[fd] = fd_flags & FD_CLOEXEC_FLAG;
		r = 0;
	}
	mutex_unlock(&t->lock);
	return r;
}

int fd_table_for_each_atomic(struct fd_table *t,
			     int (*fn)(int fd, struct file *f, void *arg), void *arg)
{
	int ret = 0;

	spin_lock(&t->slots_lock);
	for (unsigned fd = 0; fd < t->size && !ret; fd++)
		if (t->files[fd])
			ret = fn((int)fd, t->files[fd], arg);
	spin_unlock(&t->slots_lock);
	return ret;
}

int fd_table_fd_flags_atomic(struct fd_table *t, int fd)
{
	int r = -EBADF;

	spin_lock(&t->slots_lock);
	if (fd >= 0 && (unsigned)fd < t->size && t->files[fd])
		r = t->fd_flags[fd];
	spin_unlock(&t->slots_lock);
	return r;
}

struct file *fd_table_get_atomic(struct fd_table *t, int fd)
{
	struct file *f = NULL;

	spin_lock(&t->slots_lock);
	if (fd >= 0 && (unsigned)fd < t->size && t->files[fd]) {
		f = t->files[fd];
		file_get(f);
	}
	spin_unlock(&t->slots_lock);
	return f;
}

int fd_table_install_stdio(struct fd_table *t, struct file *f)
{
	struct file *old[FD_STDIO_COUNT] = { NULL };

	if (!t || !f)
		return -EINVAL;
	mutex_lock(&t->lock);
	for (unsigned i = 0; i < FD_STDIO_COUNT; i++) {
		old[i] = t->files[i];		/* a table starts with FD_TABLE_INITIAL slots */
		if (i)
			file_get(f);
		fd_slot_set(t, i, f, 0);
	}
	mutex_unlock(&t->lock);
	for (unsigned i = 0; i < FD_STDIO_COUNT; i++) {
		file_lock_close(old[i], t);
		file_put(old[i]);
	}
	return 0;
}
