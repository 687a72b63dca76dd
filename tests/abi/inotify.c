/*
 * inotify.c: inotify(7): inotify_init1's flags, watches on a directory
 * and on a file, the events of create/open/write/close/chmod/rename/
 * unlink/rmdir in Linux's order (IN_MOVED_FROM and IN_MOVED_TO sharing a
 * cookie, IN_DELETE_SELF then IN_IGNORED), names NUL-padded to 16 bytes,
 * identical consecutive events merged, IN_ONESHOT, IN_ONLYDIR,
 * IN_MASK_ADD, IN_MASK_CREATE, IN_EXCL_UNLINK accepted, FIONREAD, poll,
 * a short read (EINVAL), EAGAIN, the errors of add and rm (EBADF,
 * EINVAL, ENOENT, ENOTDIR, EFAULT, EEXIST, EACCES for another user's
 * unreadable file), IN_Q_OVERFLOW past max_queued_events, and
 * /proc/sys/fs/inotify. Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "abi_tap.h"

#define PLAN		40
#define EV_MAX		64
#define NAME_MAX_LEN	64
#define BUF_SIZE	8192
#define BAD_PTR		((void *)8)

struct ev {
	int wd;
	uint32_t mask, cookie, len;
	char name[NAME_MAX_LEN];
};

static struct ev evs[EV_MAX];
static char dir[64], unreadable[96];

/* Reads every queued event (non-blocking descriptor); the count, or -errno. */
static int drain(int fd)
{
	char buf[BUF_SIZE] __attribute__((aligned(8)));
	int n = 0;

	for (;;) {
		ssize_t r = read(fd, buf, sizeof(buf));

		if (r < 0)
			return errno == EAGAIN ? n : -errno;
		for (ssize_t off = 0; off < r && n < EV_MAX;) {
			struct inotify_event *e = (struct inotify_event *)(buf + off);

			evs[n].wd = e->wd;
			evs[n].mask = e->mask;
			evs[n].cookie = e->cookie;
			evs[n].len = e->len;
			snprintf(evs[n].name, NAME_MAX_LEN, "%s", e->len ? e->name : "");
			n++;
			off += (ssize_t)sizeof(*e) + e->len;
		}
	}
}

/* Whether events [0, n) are exactly the expected (wd, mask, name) triples. */
static int same_(int n, int want, const int *wds, const uint32_t *masks, const char *const *names)
{
	if (n != want) {
		diag("got %d events, want %d", n, want);
		for (int i = 0; i < n; i++)
			diag("  wd %d mask %#x cookie %u name \"%s\"", evs[i].wd, evs[i].mask,
			     evs[i].cookie, evs[i].name);
		return 0;
	}
	for (int i = 0; i < n; i++)
		if (evs[i].wd != wds[i] || evs[i].mask != masks[i] || strcmp(evs[i].name, names[i])) {
			diag("event %d: wd %d mask %#x name \"%s\" (want %d %#x \"%s\")", i, evs[i].wd,
			     evs[i].mask, evs[i].name, wds[i], masks[i], names[i]);
			return 0;
		}
	return 1;
}

static int as_nobody_unreadable(void)
{
	int fd = inotify_init1(0);

	return inotify_add_watch(fd, unreadable, IN_ALL_EVENTS) < 0 && errno == EACCES ? 0 : 1;
}

static void dump(int n)
{
	for (int i = 0; i < n; i++)
		diag("  wd %d mask %#x cookie %u name \"%s\"", evs[i].wd, evs[i].mask, evs[i].cookie,
		     evs[i].name);
}

static int same(int n, int want, const int *wds, const uint32_t *masks, const char *const *names)
{
	int r = same_(n, want, wds, masks, names);

	if (!r)
		dump(n);
	return r;
}

