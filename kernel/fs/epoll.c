/*
 * epoll.c: epoll(7): epoll_create(2), epoll_create1, epoll_ctl(2),
 * epoll_wait(2), epoll_pwait and epoll_pwait2.
 *
 * An epoll file holds an interest list of items, one per (file,
 * descriptor) pair added. When an item is added, its file's ->poll is
 * called with a poll table whose queue function hooks a wait entry with
 * a callback (epoll_item_wakeup) on each wait queue the file announces
 * changes on; every wake-up of those queues puts the item on the ready
 * list and wakes the epoll's own queue (its waiters, and the pollers of
 * the epoll file itself, which may be another epoll: nesting).
 *
 * epoll_wait takes the ready list, asks each item's file what holds now
 * (->poll without a table) and reports the events the item wants.
 * Level-triggered items go back on the ready list, so they are asked
 * again next time; edge-triggered ones (EPOLLET) only come back with the
 * next wake-up; EPOLLONESHOT items are disabled (no event bits left)
 * until EPOLL_CTL_MOD. An item whose file is no longer ready simply
 * drops off the list.
 *
 * Items do not hold a reference on their file: like Linux, the file's
 * last file_put removes its items (epoll_file_release), so closing every
 * descriptor of a file ends its registrations, while closing one of
 * several duplicates does not (epoll(7), Q6).
 *
 * Locking, outermost first:
 *   epoll_lock   (mutex) every file's epoll_links, and adding or removing
 *                items anywhere, so the nesting graph is stable for the
 *                loop check;
 *   ep->mtx      (mutex) one epoll's interest list and its items' events
 *                and data, against epoll_wait's scan;
 *   ep->lock     (spinlock) the ready list and the items' ready flags,
 *                which the wake-up callbacks change from any context.
 * file_put may take epoll_lock: never call it holding any of these.
 */
#include <basalt/compiler.h>
#include <basalt/syscalls.h>
#include <fs/epoll_limits.h>
#include <fs/file.h>
#include <proc/process.h>
#include <fs/poll.h>
#include <mm/mm.h>
#include <basalt/list.h>
#include <sched/mutex.h>
#include <sched/sched.h>
#include <sched/spinlock.h>
#include <signal/signal.h>
#include <time/sys_time.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/eventpoll.h>
#include <uapi/limits.h>
#include <uapi/poll.h>
#include <user/user.h>

/* Ready items epoll_poll checks before it calls the epoll readable anyway. */
#define EPOLL_POLL_SCAN		16
/* epoll_ctl(2): the bits that are not events (they never wake or report). */
#define EPOLL_PRIVATE_BITS	(EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)
/* epoll_ctl(2), EINVAL: what EPOLLEXCLUSIVE may be combined with. */
#define EPOLL_EXCLUSIVE_OK_BITS	(EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | \
				 EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE)
/* epoll_ctl(2): always reported, whether asked for or not. */
#define EPOLL_ALWAYS_BITS	(EPOLLERR | EPOLLHUP)
/* epoll_wait(2), EINVAL: maxevents above INT_MAX / sizeof(struct epoll_event). */
#define EPOLL_MAX_EVENTS	(INT32_MAX / (int)sizeof(struct epoll_event))
/* Linux's EP_MAX_NESTS: epoll_ctl(2), ELOOP beyond this nesting depth. */
#define EPOLL_MAX_NESTS		4
/* Events one pass of epoll_wait gathers at most (a bounded kernel buffer). */
#define EPOLL_WAIT_BATCH	1024

struct epoll {
	struct mutex mtx;		/* guards items and the items' events, data */
	struct list_node items;		/* struct epoll_item.ep_link */
	struct spinlock lock;		/* guards rdllist and every item's ready */
	struct list_node rdllist;	/* struct epoll_item.rd_link: maybe ready */
	/* epoll_wait sleepers, and pollers of this epoll file (nesting). */
	struct wait_queue wq;
	uint32_t uid;			/* charged for the watches (epoll_limits.c) */
};

