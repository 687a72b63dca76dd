/*
 * tty_ktest.c: the terminal core (kernel/tty/tty.c, tty_ioctl.c) on a
 * test driver that records output: cooked and raw reads (VMIN/VTIME),
 * blocking and O_NONBLOCK, echo and ONLCR, EOF, poll, ^S/^Q, hangup,
 * and the controlling terminal of a session with job control checks.
 */
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <fs/poll.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <proc/task.h>
#include <sched/wait.h>
#include <time/time.h>
#include <tty/tty.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define KT_OUT_MAX	256
#define KT_DELAY_MS	20
#define KT_VTIME	2		/* tenths: 200 ms */
#define KT_PID		4242

static struct tty kt_tty;
static char kt_out[KT_OUT_MAX];
static size_t kt_out_len;

static void kt_tty_write(struct tty *tty __unused, const uint8_t *s, size_t len)
{
	for (size_t i = 0; i < len && kt_out_len < KT_OUT_MAX - 1; i++)
		kt_out[kt_out_len++] = (char)s[i];
	kt_out[kt_out_len] = 0;
}

static const struct tty_driver kt_driver = { .write = kt_tty_write };
static const struct file_ops kt_tty_ops = TTY_FILE_OPS(NULL);

static struct file *kt_open(unsigned flags)
{
	struct file *f = file_alloc_anon(&kt_tty_ops, NULL, O_RDWR | flags);

	if (f && tty_open(&kt_tty, f, true)) {
		file_put(f);
		return NULL;
	}
	return f;
}

static struct tty_input_buf kt_input;

static struct file *kt_setup(unsigned flags)
{
	tty_setup(&kt_tty, "kttty", 0, &kt_driver, NULL);
	tty_attach_input(&kt_tty, &kt_input);
	kt_out_len = 0;
	kt_out[0] = 0;
	return kt_open(flags);
}

static void kt_type(const char *s)
{
	tty_receive(&kt_tty, (const uint8_t *)s, strlen(s));
}

static long kt_read(struct file *f, char *buf, size_t n)
{
	struct uio u;

	uio_init_kernel(&u, buf, n);
	return f->ops->read(f, &u, &f->pos);
}

static long kt_write(struct file *f, const char *s)
{
	struct uio u;

	uio_init_kernel(&u, (void *)s, strlen(s));
	return f->ops->write(f, &u, &f->pos);
}

static void kt_set_raw(cc_t vmin, cc_t vtime)
{
	struct termios t = kt_tty.ld.termios;
	uint64_t flags = cpu_irq_save();

	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_cc[VMIN] = vmin;
	t.c_cc[VTIME] = vtime;
	ldisc_set_termios(&kt_tty.ld, &t);
	cpu_irq_restore(flags);
}

KTEST(tty_cooked_read_and_echo)
{
	struct file *f = kt_setup(0);
	char buf[32];

	KT_ASSERT(t, f);
	kt_type("hello\r");
	KT_EXPECT_EQ(t, kt_read(f, buf, sizeof(buf)), 6);
	KT_EXPECT(t, !memcmp(buf, "hello\n", 6));
	KT_EXPECT(t, !strcmp(kt_out, "hello\r\n"));
	kt_type("\x04");	/* ^D at the start of a line: EOF */
	KT_EXPECT_EQ(t, kt_read(f, buf, sizeof(buf)), 0);
	file_put(f);
}

KTEST(tty_write_onlcr)
{
	struct file *f = kt_setup(0);

	KT_ASSERT(t, f);
	KT_EXPECT_EQ(t, kt_write(f, "a\nb"), 3);
	KT_EXPECT(t, !strcmp(kt_out, "a\r\nb"));
	file_put(f);
}

KTEST(tty_nonblock_eagain)
{
	struct file *f = kt_setup(O_NONBLOCK);
	char buf[8];

	KT_ASSERT(t, f);
	KT_EXPECT_EQ(t, kt_read(f, buf, sizeof(buf)), -EAGAIN);
	kt_type("part");	/* no complete line yet */
	KT_EXPECT_EQ(t, kt_read(f, buf, sizeof(buf)), -EAGAIN);
	file_put(f);
}

static int kt_late_typist(void *arg)
{
	msleep(KT_DELAY_MS);
	kt_type(arg);
	return 0;
}

static int kt_slow_typist(void *arg __unused)
{
	static const char keys[] = "xyz";

	for (int i = 0; i < 3; i++) {
		msleep(KT_DELAY_MS / 2);
		tty_receive(&kt_tty, (const uint8_t *)&keys[i], 1);
	}
	return 0;
}

KTEST(tty_read_blocks_until_line)
{
	struct file *f = kt_setup(0);
	struct task *th;
	char buf[16];

	KT_ASSERT(t, f);
	th = kthread_create(kt_late_typist, "late\r", "kttype");
	KT_ASSERT(t, th);
	KT_EXPECT_EQ(t, kt_read(f, buf, sizeof(buf)), 5);
	KT_EXPECT(t, !memcmp(buf, "late\n", 5));
	KT_EXPECT_EQ(t, kthread_join(th, NULL), 0);
	file_put(f);
}

