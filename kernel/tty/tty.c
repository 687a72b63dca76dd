/*
 * tty.c: the terminal core (tty.h): input from drivers through the line
 * discipline, blocking reads and writes on the tty's wait queues, poll,
 * and the file operations every terminal device shares.
 *
 * Reads copy out of the line discipline under tty->lock into a
 * kernel buffer and then to the caller with interrupts on (a user copy
 * may fault and sleep). Writes go the other way in chunks.
 */
#include <basalt/string.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <proc/task.h>
#include <signal/signal.h>
#include <time/time.h>
#include <tty/tty.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* Bytes a write moves per tty->lock section (bounds their length). */
#define TTY_WRITE_CHUNK		256
/* The classic 80x24 until a driver knows better. */
#define TTY_DEFAULT_ROWS	24
#define TTY_DEFAULT_COLS	80

static void tty_ldisc_output(void *arg, const uint8_t *s, size_t len)
{
	struct tty *tty = arg;

	tty->driver->write(tty, s, len);
}

/*
 * ISIG: ^C, ^\ and ^Z go to the foreground process group. Input often
 * arrives in an interrupt handler, and signal_send_pgrp walks the
 * process list under tasklist_lock, which no interrupt handler takes,
 * so the requests wait in a queue for thread context: the "ttysig"
 * thread, or a caller that feeds input from a thread
 * (tty_signals_flush). The SIGIO of a terminal whose input comes in an
 * interrupt handler (tty.input_in_irq) waits there too, as a request
 * naming the tty (such ttys are never freed).
 * Guarded by tty_sig_lock (irqsave: input handlers queue).
 */
#define TTY_SIG_QUEUE		32	/* a power of two */

static struct {
	int pgrp;
	int sig;
	struct tty *async;	/* non-NULL: fasync_notify its list instead */
} tty_sig_queue[TTY_SIG_QUEUE];
/* guards: tty_sig_queue, tty_sig_head, tty_sig_tail, tty_sig_dropped */
static struct spinlock tty_sig_lock = SPINLOCK_INIT("tty_sig_lock");
static unsigned tty_sig_head, tty_sig_tail;	/* free-running */
static unsigned tty_sig_dropped;
static struct wait_queue tty_sig_wait = WAIT_QUEUE_INIT(tty_sig_wait);

/* Queues a request for the ttysig thread (tty->lock held). */
static void tty_sig_queue_add(int pgrp, int sig, struct tty *async)
{
	uint64_t flags = spin_lock_irqsave(&tty_sig_lock);

	if (tty_sig_head - tty_sig_tail < TTY_SIG_QUEUE) {
		tty_sig_queue[tty_sig_head % TTY_SIG_QUEUE].pgrp = pgrp;
		tty_sig_queue[tty_sig_head % TTY_SIG_QUEUE].sig = sig;
		tty_sig_queue[tty_sig_head % TTY_SIG_QUEUE].async = async;
		tty_sig_head++;
		wake_up(&tty_sig_wait);
	} else {
		tty_sig_dropped++;
	}
	spin_unlock_irqrestore(&tty_sig_lock, flags);
}

static void tty_ldisc_signal(void *arg, int sig)
{
	struct tty *tty = arg;

	if (tty->pgrp > 0)
		tty_sig_queue_add(tty->pgrp, sig, NULL);
}

void tty_signals_flush(void)
{
	for (;;) {
		uint64_t flags = spin_lock_irqsave(&tty_sig_lock);
		struct tty *async;
		int pgrp, sig;

		if (tty_sig_head == tty_sig_tail) {
			spin_unlock_irqrestore(&tty_sig_lock, flags);
			return;
		}
		pgrp = tty_sig_queue[tty_sig_tail % TTY_SIG_QUEUE].pgrp;
		sig = tty_sig_queue[tty_sig_tail % TTY_SIG_QUEUE].sig;
		async = tty_sig_queue[tty_sig_tail % TTY_SIG_QUEUE].async;
		tty_sig_tail++;
		spin_unlock_irqrestore(&tty_sig_lock, flags);
		if (async)
			fasync_notify(&async->async);
		else
			signal_send_pgrp(pgrp, sig, NULL);
	}
}

