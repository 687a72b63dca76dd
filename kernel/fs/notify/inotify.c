/*
 * inotify.c: inotify(7), inotify_init1(2), inotify_add_watch(2),
 * inotify_rm_watch(2), and the dispatch of the VFS's events (fsnotify.h)
 * to the watches, as Linux's fs/notify/inotify and fsnotify.c.
 *
 * An instance (struct inotify_group) is an anonymous file with a queue
 * of events read as struct inotify_event records, each name NUL-padded
 * to a multiple of the record's size (16 bytes). A watch references its
 * inode (so the inode, and the watch, live until removed) and has the
 * instance's next descriptor number. An event identical to the last one
 * queued is dropped (Linux's inotify_merge); past max_queued_events one
 * IN_Q_OVERFLOW event (wd -1) ends the queue until it is read. A watch
 * goes (IN_IGNORED queued) on inotify_rm_watch, after its IN_ONESHOT
 * event, when its inode loses its last link (after IN_DELETE_SELF) and
 * when its instance is closed.
 *
 * IN_EXCL_UNLINK is accepted; Basalt sends no event about an unlinked
 * child anyway once its name is gone from the directory.
 *
 * Locking: fsnotify_lock (a spinlock) guards the list of every watch,
 * each instance's watch list, the per-user counts, and a watch's mask;
 * an instance's lock guards its queue and is taken inside fsnotify_lock.
 * Inode references are dropped after both are released.
 */
#include <fs/notify/fsnotify.h>
#include <basalt/compiler.h>
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <fs/file.h>
#include <fs/poll.h>
#include <fs/procfs/procfs.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/spinlock.h>
#include <sched/wait.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/ioctl.h>
#include <user/user.h>

/* Linux's defaults (fs/notify/inotify/inotify_user.c). */
#define INOTIFY_DEFAULT_MAX_EVENTS	16384
#define INOTIFY_DEFAULT_MAX_INSTANCES	128
#define INOTIFY_WATCHES_MIN		8192
#define INOTIFY_WATCHES_MAX		1048576
/* What Linux charges a watch (INOTIFY_WATCH_COST, about 1 KiB) for its 1%-of-RAM default. */
#define INOTIFY_WATCH_COST		1024
#define INOTIFY_RAM_SHARE		100
#define INOTIFY_EVENT_SIZE		16	/* sizeof(struct inotify_event) */
#define INOTIFY_ALL_BITS		(IN_ALL_EVENTS | IN_UNMOUNT | IN_Q_OVERFLOW | IN_IGNORED | \
					 IN_ONLYDIR | IN_DONT_FOLLOW | IN_EXCL_UNLINK | \
					 IN_MASK_ADD | IN_MASK_CREATE | IN_ISDIR | IN_ONESHOT)
/* What a watch keeps of add_watch's mask (the rest are how to add it). */
#define INOTIFY_WATCH_BITS		(IN_ALL_EVENTS | IN_ONESHOT | IN_EXCL_UNLINK)

unsigned fsnotify_watch_count;
uint64_t inotify_max_queued_events = INOTIFY_DEFAULT_MAX_EVENTS;
uint64_t inotify_max_user_instances = INOTIFY_DEFAULT_MAX_INSTANCES;
uint64_t inotify_max_user_watches;	/* set at first use from the RAM size */

struct inotify_kevent {
	struct list_node link;
	int32_t wd;
	uint32_t mask, cookie, len;	/* len: the padded name's bytes */
	char name[];
};

struct inotify_group {
	struct spinlock lock;		/* guards events, nevents, bytes */
	struct list_node events;	/* struct inotify_kevent.link, oldest first */
	uint64_t nevents;
	uint64_t bytes;			/* what a read of everything would return */
	struct wait_queue wq;		/* readers and pollers */
	struct list_node watches;	/* struct inotify_watch.group_link: fsnotify_lock */
	int next_wd;			/* fsnotify_lock */
	uint32_t uid;			/* charged for the instance and its watches */
};

struct inotify_watch {
	struct list_node link;		/* fsnotify_watches */
	struct list_node group_link;
	struct inode *inode;		/* referenced */
	struct inotify_group *group;
	int wd;
	uint32_t mask;			/* INOTIFY_WATCH_BITS */
};

struct inotify_user {
	struct list_node link;
	uint32_t uid;
	uint64_t instances, watches;
};

