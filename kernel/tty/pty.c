/*
 * pty.c: Unix 98 pseudo-terminals (pty(7)). Opening /dev/ptmx (5,2)
 * makes a pair: the returned file is the master; the slave is a
 * terminal (struct tty, line discipline and all) published as
 * /dev/pts/N (136,N), locked until the master says TIOCSPTLCK 0
 * (unlockpt(3)); TIOCGPTN tells N (ptsname(3)).
 *
 * Bytes written to the master are the slave's input (tty_receive); what
 * the slave outputs (after its output processing and echo) lands in a
 * ring the master reads. When the last slave file closes, master reads
 * return EIO once the ring is empty; when the master closes, the slave
 * is hung up and its node removed.
 *
 * Limitations: a full slave input buffer drops what the master writes
 * (Linux makes the master wait); echo into a full queue is dropped.
 *
 * Memory (issue 21): an idle pair is a struct pty and its /dev/pts
 * node. The slave's output queue (pty_ring.c) holds pages only while it
 * holds data: a writer brings them before it takes the pair's spinlock
 * (tty_driver.reserve: the queue is written under that lock, where
 * nothing may sleep), and reads give them back as they drain. The
 * slave's line discipline gets its input buffer when input comes and
 * gives it back once reads drained it (tty.input_on_demand). So a pair
 * holds at most 5 queue pages and the 5 KiB input buffer, and all
 * pairs' queue pages beyond each one's first count against
 * pty_ring_pages_limit (1/PTY_BUF_MEMORY_SHARE of memory): past it a
 * writer gets only what its queue's pages hold and waits for its
 * master to read (EAGAIN when non-blocking), so no user pins memory
 * through ptys beyond that and pty_max pairs. A writer that has no
 * page and can get none (no memory at all) ends with ENOMEM.
 *
 * Limits (Linux's /proc/sys/kernel/pty, devpts_new_index): opening
 * /dev/ptmx gives ENOSPC when the pairs would reach pty_max (root
 * writes it; 4096 by default, so 4095 pairs), or when the table of
 * PTY_TABLE_MAX pairs (the /dev/pts minors) is full. pty_reserve
 * (kernel/pty/reserve, 1024) is what Linux holds back from devpts
 * instances mounted outside the initial mount namespace; Basalt has
 * only the initial instance, which may use all of pty_max, so it is
 * kept and shown but limits nothing. pty_nr counts the pairs
 * (kernel/pty/nr).
 *
 * Locking: the slave tty's lock (tty.h; class "pty.lock") guards the
 * pair: the queue, writers and the open flags (the slave's output
 * arrives under it); pty_table_lock guards pty_table, pty_nr and
 * pty_free_hint; pty_max, pty_reserve and pty_ring_pages are words
 * read and written whole (atomics).
 */
#include <basalt/format.h>
#include <basalt/log.h>
#include <mm/mm.h>
#include <proc/task.h>
#include <signal/signal.h>
#include <proc/process.h>
#include <tty/pty_ring.h>
#include <tty/tty.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/ioctl.h>
#include <uapi/stat.h>
#include <user/user.h>

#define PTY_DEFAULT_LIMIT	4096	/* Linux's kernel.pty.max default */
#define PTY_DEFAULT_RESERVE	1024	/* Linux's kernel.pty.reserve default */
#define PTY_TABLE_MAX		PTY_DEFAULT_LIMIT	/* minors of /dev/pts too */
#define PTY_LIMIT_MAX		(1u << 20)	/* Linux's NR_UNIX98_PTY_MAX */
#define PTY_BUF_MEMORY_SHARE	8	/* queue pages past each pair's first: 1/8 of memory */
#define PTY_CHUNK	256
#define PTY_MODE_PTMX	(S_IFCHR | 0666)
#define PTY_MODE_PTS	(S_IFCHR | 0620)
#define PTY_NAME_LEN	16		/* "pts/4095" */

_Static_assert(PTY_RING_PAGE == PAGE_SIZE, "the queue's pages are pages");