static int tty_signal_thread(void *arg __unused)
{
	for (;;) {
		uint64_t flags = spin_lock_irqsave(&tty_sig_lock);

		wait_event_lock(&tty_sig_wait, tty_sig_head != tty_sig_tail,
				&tty_sig_lock);
		spin_unlock_irqrestore(&tty_sig_lock, flags);
		tty_signals_flush();
	}
	return 0;
}

int tty_signal_thread_start(void)
{
	struct task *t = kthread_create(tty_signal_thread, NULL, "ttysig");

	if (!t)
		return -ENOMEM;
	kthread_detach(t);
	return 0;
}

void tty_setup(struct tty *tty, const char *name, dev_t dev,
	       const struct tty_driver *driver, void *driver_data)
{
	memset(tty, 0, sizeof(*tty));
	spin_lock_init(&tty->lock, "tty.lock");
	strlcpy(tty->name, name, sizeof(tty->name));
	tty->dev = dev;
	tty->driver = driver;
	tty->driver_data = driver_data;
	ldisc_init(&tty->ld, tty_ldisc_output, tty_ldisc_signal, tty);
	wait_queue_init(&tty->read_wait);
	wait_queue_init(&tty->write_wait);
	fasync_list_init(&tty->async);
	tty->winsize.ws_row = TTY_DEFAULT_ROWS;
	tty->winsize.ws_col = TTY_DEFAULT_COLS;
}

void tty_attach_input(struct tty *tty, struct tty_input_buf *b)
{
	ldisc_attach(&tty->ld, b->data, b->marks);
}

/* Feeds the line discipline (tty->lock held); whether input is readable. */
static bool tty_receive_locked(struct tty *tty, const uint8_t *s, size_t len)
{
	bool was_stopped = tty->ld.stopped, readable;

	for (size_t i = 0; i < len; i++)
		ldisc_receive(&tty->ld, s[i]);
	readable = ldisc_readable(&tty->ld);
	if (readable) {
		wake_up_all(&tty->read_wait);
		/* SIGIO's owners are found under tasklist_lock: not in a handler. */
		if (tty->input_in_irq)
			tty_sig_queue_add(0, SIGIO, tty);
	}
	if (was_stopped && !tty->ld.stopped)
		wake_up_all(&tty->write_wait);
	return readable;
}

void tty_receive(struct tty *tty, const uint8_t *s, size_t len)
{
	uint64_t flags = spin_lock_irqsave(&tty->lock);
	bool readable = tty_receive_locked(tty, s, len);

	spin_unlock_irqrestore(&tty->lock, flags);
	if (readable && !tty->input_in_irq)
		fasync_notify(&tty->async);
}

int tty_out_reserve(struct tty *tty, size_t bytes)
{
	return tty->driver->reserve ? tty->driver->reserve(tty, bytes) : 0;
}

void tty_out_unreserve(struct tty *tty)
{
	if (tty->driver->unreserve)
		tty->driver->unreserve(tty);
}

/*
 * The most output the echo of s can make: LDISC_OUT_MAX a byte, except
 * for the canonical edits that echo a whole line (KILL with ECHOKE,
 * WERASE, REPRINT), which may fill the driver's buffer. Read without
 * the lock: a guess that only sizes a reservation.
 */
static size_t tty_echo_bytes(const struct tty *tty, const uint8_t *s, size_t len)
{
	const struct termios *t = &tty->ld.termios;

	if (!(t->c_lflag & (ECHO | ECHONL)))
		return 0;
	for (size_t i = 0; (t->c_lflag & ICANON) && i < len; i++)
		if (s[i] && (s[i] == t->c_cc[VKILL] || s[i] == t->c_cc[VWERASE] ||
			     s[i] == t->c_cc[VREPRINT]))
			return SIZE_MAX;
	return len * LDISC_OUT_MAX;
}