/* guards: fsnotify_watches, every group's watches and next_wd, watch masks, inotify_users */
static struct spinlock fsnotify_lock = SPINLOCK_INIT("fsnotify_lock");
static struct list_node fsnotify_watches = { &fsnotify_watches, &fsnotify_watches };
static struct list_node inotify_users = { &inotify_users, &inotify_users };
static uint32_t fsnotify_cookie;

static const struct file_ops inotify_fops;

uint32_t fsnotify_next_cookie(void)
{
	return __atomic_add_fetch(&fsnotify_cookie, 1, __ATOMIC_RELAXED);
}

static uint64_t inotify_watches_limit(void)
{
	uint64_t v = __atomic_load_n(&inotify_max_user_watches, __ATOMIC_RELAXED);

	if (!v) {
		v = pmm_total_pages() / INOTIFY_RAM_SHARE * PAGE_SIZE / INOTIFY_WATCH_COST;
		v = v < INOTIFY_WATCHES_MIN ? INOTIFY_WATCHES_MIN :
		    v > INOTIFY_WATCHES_MAX ? INOTIFY_WATCHES_MAX : v;
		__atomic_store_n(&inotify_max_user_watches, v, __ATOMIC_RELAXED);
	}
	return v;
}

/* uid's counts (fsnotify_lock held), made when add is set; NULL without memory. */
static struct inotify_user *inotify_user_find(uint32_t uid, struct inotify_user *fresh)
{
	struct inotify_user *u;

	list_for_each_entry(u, &inotify_users, link)
		if (u->uid == uid)
			return u;
	if (fresh) {
		fresh->uid = uid;
		list_add_tail(&inotify_users, &fresh->link);
	}
	return fresh;
}

/* Queues an event (group->lock held): merged, or the overflow event past the limit. */
static void inotify_queue(struct inotify_group *g, struct inotify_kevent *e)
{
	struct inotify_kevent *last = list_empty(&g->events) ? NULL :
				      list_entry(g->events.prev, struct inotify_kevent, link);

	if (last && last->mask == IN_Q_OVERFLOW && last->wd == -1) {
		kfree(e);
		return;
	}
	if (last && last->wd == e->wd && last->mask == e->mask && last->cookie == e->cookie &&
	    last->len == e->len && !memcmp(last->name, e->name, e->len)) {
		kfree(e);
		return;
	}
	if (g->nevents >= __atomic_load_n(&inotify_max_queued_events, __ATOMIC_RELAXED)) {
		/* The overflow event takes the place of the one that did not fit. */
		e->wd = -1;
		e->mask = IN_Q_OVERFLOW;
		e->cookie = 0;
		e->len = 0;
	}
	list_add_tail(&g->events, &e->link);
	g->nevents++;
	g->bytes += INOTIFY_EVENT_SIZE + e->len;
	wake_up_poll(&g->wq, POLLIN | POLLRDNORM);
}

/* A new event record; name may be NULL. Spinlocks may be held (kmalloc's are inside). */
static struct inotify_kevent *inotify_event_new(int wd, uint32_t mask, uint32_t cookie,
						const char *name, size_t len)
{
	size_t padded = name ? (len + 1 + INOTIFY_EVENT_SIZE - 1) / INOTIFY_EVENT_SIZE *
			       INOTIFY_EVENT_SIZE : 0;
	struct inotify_kevent *e = kzalloc(sizeof(*e) + padded);

	if (!e)
		return NULL;
	e->wd = wd;
	e->mask = mask;
	e->cookie = cookie;
	e->len = (uint32_t)padded;
	if (name)
		memcpy(e->name, name, len);
	return e;
}

/* Takes w off every list (fsnotify_lock held) and queues IN_IGNORED; the caller frees it. */
static void inotify_watch_detach(struct inotify_watch *w, struct list_node *dead)
{
	struct inotify_group *g = w->group;
	struct inotify_kevent *e = inotify_event_new(w->wd, IN_IGNORED, 0, NULL, 0);
	struct inotify_user *u = inotify_user_find(g->uid, NULL);

	list_del(&w->link);
	list_del(&w->group_link);
	if (u)
		u->watches--;
	__atomic_sub_fetch(&fsnotify_watch_count, 1, __ATOMIC_RELAXED);
	if (e) {
		spin_lock(&g->lock);
		inotify_queue(g, e);
		spin_unlock(&g->lock);
	}
	list_add_tail(dead, &w->link);
}