struct epoll_hook;

struct epoll_item {
	struct list_node ep_link;	/* on ep->items */
	struct list_node file_link;	/* on file->epoll_links (epoll_lock) */
	struct list_node rd_link;	/* on ep->rdllist or a scan's list, if ready */
	bool ready;			/* rd_link is on a list (ep->lock) */
	struct epoll *ep;
	struct file *file;		/* not referenced: see the top */
	int fd;
	uint32_t events;		/* wanted, with EPOLL_ALWAYS_BITS and flags */
	uint64_t data;
	struct epoll_hook *hooks;	/* one per wait queue of the file */
};

/* A wait entry on one of an item's file's queues. */
struct epoll_hook {
	struct wait_entry we;
	struct epoll_item *item;
	struct epoll_hook *next;
};

/* The poll table epoll hands to ->poll when an item is added. */
struct epoll_queue_table {
	struct poll_table pt;
	struct epoll_item *item;
};

/* Guards every file's epoll_links and the nesting graph (see the top). */
static struct mutex epoll_lock = MUTEX_INIT(epoll_lock);

static const struct file_ops epoll_ops;

static bool epoll_is_epoll(const struct file *f)
{
	return f->ops == &epoll_ops;
}

/* Puts item on the ready list unless it is on one. ep->lock held. */
static void epoll_mark_ready(struct epoll *ep, struct epoll_item *item)
{
	if (item->ready)
		return;
	item->ready = true;
	list_add_tail(&ep->rdllist, &item->rd_link);
}

/*
 * A watched queue was woken (interrupts off, maybe from an interrupt).
 * A wake-up that names its events (key) counts only for items that want
 * one of them, so that an EPOLLET reader is not reported again when only
 * room for writers came (Linux's ep_poll_callback).
 */
static void epoll_item_wakeup(struct wait_entry *e, unsigned key)
{
	struct epoll_hook *hook = container_of(e, struct epoll_hook, we);
	struct epoll_item *item = hook->item;
	struct epoll *ep = item->ep;
	uint64_t flags = spin_lock_irqsave(&ep->lock);
	bool wake = false;

	/* A disabled EPOLLONESHOT item waits for EPOLL_CTL_MOD. */
	if ((item->events & ~EPOLL_PRIVATE_BITS) && (!key || (key & item->events))) {
		epoll_mark_ready(ep, item);
		wake = true;
	}
	spin_unlock_irqrestore(&ep->lock, flags);
	if (wake)
		wake_up_poll_locked(&ep->wq, POLLIN | POLLRDNORM);	/* sched_lock held */
}

static void epoll_queue(struct poll_table *pt, struct wait_queue *wq)
{
	struct epoll_queue_table *qt = container_of(pt, struct epoll_queue_table, pt);
	struct epoll_hook *hook = kzalloc(sizeof(*hook));

	if (!hook) {
		pt->error = -ENOMEM;
		return;
	}
	hook->item = qt->item;
	hook->next = qt->item->hooks;
	qt->item->hooks = hook;
	wait_entry_add_func(wq, &hook->we, epoll_item_wakeup);
}

/* The events of item that hold now (without registering anything). */
static uint32_t epoll_item_poll(struct epoll_item *item)
{
	return item->file->ops->poll(item->file, NULL) & item->events &
	       ~EPOLL_PRIVATE_BITS;
}

/* Queues item if its file is ready now and wakes the waiters. ep->mtx held. */
static void epoll_check_now(struct epoll *ep, struct epoll_item *item, uint32_t revents)
{
	uint64_t flags;

	if (!(revents & item->events & ~EPOLL_PRIVATE_BITS))
		return;
	flags = spin_lock_irqsave(&ep->lock);
	epoll_mark_ready(ep, item);
	spin_unlock_irqrestore(&ep->lock, flags);
	wake_up_poll(&ep->wq, POLLIN | POLLRDNORM);
}

