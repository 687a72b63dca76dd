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
 * (Linux makes the master wait); echo into a full ring is dropped.
 *
 * Limits (Linux's /proc/sys/kernel/pty, devpts_new_index): at most
 * pty_max pairs at once (root writes it; default 4096), and never more
 * than the table holds; past either, opening /dev/ptmx gives ENOSPC.
 * A pair costs about PTY_PAIR_COST of memory (its ring, its terminal's
 * line buffer, the files and the /dev/pts node), so the table is sized
 * at boot to let pairs take at most 1/PTY_MEMORY_SHARE of memory
 * (between PTY_TABLE_MIN and Linux's default maximum): a user opening
 * ptys until ENOSPC cannot starve the rest of the system, which a
 * 4096-pair table did in a 256 MiB machine (ENOMEM everywhere at 3865
 * pairs). pty_nr counts the pairs (kernel/pty/nr).
 *
 * Locking: the slave tty's lock (tty.h; class "pty.lock") guards the
 * pair: the ring and the open flags (the slave's output arrives under
 * it); pty_table_lock guards pty_table and pty_nr; pty_max is one word.
 */
#include <basalt/format.h>
#include <basalt/log.h>
#include <mm/mm.h>
#include <proc/task.h>
#include <signal/signal.h>
#include <proc/process.h>
#include <tty/tty.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/ioctl.h>
#include <uapi/stat.h>
#include <user/user.h>

#define PTY_DEFAULT_LIMIT	4096	/* Linux's kernel.pty.max default */
#define PTY_TABLE_MIN		64
#define PTY_TABLE_MAX		PTY_DEFAULT_LIMIT	/* minors of /dev/pts too */
#define PTY_PAIR_COST		(64 * 1024)	/* measured: about 50 KiB a pair */
#define PTY_MEMORY_SHARE	4
#define PTY_LIMIT_MAX		(1u << 20)	/* Linux's NR_UNIX98_PTY_MAX */
#define PTY_RING	16384		/* slave output waiting for the master */
#define PTY_CHUNK	256
#define PTY_MODE_PTMX	(S_IFCHR | 0666)
#define PTY_MODE_PTS	(S_IFCHR | 0620)
#define PTY_NAME_LEN	16		/* "pts/4095" */

struct pty {
	unsigned index;
	struct tty slave;
	uint8_t *ring;			/* PTY_RING bytes */
	uint32_t head, tail;		/* free-running */
	struct wait_queue master_wait;	/* output for the master, or slave closed */
	struct fasync_list master_async; /* O_ASYNC masters: SIGIO on the same events */
	bool master_open;
	bool slave_opened;		/* a slave open happened */
	bool slave_closed;		/* ... and every slave file has closed since */
	bool locked;			/* TIOCSPTLCK: slave opens fail with EIO */
	char node[PTY_NAME_LEN];
};

static struct pty *pty_table[PTY_TABLE_MAX];	/* pty_table_size() used */
static unsigned pty_nr;
/* guards: pty_table's slots and pty_nr. */
static struct spinlock pty_table_lock = SPINLOCK_INIT("pty_table_lock");
static uint64_t pty_max = PTY_DEFAULT_LIMIT;

/* The slots in use: what memory affords (a quarter of it), 64..4096. */
static unsigned pty_table_size(void)
{
	uint64_t fit = pmm_total_pages() * PAGE_SIZE / PTY_MEMORY_SHARE / PTY_PAIR_COST;

	return (unsigned)MIN(MAX(fit, (uint64_t)PTY_TABLE_MIN), (uint64_t)PTY_TABLE_MAX);
}

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

unsigned pty_limit_nr(void)
{
	unsigned nr;

	spin_lock(&pty_table_lock);
	nr = pty_nr;
	spin_unlock(&pty_table_lock);
	return nr;
}

static struct pty *pty_of(struct tty *tty)
{
	return tty->driver_data;
}

static uint32_t pty_used(const struct pty *p)
{
	return p->head - p->tail;
}

/* Slave output (the slave's tty->lock held): into the ring for the master. */
static void pty_slave_write(struct tty *tty, const uint8_t *s, size_t len)
{
	struct pty *p = pty_of(tty);

	for (size_t i = 0; i < len && pty_used(p) < PTY_RING; i++)
		p->ring[p->head++ % PTY_RING] = s[i];
	wake_up_all(&p->master_wait);
	fasync_notify(&p->master_async);
}

static size_t pty_slave_room(struct tty *tty)
{
	return PTY_RING - pty_used(pty_of(tty));
}

static void pty_free(struct pty *p)
{
	spin_lock(&pty_table_lock);
	pty_table[p->index] = NULL;
	pty_nr--;
	spin_unlock(&pty_table_lock);
	kfree(p->ring);
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
};

/* ---- the master ------------------------------------------------------------ */

static long pty_master_read(struct file *f, struct uio *u, uint64_t *pos __unused)
{
	struct pty *p = f->priv;
	uint8_t buf[PTY_CHUNK];
	size_t done = 0;
	long ret = 0;

	while (u->resid) {
		uint64_t flags = spin_lock_irqsave(&p->slave.lock);
		uint32_t n = 0;

		while (!pty_used(p) && !done) {
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
			n = pty_used(p);
			if (n > sizeof(buf))
				n = sizeof(buf);
			if (n > u->resid)
				n = (uint32_t)u->resid;
			for (uint32_t i = 0; i < n; i++)
				buf[i] = p->ring[p->tail++ % PTY_RING];
			if (n)
				wake_up_all(&p->slave.write_wait);
		}
		spin_unlock_irqrestore(&p->slave.lock, flags);
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

		if (n < 0)
			return done ? (long)done : n;
		tty_receive(&p->slave, buf, (size_t)n);
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
	if (pty_used(p))
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
	case FIONREAD:
		v = (int32_t)pty_used(p);
		return copy_to_user((void __user *)arg, &v, sizeof(v)) ? -EFAULT : 0;
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
	int idx = -1, err;

	if (!p)
		return -ENOMEM;
	p->ring = kmalloc(PTY_RING);
	if (!p->ring) {
		kfree(p);
		return -ENOMEM;
	}
	spin_lock(&pty_table_lock);
	for (int i = 0; i < (int)pty_table_size() && idx < 0 && pty_nr < pty_limit_max(); i++)
		if (!pty_table[i])
			idx = i;
	if (idx >= 0) {
		pty_table[idx] = p;
		pty_nr++;
	}
	spin_unlock(&pty_table_lock);
	if (idx < 0) {
		kfree(p->ring);
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
	/*
	 * A class of its own for the checker: no interrupt handler takes a
	 * pty's lock, and its output notifies SIGIO under it (pty.lock ->
	 * fasync_lock -> tasklist_lock), while an interrupt may take a
	 * terminal's tty.lock over any plain lock (tasklist_lock ->
	 * tty.lock as the checker sees it).
	 */
	spin_lock_init(&p->slave.lock, "pty.lock");
	f->priv = p;
	err = devfs_add_node(p->node, PTY_MODE_PTS, p->slave.dev);
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
	int err = chrdev_register(TTYAUX_MAJOR, TTYAUX_PTMX_MINOR, 1, &pty_master_ops, "ptmx");
	if (!err)
		err = chrdev_register(PTS_MAJOR, 0, PTY_TABLE_MAX, &pty_slave_ops, "pts");
	if (!err)
		err = devfs_add_node("ptmx", PTY_MODE_PTMX,
				     DEV_MAKE(TTYAUX_MAJOR, TTYAUX_PTMX_MINOR));
	return err;
}
