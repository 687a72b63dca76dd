/*
 * poll.h: waiting for several files at once (poll.c): poll(2), ppoll,
 * select(2), pselect6, and the in-kernel poll_files they share.
 */
#ifndef FS_POLL_H
#define FS_POLL_H

#include <stdbool.h>
#include <stdint.h>
#include <fs/file.h>

struct poll_entry;

/*
 * The queues one poll call watches (the pt that ->poll gets): poll(2)
 * puts a wait entry for the calling task on each (poll.c); epoll gives
 * its own queue function, which hooks an item's callback instead.
 */
struct poll_table {
	/* NULL: poll(2)'s own (a struct poll_entry for the current task). */
	void (*queue)(struct poll_table *pt, struct wait_queue *wq);
	struct poll_entry *entries;	/* poll(2)'s, until poll_table_free */
	int error;		/* -ENOMEM if an entry could not be made */
};

/* One file to watch: what is asked, what holds (poll(2) semantics). */
struct poll_item {
	struct file *file;	/* NULL: a bad descriptor (POLLNVAL) or skipped */
	bool skip;		/* a negative fd in poll(2): never reported */
	unsigned events;	/* POLL* wanted */
	unsigned revents;	/* out: events that hold (with ERR/HUP/NVAL for poll) */
};

/*
 * Waits until at least one item has revents, timeout_ns passes (0: just
 * look; negative: no limit), or a signal is pending. poll_semantics adds
 * POLLERR, POLLHUP and POLLNVAL to every item's events as poll(2) does;
 * select(2) wants only what it asked. Returns the number of items with
 * revents, 0 on timeout, -EINTR for a signal or -ENOMEM.
 */
int poll_files(struct poll_item *items, unsigned n, int64_t timeout_ns,
	       bool poll_semantics);

/*
 * ppoll/pselect6/epoll_pwait's temporary signal mask (a user sigset_t of
 * size bytes at umask, 0 for none): poll_sigmask_install sets it for the
 * wait (0, -EINVAL for a bad size, -EFAULT); poll_sigmask_finish turns
 * -EINTR into ret_intr and puts the old mask back, or leaves the
 * temporary one until the signal is delivered.
 */
int poll_sigmask_install(const void __user *umask, uint64_t size, uint64_t *saved, bool *set);
long poll_sigmask_finish(long ret, long ret_intr, uint64_t saved, bool set);

#endif /* FS_POLL_H */
