/*
 * tty.h: terminals (kernel/tty/), grouped by file:
 *
 *   ldisc.c        the line discipline (ldisc.h), pure logic
 *   tty.c          struct tty: input from drivers, blocking read/write,
 *                  poll, the file operations of every terminal device
 *   tty_ioctl.c    termios, window size, job control, controlling tty
 *   tty_serial.c   /dev/ttyS0..3 on the 16550 UARTs (4, 64..67)
 *   tty_vt.c       /dev/tty0 and tty1 on the framebuffer console and the
 *                  PS/2 keyboard (4, 0..1)
 *   tty_dev.c      /dev/console (5, 1), /dev/tty (5, 0), tty_init
 *   pty.c          pseudo-terminals: /dev/ptmx (5, 2), /dev/pts/N (136, N)
 *
 * Locking: tty.lock (below) is the lock of a tty's line discipline, its
 * wait queues, pgrp, session, winsize and open counts (and of a pty's
 * ring and flags: pty.c), taken irqsave since drivers feed input from
 * interrupt handlers. Driver output is called under it too, so echo
 * from an interrupt and writes from threads never interleave inside a
 * driver. A pty's lock is of the class "pty.lock" (pty.c), and the
 * order is pty.lock -> fasync_lock -> tasklist_lock: a pty's output
 * notifies SIGIO under it. A terminal with interrupt-driven input
 * (class "tty.lock") defers that to the ttysig thread, so no plain
 * spinlock nests in the lock its interrupt handler takes (while the
 * handler may take it over any plain lock the interrupted task holds).
 * process->ctty is tasklist_lock's (proc/process.h), which is never
 * held while a tty.lock is taken (tty_set_ctty takes one, then the
 * other).
 */
#ifndef TTY_TTY_H
#define TTY_TTY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <fs/fasync.h>
#include <fs/file.h>
#include <sched/spinlock.h>
#include <sched/wait.h>
#include <tty/ldisc.h>

struct tty;
struct process;

struct tty_driver {
	/* Puts bytes on the device; tty->lock held (interrupts off), must not block. */
	void (*write)(struct tty *tty, const uint8_t *s, size_t len);
	/* First open / last close: start or stop delivering input. May be NULL. */
	void (*open)(struct tty *tty);
	void (*close)(struct tty *tty);
	/*
	 * Bytes write can take now (tty->lock held), or NULL: always enough.
	 * A writer waits on tty->write_wait while it is too small; the
	 * driver wakes that queue when room appears.
	 */
	size_t (*write_room)(struct tty *tty);
	/*
	 * May be NULL. A driver whose buffer grows as output comes (pty)
	 * brings its memory here, outside tty->lock (may sleep), for about
	 * bytes of output to come: write_room then counts it, and the
	 * driver keeps it until the matching unreserve. 0, or -ENOMEM when
	 * the driver holds no room at all and could get none. write_space
	 * (tty->lock held; NULL: write_room) is the room a writer may wait
	 * for, memory or not: what poll reports.
	 */
	int (*reserve)(struct tty *tty, size_t bytes);
	void (*unreserve)(struct tty *tty);
	size_t (*write_space)(struct tty *tty);
};

#define TTY_NAME_LEN		16

struct tty {
	/*
	 * guards: ld, the wait queues' tests, winsize, pgrp, session,
	 * open_count, hangup_gen (and a pty's ring and flags). irqsave.
	 */
	struct spinlock lock;
	char name[TTY_NAME_LEN];	/* "ttyS0", "tty1" */
	dev_t dev;
	const struct tty_driver *driver;
	void *driver_data;
	struct ldisc ld;
	struct wait_queue read_wait;	/* input became readable, hangup */
	struct wait_queue write_wait;	/* output restarted (IXON) */
	struct fasync_list async;	/* O_ASYNC files: SIGIO when input is readable */
	struct winsize winsize;
	int pgrp;			/* foreground process group, 0: none */
	int session;			/* the session it controls, 0: none */
	unsigned open_count;		/* open file descriptions */
	unsigned hangup_gen;		/* hangups so far (tty_hangup) */
	/*
	 * Input comes from an interrupt handler (VT, serial; set by the
	 * driver after tty_setup, fixed): its SIGIO goes through the ttysig
	 * thread. Such a tty is never freed.
	 */
	bool input_in_irq;
	/*
	 * The line discipline's input buffer is allocated as input comes
	 * (tty_receive_alloc) and freed once reads drained it (pty; set by
	 * the driver after tty_setup, fixed). Other terminals attach theirs
	 * once (ldisc_attach), since their input arrives in interrupts.
	 */
	bool input_on_demand;
};

