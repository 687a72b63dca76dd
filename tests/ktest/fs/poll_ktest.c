/*
 * poll_ktest.c: poll_files (kernel/fs/poll.c) on pipes: readiness,
 * timeouts, wake-ups from another thread while watching two queues,
 * POLLHUP/POLLERR, POLLNVAL, and select's stricter reporting. Also the
 * wait entries of kernel/sched/wait.c underneath.
 */
#include <basalt/ktest.h>
#include <fs/pipe.h>
#include <fs/poll.h>
#include <sched/sched.h>
#include <proc/task.h>
#include <sched/wait.h>
#include <time/time.h>
#include <uapi/errno.h>

#define KT_TIMEOUT_MS	30
#define KT_DELAY_MS	20
#define KT_LONG_MS	5000

static long kt_write(struct file *f, const void *buf, size_t n)
{
	struct uio u;

	uio_init_kernel(&u, (void *)buf, n);
	return f->ops->write(f, &u, &f->pos);
}

KTEST(poll_pipe_ready_now)
{
	struct file *e[2];
	struct poll_item it[2] = {
		{ .events = POLLIN }, { .events = POLLOUT },
	};

	KT_ASSERT(t, pipe_create(e, 0) == 0);
	it[0].file = e[0];
	it[1].file = e[1];
	/* Empty: only the write end is ready. */
	KT_EXPECT_EQ(t, poll_files(it, 2, 0, true), 1);
	KT_EXPECT_EQ(t, it[0].revents, 0);
	KT_EXPECT_EQ(t, it[1].revents, POLLOUT);
	KT_EXPECT_EQ(t, kt_write(e[1], "x", 1), 1);
	KT_EXPECT_EQ(t, poll_files(it, 2, 0, true), 2);
	KT_EXPECT_EQ(t, it[0].revents, POLLIN);
	file_put(e[0]);
	file_put(e[1]);
}

KTEST(poll_pipe_timeout)
{
	struct file *e[2];
	struct poll_item it = { .events = POLLIN };
	uint64_t start;

	KT_ASSERT(t, pipe_create(e, 0) == 0);
	it.file = e[0];
	start = time_monotonic_ns();
	KT_EXPECT_EQ(t, poll_files(&it, 1, KT_TIMEOUT_MS * NSEC_PER_MSEC, true), 0);
	KT_EXPECT(t, time_monotonic_ns() - start >= KT_TIMEOUT_MS * NSEC_PER_MSEC);
	KT_EXPECT_EQ(t, it.revents, 0);
	file_put(e[0]);
	file_put(e[1]);
}

static int kt_poll_late_writer(void *arg)
{
	msleep(KT_DELAY_MS);
	return kt_write(arg, "y", 1) == 1 ? 0 : 1;
}

/* Two pipes watched at once; the second one's writer wakes the poller. */
KTEST(poll_two_pipes_woken)
{
	struct file *a[2], *b[2];
	struct poll_item it[2] = { { .events = POLLIN }, { .events = POLLIN } };
	struct task *th;
	uint64_t start;
	int code = -1;

	KT_ASSERT(t, pipe_create(a, 0) == 0);
	KT_ASSERT(t, pipe_create(b, 0) == 0);
	it[0].file = a[0];
	it[1].file = b[0];
	th = kthread_create(kt_poll_late_writer, b[1], "ktpollw");
	KT_ASSERT(t, th);
	start = time_monotonic_ns();
	KT_EXPECT_EQ(t, poll_files(it, 2, -1, true), 1);
	KT_EXPECT(t, time_monotonic_ns() - start < KT_LONG_MS * NSEC_PER_MSEC);
	KT_EXPECT_EQ(t, it[0].revents, 0);
	KT_EXPECT_EQ(t, it[1].revents, POLLIN);
	KT_EXPECT_EQ(t, kthread_join(th, &code), 0);
	KT_EXPECT_EQ(t, code, 0);
	/* Every watcher entry is gone from the queues. */
	file_put(a[0]);
	file_put(a[1]);
	file_put(b[0]);
	file_put(b[1]);
}

KTEST(poll_pipe_hup_err_nval)
{
	struct file *e[2];
	struct poll_item it[3] = {
		{ .events = POLLIN }, { .events = POLLOUT }, { .events = POLLIN },
	};

	KT_ASSERT(t, pipe_create(e, 0) == 0);
	it[0].file = e[0];
	file_put(e[1]);
	/* No writer: POLLHUP even though only POLLIN was asked for. */
	KT_EXPECT_EQ(t, poll_files(it, 1, 0, true), 1);
	KT_EXPECT_EQ(t, it[0].revents, POLLHUP);
	/* select semantics report only what was asked. */
	KT_EXPECT_EQ(t, poll_files(it, 1, 0, false), 0);
	file_put(e[0]);

	KT_ASSERT(t, pipe_create(e, 0) == 0);
	it[1].file = e[1];
	file_put(e[0]);
	it[2].file = NULL;	/* a bad descriptor */
	KT_EXPECT_EQ(t, poll_files(&it[1], 2, 0, true), 2);
	KT_EXPECT_EQ(t, it[1].revents, POLLOUT | POLLERR);
	KT_EXPECT_EQ(t, it[2].revents, POLLNVAL);
	file_put(e[1]);
}

KTEST(poll_skip_negative)
{
	struct poll_item it = { .skip = true, .events = POLLIN };

	KT_EXPECT_EQ(t, poll_files(&it, 1, 0, true), 0);
	KT_EXPECT_EQ(t, it.revents, 0);
}

static struct wait_queue kt_entry_wq = WAIT_QUEUE_INIT(kt_entry_wq);

static int kt_entry_waker(void *arg __unused)
{
	msleep(KT_DELAY_MS);
	return (int)wake_up(&kt_entry_wq);
}

/* A wait entry wakes its task on wake_up and stays until removed. */
KTEST(wait_entry_wakes_watcher)
{
	struct wait_entry e;
	struct task *th;
	uint64_t flags;
	int code = 0;

	wait_entry_add(&kt_entry_wq, &e);
	KT_EXPECT(t, !wait_queue_empty(&kt_entry_wq));
	th = kthread_create(kt_entry_waker, NULL, "ktentry");
	KT_ASSERT(t, th);
	flags = cpu_irq_save();
	KT_EXPECT_EQ(t, wait_block(NULL, time_monotonic_ns() + KT_LONG_MS * NSEC_PER_MSEC), 0);
	cpu_irq_restore(flags);
	KT_EXPECT_EQ(t, kthread_join(th, &code), 0);
	KT_EXPECT_EQ(t, code, 1);
	KT_EXPECT(t, !wait_queue_empty(&kt_entry_wq));
	wait_entry_remove(&e);
	KT_EXPECT(t, wait_queue_empty(&kt_entry_wq));
	wait_entry_remove(&e);		/* a second remove is harmless */
}
