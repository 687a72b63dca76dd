/*
 * pipe_ktest.c: pipes (kernel/fs/pipe.c) through their file ops: data
 * order, EOF, EPIPE, the 64 KiB capacity, O_NONBLOCK, PIPE_BUF
 * atomicity, and blocking both ways between two threads.
 */
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <fs/pipe.h>
#include <mm/mm.h>
#include <sched/sched.h>
#include <proc/task.h>
#include <sched/wait.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define KT_PIPE_CAPACITY	(PIPE_DEFAULT_PAGES * PAGE_SIZE)	/* a new pipe holds */
#define KT_BIG		(3 * KT_PIPE_CAPACITY + 123)	/* more than the ring holds */
#define KT_CHUNK	1000
#define KT_DELAY_MS	20

static long kt_read(struct file *f, void *buf, size_t n)
{
	struct uio u;

	uio_init_kernel(&u, buf, n);
	return f->ops->read(f, &u, &f->pos);
}

static long kt_write(struct file *f, const void *buf, size_t n)
{
	struct uio u;

	uio_init_kernel(&u, (void *)buf, n);
	return f->ops->write(f, &u, &f->pos);
}

KTEST(pipe_data_and_eof)
{
	struct file *e[2];
	char buf[16];

	KT_ASSERT(t, pipe_create(e, 0) == 0);
	KT_EXPECT_EQ(t, kt_write(e[1], "hello", 5), 5);
	KT_EXPECT_EQ(t, kt_write(e[1], " world", 6), 6);
	KT_EXPECT_EQ(t, kt_read(e[0], buf, 7), 7);
	KT_EXPECT(t, !memcmp(buf, "hello w", 7));
	KT_EXPECT_EQ(t, kt_read(e[0], buf, sizeof(buf)), 4);
	KT_EXPECT(t, !memcmp(buf, "orld", 4));
	/* The only writer goes: what is left is read, then EOF. */
	KT_EXPECT_EQ(t, kt_write(e[1], "x", 1), 1);
	file_put(e[1]);
	KT_EXPECT_EQ(t, kt_read(e[0], buf, sizeof(buf)), 1);
	KT_EXPECT_EQ(t, kt_read(e[0], buf, sizeof(buf)), 0);
	file_put(e[0]);
}

KTEST(pipe_epipe)
{
	struct file *e[2];

	KT_ASSERT(t, pipe_create(e, 0) == 0);
	file_put(e[0]);
	KT_EXPECT_EQ(t, kt_write(e[1], "x", 1), -EPIPE);
	file_put(e[1]);
}

KTEST(pipe_bad_flags)
{
	struct file *e[2];

	KT_EXPECT_EQ(t, pipe_create(e, O_APPEND), -EINVAL);
}

KTEST(pipe_capacity_nonblock)
{
	struct file *e[2];
	char *buf = kmalloc(PIPE_BUF + 1);
	size_t total = 0;
	long n;

	KT_ASSERT(t, buf);
	KT_ASSERT(t, pipe_create(e, O_NONBLOCK) == 0);
	memset(buf, 'a', PIPE_BUF + 1);
	KT_EXPECT_EQ(t, kt_read(e[0], buf, 1), -EAGAIN);	/* empty */
	/* Non-atomic writes (> PIPE_BUF) fill it up to the last byte. */
	while ((n = kt_write(e[1], buf, PIPE_BUF + 1)) > 0)
		total += (size_t)n;
	KT_EXPECT_EQ(t, n, -EAGAIN);
	KT_EXPECT_EQ(t, total, KT_PIPE_CAPACITY);
	/* Make room for 100 bytes: a write of <= PIPE_BUF is all or nothing. */
	KT_EXPECT_EQ(t, kt_read(e[0], buf, 100), 100);
	KT_EXPECT_EQ(t, kt_write(e[1], buf, 200), -EAGAIN);
	/* A bigger one is not atomic: it writes what fits. */
	KT_EXPECT_EQ(t, kt_write(e[1], buf, PIPE_BUF + 1), 100);
	KT_EXPECT_EQ(t, kt_write(e[1], buf, 1), -EAGAIN);
	file_put(e[0]);
	file_put(e[1]);
	kfree(buf);
}