/*
 * f->priv of an open terminal: a file opened before a hangup stays hung
 * up (reads see EOF, writes EIO) while new opens work, as on Linux.
 */
struct tty_file {
	struct tty *tty;
	unsigned hangup_gen;		/* tty->hangup_gen when opened */
};

/* Sets up tty with default termios; name is copied. */
void tty_setup(struct tty *tty, const char *name, dev_t dev,
	       const struct tty_driver *driver, void *driver_data);
/*
 * The memory of a line discipline's input buffer, for a terminal that
 * keeps it for good: tty_attach_input after tty_setup (VT, serial, the
 * tests' terminals). A pty brings its own as input comes instead.
 */
struct tty_input_buf {
	uint8_t data[LDISC_BUF_SIZE];
	uint8_t marks[2 * LDISC_MARKS_SIZE];
};
void tty_attach_input(struct tty *tty, struct tty_input_buf *b);
/*
 * Received bytes, from a driver (interrupt handlers included). Signals
 * that ISIG characters raise are queued for thread context: the ttysig
 * thread (tty_signal_thread_start, from tty_init) sends them, or a
 * caller in a thread calls tty_signals_flush after tty_receive.
 */
void tty_receive(struct tty *tty, const uint8_t *s, size_t len);
/*
 * The same from a thread, for a tty with input_on_demand: brings the
 * line discipline's buffer if it has none, and the driver's room for
 * the echo (reserve). 0, or -ENOMEM when no buffer could be had.
 */
int tty_receive_alloc(struct tty *tty, const uint8_t *s, size_t len);
/* Frees what tty_receive_alloc brought (the tty is being freed). */
void tty_release_buffers(struct tty *tty);
/* driver->reserve and unreserve, where the driver has them. */
int tty_out_reserve(struct tty *tty, size_t bytes);
void tty_out_unreserve(struct tty *tty);
void tty_signals_flush(void);
int tty_signal_thread_start(void);

/*
 * The blocking operations behind the file ops, for a tty opened as f
 * (O_NONBLOCK is taken from f->flags). Read returns 0 at end of file
 * (EOF typed at the start of a line, or a hangup), -EAGAIN, -ERESTARTSYS
 * or -EIO for a background read that cannot be stopped.
 */
long tty_read(struct tty *tty, struct file *f, struct uio *u);
long tty_write(struct tty *tty, struct file *f, struct uio *u);
unsigned tty_poll_file(struct tty *tty, struct file *f, struct poll_table *pt);
long tty_ioctl(struct tty *tty, struct file *f, unsigned cmd, uint64_t arg);

/*
 * Hangs up the files open on tty now (the session leader left): their
 * reads return 0, their writes -EIO; sleepers wake. Interrupt-safe.
 */
void tty_hangup(struct tty *tty);

/*
 * Attaches an open file to tty (f->priv) and counts the open; unless
 * noctty, a session leader without a terminal gets this one as its
 * controlling terminal (open(2), O_NOCTTY). tty_close undoes it.
 */
int tty_open(struct tty *tty, struct file *f, bool noctty);
void tty_close(struct file *f);

/*
 * The file operations of a terminal (f->priv a struct tty_file); each
 * device family has its own open, which finds the tty and calls
 * tty_open: TTY_FILE_OPS(that_open) fills in the rest.
 */
long tty_file_read(struct file *f, struct uio *u, uint64_t *pos);
long tty_file_write(struct file *f, struct uio *u, uint64_t *pos);
long tty_file_ioctl(struct file *f, unsigned cmd, uint64_t arg);
unsigned tty_file_poll(struct file *f, struct poll_table *pt);
void tty_file_release(struct file *f);
long tty_file_lseek(struct file *f, int64_t off, int whence);
int tty_file_fasync(struct file *f, bool on);