int tty_receive_alloc(struct tty *tty, const uint8_t *s, size_t len)
{
	uint8_t *data = NULL, *marks = NULL;
	uint64_t flags;
	bool readable;

	/* The echo's room first: it is written under the lock (tty_driver.reserve). */
	tty_out_reserve(tty, tty_echo_bytes(tty, s, len));
	for (;;) {
		flags = spin_lock_irqsave(&tty->lock);
		if (ldisc_has_buffer(&tty->ld) || data)
			break;
		spin_unlock_irqrestore(&tty->lock, flags);
		data = kmalloc(LDISC_BUF_SIZE);
		marks = kmalloc(2 * LDISC_MARKS_SIZE);
		if (!data || !marks) {
			kfree(data);
			kfree(marks);
			tty_out_unreserve(tty);
			return -ENOMEM;
		}
	}
	if (!ldisc_has_buffer(&tty->ld)) {
		ldisc_attach(&tty->ld, data, marks);
		data = marks = NULL;
	}
	readable = tty_receive_locked(tty, s, len);
	spin_unlock_irqrestore(&tty->lock, flags);
	tty_out_unreserve(tty);
	kfree(data);
	kfree(marks);
	if (readable && !tty->input_in_irq)
		fasync_notify(&tty->async);
	return 0;
}

/* A drained on-demand input buffer goes back (tty_receive_alloc brings another). */
static void tty_input_trim(struct tty *tty)
{
	uint8_t *data, *marks;
	uint64_t flags;
	bool got;

	if (!tty->input_on_demand)
		return;
	flags = spin_lock_irqsave(&tty->lock);
	got = ldisc_detach(&tty->ld, &data, &marks);
	spin_unlock_irqrestore(&tty->lock, flags);
	if (got) {
		kfree(data);
		kfree(marks);
	}
}

void tty_release_buffers(struct tty *tty)
{
	if (!tty->input_on_demand || !ldisc_has_buffer(&tty->ld))
		return;
	kfree(tty->ld.buf);
	kfree(tty->ld.eol);	/* the marks: eol, then eof */
	tty->ld.buf = tty->ld.eol = tty->ld.eof = NULL;
}

static bool tty_hung(const struct tty *tty, const struct file *f)
{
	const struct tty_file *tf = f->priv;

	return tf->hangup_gen != tty->hangup_gen;
}

void tty_hangup(struct tty *tty)
{
	uint64_t flags = spin_lock_irqsave(&tty->lock);

	tty->hangup_gen++;
	tty->ld.stopped = false;
	wake_up_all(&tty->read_wait);
	wake_up_all(&tty->write_wait);
	spin_unlock_irqrestore(&tty->lock, flags);
}

/* Why a blocking wait must end now: 0 to go on waiting. tty->lock held. */
static long tty_wait_check(struct file *f)
{
	if (f && (f->flags & O_NONBLOCK))
		return -EAGAIN;
	if (signal_pending(task_current()))
		return -ERESTARTSYS;
	return 0;
}

/* Canonical mode: one line (or what fits of it), 0 for EOF. */
static long tty_read_canon(struct tty *tty, struct file *f, uint8_t *buf, size_t want)
{
	uint64_t flags = spin_lock_irqsave(&tty->lock);
	long ret;

	for (;;) {
		if (ldisc_readable(&tty->ld)) {
			ret = (long)ldisc_read(&tty->ld, buf, want);
			break;
		}
		if (tty_hung(tty, f)) {
			ret = 0;
			break;
		}
		ret = tty_wait_check(f);
		if (ret)
			break;
		wait_block_lock(&tty->read_wait, 0, &tty->lock);
	}
	spin_unlock_irqrestore(&tty->lock, flags);
	return ret;
}