static void inotify_free_dead(struct list_node *dead)
{
	struct inotify_watch *w, *n;

	list_for_each_entry_safe(w, n, dead, link) {
		list_del(&w->link);
		inode_put(w->inode);
		kfree(w);
	}
}

/*
 * Queues mask (with name) to the watches on ino that want it, each with
 * its own descriptor; IN_ONESHOT watches go after their event.
 */
static void fsnotify_send(struct inode *ino, uint32_t mask, uint32_t cookie, const char *name,
			  size_t len)
{
	struct inotify_watch *w, *n;
	struct list_node dead;

	list_init(&dead);
	spin_lock(&fsnotify_lock);
	list_for_each_entry_safe(w, n, &fsnotify_watches, link) {
		struct inotify_kevent *e;

		if (w->inode != ino || !(w->mask & mask & IN_ALL_EVENTS))
			continue;
		e = inotify_event_new(w->wd, mask, cookie, name, len);
		if (e) {
			spin_lock(&w->group->lock);
			inotify_queue(w->group, e);
			spin_unlock(&w->group->lock);
		}
		if (w->mask & IN_ONESHOT)
			inotify_watch_detach(w, &dead);
	}
	spin_unlock(&fsnotify_lock);
	inotify_free_dead(&dead);
}

/* Removes every watch on ino (IN_IGNORED to each). */
static void fsnotify_drop_inode(struct inode *ino)
{
	struct inotify_watch *w, *n;
	struct list_node dead;

	list_init(&dead);
	spin_lock(&fsnotify_lock);
	list_for_each_entry_safe(w, n, &fsnotify_watches, link)
		if (w->inode == ino)
			inotify_watch_detach(w, &dead);
	spin_unlock(&fsnotify_lock);
	inotify_free_dead(&dead);
}

static uint32_t fsnotify_isdir(const struct inode *ino)
{
	return ino && S_ISDIR(ino->mode) ? IN_ISDIR : 0;
}

void fsnotify_do_dentry(struct dentry *d, uint32_t mask)
{
	uint32_t m = mask | fsnotify_isdir(d->inode);

	/* The parent's watches first, then the inode's: Linux's order within one instance. */
	if (d->parent && d->parent != d && d->parent->inode)
		fsnotify_send(d->parent->inode, m, 0, d->name, d->name_len);
	if (d->inode)
		fsnotify_send(d->inode, m, 0, NULL, 0);
}

void fsnotify_do_file(struct file *f, uint32_t mask)
{
	if (f->dentry && f->inode && !(f->flags & O_PATH))
		fsnotify_do_dentry(f->dentry, mask);
}

void fsnotify_do_create(struct dentry *dir, struct dentry *child)
{
	fsnotify_send(dir->inode, IN_CREATE | fsnotify_isdir(child->inode), 0, child->name,
		      child->name_len);
}

/*
 * ino lost a link (Linux's fsnotify_link_count, then fsnotify_inoderemove
 * once the last one is gone): IN_ATTRIB for a non-directory; with no
 * link left IN_DELETE_SELF and the removal of its watches (IN_IGNORED).
 */
static void fsnotify_link_attrib(struct inode *ino)
{
	if (!S_ISDIR(ino->mode))
		fsnotify_send(ino, IN_ATTRIB, 0, NULL, 0);
}

static void fsnotify_link_gone(struct inode *ino)
{
	if (__atomic_load_n(&ino->nlink, __ATOMIC_RELAXED) && !S_ISDIR(ino->mode))
		return;
	/* The self events carry no IN_ISDIR (as Linux 6.1 reports them). */
	fsnotify_send(ino, IN_DELETE_SELF, 0, NULL, 0);
	fsnotify_drop_inode(ino);
}

void fsnotify_do_link(struct dentry *dir, struct dentry *child, struct inode *ino)
{
	fsnotify_link_attrib(ino);
	fsnotify_do_create(dir, child);
}

/* Linux's vfs_unlink/vfs_rmdir order: the inode's events, then the directory's. */
void fsnotify_do_delete(struct dentry *dir, struct dentry *child, struct inode *victim)
{
	fsnotify_link_attrib(victim);
	fsnotify_link_gone(victim);
	fsnotify_send(dir->inode, IN_DELETE | fsnotify_isdir(victim), 0, child->name,
		      child->name_len);
}