struct pty {
	unsigned index;
	struct tty slave;
	struct pty_ring ring;		/* slave output waiting for the master */
	unsigned writers;		/* reservations open (pty_slave_reserve) */
	struct wait_queue master_wait;	/* output for the master, or slave closed */
	struct fasync_list master_async; /* O_ASYNC masters: SIGIO on the same events */
	bool master_open;
	bool slave_opened;		/* a slave open happened */
	bool slave_closed;		/* ... and every slave file has closed since */
	bool locked;			/* TIOCSPTLCK: slave opens fail with EIO */
	char node[PTY_NAME_LEN];
};

static struct pty *pty_table[PTY_TABLE_MAX];
static unsigned pty_nr;
static unsigned pty_free_hint;		/* no free slot below it */
/* guards: pty_table's slots, pty_nr and pty_free_hint. */
static struct spinlock pty_table_lock = SPINLOCK_INIT("pty_table_lock");
static uint64_t pty_max = PTY_DEFAULT_LIMIT;
static uint64_t pty_reserve = PTY_DEFAULT_RESERVE;
static uint64_t pty_ring_pages;		/* queue pages of all pairs */
static uint64_t pty_ring_pages_limit;	/* pty_ring_pages_cap */

uint64_t pty_limit_max(void)
{
	return __atomic_load_n(&pty_max, __ATOMIC_RELAXED);
}

int pty_limit_set_max(uint64_t v)
{
	if (v > PTY_LIMIT_MAX)
		return -EINVAL;		/* proc_dointvec_minmax's range */
	__atomic_store_n(&pty_max, v, __ATOMIC_RELAXED);
	return 0;
}

uint64_t pty_limit_reserve(void)
{
	return __atomic_load_n(&pty_reserve, __ATOMIC_RELAXED);
}

int pty_limit_set_reserve(uint64_t v)
{
	if (v > PTY_LIMIT_MAX)
		return -EINVAL;
	__atomic_store_n(&pty_reserve, v, __ATOMIC_RELAXED);
	return 0;
}

unsigned pty_limit_nr(void)
{
	unsigned nr;

	spin_lock(&pty_table_lock);
	nr = pty_nr;
	spin_unlock(&pty_table_lock);
	return nr;
}

uint64_t pty_buffer_pages(void)
{
	return __atomic_load_n(&pty_ring_pages, __ATOMIC_RELAXED);
}

static struct pty *pty_of(struct tty *tty)
{
	return tty->driver_data;
}

/* The cap on all pairs' queue pages (set on first use: ktests run before pty_init). */
static uint64_t pty_ring_pages_cap(void)
{
	uint64_t cap = __atomic_load_n(&pty_ring_pages_limit, __ATOMIC_RELAXED);

	if (!cap) {
		cap = pmm_total_pages() / PTY_BUF_MEMORY_SHARE;
		__atomic_store_n(&pty_ring_pages_limit, cap, __ATOMIC_RELAXED);
	}
	return cap;
}

/* A queue page; one past the pair's first only while under the cap. */
static uint8_t *pty_page_alloc(bool extra)
{
	uint8_t *page;

	if (extra && pty_buffer_pages() >= pty_ring_pages_cap())
		return NULL;
	page = kmalloc(PAGE_SIZE);
	if (page)
		__atomic_add_fetch(&pty_ring_pages, 1, __ATOMIC_RELAXED);
	return page;
}

static void pty_pages_free(uint8_t **pages, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		kfree(pages[i]);
	__atomic_sub_fetch(&pty_ring_pages, n, __ATOMIC_RELAXED);
}

/* Slave output (the slave's tty->lock held): into the queue for the master. */
static void pty_slave_write(struct tty *tty, const uint8_t *s, size_t len)
{
	struct pty *p = pty_of(tty);

	/* What does not fit (echo past a full queue or past its pages) is dropped. */
	pty_ring_write(&p->ring, s, len);
	wake_up_all(&p->master_wait);
	fasync_notify(&p->master_async);
}

static size_t pty_slave_room(struct tty *tty)
{
	return pty_ring_room(&pty_of(tty)->ring);
}

static size_t pty_slave_space(struct tty *tty)
{
	return pty_ring_space(&pty_of(tty)->ring);
}

/*
 * Pages for bytes of slave output to come, allocated without the lock;
 * the queue keeps them while the reservation is open (reads then free
 * only what was read), so write_room counts them. -ENOMEM only when
 * the queue holds no page and none could be had.
 */
