/*
 * poll.c: poll(2), ppoll(2), select(2) and pselect6 (select(2) man page,
 * "C library/kernel differences"), on top of the file ops' ->poll.
 *
 * How the wait works: the first pass over the files calls ->poll with a
 * poll table, and each poll_wait puts a wait entry (sched/wait.h) for the
 * current task on that queue. If nothing is ready the task blocks with
 * wait_block_entries(deadline); any wake-up of any of the queues, the
 * deadline or a signal makes it runnable and it checks again (without a
 * table). Each pass starts with wait_entries_arm, and a wake-up of an
 * entry's queue after it makes wait_block_entries return at once, so a
 * wake-up cannot fall between the checks and the sleep. ->poll tests
 * under the file's own lock and must not sleep (as on Linux).
 */
#include <basalt/syscalls.h>
#include <fs/poll.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <signal/signal.h>
#include <time/time.h>
#include <uapi/errno.h>
#include <uapi/poll.h>
#include <uapi/select.h>
#include <user/user.h>

#define NSEC_PER_SEC_U		1000000000ULL
#define NSEC_PER_USEC_U		1000ULL
#define USEC_PER_SEC_U		1000000ULL
#define NSEC_PER_MSEC_U		1000000ULL
/* Timeouts longer than this (about 292 years) are no timeout. */
#define POLL_TIMEOUT_MAX_SEC	(INT64_MAX / (int64_t)NSEC_PER_SEC_U - 1)

/* What select(2)'s three sets mean in poll events (Linux's fs/select.c). */
#define POLLIN_SET	(POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET	(POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET	(POLLPRI)
/* A file without ->poll is always ready, as Linux's DEFAULT_POLLMASK. */
#define POLL_DEFAULT_MASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

/* signal(7); uapi/signal.h of the signal branch has it too. */
#ifndef SIGSTOP
#define SIGSTOP		19
#endif

/* The x86_64 struct timespec and struct timeval of the syscall ABI. */
struct poll_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

struct poll_timeval {
	int64_t tv_sec;
	int64_t tv_usec;
};

/* pselect6's sixth argument: the mask and its size (select(2)). */
struct poll_sigmask_arg {
	uint64_t ss;		/* const sigset_t *, may be 0 */
	uint64_t ss_len;
};

struct poll_entry {
	struct wait_entry we;
	struct poll_entry *next;
};

void poll_wait(struct poll_table *pt, struct wait_queue *wq)
{
	struct poll_entry *e;

	if (!pt || !wq)
		return;
	if (pt->queue) {
		pt->queue(pt, wq);
		return;
	}
	e = kzalloc(sizeof(*e));
	if (!e) {
		pt->error = -ENOMEM;
		return;
	}
	wait_entry_add(wq, &e->we);
	e->next = pt->entries;
	pt->entries = e;
}

static void poll_table_free(struct poll_table *pt)
{
	while (pt->entries) {
		struct poll_entry *e = pt->entries;

		pt->entries = e->next;
		wait_entry_remove(&e->we);
		kfree(e);
	}
}

/* One pass over the items; returns how many are ready. */
static int poll_scan(struct poll_item *items, unsigned n, struct poll_table *pt,
		     bool poll_semantics)
{
	unsigned always = poll_semantics ? (POLLERR | POLLHUP | POLLNVAL) : 0;
	int count = 0;

	for (unsigned i = 0; i < n; i++) {
		struct poll_item *it = &items[i];
		unsigned mask;

		it->revents = 0;
		if (it->skip)
			continue;
		if (!it->file)
			mask = POLLNVAL;
		else if (it->file->ops->poll)
			mask = it->file->ops->poll(it->file, pt);
		else
			mask = POLL_DEFAULT_MASK;
		it->revents = mask & (it->events | always);
		if (it->revents)
			count++;
	}
	return count;
}