KTEST(tty_raw_vmin_vtime)
{
	struct file *f = kt_setup(0);
	struct task *th;
	char buf[16];
	uint64_t start;

	KT_ASSERT(t, f);
	/* MIN 0, TIME 0: a poll that returns at once. */
	kt_set_raw(0, 0);
	KT_EXPECT_EQ(t, kt_read(f, buf, sizeof(buf)), 0);
	/* MIN 0, TIME 2: nothing for 0.2 s gives 0. */
	kt_set_raw(0, KT_VTIME);
	start = time_monotonic_ns();
	KT_EXPECT_EQ(t, kt_read(f, buf, sizeof(buf)), 0);
	KT_EXPECT(t, time_monotonic_ns() - start >= KT_VTIME * LDISC_VTIME_NS);
	/* MIN 3: waits for three bytes typed one by one. */
	kt_set_raw(3, 0);
	th = kthread_create(kt_slow_typist, NULL, "kttype");
	KT_ASSERT(t, th);
	KT_EXPECT_EQ(t, kt_read(f, buf, sizeof(buf)), 3);
	KT_EXPECT(t, !memcmp(buf, "xyz", 3));
	KT_EXPECT_EQ(t, kthread_join(th, NULL), 0);
	/* MIN 5, TIME 2: the inter-byte timer ends it with what came. */
	kt_set_raw(5, KT_VTIME);
	kt_type("ab");
	KT_EXPECT_EQ(t, kt_read(f, buf, sizeof(buf)), 2);
	file_put(f);
}

KTEST(tty_poll)
{
	struct file *f = kt_setup(0);
	struct poll_item it = { .events = POLLIN | POLLOUT };
	struct task *th;

	KT_ASSERT(t, f);
	it.file = f;
	KT_EXPECT_EQ(t, poll_files(&it, 1, 0, true), 1);
	KT_EXPECT_EQ(t, it.revents, POLLOUT);
	it.events = POLLIN;
	th = kthread_create(kt_late_typist, "x\r", "kttype");
	KT_ASSERT(t, th);
	KT_EXPECT_EQ(t, poll_files(&it, 1, -1, true), 1);
	KT_EXPECT_EQ(t, it.revents, POLLIN);
	KT_EXPECT_EQ(t, kthread_join(th, NULL), 0);
	file_put(f);
}

KTEST(tty_stop_start_output)
{
	struct file *f = kt_setup(O_NONBLOCK);

	KT_ASSERT(t, f);
	kt_type("\x13");	/* ^S */
	KT_EXPECT_EQ(t, kt_write(f, "held"), -EAGAIN);
	kt_type("\x11");	/* ^Q */
	KT_EXPECT_EQ(t, kt_write(f, "go"), 2);
	KT_EXPECT(t, !strcmp(kt_out, "go"));
	file_put(f);
}

KTEST(tty_hangup_old_files_only)
{
	struct file *f = kt_setup(0), *g;
	char buf[8];

	KT_ASSERT(t, f);
	tty_hangup(&kt_tty);
	KT_EXPECT_EQ(t, kt_read(f, buf, sizeof(buf)), 0);
	KT_EXPECT_EQ(t, kt_write(f, "x"), -EIO);
	g = kt_open(O_NONBLOCK);
	KT_ASSERT(t, g);
	KT_EXPECT_EQ(t, kt_read(g, buf, sizeof(buf)), -EAGAIN);
	KT_EXPECT_EQ(t, kt_write(g, "y"), 1);
	file_put(g);
	file_put(f);
	KT_EXPECT_EQ(t, kt_tty.open_count, 0);
}

/* A session leader's open makes the terminal its controlling one. */
KTEST(tty_session_ctty_and_job_control)
{
	struct process *p = kzalloc(sizeof(*p));
	struct task *me = task_current();
	struct process *saved = me->proc;
	struct file *f, *g;
	char buf[8];

	KT_ASSERT(t, p);
	process_default_limits(p->rlim);
	tty_setup(&kt_tty, "kttty", 0, &kt_driver, NULL);
	p->pid = p->pgid = p->sid = KT_PID;
	me->proc = p;
	f = file_alloc_anon(&kt_tty_ops, NULL, O_RDWR | O_NONBLOCK);
	KT_ASSERT(t, f);
	KT_EXPECT_EQ(t, tty_open(&kt_tty, f, false), 0);
	KT_EXPECT(t, p->ctty == &kt_tty);
	KT_EXPECT_EQ(t, kt_tty.session, KT_PID);
	KT_EXPECT_EQ(t, kt_tty.pgrp, KT_PID);
	/* Foreground: reads are allowed. */
	KT_EXPECT_EQ(t, tty_job_check(&kt_tty, SIGTTIN), 0);
	/* Background: SIGTTIN cannot stop a process that has nobody to signal. */
	p->pgid = KT_PID + 1;
	KT_EXPECT_EQ(t, tty_job_check(&kt_tty, SIGTTIN), -EIO);
	KT_EXPECT_EQ(t, kt_read(f, buf, sizeof(buf)), -EIO);
	p->pgid = KT_PID;
	/* The leader exits: the terminal is free and the old file hung up. */
	tty_session_leader_exit(p);
	KT_EXPECT(t, p->ctty == NULL);
	KT_EXPECT_EQ(t, kt_tty.session, 0);
	KT_EXPECT_EQ(t, kt_read(f, buf, sizeof(buf)), 0);
	/* O_NOCTTY-style opens never take it. */
	g = file_alloc_anon(&kt_tty_ops, NULL, O_RDWR);
	KT_ASSERT(t, g);
	KT_EXPECT_EQ(t, tty_open(&kt_tty, g, true), 0);
	KT_EXPECT(t, p->ctty == NULL);
	file_put(g);
	file_put(f);
	me->proc = saved;
	kfree(p);
}
