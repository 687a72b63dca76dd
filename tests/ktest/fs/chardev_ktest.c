/*
 * chardev_ktest.c: the major 1 devices (kernel/drivers/char/) through
 * their file ops: null(4), zero(4), full(4), random(4), /dev/kmsg.
 */
#include <basalt/ktest.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <drivers/char/char.h>
#include <mm/mm.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define KT_BUF		600	/* more than one internal chunk */
#define KT_KMSG_MARK	"ktest-kmsg-marker"
#define KT_KMSG_RECORD	(LOG_LINE_MAX + 64)
#define KT_FILLER_LEN	400
/* Lines of KT_FILLER_LEN that overrun the whole ring. */
#define KT_FILLER_LINES	(LOG_BUFFER_SIZE / KT_FILLER_LEN + 8)
#define KT_DECIMAL	10

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

static bool kt_all(const uint8_t *buf, size_t n, uint8_t v)
{
	for (size_t i = 0; i < n; i++)
		if (buf[i] != v)
			return false;
	return true;
}

static bool kt_contains(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; *s; s++)
		if (!strncmp(s, needle, n))
			return true;
	return false;
}

KTEST(chardev_null_zero_full)
{
	struct file *null = file_alloc_anon(&mem_null_ops, NULL, O_RDWR);
	struct file *zero = file_alloc_anon(&mem_zero_ops, NULL, O_RDWR);
	struct file *full = file_alloc_anon(&mem_full_ops, NULL, O_RDWR);
	uint8_t buf[KT_BUF];

	KT_ASSERT(t, null && zero && full);
	memset(buf, 0xaa, sizeof(buf));
	KT_EXPECT_EQ(t, kt_read(null, buf, sizeof(buf)), 0);		/* EOF */
	KT_EXPECT_EQ(t, kt_write(null, buf, sizeof(buf)), sizeof(buf));	/* sink */
	KT_EXPECT_EQ(t, kt_read(zero, buf, sizeof(buf)), sizeof(buf));
	KT_EXPECT(t, kt_all(buf, sizeof(buf), 0));
	KT_EXPECT_EQ(t, kt_write(zero, buf, 10), 10);
	memset(buf, 0xaa, sizeof(buf));
	KT_EXPECT_EQ(t, kt_read(full, buf, sizeof(buf)), sizeof(buf));
	KT_EXPECT(t, kt_all(buf, sizeof(buf), 0));
	KT_EXPECT_EQ(t, kt_write(full, buf, 1), -ENOSPC);
	KT_EXPECT_EQ(t, null->ops->lseek(null, 100, 0), 0);
	file_put(null);
	file_put(zero);
	file_put(full);
}

KTEST(chardev_random)
{
	struct file *f = file_alloc_anon(&mem_random_ops, NULL, O_RDWR);
	uint8_t a[KT_BUF], b[KT_BUF];
	unsigned ones = 0;

	KT_ASSERT(t, f);
	KT_EXPECT_EQ(t, kt_read(f, a, sizeof(a)), sizeof(a));
	KT_EXPECT_EQ(t, kt_read(f, b, sizeof(b)), sizeof(b));
	KT_EXPECT(t, memcmp(a, b, sizeof(a)) != 0);
	/* Roughly half the bits are set (4800 bits: 2400 +- a wide margin). */
	for (size_t i = 0; i < sizeof(a); i++)
		for (unsigned bit = 0; bit < 8; bit++)
			ones += (a[i] >> bit) & 1;
	KT_EXPECT(t, ones > 2100 && ones < 2700);
	KT_EXPECT_EQ(t, kt_write(f, "seed", 4), 4);
	file_put(f);
}

KTEST(chardev_kmsg)
{
	struct file *f = file_alloc_anon(&kmsg_ops, NULL, O_RDONLY | O_NONBLOCK);
	char rec[LOG_LINE_MAX + 64];
	bool found = false;
	long n;

	KT_ASSERT(t, f);
	pr_info("%s\n", KT_KMSG_MARK);
	KT_ASSERT(t, kmsg_ops.open(NULL, f) == 0);
	/* Too small a buffer for a record: EINVAL, and nothing is lost. */
	KT_EXPECT_EQ(t, kt_read(f, rec, 2), -EINVAL);
	while ((n = kt_read(f, rec, sizeof(rec) - 1)) > 0) {
		rec[n] = 0;
		KT_EXPECT_EQ(t, rec[n - 1], '\n');
		if (kt_contains(rec, KT_KMSG_MARK)) {
			found = true;
			KT_EXPECT(t, rec[0] == '6' && rec[1] == ',');
		}
	}
	KT_EXPECT_EQ(t, n, -EAGAIN);	/* all read, O_NONBLOCK */
	KT_EXPECT(t, found);
	file_put(f);
}

/* The record's sequence number: "level,seq,usec,-;text". */
static uint64_t kt_kmsg_seq(const char *rec)
{
	uint64_t v = 0;

	while (*rec && *rec != ',')
		rec++;
	if (*rec)
		rec++;
	while (*rec >= '0' && *rec <= '9')
		v = v * KT_DECIMAL + (uint64_t)(*rec++ - '0');
	return v;
}

/*
 * A reader the ring overtakes: -EPIPE once, then the oldest record left,
 * numbered by its line since boot. This empties the log of what boot
 * wrote; the ktests that read boot's lines (core/, cpu/) run before fs/.
 */
KTEST(chardev_kmsg_lost)
{
	struct file *f = file_alloc_anon(&kmsg_ops, NULL, O_RDONLY | O_NONBLOCK);
	char rec[KT_KMSG_RECORD], filler[KT_FILLER_LEN + 1];
	int level = klog_console_level();
	uint64_t first;
	long n;

	KT_ASSERT(t, f);
	KT_ASSERT(t, kmsg_ops.open(NULL, f) == 0);
	n = kt_read(f, rec, sizeof(rec) - 1);
	KT_ASSERT(t, n > 0);
	rec[n] = 0;
	first = kt_kmsg_seq(rec);
	memset(filler, 'x', KT_FILLER_LEN);
	filler[KT_FILLER_LEN] = 0;
	klog_set_console_level(LOG_EMERG);	/* keep the consoles quiet */
	for (unsigned i = 0; i < KT_FILLER_LINES; i++)
		pr_info("%s\n", filler);
	klog_set_console_level(level);
	KT_EXPECT_EQ(t, kt_read(f, rec, sizeof(rec) - 1), -EPIPE);
	n = kt_read(f, rec, sizeof(rec) - 1);
	KT_ASSERT(t, n > 0);
	rec[n] = 0;
	KT_EXPECT(t, kt_kmsg_seq(rec) > first + 1);
	KT_EXPECT(t, kt_contains(rec, "xxxx"));
	while (kt_read(f, rec, sizeof(rec) - 1) > 0)
		;
	KT_EXPECT_EQ(t, kt_read(f, rec, sizeof(rec) - 1), -EAGAIN);
	file_put(f);
}