int poll_files(struct poll_item *items, unsigned n, int64_t timeout_ns,
	       bool poll_semantics)
{
	struct poll_table pt = { .queue = NULL, .entries = NULL, .error = 0 };
	struct poll_table *table = timeout_ns ? &pt : NULL;
	uint64_t deadline = 0;
	int ret;

	if (timeout_ns > 0)
		deadline = time_monotonic_ns() + (uint64_t)timeout_ns;
	for (;;) {
		wait_entries_arm();
		ret = poll_scan(items, n, table, poll_semantics);
		/* The queues are registered once; later passes only look. */
		table = NULL;
		if (ret || timeout_ns == 0)
			break;
		if (pt.error) {
			ret = pt.error;
			break;
		}
		if (signal_pending(task_current())) {
			ret = -EINTR;
			break;
		}
		if (deadline && time_monotonic_ns() >= deadline)
			break;
		wait_block_entries(deadline);
	}
	poll_table_free(&pt);
	return ret;
}

/* ---- the system calls ----------------------------------------------------- */

static uint64_t poll_nofile_limit(void)
{
	struct process *p = process_current();

	return p ? p->rlim[RLIMIT_NOFILE].rlim_cur : FD_DEFAULT_MAX;
}

/* A user timespec as a timeout: -1 for none (NULL), or -EINVAL/-EFAULT. */
static int poll_get_timespec(const struct poll_timespec __user *uptr, int64_t *timeout_ns)
{
	struct poll_timespec ts;

	if (!uptr) {
		*timeout_ns = -1;
		return 0;
	}
	if (copy_from_user(&ts, uptr, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || (uint64_t)ts.tv_nsec >= NSEC_PER_SEC_U)
		return -EINVAL;
	if (ts.tv_sec > POLL_TIMEOUT_MAX_SEC)
		*timeout_ns = -1;
	else
		*timeout_ns = ts.tv_sec * (int64_t)NSEC_PER_SEC_U + ts.tv_nsec;
	return 0;
}

/*
 * Linux writes the time left back into the caller's timespec/timeval
 * for ppoll, select and pselect6; a fault then is ignored (fs/select.c:
 * the call itself succeeded).
 */
static void poll_put_left(void __user *uptr, bool timeval, int64_t timeout_ns,
			  uint64_t start_ns)
{
	uint64_t spent = time_monotonic_ns() - start_ns;
	uint64_t left = (uint64_t)timeout_ns > spent ? (uint64_t)timeout_ns - spent : 0;

	if (!uptr || timeout_ns < 0)
		return;
	if (timeval) {
		struct poll_timeval tv = {
			.tv_sec = (int64_t)(left / NSEC_PER_SEC_U),
			.tv_usec = (int64_t)(left % NSEC_PER_SEC_U / NSEC_PER_USEC_U),
		};

		(void)copy_to_user(uptr, &tv, sizeof(tv));
	} else {
		struct poll_timespec ts = {
			.tv_sec = (int64_t)(left / NSEC_PER_SEC_U),
			.tv_nsec = (int64_t)(left % NSEC_PER_SEC_U),
		};

		(void)copy_to_user(uptr, &ts, sizeof(ts));
	}
}

/*
 * ppoll/pselect6's temporary signal mask: installed for the wait; after
 * an interruption it stays until the signal is delivered, which then
 * restores the saved one (sig_restore_mask), so the handler runs with
 * the temporary mask as POSIX wants.
 */
int poll_sigmask_install(const void __user *umask, uint64_t size, uint64_t *saved, bool *set)
{
	struct task *me = task_current();
	uint64_t mask, flags;

	*set = false;
	if (!umask)
		return 0;
	if (size != sizeof(uint64_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	mask &= ~(SIGSET_BIT(SIGKILL) | SIGSET_BIT(SIGSTOP));
	flags = signal_lock_irqsave(me->proc);
	*saved = me->sig_blocked;
	me->sig_blocked = mask;
	signal_unlock_irqrestore(me->proc, flags);
	*set = true;
	return 0;
}

long poll_sigmask_finish(long ret, long ret_intr, uint64_t saved, bool set)
{
	struct task *me = task_current();
	uint64_t flags;

	if (ret == -EINTR)
		ret = ret_intr;
	if (!set)
		return ret;
	flags = signal_lock_irqsave(me->proc);
	if (ret == ret_intr) {
		me->sig_saved_mask = saved;
		me->sig_restore_mask = true;
	} else {
		me->sig_blocked = saved;
	}
	signal_unlock_irqrestore(me->proc, flags);
	return ret;
}

static void poll_put_files(struct poll_item *items, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (items[i].file)
			file_put(items[i].file);
}

/* poll and ppoll: the pollfd array in, revents out. */
static long poll_do(struct pollfd __user *ufds, uint64_t nfds, int64_t timeout_ns)
{
	struct pollfd *pfd = NULL;
	struct poll_item *items = NULL;
	long ret;

	if (nfds > poll_nofile_limit())
		return -EINVAL;
	if (nfds) {
		pfd = kmalloc(nfds * sizeof(*pfd));
		items = kzalloc(nfds * sizeof(*items));
		ret = -ENOMEM;
		if (!pfd || !items)
			goto out;
		ret = -EFAULT;
		if (copy_from_user(pfd, ufds, nfds * sizeof(*pfd)))
			goto out;
	}
	for (uint64_t i = 0; i < nfds; i++) {
		items[i].skip = pfd[i].fd < 0;
		items[i].events = (uint16_t)pfd[i].events;
		if (!items[i].skip)
			items[i].file = fd_get(pfd[i].fd);
	}
	ret = poll_files(items, (unsigned)nfds, timeout_ns, true);
	poll_put_files(items, (unsigned)nfds);
	if (ret >= 0) {
		for (uint64_t i = 0; i < nfds; i++)
			pfd[i].revents = (int16_t)items[i].revents;
		if (nfds && copy_to_user(ufds, pfd, nfds * sizeof(*pfd)))
			ret = -EFAULT;
	}
out:
	kfree(pfd);
	kfree(items);
	return ret;
}

/*
 * poll and ppoll take nfds whole (Linux declares it unsigned int, the low
 * 32 bits) and compare it with RLIMIT_NOFILE.
 */
SYSCALL_DEFINE3(poll, struct pollfd __user *, ufds, uint64_t, nfds, int, timeout_ms)
{
	int64_t timeout_ns = timeout_ms < 0 ? -1 : (int64_t)timeout_ms * (int64_t)NSEC_PER_MSEC_U;
	long ret = poll_do(ufds, nfds, timeout_ns);

	/*
	 * Linux restarts an interrupted poll with the time left through
	 * restart_syscall; Basalt restarts only an unlimited one and lets a
	 * timed one fail with EINTR.
	 */
	if (ret == -EINTR && timeout_ns < 0)
		ret = -ERESTARTNOHAND;
	return ret;
}

SYSCALL_DEFINE5(ppoll, struct pollfd __user *, ufds, uint64_t, nfds,
		struct poll_timespec __user *, tsp, const void __user *, sigmask,
		size_t, sigsetsize)
{
	uint64_t start = time_monotonic_ns();
	int64_t timeout_ns;
	uint64_t saved = 0;
	bool set;
	long ret = poll_get_timespec(tsp, &timeout_ns);

	if (ret)
		return ret;
	ret = poll_sigmask_install(sigmask, sigsetsize, &saved, &set);
	if (ret)
		return ret;
	ret = poll_do(ufds, nfds, timeout_ns);
	poll_put_left(tsp, false, timeout_ns, start);
	return poll_sigmask_finish(ret, -ERESTARTNOHAND, saved, set);
}

/* select and pselect6: three descriptor sets of nfds bits each. */
static long select_do(int64_t nfds_arg, fd_set __user *uin, fd_set __user *uout,
		      fd_set __user *uex, int64_t timeout_ns)
{
	fd_set __user *usets[3] = { uin, uout, uex };
	uint64_t *sets[3] = { NULL, NULL, NULL };
	struct poll_item *items = NULL;
	unsigned *item_fd = NULL;
	unsigned nitems = 0;
	uint64_t nfds, words;
	size_t bytes;
	long ret;

	if (nfds_arg < 0)
		return -EINVAL;
	nfds = (uint64_t)nfds_arg;
	if (nfds > poll_nofile_limit())
		nfds = poll_nofile_limit();
	words = (nfds + NFDBITS - 1) / NFDBITS;
	bytes = words * sizeof(uint64_t);
	ret = -ENOMEM;
	for (int s = 0; s < 3; s++) {
		if (!usets[s] || !words)
			continue;
		sets[s] = kmalloc(bytes);
		if (!sets[s])
			goto out;
		ret = -EFAULT;
		if (copy_from_user(sets[s], usets[s], bytes))
			goto out;
		ret = -ENOMEM;
	}
	items = kzalloc((nfds ? nfds : 1) * sizeof(*items));
	item_fd = kmalloc((nfds ? nfds : 1) * sizeof(*item_fd));
	if (!items || !item_fd)
		goto out;
	for (uint64_t fd = 0; fd < nfds; fd++) {
		uint64_t bit = 1ULL << (fd % NFDBITS);
		unsigned ev = 0;

		if (sets[0] && (sets[0][fd / NFDBITS] & bit))
			ev |= POLLIN_SET;
		if (sets[1] && (sets[1][fd / NFDBITS] & bit))
			ev |= POLLOUT_SET;
		if (sets[2] && (sets[2][fd / NFDBITS] & bit))
			ev |= POLLEX_SET;
		if (!ev)
			continue;
		items[nitems].events = ev;
		items[nitems].file = fd_get((int)fd);
		item_fd[nitems] = (unsigned)fd;
		nitems++;
		if (!items[nitems - 1].file) {
			ret = -EBADF;
			poll_put_files(items, nitems);
			goto out;
		}
	}
	ret = poll_files(items, nitems, timeout_ns, false);
	poll_put_files(items, nitems);
	if (ret < 0)
		goto out;
	/* The sets come back holding only the ready descriptors; count bits. */
	for (int s = 0; s < 3; s++)
		if (sets[s])
			for (uint64_t w = 0; w < words; w++)
				sets[s][w] = 0;
	ret = 0;
	for (unsigned i = 0; i < nitems; i++) {
		static const unsigned want[3] = { POLLIN_SET, POLLOUT_SET, POLLEX_SET };
		unsigned fd = item_fd[i];

		for (int s = 0; s < 3; s++) {
			if (sets[s] && (items[i].revents & want[s]) &&
			    (items[i].events & want[s])) {
				sets[s][fd / NFDBITS] |= 1ULL << (fd % NFDBITS);
				ret++;
			}
		}
	}
	for (int s = 0; s < 3; s++)
		if (sets[s] && copy_to_user(usets[s], sets[s], bytes))
			ret = -EFAULT;
out:
	for (int s = 0; s < 3; s++)
		kfree(sets[s]);
	kfree(items);
	kfree(item_fd);
	return ret;
}

SYSCALL_DEFINE5(select, int, n, fd_set __user *, inp, fd_set __user *, outp,
		fd_set __user *, exp, struct poll_timeval __user *, utv)
{
	uint64_t start = time_monotonic_ns();
	int64_t timeout_ns = -1;
	long ret;

	if (utv) {
		struct poll_timeval tv;

		if (copy_from_user(&tv, utv, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0 || (uint64_t)tv.tv_usec >= USEC_PER_SEC_U)
			return -EINVAL;
		if (tv.tv_sec <= POLL_TIMEOUT_MAX_SEC)
			timeout_ns = tv.tv_sec * (int64_t)NSEC_PER_SEC_U +
				     tv.tv_usec * (int64_t)NSEC_PER_USEC_U;
	}
	ret = select_do(n, inp, outp, exp, timeout_ns);
	poll_put_left(utv, true, timeout_ns, start);
	return ret == -EINTR ? -ERESTARTNOHAND : ret;
}

SYSCALL_DEFINE6(pselect6, int, n, fd_set __user *, inp, fd_set __user *, outp,
		fd_set __user *, exp, struct poll_timespec __user *, tsp, void __user *, usig)
{
	uint64_t start = time_monotonic_ns();
	struct poll_sigmask_arg sa = { 0, 0 };
	int64_t timeout_ns;
	uint64_t saved = 0;
	bool set;
	long ret = poll_get_timespec(tsp, &timeout_ns);

	if (ret)
		return ret;
	if (usig && copy_from_user(&sa, usig, sizeof(sa)))
		return -EFAULT;
	ret = poll_sigmask_install((const void __user *)sa.ss, sa.ss_len, &saved, &set);
	if (ret)
		return ret;
	ret = select_do(n, inp, outp, exp, timeout_ns);
	poll_put_left(tsp, false, timeout_ns, start);
	return poll_sigmask_finish(ret, -ERESTARTNOHAND, saved, set);
}
