/*
 * pty_ktest.c: pseudo-terminals (kernel/tty/pty.c): the lock, master
 * writes as slave input with echo coming back, slave output with ONLCR
 * for the master, EIO for the master once the slave closed, the
 * slave's hangup when the master closes, and the buffers that come with
 * data and go once it is read (issue 21).
 */
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <tty/tty.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

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

KTEST(pty_pair)
{
	struct file *m = file_alloc_anon(pty_master_file_ops(), NULL, O_RDWR | O_NONBLOCK);
	struct file *s = file_alloc_anon(pty_slave_file_ops(), NULL, O_RDWR);
	char buf[32];

	KT_ASSERT(t, m && s);
	KT_ASSERT(t, pty_open_master(m) == 0);
	/* Locked until unlockpt(3). */
	KT_EXPECT_EQ(t, pty_open_slave(pty_index(m), s), -EIO);
	pty_set_lock(m, false);
	KT_ASSERT(t, pty_open_slave(pty_index(m), s) == 0);
	KT_EXPECT_EQ(t, kt_read(m, buf, sizeof(buf)), -EAGAIN);

	/* Typing into the master: a cooked line for the slave, echo back. */
	KT_EXPECT_EQ(t, kt_write(m, "ls\r"), 3);
	KT_EXPECT_EQ(t, kt_read(s, buf, sizeof(buf)), 3);
	KT_EXPECT(t, !memcmp(buf, "ls\n", 3));
	KT_EXPECT_EQ(t, kt_read(m, buf, sizeof(buf)), 4);
	KT_EXPECT(t, !memcmp(buf, "ls\r\n", 4));

	/* The slave's output, through ONLCR. */
	KT_EXPECT_EQ(t, kt_write(s, "out\n"), 4);
	KT_EXPECT_EQ(t, kt_read(m, buf, sizeof(buf)), 5);
	KT_EXPECT(t, !memcmp(buf, "out\r\n", 5));

	/* The last slave file goes: the master reads EIO. */
	file_put(s);
	KT_EXPECT_EQ(t, kt_read(m, buf, sizeof(buf)), -EIO);
	file_put(m);
}

#define KT_BIG		10000	/* three pages of the master's queue */

/*
 * An idle pair holds no queue page and no input buffer; typing brings
 * the slave's input buffer and a page for the echo; reading gives both
 * back; a big slave write takes three pages, freed as the master reads.
 */
KTEST(pty_buffers_on_demand)
{
	static char big[KT_BIG + 1];
	struct file *m = file_alloc_anon(pty_master_file_ops(), NULL, O_RDWR | O_NONBLOCK);
	struct file *s = file_alloc_anon(pty_slave_file_ops(), NULL, O_RDWR | O_NONBLOCK);
	uint64_t pages0 = pty_buffer_pages();
	struct tty *tty;
	char buf[256];
	long got = 0, n;

	KT_ASSERT(t, m && s);
	KT_ASSERT(t, pty_open_master(m) == 0);
	pty_set_lock(m, false);
	KT_ASSERT(t, pty_open_slave(pty_index(m), s) == 0);
	tty = ((struct tty_file *)s->priv)->tty;
	KT_EXPECT(t, !ldisc_has_buffer(&tty->ld));
	KT_EXPECT_EQ(t, pty_buffer_pages(), pages0);

	KT_EXPECT_EQ(t, kt_write(m, "ab\r"), 3);
	KT_EXPECT(t, ldisc_has_buffer(&tty->ld));
	KT_EXPECT_EQ(t, pty_buffer_pages(), pages0 + 1);
	KT_EXPECT_EQ(t, kt_read(m, buf, sizeof(buf)), 4);	/* "ab\r\n" */
	KT_EXPECT_EQ(t, pty_buffer_pages(), pages0);
	KT_EXPECT_EQ(t, kt_read(s, buf, sizeof(buf)), 3);
	KT_EXPECT(t, !ldisc_has_buffer(&tty->ld));

	memset(big, 'x', KT_BIG);
	KT_EXPECT_EQ(t, kt_write(s, big), KT_BIG);
	KT_EXPECT_EQ(t, pty_buffer_pages(), pages0 + 3);
	while ((n = kt_read(m, buf, sizeof(buf))) > 0)
		got += n;
	KT_EXPECT_EQ(t, got, KT_BIG);
	KT_EXPECT_EQ(t, pty_buffer_pages(), pages0);
	file_put(s);
	file_put(m);
}

KTEST(pty_master_close_hangs_up_slave)
{
	struct file *m = file_alloc_anon(pty_master_file_ops(), NULL, O_RDWR);
	struct file *s = file_alloc_anon(pty_slave_file_ops(), NULL, O_RDWR);
	char buf[8];

	KT_ASSERT(t, m && s);
	KT_ASSERT(t, pty_open_master(m) == 0);
	pty_set_lock(m, false);
	KT_ASSERT(t, pty_open_slave(pty_index(m), s) == 0);
	file_put(m);
	KT_EXPECT_EQ(t, kt_read(s, buf, sizeof(buf)), 0);
	KT_EXPECT_EQ(t, kt_write(s, "x"), -EIO);
	file_put(s);
}