static int pty_slave_reserve(struct tty *tty, size_t bytes)
{
	struct pty *p = pty_of(tty);
	uint8_t *pages[PTY_RING_SLOTS], *spare[PTY_RING_SLOTS];
	unsigned want, held, n = 0, k = 0;
	uint64_t flags = spin_lock_irqsave(&tty->lock);
	int err = 0;

	p->writers++;
	want = pty_ring_pages_wanted(&p->ring, bytes);
	held = p->ring.npages;
	spin_unlock_irqrestore(&tty->lock, flags);
	while (n < want) {
		uint8_t *page = pty_page_alloc(held + n > 0);

		if (!page)
			break;
		pages[n++] = page;
	}
	flags = spin_lock_irqsave(&tty->lock);
	for (unsigned i = 0; i < n; i++) {
		if (pty_ring_pages_wanted(&p->ring, bytes))
			pty_ring_add_page(&p->ring, pages[i]);
		else
			spare[k++] = pages[i];
	}
	if (want && !p->ring.npages)
		err = -ENOMEM;
	spin_unlock_irqrestore(&tty->lock, flags);
	pty_pages_free(spare, k);
	return err;
}

/* The reservation ends: an empty queue gives its pages back. */
static void pty_slave_unreserve(struct tty *tty)
{
	struct pty *p = pty_of(tty);
	uint8_t *pages[PTY_RING_SLOTS];
	uint64_t flags = spin_lock_irqsave(&tty->lock);
	unsigned n;

	p->writers--;
	n = pty_ring_trim(&p->ring, p->writers > 0, pages);
	spin_unlock_irqrestore(&tty->lock, flags);
	pty_pages_free(pages, n);
}

static void pty_free(struct pty *p)
{
	uint8_t *pages[PTY_RING_SLOTS];
	unsigned n;

	spin_lock(&pty_table_lock);
	pty_table[p->index] = NULL;
	pty_nr--;
	if (p->index < pty_free_hint)
		pty_free_hint = p->index;
	spin_unlock(&pty_table_lock);
	n = pty_ring_drop(&p->ring, pages);
	pty_pages_free(pages, n);
	tty_release_buffers(&p->slave);
	kfree(p);
}

static void pty_slave_open_hook(struct tty *tty)
{
	struct pty *p = pty_of(tty);

	p->slave_opened = true;
	p->slave_closed = false;
}

/* The last slave file closed: the master reads EIO; free if it is gone too. */
static void pty_slave_close_hook(struct tty *tty)
{
	struct pty *p = pty_of(tty);
	uint64_t flags = spin_lock_irqsave(&tty->lock);
	bool gone;

	p->slave_closed = true;
	wake_up_all(&p->master_wait);
	fasync_notify(&p->master_async);
	gone = !p->master_open;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (gone)
		pty_free(p);
}

static const struct tty_driver pty_slave_driver = {
	.write = pty_slave_write,
	.open = pty_slave_open_hook,
	.close = pty_slave_close_hook,
	.write_room = pty_slave_room,
	.reserve = pty_slave_reserve,
	.unreserve = pty_slave_unreserve,
	.write_space = pty_slave_space,
};

/* ---- the master ------------------------------------------------------------ */

static long pty_master_read(struct file *f, struct uio *u, uint64_t *pos __unused)
{
	struct pty *p = f->priv;
	uint8_t buf[PTY_CHUNK], *pages[PTY_RING_SLOTS];
	size_t done = 0;
	long ret = 0;

	while (u->resid) {
		uint64_t flags = spin_lock_irqsave(&p->slave.lock);
		unsigned freed = 0;
		size_t n = 0;

		while (!pty_ring_used(&p->ring) && !done) {
			if (p->slave_closed) {
				ret = -EIO;	/* as Linux once the slave side is gone */
				break;
			}
			if (f->flags & O_NONBLOCK) {
				ret = -EAGAIN;
				break;
			}
			if (signal_pending(task_current())) {
				ret = -ERESTARTSYS;
				break;
			}
			wait_block_lock(&p->master_wait, 0, &p->slave.lock);
		}
		if (!ret) {
			n = pty_ring_read(&p->ring, buf, MIN(sizeof(buf), u->resid));
			if (n)
				wake_up_all(&p->slave.write_wait);
			/* Drained pages go back; all of them unless a writer brought some. */
			freed = pty_ring_trim(&p->ring, p->writers > 0, pages);
		}
		spin_unlock_irqrestore(&p->slave.lock, flags);
		pty_pages_free(pages, freed);
		if (ret || !n)
			break;
		ret = uio_copy_out(u, buf, n);
		if (ret < 0)
			break;
		ret = 0;
		done += n;
	}
	return done ? (long)done : ret;
}