/* Non-canonical mode: VMIN and VTIME decide (ldisc_raw_policy). */
static long tty_read_raw(struct tty *tty, struct file *f, uint8_t *buf, size_t want)
{
	struct ldisc_read_policy pol = ldisc_raw_policy(&tty->ld.termios, want);
	uint64_t flags = spin_lock_irqsave(&tty->lock);
	uint64_t deadline = 0;
	size_t got = 0;
	long ret = 0;

	if (pol.timeout_ns && !pol.interbyte)
		deadline = time_monotonic_ns() + pol.timeout_ns;
	for (;;) {
		size_t n = ldisc_read(&tty->ld, buf + got, want - got);

		got += n;
		if (n && pol.interbyte)
			deadline = time_monotonic_ns() + pol.timeout_ns;
		if (got >= pol.min_bytes || tty_hung(tty, f))
			break;
		if (deadline && time_monotonic_ns() >= deadline)
			break;
		ret = tty_wait_check(f);
		if (ret)
			break;
		wait_block_lock(&tty->read_wait, deadline, &tty->lock);
	}
	spin_unlock_irqrestore(&tty->lock, flags);
	return got ? (long)got : ret;
}

long tty_read(struct tty *tty, struct file *f, struct uio *u)
{
	size_t want = u->resid < LDISC_BUF_SIZE ? u->resid : LDISC_BUF_SIZE;
	uint8_t *buf;
	long ret;

	/* A file from before a hangup reads end of file at once, as Linux. */
	if (tty_hung(tty, f))
		return 0;
	ret = tty_job_check(tty, SIGTTIN);
	if (ret)
		return ret;
	if (want == 0)
		return 0;
	buf = kmalloc(want);
	if (!buf)
		return -ENOMEM;
	if (tty->ld.termios.c_lflag & ICANON)
		ret = tty_read_canon(tty, f, buf, want);
	else
		ret = tty_read_raw(tty, f, buf, want);
	tty_input_trim(tty);
	if (ret > 0)
		ret = uio_copy_out(u, buf, (size_t)ret);
	kfree(buf);
	return ret;
}

/* What the driver can take now; tty->lock held. */
static size_t tty_room(struct tty *tty)
{
	return tty->driver->write_room ? tty->driver->write_room(tty) : SIZE_MAX;
}

/* What it could take once it has the memory (poll's POLLOUT); tty->lock held. */
static size_t tty_space(struct tty *tty)
{
	return tty->driver->write_space ? tty->driver->write_space(tty) : tty_room(tty);
}

/*
 * One chunk of n fetched bytes through output processing: how many went
 * (0 with *err set when the write must end). The driver's memory is
 * reserved outside the lock first (tty_driver.reserve); waiting for
 * room gives it back and reserves again after the wake-up, so the
 * reader can free what it drained.
 */
static size_t tty_write_chunk(struct tty *tty, struct file *f, const uint8_t *chunk, size_t n,
			      long *err)
{
	size_t k = 0;

	for (;;) {
		int rerr = tty_out_reserve(tty, n * LDISC_OUT_MAX);
		uint64_t flags = spin_lock_irqsave(&tty->lock);
		bool waited = false;
		long ret = 0;

		/*
		 * Output stopped by ^S or TCOOFF: wait for ^Q / TCOON. A driver
		 * with a buffer (pty) must have room for the worst expansion;
		 * one that has no memory and can get none ends the write.
		 */
		if (tty->ld.stopped || tty_room(tty) < LDISC_OUT_MAX) {
			if (!tty->ld.stopped && rerr)
				ret = rerr;
			else
				ret = tty_hung(tty, f) ? -EIO : tty_wait_check(f);
			if (!ret) {
				wait_block_lock(&tty->write_wait, 0, &tty->lock);
				waited = true;
			}
		} else {
			k = tty_room(tty) / LDISC_OUT_MAX;
			if (k > n)
				k = n;
			ldisc_write(&tty->ld, chunk, k);
		}
		spin_unlock_irqrestore(&tty->lock, flags);
		tty_out_unreserve(tty);
		*err = ret;
		if (!waited)
			return k;
	}
}