#define TTY_FILE_OPS(open_fn) {						\
	.read = tty_file_read, .write = tty_file_write,			\
	.lseek = tty_file_lseek, .ioctl = tty_file_ioctl,		\
	.poll = tty_file_poll, .open = (open_fn),			\
	.release = tty_file_release, .fasync = tty_file_fasync,		\
}

/* ---- tty_ioctl.c: job control --------------------------------------------- */

/*
 * For a read (SIGTTIN) or a write/settings change (SIGTTOU) on tty by
 * the current process: 0 if allowed, otherwise the signal goes to its
 * process group and -ERESTARTSYS, or -EIO when a stopped read cannot
 * happen (SIGTTIN blocked or ignored). Linux's tty_check_change.
 */
int tty_job_check(struct tty *tty, int sig);
/* Makes tty the controlling terminal of p's session. */
void tty_set_ctty(struct tty *tty, struct process *p);
/*
 * A session leader exits (the lead calls this from process exit): its
 * terminal's foreground group gets SIGHUP and SIGCONT, and the terminal
 * is no longer anybody's controlling terminal (credentials(7),
 * "Sessions").
 */
void tty_session_leader_exit(struct process *p);

/* ---- the devices ------------------------------------------------------------ */

/* Linux's device numbers (Documentation/admin-guide/devices.txt). */
#define TTY_MAJOR		4	/* tty0.. (minor 0..63), ttyS0.. (64..) */
#define TTY_SERIAL_MINOR	64
#define TTYAUX_MAJOR		5	/* tty (0), console (1), ptmx (2) */
#define TTYAUX_TTY_MINOR	0
#define TTYAUX_CONSOLE_MINOR	1
#define TTY_VT_COUNT		2	/* tty0 (the current VT) and tty1 */

/*
 * tty_serial.c: the tty of port n if its UART exists, else NULL. Ports
 * without an interrupt are polled by tty_dev.c's thread through
 * tty_serial_poll.
 */
struct tty *tty_serial_get(unsigned port);
int tty_serial_init(void);
bool tty_serial_needs_poll(void);
void tty_serial_poll(void);
/* tty_vt.c: the virtual terminal (tty1, also tty0), NULL without a screen. */
struct tty *tty_vt_get(void);
int tty_vt_init(void);
bool tty_vt_needs_poll(void);
void tty_vt_poll(void);

/*
 * pty.c: registers /dev/ptmx and the pts major (tty_init calls it).
 * The open functions and ops are what /dev/ptmx and /dev/pts/N use; a
 * test can call them on files made with file_alloc_anon.
 */
int pty_init(void);
/*
 * /proc/sys/kernel/pty: max and reserve (root sets them: -EINVAL past
 * 2^20) and nr, the pairs open. pty_buffer_pages: the pages the pairs'
 * output queues hold now.
 */
uint64_t pty_limit_max(void);
int pty_limit_set_max(uint64_t v);
uint64_t pty_limit_reserve(void);
int pty_limit_set_reserve(uint64_t v);
unsigned pty_limit_nr(void);
uint64_t pty_buffer_pages(void);
int pty_open_master(struct file *f);
int pty_open_slave(unsigned index, struct file *f);
/* TIOCSPTLCK and TIOCGPTN on a master file. */
void pty_set_lock(struct file *master, bool locked);
unsigned pty_index(struct file *master);
const struct file_ops *pty_master_file_ops(void);
const struct file_ops *pty_slave_file_ops(void);
#define TTYAUX_PTMX_MINOR	2
#define PTS_MAJOR		136

/*
 * tty_dev.c: sets up every terminal and publishes /dev/tty*, ttyS*,
 * console. Call after the interrupt controllers are set up (it routes
 * the UART interrupts) and after vfs_init (the nodes go to devtmpfs; if
 * it is not mounted yet devfs_add_node keeps them for later).
 */
int tty_init(void);
/* The tty behind /dev/console: the last console= one, else ttyS0 or tty1. */
struct tty *tty_console_get(void);

#endif /* TTY_TTY_H */