static long pty_master_write(struct file *f, struct uio *u, uint64_t *pos __unused)
{
	struct pty *p = f->priv;
	uint8_t buf[PTY_CHUNK];
	size_t done = 0;

	while (u->resid) {
		long n = uio_copy_in(u, buf, sizeof(buf));
		int err;

		if (n < 0)
			return done ? (long)done : n;
		err = tty_receive_alloc(&p->slave, buf, (size_t)n);
		if (err) {
			/* No memory for the slave's input buffer: this chunk goes back. */
			u->base -= (size_t)n;
			u->resid += (size_t)n;
			return done ? (long)done : err;
		}
		/* A thread: ^C typed into the master is sent right away. */
		tty_signals_flush();
		done += (size_t)n;
	}
	return (long)done;
}

static unsigned pty_master_poll(struct file *f, struct poll_table *pt)
{
	struct pty *p = f->priv;
	uint64_t flags = spin_lock_irqsave(&p->slave.lock);
	unsigned mask = POLLOUT | POLLWRNORM;

	if (pt)
		poll_wait(pt, &p->master_wait);
	if (pty_ring_used(&p->ring))
		mask |= POLLIN | POLLRDNORM;
	if (p->slave_closed)
		mask |= POLLHUP;
	spin_unlock_irqrestore(&p->slave.lock, flags);
	return mask;
}

void pty_set_lock(struct file *master, bool locked)
{
	struct pty *p = master->priv;

	p->locked = locked;
}

unsigned pty_index(struct file *master)
{
	return ((struct pty *)master->priv)->index;
}

static long pty_master_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	struct pty *p = f->priv;
	int32_t v;

	switch (cmd) {
	case TIOCGPTN:
		v = (int32_t)p->index;
		return copy_to_user((void __user *)arg, &v, sizeof(v)) ? -EFAULT : 0;
	case TIOCSPTLCK:
		if (copy_from_user(&v, (const void __user *)arg, sizeof(v)))
			return -EFAULT;
		pty_set_lock(f, v != 0);
		return 0;
	case FIONREAD: {
		uint64_t flags = spin_lock_irqsave(&p->slave.lock);

		v = (int32_t)pty_ring_used(&p->ring);
		spin_unlock_irqrestore(&p->slave.lock, flags);
		return copy_to_user((void __user *)arg, &v, sizeof(v)) ? -EFAULT : 0;
	}
	default:
		/* termios, window size...: the master sets the slave's. */
		return tty_ioctl(&p->slave, f, cmd, arg);
	}
}

static long pty_lseek(struct file *f __unused, int64_t off __unused, int whence __unused)
{
	return -ESPIPE;
}

static void pty_master_release(struct file *f)
{
	struct pty *p = f->priv;
	uint64_t flags;
	bool gone;

	if (!p)
		return;
	devfs_remove_node(p->node);
	tty_hangup(&p->slave);
	flags = spin_lock_irqsave(&p->slave.lock);
	p->master_open = false;
	gone = !p->slave.open_count;
	spin_unlock_irqrestore(&p->slave.lock, flags);
	if (gone)
		pty_free(p);
}