/* Linux's fsnotify_move order, the replaced inode's removal last (its dput). */
void fsnotify_do_move(struct dentry *odir, const char *oname, size_t olen, struct dentry *ndir,
		      const char *nname, size_t nlen, struct inode *moved, struct inode *replaced)
{
	uint32_t cookie = fsnotify_next_cookie(), isdir = fsnotify_isdir(moved);

	fsnotify_send(odir->inode, IN_MOVED_FROM | isdir, cookie, oname, olen);
	fsnotify_send(ndir->inode, IN_MOVED_TO | isdir, cookie, nname, nlen);
	if (replaced)
		fsnotify_link_attrib(replaced);
	fsnotify_send(moved, IN_MOVE_SELF, 0, NULL, 0);
	if (replaced)
		fsnotify_link_gone(replaced);
}

/* ---- the instance's file ------------------------------------------------- */

static long inotify_read(struct file *f, struct uio *u, uint64_t *pos __unused)
{
	struct inotify_group *g = f->priv;
	struct list_node taken;
	struct inotify_kevent *e, *n;
	long done = 0, err = 0;

	list_init(&taken);
	spin_lock(&g->lock);
	for (;;) {
		/* Whole events that fit; the first not fitting is EINVAL (inotify(7)). */
		size_t room = u->resid;

		while (!list_empty(&g->events)) {
			e = list_first_entry(&g->events, struct inotify_kevent, link);
			if (INOTIFY_EVENT_SIZE + e->len > room)
				break;
			room -= INOTIFY_EVENT_SIZE + e->len;
			list_del(&e->link);
			g->nevents--;
			g->bytes -= INOTIFY_EVENT_SIZE + e->len;
			list_add_tail(&taken, &e->link);
		}
		if (!list_empty(&taken))
			break;
		if (!list_empty(&g->events)) {
			err = -EINVAL;
			break;
		}
		if (f->flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		if (wait_block_lock_intr(&g->wq, 0, &g->lock) == -EINTR) {
			err = -ERESTARTSYS;
			break;
		}
	}
	spin_unlock(&g->lock);
	list_for_each_entry_safe(e, n, &taken, link) {
		int32_t head[4] = { e->wd, (int32_t)e->mask, (int32_t)e->cookie, (int32_t)e->len };
		long r = uio_copy_out(u, head, sizeof(head));

		if (r >= 0 && e->len)
			r = uio_copy_out(u, e->name, e->len);
		if (r < 0 && !err)
			err = r;
		if (r >= 0)
			done += INOTIFY_EVENT_SIZE + e->len;
		list_del(&e->link);
		kfree(e);
	}
	return done ? done : err;
}

static unsigned inotify_poll(struct file *f, struct poll_table *pt)
{
	struct inotify_group *g = f->priv;
	unsigned mask;

	poll_wait(pt, &g->wq);
	spin_lock(&g->lock);
	mask = list_empty(&g->events) ? 0 : POLLIN | POLLRDNORM;
	spin_unlock(&g->lock);
	return mask;
}

static long inotify_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	struct inotify_group *g = f->priv;
	int bytes;

	if (cmd != FIONREAD)
		return -ENOTTY;
	spin_lock(&g->lock);
	bytes = (int)g->bytes;
	spin_unlock(&g->lock);
	return copy_to_user((void __user *)arg, &bytes, sizeof(bytes)) ? -EFAULT : 0;
}

static void inotify_release(struct file *f)
{
	struct inotify_group *g = f->priv;
	struct inotify_watch *w, *n;
	struct inotify_kevent *e, *en;
	struct inotify_user *u;
	struct list_node dead;

	list_init(&dead);
	spin_lock(&fsnotify_lock);
	list_for_each_entry_safe(w, n, &g->watches, group_link)
		inotify_watch_detach(w, &dead);
	u = inotify_user_find(g->uid, NULL);
	if (u && !--u->instances && !u->watches) {
		list_del(&u->link);
		kfree(u);
	}
	spin_unlock(&fsnotify_lock);
	inotify_free_dead(&dead);
	list_for_each_entry_safe(e, en, &g->events, link)
		kfree(e);
	kfree(g);
}