struct kt_pipe_job {
	struct file *f;
	size_t len;
	long result;
};

/* Writes len bytes of a counting pattern, in odd chunks, then closes. */
static int kt_pipe_writer(void *arg)
{
	struct kt_pipe_job *job = arg;
	uint8_t chunk[KT_CHUNK];
	size_t done = 0;

	while (done < job->len) {
		size_t n = job->len - done < KT_CHUNK ? job->len - done : KT_CHUNK;
		long w;

		for (size_t i = 0; i < n; i++)
			chunk[i] = (uint8_t)((done + i) % 251);
		w = kt_write(job->f, chunk, n);
		if (w <= 0) {
			job->result = w;
			break;
		}
		done += (size_t)w;
	}
	if (done == job->len)
		job->result = (long)done;
	file_put(job->f);
	return 0;
}

KTEST(pipe_two_threads_blocking)
{
	struct kt_pipe_job job = { .len = KT_BIG };
	struct file *e[2];
	struct task *th;
	uint8_t *buf = kmalloc(KT_CHUNK * 3);
	size_t got = 0;
	bool pattern_ok = true;
	long n;

	KT_ASSERT(t, buf);
	KT_ASSERT(t, pipe_create(e, 0) == 0);
	job.f = e[1];
	th = kthread_create(kt_pipe_writer, &job, "ktpipew");
	KT_ASSERT(t, th);
	/* The writer fills the ring and blocks; the reader drains it. */
	while ((n = kt_read(e[0], buf, KT_CHUNK * 3)) > 0) {
		for (long i = 0; i < n; i++)
			if (buf[i] != (uint8_t)((got + (size_t)i) % 251))
				pattern_ok = false;
		got += (size_t)n;
	}
	KT_EXPECT_EQ(t, n, 0);		/* EOF after the writer closed */
	KT_EXPECT_EQ(t, got, KT_BIG);
	KT_EXPECT(t, pattern_ok);
	KT_EXPECT_EQ(t, kthread_join(th, NULL), 0);
	KT_EXPECT_EQ(t, job.result, KT_BIG);
	file_put(e[0]);
	kfree(buf);
}

static int kt_pipe_late_writer(void *arg)
{
	struct kt_pipe_job *job = arg;

	msleep(KT_DELAY_MS);
	job->result = kt_write(job->f, "late", 4);
	return 0;
}

static int kt_pipe_late_closer(void *arg)
{
	struct kt_pipe_job *job = arg;

	msleep(KT_DELAY_MS);
	file_put(job->f);
	return 0;
}

KTEST(pipe_reader_blocks_until_write)
{
	struct kt_pipe_job job = { 0 };
	struct file *e[2];
	struct task *th;
	char buf[8];

	KT_ASSERT(t, pipe_create(e, 0) == 0);
	job.f = e[1];
	th = kthread_create(kt_pipe_late_writer, &job, "ktpipelw");
	KT_ASSERT(t, th);
	KT_EXPECT_EQ(t, kt_read(e[0], buf, sizeof(buf)), 4);
	KT_EXPECT(t, !memcmp(buf, "late", 4));
	KT_EXPECT_EQ(t, kthread_join(th, NULL), 0);
	KT_EXPECT_EQ(t, job.result, 4);
	file_put(e[0]);
	file_put(e[1]);
}

KTEST(pipe_blocked_writer_gets_epipe)
{
	struct kt_pipe_job job = { 0 };
	struct file *e[2];
	struct task *th;
	uint8_t *buf = kzalloc(KT_PIPE_CAPACITY);

	KT_ASSERT(t, buf);
	KT_ASSERT(t, pipe_create(e, 0) == 0);
	KT_EXPECT_EQ(t, kt_write(e[1], buf, KT_PIPE_CAPACITY), KT_PIPE_CAPACITY);
	job.f = e[0];
	th = kthread_create(kt_pipe_late_closer, &job, "ktpipelc");
	KT_ASSERT(t, th);
	/* Full: this blocks until the reader closes, then fails. */
	KT_EXPECT_EQ(t, kt_write(e[1], buf, 1), -EPIPE);
	KT_EXPECT_EQ(t, kthread_join(th, NULL), 0);
	file_put(e[1]);
	kfree(buf);
}