/* Unhooks and frees item. epoll_lock and ep->mtx held. */
static void epoll_item_remove(struct epoll *ep, struct epoll_item *item)
{
	uint64_t flags;

	while (item->hooks) {
		struct epoll_hook *hook = item->hooks;

		item->hooks = hook->next;
		wait_entry_remove(&hook->we);
		kfree(hook);
	}
	flags = spin_lock_irqsave(&ep->lock);
	if (item->ready) {
		list_del(&item->rd_link);
		item->ready = false;
	}
	spin_unlock_irqrestore(&ep->lock, flags);
	list_del(&item->ep_link);
	list_del(&item->file_link);
	kfree(item);
	epoll_watch_uncharge(ep->uid);
}

static struct epoll_item *epoll_find(struct epoll *ep, struct file *f, int fd)
{
	struct epoll_item *item;

	list_for_each_entry(item, &ep->items, ep_link)
		if (item->file == f && item->fd == fd)
			return item;
	return NULL;
}

/* Adds (f, fd) to ep's interest list. epoll_lock and ep->mtx held. */
static int epoll_insert(struct epoll *ep, struct file *f, int fd,
			const struct epoll_event *ev)
{
	struct epoll_item *item = kzalloc(sizeof(*item));
	struct epoll_queue_table qt = { .pt = { .queue = epoll_queue }, .item = item };
	uint32_t revents;

	if (!item)
		return -ENOMEM;
	/* max_user_watches (epoll(7)): ENOSPC, as Linux's ep_insert. */
	if (!epoll_watch_charge(ep->uid)) {
		kfree(item);
		return -ENOSPC;
	}
	item->ep = ep;
	item->file = f;
	item->fd = fd;
	item->events = ev->events | EPOLL_ALWAYS_BITS;
	item->data = ev->data;
	list_add_tail(&ep->items, &item->ep_link);
	list_add_tail(&f->epoll_links, &item->file_link);
	revents = f->ops->poll(f, &qt.pt);
	if (qt.pt.error) {
		epoll_item_remove(ep, item);
		return qt.pt.error;
	}
	epoll_check_now(ep, item, revents);
	return 0;
}

/*
 * Whether adding epoll file target to ep would close a loop or nest
 * deeper than EPOLL_MAX_NESTS (epoll_ctl(2), ELOOP). epoll_lock held.
 */
static bool epoll_loop_check(struct epoll *ep, struct epoll *target, int depth)
{
	struct epoll_item *item;

	if (target == ep || depth > EPOLL_MAX_NESTS)
		return true;
	list_for_each_entry(item, &target->items, ep_link)
		if (epoll_is_epoll(item->file) &&
		    epoll_loop_check(ep, item->file->priv, depth + 1))
			return true;
	return false;
}

void epoll_file_release(struct file *f)
{
	mutex_lock(&epoll_lock);
	while (!list_empty(&f->epoll_links)) {
		struct epoll_item *item =
			list_first_entry(&f->epoll_links, struct epoll_item, file_link);
		struct epoll *ep = item->ep;

		mutex_lock(&ep->mtx);
		epoll_item_remove(ep, item);
		mutex_unlock(&ep->mtx);
	}
	mutex_unlock(&epoll_lock);
}

/* ---- the epoll file ------------------------------------------------------ */

/*
 * Readable when some item is ready (what epoll_wait would report now).
 * The items' polls run without ep->lock: a file's poll takes the file's
 * lock, under which it may wake a queue, whose callback takes ep->lock
 * under sched_lock (docs/locking.md). ep->mtx keeps the items alive
 * instead (removal takes it), as Linux's ep_eventpoll_poll takes ep->mtx;
 * so this poll may sleep on the mutex. The first EPOLL_POLL_SCAN ready
 * items are checked; with more, the epoll is called readable and
 * epoll_wait finds out.
 */