int pty_open_master(struct file *f)
{
	struct pty *p = kzalloc(sizeof(*p));
	struct process *proc;
	int idx = -1, err;

	if (!p)
		return -ENOMEM;
	spin_lock(&pty_table_lock);
	/*
	 * Linux's devpts_new_index: the pair that would bring the count to
	 * kernel/pty/max is refused (the initial devpts instance may use
	 * the reserve, and Basalt has no other); the lowest free index.
	 */
	if (pty_nr + 1 < pty_limit_max())
		for (unsigned i = pty_free_hint; i < PTY_TABLE_MAX && idx < 0; i++)
			if (!pty_table[i])
				idx = (int)i;
	if (idx >= 0) {
		pty_table[idx] = p;
		pty_nr++;
		pty_free_hint = (unsigned)idx + 1;
	}
	spin_unlock(&pty_table_lock);
	if (idx < 0) {
		kfree(p);
		return -ENOSPC;		/* Linux: no pty left */
	}
	p->index = (unsigned)idx;
	p->master_open = true;
	p->locked = true;
	wait_queue_init(&p->master_wait);
	fasync_list_init(&p->master_async);
	snprintf(p->node, sizeof(p->node), "pts/%d", idx);
	tty_setup(&p->slave, p->node, DEV_MAKE(PTS_MAJOR, (unsigned)idx), &pty_slave_driver, p);
	p->slave.input_on_demand = true;
	/*
	 * A class of its own for the checker: no interrupt handler takes a
	 * pty's lock, and its output notifies SIGIO under it (pty.lock ->
	 * fasync_lock -> tasklist_lock), while an interrupt may take a
	 * terminal's tty.lock over any plain lock (tasklist_lock ->
	 * tty.lock as the checker sees it).
	 */
	spin_lock_init(&p->slave.lock, "pty.lock");
	f->priv = p;
	/* The slave belongs to the opener, as devpts makes it (pty(7), grantpt(3)). */
	proc = process_current();
	err = devfs_add_node_owned(p->node, PTY_MODE_PTS, p->slave.dev, proc ? proc->cred.fsuid : 0,
				   proc ? proc->cred.fsgid : 0);
	if (err)
		pr_warn("pty: /dev/%s: error %d\n", p->node, err);
	return 0;
}

static int pty_ptmx_open(struct inode *ino __unused, struct file *f)
{
	return pty_open_master(f);
}

/*
 * O_ASYNC on the master: SIGIO when the slave's output arrives. The
 * master side never controls a session, so the caller becomes the owner.
 */
static int pty_master_fasync(struct file *f, bool on)
{
	struct pty *p = f->priv;
	int err = fasync_set(&p->master_async, f, on);

	if (!err && on)
		fasync_own_terminal(f, 0);
	return err;
}

static const struct file_ops pty_master_ops = {
	.read = pty_master_read,
	.write = pty_master_write,
	.lseek = pty_lseek,
	.ioctl = pty_master_ioctl,
	.poll = pty_master_poll,
	.open = pty_ptmx_open,
	.release = pty_master_release,
	.fasync = pty_master_fasync,
};

/* ---- the slave ------------------------------------------------------------- */


int pty_open_slave(unsigned index, struct file *f)
{
	struct pty *p;
	int err = -EIO;

	/*
	 * Known race, as before the table grew: a master closing between
	 * this read and tty_open frees the pair (pty_free) under us; the
	 * pair needs a reference count of its own.
	 */
	spin_lock(&pty_table_lock);
	p = index < PTY_TABLE_MAX ? pty_table[index] : NULL;
	spin_unlock(&pty_table_lock);
	if (p && p->master_open && !p->locked)
		err = tty_open(&p->slave, f, (f->flags & O_NOCTTY) != 0);
	return err;
}

static int pty_pts_open(struct inode *ino __unused, struct file *f)
{
	return pty_open_slave(DEV_MINOR(file_rdev(f)), f);
}

static const struct file_ops pty_slave_ops = TTY_FILE_OPS(pty_pts_open);

const struct file_ops *pty_master_file_ops(void)
{
	return &pty_master_ops;
}

const struct file_ops *pty_slave_file_ops(void)
{
	return &pty_slave_ops;
}

int pty_init(void)
{
	int err;

	err = chrdev_register(TTYAUX_MAJOR, TTYAUX_PTMX_MINOR, 1, &pty_master_ops, "ptmx");
	if (!err)
		err = chrdev_register(PTS_MAJOR, 0, PTY_TABLE_MAX, &pty_slave_ops, "pts");
	if (!err)
		err = devfs_add_node("ptmx", PTY_MODE_PTMX,
				     DEV_MAKE(TTYAUX_MAJOR, TTYAUX_PTMX_MINOR));
	return err;
}
