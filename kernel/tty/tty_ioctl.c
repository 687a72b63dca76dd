/*
 * tty_ioctl.c: terminal ioctls (tty_ioctl(4)), job control checks and
 * the controlling terminal of sessions (credentials(7), "Sessions";
 * POSIX.1-2017 XBD 11.1.3 "The Controlling Terminal", 11.1.4 "Terminal
 * Access Control").
 */
#include <proc/process.h>
#include <basalt/string.h>
#include <signal/signal.h>
#include <tty/tty.h>
#include <uapi/errno.h>
#include <uapi/ioctl.h>
#include <uapi/serial.h>
#include <user/user.h>

/* TIOCSCTTY's argument: 1 steals the terminal from another session (root). */
#define TIOCSCTTY_STEAL		1

static int tty_put_user(uint64_t arg, const void *v, size_t n)
{
	return copy_to_user((void __user *)arg, v, n) ? -EFAULT : 0;
}

static int tty_get_user(void *v, uint64_t arg, size_t n)
{
	return copy_from_user(v, (const void __user *)arg, n) ? -EFAULT : 0;
}

static bool tty_is_ctty(const struct tty *tty, const struct process *p)
{
	return p && p->ctty == tty;
}

int tty_job_check(struct tty *tty, int sig)
{
	struct process *p = process_current();
	struct task *me = task_current();
	/* Where the check passes when the signal cannot stop us. */
	int unstoppable = sig == SIGTTIN ? -EIO : 0;

	if (!tty_is_ctty(tty, p) || tty->pgrp <= 0 || p->pgid == tty->pgrp)
		return 0;
	if (me->sig_blocked & SIGSET_BIT(sig))
		return unstoppable;
	signal_send_pgrp(p->pgid, sig, NULL);
	/* An ignored signal is dropped by the sender: nothing is pending. */
	if (!signal_pending(me))
		return unstoppable;
	return -ERESTARTSYS;
}

void tty_set_ctty(struct tty *tty, struct process *p)
{
	uint64_t flags;

	/* One after the other: tasklist_lock is never taken under tty->lock. */
	spin_lock(&tasklist_lock);
	p->ctty = tty;
	spin_unlock(&tasklist_lock);
	flags = spin_lock_irqsave(&tty->lock);
	tty->session = p->sid;
	tty->pgrp = p->pgid;
	spin_unlock_irqrestore(&tty->lock, flags);
}

struct tty_session_walk {
	struct tty *tty;
	int sid;
	int pgid;
	bool found;
};

static int tty_clear_ctty(struct process *p, void *arg)
{
	struct tty_session_walk *w = arg;

	if (p->sid == w->sid && p->ctty == w->tty)
		p->ctty = NULL;
	return 0;
}

/* The session has lost its terminal: nobody in it keeps tty. */
static void tty_disassociate(struct tty *tty, int sid)
{
	struct tty_session_walk w = { .tty = tty, .sid = sid };
	uint64_t flags;

	process_for_each(tty_clear_ctty, &w);
	flags = spin_lock_irqsave(&tty->lock);
	if (tty->session == sid) {
		tty->session = 0;
		tty->pgrp = 0;
	}
	spin_unlock_irqrestore(&tty->lock, flags);
}

/* The session leader gives the terminal up: SIGHUP, SIGCONT to the foreground. */
static void tty_leader_release(struct tty *tty, int sid)
{
	int pgrp = tty->pgrp;

	if (pgrp > 0) {
		signal_send_pgrp(pgrp, SIGHUP, NULL);
		signal_send_pgrp(pgrp, SIGCONT, NULL);
	}
	tty_disassociate(tty, sid);
}

void tty_session_leader_exit(struct process *p)
{
	struct tty *tty = p->ctty;

	if (!tty || p->sid != p->pid)
		return;
	tty_leader_release(tty, p->sid);
	/* Files still open on it from the old session see the hangup. */
	tty_hangup(tty);
	spin_lock(&tasklist_lock);
	p->ctty = NULL;
	spin_unlock(&tasklist_lock);
}

static int tty_find_pgrp(struct process *p, void *arg)
{
	struct tty_session_walk *w = arg;

	if (p->pgid == w->pgid && p->sid == w->sid && p->state == PROCESS_ALIVE) {
		w->found = true;
		return 1;
	}
	return 0;
}