static unsigned epoll_poll(struct file *f, struct poll_table *pt)
{
	struct epoll *ep = f->priv;
	struct epoll_item *item, *ready[EPOLL_POLL_SCAN];
	unsigned n = 0, mask = 0;
	bool more = false;
	uint64_t flags;

	poll_wait(pt, &ep->wq);
	mutex_lock(&ep->mtx);
	flags = spin_lock_irqsave(&ep->lock);
	list_for_each_entry(item, &ep->rdllist, rd_link) {
		if (n == EPOLL_POLL_SCAN) {
			more = true;
			break;
		}
		ready[n++] = item;
	}
	spin_unlock_irqrestore(&ep->lock, flags);
	for (unsigned i = 0; i < n && !mask; i++)
		if (epoll_item_poll(ready[i]))
			mask = POLLIN | POLLRDNORM;
	if (more && !mask)
		mask = POLLIN | POLLRDNORM;
	mutex_unlock(&ep->mtx);
	return mask;
}

static void epoll_release(struct file *f)
{
	struct epoll *ep = f->priv;

	mutex_lock(&epoll_lock);
	mutex_lock(&ep->mtx);
	while (!list_empty(&ep->items))
		epoll_item_remove(ep, list_first_entry(&ep->items, struct epoll_item, ep_link));
	mutex_unlock(&ep->mtx);
	mutex_unlock(&epoll_lock);
	kfree(ep);
}

static const struct file_ops epoll_ops = {
	.poll = epoll_poll,
	.release = epoll_release,
	.anon_name = "[eventpoll]",
};

SYSCALL_DEFINE1(epoll_create1, int, flags)
{
	struct epoll *ep;
	struct file *f;
	int fd;

	if ((unsigned)flags & ~(unsigned)EPOLL_CLOEXEC)
		return -EINVAL;
	ep = kzalloc(sizeof(*ep));
	if (!ep)
		return -ENOMEM;
	/* Linux's ep->user: the creator's real uid. */
	ep->uid = process_current() ? process_current()->cred.uid : 0;
	mutex_init(&ep->mtx);
	list_init(&ep->items);
	spin_lock_init(&ep->lock, "epoll");
	list_init(&ep->rdllist);
	wait_queue_init(&ep->wq);
	f = file_alloc_anon(&epoll_ops, ep, O_RDWR);
	if (!f) {
		kfree(ep);
		return -ENOMEM;
	}
	fd = fd_install(f, (flags & EPOLL_CLOEXEC) ? FD_CLOEXEC_FLAG : 0);
	if (fd < 0)
		file_put(f);
	return fd;
}

/* epoll_create(2): size only has to be positive (a hint since 2.6.8). */
SYSCALL_DEFINE1(epoll_create, int, size)
{
	if (size <= 0)
		return -EINVAL;
	return __do_sys_epoll_create1(0);
}

/* epoll_ctl(2), with Linux's order of checks (fs/eventpoll.c, do_epoll_ctl). */
SYSCALL_DEFINE4(epoll_ctl, int, epfd, int, op, int, fd,
		struct epoll_event __user *, uevent)
{
	struct epoll_event ev = { 0, 0 };
	struct file *ef, *tf = NULL;
	struct epoll_item *item;
	struct epoll *ep;
	bool has_event = op != EPOLL_CTL_DEL;
	long ret;