long tty_write(struct tty *tty, struct file *f, struct uio *u)
{
	uint8_t chunk[TTY_WRITE_CHUNK];
	size_t done = 0;
	long ret = 0;

	if (tty_hung(tty, f))
		return -EIO;
	if (tty->ld.termios.c_lflag & TOSTOP) {
		ret = tty_job_check(tty, SIGTTOU);
		if (ret)
			return ret;
	}
	while (u->resid) {
		size_t k;
		long n = uio_copy_in(u, chunk, sizeof(chunk));

		if (n < 0) {
			ret = n;
			break;
		}
		k = tty_write_chunk(tty, f, chunk, (size_t)n, &ret);
		/* What was fetched but not written goes back to the caller. */
		u->base -= (size_t)n - k;
		u->resid += (size_t)n - k;
		if (ret)
			break;
		done += k;
	}
	return done ? (long)done : ret;
}

unsigned tty_poll_file(struct tty *tty, struct file *f, struct poll_table *pt)
{
	uint64_t flags = spin_lock_irqsave(&tty->lock);
	unsigned mask = 0;

	if (pt) {
		poll_wait(pt, &tty->read_wait);
		poll_wait(pt, &tty->write_wait);
	}
	if (ldisc_readable(&tty->ld))
		mask |= POLLIN | POLLRDNORM;
	if (tty_hung(tty, f))
		mask |= POLLHUP | POLLIN | POLLRDNORM;
	else if (!tty->ld.stopped && tty_space(tty) >= LDISC_OUT_MAX)
		mask |= POLLOUT | POLLWRNORM;
	spin_unlock_irqrestore(&tty->lock, flags);
	return mask;
}

int tty_open(struct tty *tty, struct file *f, bool noctty)
{
	struct process *p = process_current();
	struct tty_file *tf = kmalloc(sizeof(*tf));
	uint64_t flags;
	bool first, ctty;

	if (!tf)
		return -ENOMEM;
	flags = spin_lock_irqsave(&tty->lock);
	first = tty->open_count++ == 0;
	tf->tty = tty;
	tf->hangup_gen = tty->hangup_gen;
	f->priv = tf;
	ctty = !noctty && p && p->sid == p->pid && !p->ctty && tty->session == 0;
	spin_unlock_irqrestore(&tty->lock, flags);
	/* tasklist_lock (p->ctty) is never taken under a tty's lock. */
	if (ctty)
		tty_set_ctty(tty, p);
	if (first && tty->driver->open)
		tty->driver->open(tty);
	return 0;
}

void tty_close(struct file *f)
{
	struct tty_file *tf = f->priv;
	struct tty *tty = tf->tty;
	uint64_t flags = spin_lock_irqsave(&tty->lock);
	bool last = --tty->open_count == 0;

	f->priv = NULL;
	spin_unlock_irqrestore(&tty->lock, flags);
	kfree(tf);
	if (last && tty->driver->close)
		tty->driver->close(tty);
}

/* ---- file operations ------------------------------------------------------ */

static struct tty *tty_of(struct file *f)
{
	return ((struct tty_file *)f->priv)->tty;
}

long tty_file_read(struct file *f, struct uio *u, uint64_t *pos __unused)
{
	return tty_read(tty_of(f), f, u);
}

long tty_file_write(struct file *f, struct uio *u, uint64_t *pos __unused)
{
	return tty_write(tty_of(f), f, u);
}

long tty_file_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	return tty_ioctl(tty_of(f), f, cmd, arg);
}

unsigned tty_file_poll(struct file *f, struct poll_table *pt)
{
	return tty_poll_file(tty_of(f), f, pt);
}

void tty_file_release(struct file *f)
{
	if (f->priv)
		tty_close(f);
}

/* O_ASYNC: SIGIO when input becomes readable (tty_receive). */
int tty_file_fasync(struct file *f, bool on)
{
	struct tty *tty;
	int err;

	if (!f->priv)
		return 0;
	tty = tty_of(f);
	err = fasync_set(&tty->async, f, on);
	if (!err && on)
		fasync_own_terminal(f, tty->pgrp);
	return err;
}

/* Terminals are streams: lseek(2) says ESPIPE, as Linux's no_llseek. */
long tty_file_lseek(struct file *f __unused, int64_t off __unused, int whence __unused)
{
	return -ESPIPE;
}