int main(void)
{
	char path[96], path2[96], sub[96];
	struct pollfd p;
	int fd, fd2, wd, fwd, swd, f, n, bytes = -1;
	long maxq = tap_proc_number("/proc/sys/fs/inotify/max_queued_events");

	tap_plan(PLAN);
	snprintf(dir, sizeof(dir), "/tmp/abi-inotify.%d", getpid());
	mkdir(dir, 0755);
	snprintf(path, sizeof(path), "%s/f", dir);
	snprintf(path2, sizeof(path2), "%s/g", dir);
	snprintf(sub, sizeof(sub), "%s/sub", dir);

	fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	check(fd >= 0 && (fcntl(fd, F_GETFD) & FD_CLOEXEC) && (fcntl(fd, F_GETFL) & O_NONBLOCK),
	      "inotify_init1(IN_NONBLOCK|IN_CLOEXEC): both set");
	errno = 0;
	check(inotify_init1(0x1) < 0 && errno == EINVAL, "an unknown flag: EINVAL");
	{
		char buf[64];

		errno = 0;
		check(read(fd, buf, sizeof(buf)) < 0 && errno == EAGAIN, "nothing queued: EAGAIN");
	}
	wd = inotify_add_watch(fd, dir, IN_ALL_EVENTS);
	check(wd >= 1, "a watch on a directory (wd %d)", wd);
	check(inotify_add_watch(fd, dir, IN_ALL_EVENTS) == wd, "the same inode again: the same wd");

	f = open(path, O_CREAT | O_WRONLY, 0644);
	(void)!write(f, "abc", 3);
	(void)!write(f, "def", 3);
	close(f);
	p = (struct pollfd){ .fd = fd, .events = POLLIN };
	check(poll(&p, 1, 0) == 1 && p.revents == POLLIN, "poll: POLLIN with events queued");
	check(ioctl(fd, FIONREAD, &bytes) == 0 && bytes == 4 * (16 + 16),
	      "FIONREAD: 4 events of 16 bytes and a 16-byte name (%d)", bytes);
	{
		char small[20];

		errno = 0;
		check(read(fd, small, sizeof(small)) < 0 && errno == EINVAL,
		      "a buffer too small for the next event: EINVAL");
	}
	n = drain(fd);
	{
		int wds[] = { wd, wd, wd, wd };
		uint32_t masks[] = { IN_CREATE, IN_OPEN, IN_MODIFY, IN_CLOSE_WRITE };
		const char *names[] = { "f", "f", "f", "f" };

		check(same(n, 4, wds, masks, names),
		      "creat, write, write, close: CREATE OPEN MODIFY CLOSE_WRITE (two writes merged)");
	}
	check(evs[0].len == 16 && evs[0].cookie == 0, "the name \"f\" is padded to 16 bytes");
	check(poll(&p, 1, 0) == 0, "poll: nothing once read");

	fwd = inotify_add_watch(fd, path, IN_ATTRIB | IN_MOVE_SELF | IN_DELETE_SELF | IN_CLOSE_NOWRITE);
	check(fwd > wd, "a watch on the file: the next wd (%d)", fwd);
	chmod(path, 0600);
	f = open(path, O_RDONLY);
	close(f);
	n = drain(fd);
	{
		int wds[] = { wd, fwd, wd, wd, fwd };
		uint32_t masks[] = { IN_ATTRIB, IN_ATTRIB, IN_OPEN, IN_CLOSE_NOWRITE, IN_CLOSE_NOWRITE };
		const char *names[] = { "f", "", "f", "f", "" };

		check(same(n, 5, wds, masks, names),
		      "chmod, open, close: to the directory's watch (named), then to the file's");
	}
	rename(path, path2);
	n = drain(fd);
	{
		int wds[] = { wd, wd, fwd };
		uint32_t masks[] = { IN_MOVED_FROM, IN_MOVED_TO, IN_MOVE_SELF };
		const char *names[] = { "f", "g", "" };

		check(same(n, 3, wds, masks, names), "rename: MOVED_FROM f, MOVED_TO g, MOVE_SELF");
	}
	check(n == 3 && evs[0].cookie && evs[0].cookie == evs[1].cookie && !evs[2].cookie,
	      "MOVED_FROM and MOVED_TO share a cookie");
	unlink(path2);
	n = drain(fd);
	{
		int wds[] = { fwd, fwd, fwd, wd };
		uint32_t masks[] = { IN_ATTRIB, IN_DELETE_SELF, IN_IGNORED, IN_DELETE };
		const char *names[] = { "", "", "", "g" };

		check(same(n, 4, wds, masks, names),
		      "unlink: ATTRIB, DELETE_SELF, IGNORED on the file, DELETE g on the directory");
	}
	errno = 0;
	check(inotify_rm_watch(fd, fwd) < 0 && errno == EINVAL, "rm of the ignored watch: EINVAL");

	/* A hard link, and a directory's listing. */
	f = open(path, O_CREAT | O_WRONLY, 0644);
	close(f);
	fwd = inotify_add_watch(fd, path, IN_ATTRIB);
	drain(fd);
	link(path, path2);
	n = drain(fd);
	{
		int wds[] = { fwd, wd };
		uint32_t masks[] = { IN_ATTRIB, IN_CREATE };
		const char *names[] = { "", "g" };

		check(same(n, 2, wds, masks, names), "link: ATTRIB on the file, CREATE g on the directory");
	}
	unlink(path2);
	unlink(path);
	drain(fd);
	{
		int dfd = open(dir, O_RDONLY | O_DIRECTORY);
		char dents[1024];
		int wds[] = { wd, wd, wd };
		uint32_t masks[] = { IN_OPEN | IN_ISDIR, IN_ACCESS | IN_ISDIR, IN_CLOSE_NOWRITE | IN_ISDIR };
		const char *names[] = { "", "", "" };

		(void)!syscall(SYS_getdents64, dfd, dents, sizeof(dents));
		close(dfd);
		n = drain(fd);
		check(same(n, 3, wds, masks, names),
		      "listing the directory: OPEN, ACCESS, CLOSE_NOWRITE, each with IN_ISDIR");
	}

	mkdir(sub, 0755);
	swd = inotify_add_watch(fd, sub, IN_DELETE_SELF);
	rmdir(sub);
	n = drain(fd);
	{
		int wds[] = { wd, swd, swd, wd };
		uint32_t masks[] = { IN_CREATE | IN_ISDIR, IN_DELETE_SELF, IN_IGNORED,
				     IN_DELETE | IN_ISDIR };
		const char *names[] = { "sub", "", "", "sub" };

		check(same(n, 4, wds, masks, names),
		      "mkdir, rmdir: CREATE|ISDIR, DELETE_SELF, IGNORED, DELETE|ISDIR");
	}

	/* Masks: IN_MASK_ADD, IN_MASK_CREATE, IN_ONESHOT, IN_ONLYDIR. */
	f = open(path, O_CREAT | O_WRONLY, 0644);
	close(f);
	drain(fd);
	check(inotify_add_watch(fd, dir, IN_DELETE) == wd, "replacing the directory's mask: IN_DELETE");
	f = open(path, O_RDONLY);
	close(f);
	check(drain(fd) == 0, "its open and close are no longer reported");
	inotify_add_watch(fd, dir, IN_OPEN | IN_MASK_ADD);
	f = open(path, O_RDONLY);
	close(f);
	n = drain(fd);
	check(n == 1 && evs[0].mask == IN_OPEN, "IN_MASK_ADD adds IN_OPEN to it");
	errno = 0;
	check(inotify_add_watch(fd, dir, IN_OPEN | IN_MASK_CREATE) < 0 && errno == EEXIST,
	      "IN_MASK_CREATE on a watched inode: EEXIST");
	errno = 0;
	check(inotify_add_watch(fd, dir, IN_OPEN | IN_MASK_CREATE | IN_MASK_ADD) < 0 &&
	      errno == EINVAL, "IN_MASK_CREATE with IN_MASK_ADD: EINVAL");
	fwd = inotify_add_watch(fd, path, IN_OPEN | IN_ONESHOT | IN_EXCL_UNLINK);
	f = open(path, O_RDONLY);
	close(f);
	f = open(path, O_RDONLY);
	close(f);
	n = drain(fd);
	{
		/* The directory's watch hears first (Linux's parent-then-inode order). */
		int wds[] = { wd, fwd, fwd, wd };
		uint32_t masks[] = { IN_OPEN, IN_OPEN, IN_IGNORED, IN_OPEN };
		const char *names[] = { "f", "", "", "f" };

		check(same(n, 4, wds, masks, names),
		      "IN_ONESHOT: one IN_OPEN then IN_IGNORED; the directory sees both opens");
	}
	errno = 0;
	check(inotify_add_watch(fd, path, IN_OPEN | IN_ONLYDIR) < 0 && errno == ENOTDIR,
	      "IN_ONLYDIR on a file: ENOTDIR");

	/* Errors. */
	errno = 0;
	check(inotify_add_watch(fd, "/nonexistent/x", IN_OPEN) < 0 && errno == ENOENT, "ENOENT");
	errno = 0;
	check(inotify_add_watch(fd, BAD_PTR, IN_OPEN) < 0 && errno == EFAULT, "a bad path pointer: EFAULT");
	errno = 0;
	check(inotify_add_watch(fd, dir, 0) < 0 && errno == EINVAL, "no event in the mask: EINVAL");
	errno = 0;
	check(inotify_add_watch(-1, dir, IN_OPEN) < 0 && errno == EBADF, "a bad descriptor: EBADF");
	fd2 = open(dir, O_RDONLY);
	errno = 0;
	check(inotify_add_watch(fd2, dir, IN_OPEN) < 0 && errno == EINVAL,
	      "a descriptor that is not inotify: EINVAL");
	errno = 0;
	check(inotify_rm_watch(fd2, 1) < 0 && errno == EINVAL, "rm_watch on it: EINVAL");
	close(fd2);
	errno = 0;
	check(inotify_rm_watch(fd, 9999) < 0 && errno == EINVAL, "rm of an unknown wd: EINVAL");
	drain(fd);	/* the directory's own IN_OPEN|IN_ISDIR from the open above */
	check(inotify_rm_watch(fd, wd) == 0, "rm_watch of the directory's watch");
	n = drain(fd);
	check(n == 1 && evs[0].wd == wd && evs[0].mask == IN_IGNORED, "it queues IN_IGNORED");
	snprintf(unreadable, sizeof(unreadable), "%s/secret", dir);
	f = open(unreadable, O_CREAT | O_WRONLY, 0600);
	close(f);
	check_as_nobody(as_nobody_unreadable, "a watch on another user's unreadable file: EACCES");

	/* Overflow. */
	check(maxq > 0, "/proc/sys/fs/inotify/max_queued_events: %ld", maxq);
	check(tap_proc_number("/proc/sys/fs/inotify/max_user_instances") > 0 &&
	      tap_proc_number("/proc/sys/fs/inotify/max_user_watches") > 0,
	      "max_user_instances and max_user_watches");
	{
		static char big[BUF_SIZE * 8];
		int ofd = inotify_init1(IN_NONBLOCK);
		long total = 0, last_mask = 0, last_wd = 0, r, i;
		char c;

		f = open(path, O_RDWR);
		(void)!write(f, "x", 1);	/* a byte for each pread to read */
		inotify_add_watch(ofd, path, IN_ACCESS | IN_ATTRIB);
		/* Alternating events are never merged: each one is queued. */
		for (i = 0; i < maxq / 2 + 8; i++) {
			(void)!pread(f, &c, 1, 0);
			fchmod(f, i & 1 ? 0600 : 0644);
		}
		close(f);
		while ((r = read(ofd, big, sizeof(big))) > 0)
			for (long off = 0; off < r;) {
				struct inotify_event *e = (struct inotify_event *)(big + off);

				last_mask = e->mask;
				last_wd = e->wd;
				total++;
				off += (long)sizeof(*e) + e->len;
			}
		check(total == maxq + 1 && last_mask == IN_Q_OVERFLOW && last_wd == -1,
		      "past max_queued_events: the queue ends with IN_Q_OVERFLOW, wd -1 (%ld events)",
		      total);
		close(ofd);
	}
	unlink(unreadable);
	unlink(path);
	rmdir(dir);
	close(fd);
	return tap_done();
}