static long tty_set_pgrp(struct tty *tty, uint64_t arg)
{
	struct process *p = process_current();
	struct tty_session_walk w = { .tty = tty };
	uint64_t flags;
	int32_t pgrp;
	long err;

	if (!tty_is_ctty(tty, p) || tty->session != p->sid)
		return -ENOTTY;
	err = tty_job_check(tty, SIGTTOU);
	if (err)
		return err;
	if (tty_get_user(&pgrp, arg, sizeof(pgrp)))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	/* The group must exist in the caller's session (tcsetpgrp(3)). */
	w.sid = p->sid;
	w.pgid = pgrp;
	process_for_each(tty_find_pgrp, &w);
	if (!w.found)
		return -EPERM;
	flags = spin_lock_irqsave(&tty->lock);
	tty->pgrp = pgrp;
	spin_unlock_irqrestore(&tty->lock, flags);
	return 0;
}

static long tty_set_ctty_ioctl(struct tty *tty, uint64_t arg)
{
	struct process *p = process_current();

	if (!p)
		return -EPERM;
	if (p->ctty == tty)
		return 0;
	/* Only a session leader without a terminal may take one. */
	if (p->sid != p->pid || p->ctty)
		return -EPERM;
	if (tty->session && tty->session != p->sid) {
		if (arg != TIOCSCTTY_STEAL || p->cred.euid != 0)
			return -EPERM;
		tty_disassociate(tty, tty->session);
	}
	tty_set_ctty(tty, p);
	return 0;
}

static long tty_notty(struct tty *tty)
{
	struct process *p = process_current();

	if (!tty_is_ctty(tty, p))
		return -ENOTTY;
	if (p->sid == p->pid) {
		tty_leader_release(tty, p->sid);
	} else {
		spin_lock(&tasklist_lock);
		p->ctty = NULL;
		spin_unlock(&tasklist_lock);
	}
	return 0;
}

static long tty_set_termios(struct tty *tty, unsigned cmd, uint64_t arg)
{
	struct termios t;
	uint64_t flags;
	long err = tty_job_check(tty, SIGTTOU);

	if (err)
		return err;
	if (tty_get_user(&t, arg, sizeof(t)))
		return -EFAULT;
	/* Output is written synchronously: TCSETSW has nothing to drain. */
	flags = spin_lock_irqsave(&tty->lock);
	if (cmd == TCSETSF)
		ldisc_flush_input(&tty->ld);
	ldisc_set_termios(&tty->ld, &t);
	/* Leaving canonical mode can make input readable; IXON off restarts. */
	wake_up_all(&tty->read_wait);
	wake_up_all(&tty->write_wait);
	spin_unlock_irqrestore(&tty->lock, flags);
	return 0;
}

static long tty_set_winsize(struct tty *tty, uint64_t arg)
{
	struct winsize ws;
	bool changed;

	if (tty_get_user(&ws, arg, sizeof(ws)))
		return -EFAULT;
	changed = ws.ws_row != tty->winsize.ws_row || ws.ws_col != tty->winsize.ws_col ||
		  ws.ws_xpixel != tty->winsize.ws_xpixel ||
		  ws.ws_ypixel != tty->winsize.ws_ypixel;
	tty->winsize = ws;
	if (changed && tty->pgrp > 0)
		signal_send_pgrp(tty->pgrp, SIGWINCH, NULL);
	return 0;
}

static long tty_flow(struct tty *tty, uint64_t arg)
{
	/* TCIOFF/TCION write a byte: the driver's memory comes outside the lock. */
	int rerr = tty_out_reserve(tty, 1);
	uint64_t flags = spin_lock_irqsave(&tty->lock);
	uint8_t c;
	long ret = 0;

	switch (arg) {
	case TCOOFF:
		tty->ld.stopped = true;
		break;
	case TCOON:
		tty->ld.stopped = false;
		wake_up_all(&tty->write_wait);
		break;
	case TCIOFF:
	case TCION:
		/* Ask the other end to stop or start sending. */
		c = tty->ld.termios.c_cc[arg == TCIOFF ? VSTOP : VSTART];
		if (c)
			tty->driver->write(tty, &c, 1);
		break;
	default:
		ret = -EINVAL;
	}
	spin_unlock_irqrestore(&tty->lock, flags);
	tty_out_unreserve(tty);
	(void)rerr;	/* without memory the byte is dropped, as echo into a full queue */
	return ret;
}

static long tty_flush(struct tty *tty, uint64_t arg)
{
	uint64_t flags;
	long err = tty_job_check(tty, SIGTTOU);

	if (err)
		return err;
	if (arg != TCIFLUSH && arg != TCOFLUSH && arg != TCIOFLUSH)
		return -EINVAL;
	/* Output has no queue to flush: it is written as it comes. */
	if (arg == TCOFLUSH)
		return 0;
	flags = spin_lock_irqsave(&tty->lock);
	ldisc_flush_input(&tty->ld);
	spin_unlock_irqrestore(&tty->lock, flags);
	return 0;
}