	if (has_event && copy_from_user(&ev, uevent, sizeof(ev)))
		return -EFAULT;
	ef = fd_get(epfd);
	if (!ef)
		return -EBADF;
	ret = -EBADF;
	tf = fd_get(fd);
	if (!tf)
		goto out;
	/* Regular files and directories have no ->poll: always ready. */
	ret = -EPERM;
	if (!tf->ops->poll)
		goto out;
	ret = -EINVAL;
	if (ef == tf || !epoll_is_epoll(ef))
		goto out;
	if (has_event && (ev.events & EPOLLEXCLUSIVE)) {
		if (op == EPOLL_CTL_MOD)
			goto out;
		if (op == EPOLL_CTL_ADD && (epoll_is_epoll(tf) ||
					    (ev.events & ~EPOLL_EXCLUSIVE_OK_BITS)))
			goto out;
	}
	ep = ef->priv;
	mutex_lock(&epoll_lock);
	mutex_lock(&ep->mtx);
	if (op == EPOLL_CTL_ADD && epoll_is_epoll(tf) &&
	    epoll_loop_check(ep, tf->priv, 0)) {
		ret = -ELOOP;
		goto unlock;
	}
	item = epoll_find(ep, tf, fd);
	switch (op) {
	case EPOLL_CTL_ADD:
		ret = item ? -EEXIST : epoll_insert(ep, tf, fd, &ev);
		break;
	case EPOLL_CTL_DEL:
		ret = -ENOENT;
		if (item) {
			epoll_item_remove(ep, item);
			ret = 0;
		}
		break;
	case EPOLL_CTL_MOD:
		ret = -ENOENT;
		if (!item)
			break;
		ret = 0;
		/* Linux leaves an EPOLLEXCLUSIVE item as it is. */
		if (!(item->events & EPOLLEXCLUSIVE)) {
			uint64_t flags = spin_lock_irqsave(&ep->lock);

			item->events = ev.events | EPOLL_ALWAYS_BITS;
			item->data = ev.data;
			spin_unlock_irqrestore(&ep->lock, flags);
			epoll_check_now(ep, item, epoll_item_poll(item));
		}
		break;
	default:
		ret = -EINVAL;
	}
unlock:
	mutex_unlock(&ep->mtx);
	mutex_unlock(&epoll_lock);
out:
	/* Not under the locks: a last put would take epoll_lock. */
	file_put(tf);
	file_put(ef);
	return ret;
}

/*
 * Moves up to max ready events into out; level-triggered items go back
 * on the ready list. Returns how many. ep->mtx held.
 */
static int epoll_collect(struct epoll *ep, struct epoll_event *out, int max)
{
	struct list_node scan;
	uint64_t flags;
	int n = 0;

	list_init(&scan);
	flags = spin_lock_irqsave(&ep->lock);
	while (!list_empty(&ep->rdllist)) {
		struct list_node *first = ep->rdllist.next;

		list_del(first);
		list_add_tail(&scan, first);
	}
	spin_unlock_irqrestore(&ep->lock, flags);

	while (!list_empty(&scan) && n < max) {
		struct epoll_item *item = list_first_entry(&scan, struct epoll_item, rd_link);
		uint32_t revents;

		flags = spin_lock_irqsave(&ep->lock);
		list_del(&item->rd_link);
		item->ready = false;
		spin_unlock_irqrestore(&ep->lock, flags);

		revents = epoll_item_poll(item);
		if (!revents)
			continue;
		out[n].events = revents;
		out[n].data = item->data;
		n++;
		flags = spin_lock_irqsave(&ep->lock);
		if (item->events & EPOLLONESHOT)
			item->events &= EPOLL_PRIVATE_BITS;
		else if (!(item->events & EPOLLET))
			epoll_mark_ready(ep, item);	/* at the tail: others go first */
		spin_unlock_irqrestore(&ep->lock, flags);
	}
	/*
	 * No room for the rest: back at the head, in order, so that the next
	 * call reports them before the level-triggered ones just re-queued.
	 */
	flags = spin_lock_irqsave(&ep->lock);
	while (!list_empty(&scan)) {
		struct list_node *last = scan.prev;

		list_del(last);
		list_add_head(&ep->rdllist, last);
	}
	spin_unlock_irqrestore(&ep->lock, flags);
	return n;
}

/*
 * epoll_wait(2)'s work for every variant: timeout_ns 0 only looks, < 0
 * waits without limit. Never restarted after a signal handler
 * (signal(7): epoll_wait is always interrupted with EINTR).
 */