static const struct file_ops inotify_fops = {
	.read = inotify_read,
	.poll = inotify_poll,
	.ioctl = inotify_ioctl,
	.release = inotify_release,
	.anon_name = "inotify",
};

SYSCALL_DEFINE1(inotify_init1, int, flags)
{
	uint32_t uid = process_current()->cred.uid;
	struct inotify_user *fresh, *u;
	struct inotify_group *g;
	struct file *f;
	int fd, err = 0;

	if (flags & ~(IN_CLOEXEC | IN_NONBLOCK))
		return -EINVAL;
	g = kzalloc(sizeof(*g));
	fresh = kzalloc(sizeof(*fresh));
	if (!g || !fresh) {
		kfree(g);
		kfree(fresh);
		return -ENOMEM;
	}
	spin_lock_init(&g->lock, "inotify_group.lock");
	list_init(&g->events);
	list_init(&g->watches);
	wait_queue_init(&g->wq);
	g->next_wd = 1;
	g->uid = uid;
	spin_lock(&fsnotify_lock);
	u = inotify_user_find(uid, fresh);
	if (u == fresh)
		fresh = NULL;
	if (u->instances >= __atomic_load_n(&inotify_max_user_instances, __ATOMIC_RELAXED))
		err = -EMFILE;
	else
		u->instances++;
	spin_unlock(&fsnotify_lock);
	kfree(fresh);
	if (err) {
		kfree(g);
		return err;
	}
	f = file_alloc_anon(&inotify_fops, g, O_RDONLY | ((unsigned)flags & O_NONBLOCK));
	if (!f) {
		spin_lock(&fsnotify_lock);
		u->instances--;
		spin_unlock(&fsnotify_lock);
		kfree(g);
		return -ENOMEM;
	}
	fd = fd_install(f, (flags & IN_CLOEXEC) ? FD_CLOEXEC_FLAG : 0);
	if (fd < 0)
		file_put(f);
	return fd;
}

SYSCALL_DEFINE0(inotify_init)
{
	return __do_sys_inotify_init1(0);
}

/* The watched inode of path, referenced, after the read check. */
static int inotify_find_inode(const char __user *upath, uint32_t mask, struct inode **out)
{
	unsigned flags = (mask & IN_DONT_FOLLOW ? 0 : LOOKUP_FOLLOW) |
			 (mask & IN_ONLYDIR ? LOOKUP_DIRECTORY : 0);
	struct nameidata nd;
	struct file *held;
	char *path;
	int err = user_path_get(upath, &path);

	if (err)
		return err;
	err = vfs_at_lookup(AT_FDCWD, path, flags, &nd, &held);
	if (!err && (mask & IN_ONLYDIR) && !S_ISDIR(nd.path.dentry->inode->mode))
		err = -ENOTDIR;
	if (!err)
		err = inode_permission(nd.path.dentry->inode, MAY_READ, vfs_cred());
	if (!err) {
		*out = nd.path.dentry->inode;
		inode_get(*out);
	}
	vfs_lookup_done(&nd);
	file_put(held);
	user_path_put(path);
	return err;
}