/* Linux's numbers: /dev/ttySn is major 4, minor 64 + n; /dev/ttyN minor N. */
#define TTY_MAJOR		4
#define TTY_SERIAL_MINOR_BASE	64
#define TTY_SERIAL_FIFO		16	/* the 16550A's FIFO */
#define TTY_SERIAL_BAUD_BASE	115200	/* 1.8432 MHz / 16 */
#define TTY_VT_ACTIVE		1	/* the one virtual terminal, tty1 */

/* The legacy COM port resources (the PC/AT assignment). */
static const uint16_t tty_com_ports[] = { 0x3f8, 0x2f8, 0x3e8, 0x2e8 };
static const int8_t tty_com_irqs[] = { 4, 3, 4, 3 };

static bool tty_is_serial(const struct tty *tty)
{
	return DEV_MAJOR(tty->dev) == TTY_MAJOR && DEV_MINOR(tty->dev) >= TTY_SERIAL_MINOR_BASE;
}

static bool tty_is_vt(const struct tty *tty)
{
	return DEV_MAJOR(tty->dev) == TTY_MAJOR && DEV_MINOR(tty->dev) < TTY_SERIAL_MINOR_BASE;
}

/* TIOCGSERIAL: what cttyhack asks to name the serial console it is on. */
static long tty_get_serial(struct tty *tty, uint64_t arg)
{
	struct serial_struct ss;
	unsigned line;

	if (!tty_is_serial(tty))
		return -ENOTTY;
	line = DEV_MINOR(tty->dev) - TTY_SERIAL_MINOR_BASE;
	memset(&ss, 0, sizeof(ss));
	ss.type = PORT_16550A;
	ss.line = (int32_t)line;
	if (line < ARRAY_SIZE(tty_com_ports)) {
		ss.port = tty_com_ports[line];
		ss.irq = tty_com_irqs[line];
	}
	ss.xmit_fifo_size = TTY_SERIAL_FIFO;
	ss.baud_base = TTY_SERIAL_BAUD_BASE;
	return tty_put_user(arg, &ss, sizeof(ss));
}

/* VT_GETSTATE on a virtual terminal (ioctl_console(2)). */
static long tty_get_vt_state(struct tty *tty, uint64_t arg)
{
	struct vt_stat vs = {
		.v_active = TTY_VT_ACTIVE,
		.v_state = 1u << TTY_VT_ACTIVE,
	};

	if (!tty_is_vt(tty))
		return -ENOTTY;
	return tty_put_user(arg, &vs, sizeof(vs));
}

long tty_ioctl(struct tty *tty, struct file *f __unused, unsigned cmd, uint64_t arg)
{
	struct process *p = process_current();
	int32_t v;

	switch (cmd) {
	case TCGETS:
		return tty_put_user(arg, &tty->ld.termios, sizeof(struct termios));
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return tty_set_termios(tty, cmd, arg);
	case TIOCGWINSZ:
		return tty_put_user(arg, &tty->winsize, sizeof(struct winsize));
	case TIOCSWINSZ:
		return tty_set_winsize(tty, arg);
	case TIOCGPGRP:
		if (!tty_is_ctty(tty, p))
			return -ENOTTY;
		v = tty->pgrp;
		return tty_put_user(arg, &v, sizeof(v));
	case TIOCSPGRP:
		return tty_set_pgrp(tty, arg);
	case TIOCGSID:
		if (!tty_is_ctty(tty, p) || tty->session == 0)
			return -ENOTTY;
		v = tty->session;
		return tty_put_user(arg, &v, sizeof(v));
	case TIOCSCTTY:
		return tty_set_ctty_ioctl(tty, arg);
	case TIOCNOTTY:
		return tty_notty(tty);
	case FIONREAD: {
		uint64_t flags = spin_lock_irqsave(&tty->lock);

		v = (int32_t)ldisc_inq(&tty->ld);
		spin_unlock_irqrestore(&tty->lock, flags);
		return tty_put_user(arg, &v, sizeof(v));
	}
	case TIOCOUTQ:
		v = 0;		/* nothing queued: output is synchronous */
		return tty_put_user(arg, &v, sizeof(v));
	case TIOCGSERIAL:
		return tty_get_serial(tty, arg);
	case VT_GETSTATE:
		return tty_get_vt_state(tty, arg);
	case TCFLSH:
		return tty_flush(tty, arg);
	case TCXONC:
		return tty_flow(tty, arg);
	case TCSBRK:
		/*
		 * tcdrain (arg != 0): output is already on the device. A break
		 * (arg 0) needs driver support none has; Linux returns 0 for
		 * such drivers too.
		 */
		return 0;
	default:
		return -ENOTTY;
	}
}