static long epoll_do_wait(int epfd, struct epoll_event __user *uevents, int maxevents,
			  int64_t timeout_ns)
{
	struct epoll_event *buf;
	struct wait_entry we;
	uint64_t deadline = 0;
	struct epoll *ep;
	struct file *f;
	int max;
	long ret = 0;

	if (maxevents <= 0 || maxevents > EPOLL_MAX_EVENTS)
		return -EINVAL;
	if (!uaccess_range_ok((uint64_t)uevents, (size_t)maxevents * sizeof(*buf)))
		return -EFAULT;
	f = fd_get(epfd);
	if (!f)
		return -EBADF;
	if (!epoll_is_epoll(f)) {
		file_put(f);
		return -EINVAL;
	}
	ep = f->priv;
	max = MIN(maxevents, EPOLL_WAIT_BATCH);
	buf = kmalloc((size_t)max * sizeof(*buf));
	if (!buf) {
		file_put(f);
		return -ENOMEM;
	}
	if (timeout_ns > 0)
		deadline = time_monotonic_ns() + (uint64_t)timeout_ns;
	/*
	 * A wait entry on ep->wq, armed before each collection: a callback
	 * that queues an item after the collection found none makes the
	 * block return at once, so no wake-up is lost.
	 */
	wait_entry_add(&ep->wq, &we);
	for (;;) {
		wait_entries_arm();
		mutex_lock(&ep->mtx);
		ret = epoll_collect(ep, buf, max);
		mutex_unlock(&ep->mtx);
		if (ret || timeout_ns == 0)
			break;
		if (signal_pending(task_current())) {
			ret = -EINTR;
			break;
		}
		if (deadline && time_monotonic_ns() >= deadline)
			break;
		wait_block_entries(deadline);
	}
	wait_entry_remove(&we);
	if (ret > 0 && copy_to_user(uevents, buf, (size_t)ret * sizeof(*buf)))
		ret = -EFAULT;
	kfree(buf);
	file_put(f);
	return ret;
}

static int64_t epoll_ms_to_ns(int timeout_ms)
{
	return timeout_ms < 0 ? -1 : (int64_t)timeout_ms * (int64_t)NSEC_PER_MSEC;
}

SYSCALL_DEFINE4(epoll_wait, int, epfd, struct epoll_event __user *, events,
		int, maxevents, int, timeout)
{
	return epoll_do_wait(epfd, events, maxevents, epoll_ms_to_ns(timeout));
}

/* The mask is set for the wait, as ppoll's (epoll_wait(2), epoll_pwait). */
static long epoll_do_pwait(int epfd, struct epoll_event __user *events, int maxevents,
			   int64_t timeout_ns, uint64_t usigmask, uint64_t sigsetsize)
{
	uint64_t saved = 0;
	bool set;
	long ret = poll_sigmask_install((const void __user *)usigmask, sigsetsize, &saved, &set);

	if (ret)
		return ret;
	ret = epoll_do_wait(epfd, events, maxevents, timeout_ns);
	return poll_sigmask_finish(ret, -EINTR, saved, set);
}

SYSCALL_DEFINE6(epoll_pwait, int, epfd, struct epoll_event __user *, events,
		int, maxevents, int, timeout, const uint64_t __user *, sigmask,
		size_t, sigsetsize)
{
	return epoll_do_pwait(epfd, events, maxevents, epoll_ms_to_ns(timeout),
			      (uint64_t)sigmask, sigsetsize);
}

/* epoll_pwait2: a struct timespec timeout, NULL for none. */
SYSCALL_DEFINE6(epoll_pwait2, int, epfd, struct epoll_event __user *, events,
		int, maxevents, const struct timespec __user *, utimeout,
		const uint64_t __user *, sigmask, size_t, sigsetsize)
{
	int64_t timeout_ns = -1;

	if (utimeout) {
		struct timespec ts;

		if (copy_from_user(&ts, utimeout, sizeof(ts)))
			return -EFAULT;
		if (!timespec_valid(&ts))
			return -EINVAL;
		timeout_ns = timespec_to_ns(&ts);
	}
	return epoll_do_pwait(epfd, events, maxevents, timeout_ns,
			      (uint64_t)sigmask, sigsetsize);
}