SYSCALL_DEFINE3(inotify_add_watch, int, fd, const char __user *, upath, uint32_t, mask)
{
	struct inotify_watch *w, *fresh = NULL;
	struct inotify_group *g;
	struct inotify_user *u;
	struct inode *ino = NULL;
	struct file *f;
	long r;

	/* Linux's order: the flag pair, no known bit, the descriptor, its kind. */
	if ((mask & IN_MASK_ADD) && (mask & IN_MASK_CREATE))
		return -EINVAL;
	if (!(mask & INOTIFY_ALL_BITS))
		return -EINVAL;
	f = fd_get(fd);
	if (!f)
		return -EBADF;
	r = -EINVAL;
	if (f->ops != &inotify_fops)
		goto out;
	g = f->priv;
	r = inotify_find_inode(upath, mask, &ino);
	if (r)
		goto out;
	fresh = kzalloc(sizeof(*fresh));
	r = -ENOMEM;
	if (!fresh)
		goto out;
	spin_lock(&fsnotify_lock);
	list_for_each_entry(w, &g->watches, group_link) {
		if (w->inode != ino)
			continue;
		if (mask & IN_MASK_CREATE) {
			r = -EEXIST;
		} else {
			w->mask = (mask & IN_MASK_ADD ? w->mask : 0) | (mask & INOTIFY_WATCH_BITS);
			r = w->wd;
		}
		spin_unlock(&fsnotify_lock);
		goto out;
	}
	u = inotify_user_find(g->uid, NULL);
	if (u && u->watches >= inotify_watches_limit()) {
		r = -ENOSPC;
	} else {
		fresh->inode = ino;
		ino = NULL;	/* the watch's reference now */
		fresh->group = g;
		fresh->mask = mask & INOTIFY_WATCH_BITS;
		fresh->wd = g->next_wd++;
		list_add_tail(&fsnotify_watches, &fresh->link);
		list_add_tail(&g->watches, &fresh->group_link);
		if (u)
			u->watches++;
		__atomic_add_fetch(&fsnotify_watch_count, 1, __ATOMIC_RELAXED);
		r = fresh->wd;
		fresh = NULL;
	}
	spin_unlock(&fsnotify_lock);
out:
	kfree(fresh);
	if (ino)
		inode_put(ino);
	file_put(f);
	return r;
}

SYSCALL_DEFINE2(inotify_rm_watch, int, fd, int, wd)
{
	struct inotify_watch *w, *n;
	struct inotify_group *g;
	struct list_node dead;
	struct file *f = fd_get(fd);
	long r = -EINVAL;

	if (!f)
		return -EBADF;
	list_init(&dead);
	if (f->ops == &inotify_fops) {
		g = f->priv;
		spin_lock(&fsnotify_lock);
		list_for_each_entry_safe(w, n, &g->watches, group_link)
			if (w->wd == wd) {
				inotify_watch_detach(w, &dead);
				r = 0;
				break;
			}
		spin_unlock(&fsnotify_lock);
	}
	inotify_free_dead(&dead);
	file_put(f);
	return r;
}

/* ---- /proc/sys/fs/inotify ------------------------------------------------ */

static int inotify_show(struct procfs_buf *b, uint64_t v)
{
	procfs_printf(b, "%llu\n", (unsigned long long)v);
	return 0;
}

static int inotify_store(const char *text, uint64_t *var)
{
	uint64_t v = 0;
	bool digits = false;

	while (*text == ' ' || *text == '\t')
		text++;
	for (; *text >= '0' && *text <= '9'; text++, digits = true) {
		v = v * 10 + (uint64_t)(*text - '0');
		if (v > INT32_MAX)
			return -EINVAL;
	}
	while (*text == ' ' || *text == '\t' || *text == '\n')
		text++;
	if (!digits || *text)
		return -EINVAL;
	__atomic_store_n(var, v, __ATOMIC_RELAXED);
	return 0;
}

static int inotify_show_events(struct procfs_buf *b, struct process *p __unused)
{
	return inotify_show(b, inotify_max_queued_events);
}

static int inotify_store_events(const char *text)
{
	return inotify_store(text, &inotify_max_queued_events);
}

static int inotify_show_instances(struct procfs_buf *b, struct process *p __unused)
{
	return inotify_show(b, inotify_max_user_instances);
}

static int inotify_store_instances(const char *text)
{
	return inotify_store(text, &inotify_max_user_instances);
}

static int inotify_show_watches(struct procfs_buf *b, struct process *p __unused)
{
	return inotify_show(b, inotify_watches_limit());
}

static int inotify_store_watches(const char *text)
{
	return inotify_store(text, &inotify_max_user_watches);
}

static const struct procfs_entry inotify_sysctl_entries[] = {
	{ "max_queued_events", S_IFREG | 0644, inotify_show_events, inotify_store_events, false,
	  NULL },
	{ "max_user_instances", S_IFREG | 0644, inotify_show_instances, inotify_store_instances,
	  false, NULL },
	{ "max_user_watches", S_IFREG | 0644, inotify_show_watches, inotify_store_watches, false,
	  NULL },
};

void inotify_sysctl_init(struct dentry *fs)
{
	struct dentry *dir = fs ? procfs_add_dir(fs, "inotify") : NULL;

	for (size_t i = 0; dir && i < ARRAY_SIZE(inotify_sysctl_entries); i++)
		procfs_add_file(dir, &inotify_sysctl_entries[i]);
}
