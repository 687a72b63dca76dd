/*
 * pipe_limits.c: how big pipes may be, per pipe and per user, as Linux's
 * fs/pipe.c (pipe(7), "/proc files"):
 *
 *   pipe_max_size          the most an unprivileged F_SETPIPE_SZ may ask
 *                          (/proc/sys/fs/pipe-max-size, 1 MiB)
 *   pipe_user_pages_soft   past this many pages of pipe capacity, a user's
 *                          new pipes get PIPE_MIN_PAGES (16384: 64 MiB)
 *   pipe_user_pages_hard   past this many, pipe() fails with ENFILE and
 *                          F_SETPIPE_SZ with EPERM (0: no hard limit)
 *
 * A user's count is the capacity of the pipes it created (Linux's
 * user_struct.pipe_bufs), charged to the real uid at creation; pages
 * come only as data is written (pipe.c), so an empty pipe pins one
 * struct pipe and no page. Root (CAP_SYS_RESOURCE or CAP_SYS_ADMIN on
 * Linux) is exempt from both user limits and from pipe_max_size.
 *
 * Locking: pipe_users_lock guards the user list and the counts; the
 * three values are single words, read and written whole (sysctl.c).
 */
#include <fs/pipe.h>
#include <basalt/compiler.h>
#include <mm/mm.h>
#include <basalt/list.h>
#include <proc/process.h>
#include <uapi/errno.h>

#define PIPE_SIZE_MAX_ROUNDED	(1ULL << 31)	/* round_pipe_size: larger is EINVAL */

uint64_t pipe_max_size = PIPE_DEFAULT_MAX_SIZE;
uint64_t pipe_user_pages_soft = PIPE_DEFAULT_USER_PAGES_SOFT;
uint64_t pipe_user_pages_hard;

/* One user's pipe capacity, in pages; freed when it drops to zero. */
struct pipe_user {
	struct list_node link;
	uint32_t uid;
	uint64_t pages;
};

/*
 * guards: pipe_users and every pipe_user's count, a pipe's uid and its
 * charged nr_pages. Taken inside a pipe's lock (pipe_set_size).
 */
static struct spinlock pipe_users_lock = SPINLOCK_INIT("pipe_users_lock");
static struct list_node pipe_users = { &pipe_users, &pipe_users };

static struct pipe_user *pipe_user_find(uint32_t uid)
{
	struct pipe_user *u;

	list_for_each_entry(u, &pipe_users, link)
		if (u->uid == uid)
			return u;
	return NULL;
}

/*
 * Moves uid's count from old to new pages (pipe_users_lock held); the new
 * total, or -ENOMEM for a first charge with no memory for the record.
 */
static int64_t pipe_account(uint32_t uid, uint64_t old, uint64_t new)
{
	struct pipe_user *u = pipe_user_find(uid);

	if (!u) {
		if (!new)
			return 0;
		u = kzalloc(sizeof(*u));
		if (!u)
			return -ENOMEM;
		u->uid = uid;
		list_add_tail(&pipe_users, &u->link);
	}
	u->pages = u->pages - old + new;
	if (!u->pages) {
		list_del(&u->link);
		kfree(u);
		return 0;
	}
	return (int64_t)u->pages;
}

static bool pipe_over_soft(uint64_t pages)
{
	return pipe_user_pages_soft && pages > pipe_user_pages_soft;
}

static bool pipe_over_hard(uint64_t pages)
{
	return pipe_user_pages_hard && pages > pipe_user_pages_hard;
}

/* Linux's pipe_is_unprivileged_user: neither CAP_SYS_RESOURCE nor CAP_SYS_ADMIN. */
static bool pipe_unprivileged(void)
{
	struct process *p = process_current();

	return p && p->cred.euid != 0;
}

int pipe_charge(struct pipe *p)
{
	struct process *cur = process_current();
	uint64_t pages = PIPE_DEFAULT_PAGES;
	int64_t total;
	int err = 0;

	spin_lock(&pipe_users_lock);
	p->uid = cur ? cur->cred.uid : 0;
	if (pages * PAGE_SIZE > pipe_max_size && pipe_unprivileged())
		pages = pipe_max_size / PAGE_SIZE;
	total = pipe_account(p->uid, 0, pages);
	if (total >= 0 && pipe_over_soft((uint64_t)total) && pipe_unprivileged()) {
		total = pipe_account(p->uid, pages, PIPE_MIN_PAGES);
		pages = PIPE_MIN_PAGES;
	}
	if (total < 0) {
		err = (int)total;
	} else if (pipe_over_hard((uint64_t)total) && pipe_unprivileged()) {
		pipe_account(p->uid, pages, 0);
		err = -ENFILE;		/* alloc_pipe_info fails: ENFILE */
	} else {
		p->nr_pages = (unsigned)pages;
	}
	spin_unlock(&pipe_users_lock);
	return err;
}

void pipe_uncharge(struct pipe *p)
{
	spin_lock(&pipe_users_lock);
	pipe_account(p->uid, p->nr_pages, 0);
	spin_unlock(&pipe_users_lock);
}

/* Linux's round_pipe_size: whole pages, a power of two of them; 0 if too big. */
static uint64_t pipe_round_size(uint64_t size)
{
	uint64_t pages = 1;

	if (size > PIPE_SIZE_MAX_ROUNDED)
		return 0;
	while (pages * PAGE_SIZE < size)
		pages *= 2;
	return pages;
}

long pipe_set_size(struct pipe *p, uint64_t size)
{
	uint64_t pages = pipe_round_size(size);
	int64_t total;
	long err;

	if (!pages)
		return -EINVAL;
	spin_lock(&p->lock);
	spin_lock(&pipe_users_lock);
	if (pages > p->nr_pages && size > pipe_max_size && pipe_unprivileged()) {
		spin_unlock(&pipe_users_lock);
		spin_unlock(&p->lock);
		return -EPERM;
	}
	total = pipe_account(p->uid, p->nr_pages, pages);
	if (total < 0) {
		spin_unlock(&pipe_users_lock);
		spin_unlock(&p->lock);
		return total;
	}
	if (pages > p->nr_pages && pipe_unprivileged() &&
	    (pipe_over_soft((uint64_t)total) || pipe_over_hard((uint64_t)total))) {
		pipe_account(p->uid, pages, p->nr_pages);
		spin_unlock(&pipe_users_lock);
		spin_unlock(&p->lock);
		return -EPERM;
	}
	err = pipe_resize(p, (unsigned)pages);
	if (err)
		pipe_account(p->uid, pages, p->nr_pages);
	spin_unlock(&pipe_users_lock);
	spin_unlock(&p->lock);
	return err ? err : (long)pages * (long)PAGE_SIZE;
}
