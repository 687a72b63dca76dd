/*
 * tty_dev.c: /dev/tty (5,0), the caller's controlling terminal (tty(4)),
 * /dev/console (5,1), and tty_init, which brings every terminal up.
 *
 * /dev/console is the terminal of the last console= on the command line
 * that names one (ttyS<n>, tty0 or tty1), as on Linux; without console=
 * Basalt logs to COM1 and the screen, and /dev/console is ttyS0 if the
 * UART exists, else tty1. As on Linux, opening /dev/console never makes
 * it a controlling terminal.
 */
#include <basalt/cmdline.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <drivers/serial/serial.h>
#include <proc/process.h>
#include <proc/task.h>
#include <sched/wait.h>
#include <tty/tty.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

#define TTY_DEV_TTY_MODE	(S_IFCHR | 0666)
#define TTY_DEV_CONSOLE_MODE	(S_IFCHR | 0600)
/* How often terminals without an interrupt are polled for input. */
#define TTY_POLL_MS		10

static struct tty *tty_console;

/* The terminal a console= name stands for, or NULL. */
static struct tty *tty_by_console_name(const char *name)
{
	if (!strncmp(name, "ttyS", 4) && name[4] >= '0' && name[4] <= '9' && !name[5])
		return tty_serial_get((unsigned)(name[4] - '0'));
	if (!strcmp(name, "tty0") || !strcmp(name, "tty1"))
		return tty_vt_get();
	return NULL;
}

static struct tty *tty_console_choose(void)
{
	struct tty *tty = NULL;

	for (unsigned i = 0; i < boot_cmdline.nconsoles; i++) {
		struct tty *t = tty_by_console_name(boot_cmdline.consoles[i].name);

		if (t)
			tty = t;
	}
	if (tty)
		return tty;
	tty = tty_serial_get(0);
	return tty ? tty : tty_vt_get();
}

struct tty *tty_console_get(void)
{
	return tty_console;
}

static int tty_dev_console_open(struct inode *ino __unused, struct file *f)
{
	if (!tty_console)
		return -ENODEV;
	return tty_open(tty_console, f, true);
}

static int tty_dev_tty_open(struct inode *ino __unused, struct file *f)
{
	struct process *p = process_current();

	/* No controlling terminal: ENXIO (tty(4)). */
	if (!p || !p->ctty)
		return -ENXIO;
	return tty_open(p->ctty, f, true);
}

static const struct file_ops tty_dev_console_ops = TTY_FILE_OPS(tty_dev_console_open);
static const struct file_ops tty_dev_tty_ops = TTY_FILE_OPS(tty_dev_tty_open);

/* Feeds terminals whose device has no interrupt. */
static int tty_poll_thread(void *arg __unused)
{
	for (;;) {
		tty_serial_poll();
		tty_vt_poll();
		msleep(TTY_POLL_MS);
	}
	return 0;
}

int tty_init(void)
{
	int err;

	err = tty_serial_init();
	if (err)
		pr_warn("tty: serial terminals: error %d\n", err);
	err = tty_vt_init();
	if (err && err != -ENODEV)
		pr_warn("tty: virtual terminal: error %d\n", err);
	tty_console = tty_console_choose();
	err = chrdev_register(TTYAUX_MAJOR, TTYAUX_TTY_MINOR, 1, &tty_dev_tty_ops, "tty");
	if (!err)
		err = chrdev_register(TTYAUX_MAJOR, TTYAUX_CONSOLE_MINOR, 1,
				      &tty_dev_console_ops, "console");
	if (err)
		return err;
	if (devfs_add_node("tty", TTY_DEV_TTY_MODE,
			   DEV_MAKE(TTYAUX_MAJOR, TTYAUX_TTY_MINOR)) ||
	    devfs_add_node("console", TTY_DEV_CONSOLE_MODE,
			   DEV_MAKE(TTYAUX_MAJOR, TTYAUX_CONSOLE_MINOR)))
		pr_warn("tty: cannot publish /dev/tty and /dev/console\n");
	err = tty_signal_thread_start();
	if (err)
		pr_warn("tty: no signal thread: ^C, ^\\ and ^Z send nothing\n");
	err = pty_init();
	if (err)
		pr_warn("tty: pseudo-terminals: error %d\n", err);
	if (tty_serial_needs_poll() || tty_vt_needs_poll()) {
		struct task *t = kthread_create(tty_poll_thread, NULL, "ttypoll");

		if (t)
			kthread_detach(t);
		else
			pr_warn("tty: no poll thread: polled terminals get no input\n");
	}
	pr_info("tty: console is %s\n", tty_console ? tty_console->name : "(none)");
	return 0;
}
