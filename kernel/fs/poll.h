/*
 * poll.h: waiting for several files at once (poll.c): poll(2), ppoll,
 * select(2), pselect6, and the in-kernel poll_files they share.
 */
#ifndef FS_POLL_H
#define FS_POLL_H

#include <stdbool.h>
#include <stdint.h>
#include <fs/file.h>

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

#endif /* FS_POLL_H */
