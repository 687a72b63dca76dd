/*
 * kmsg.c: /dev/kmsg (Documentation/ABI/testing/dev-kmsg): each read
 * returns one kernel log record as "level,seq,usec,-;text\n" (-EINVAL if
 * the buffer is too small for it, and the record stays), oldest first,
 * waiting for the next when all are read; -EPIPE once when records were
 * dropped from the ring before this reader got them. A write logs a line,
 * with an optional "<N>" level prefix.
 *
 * Each open file has its own cursor into the log (log/klog.c), starting at
 * the oldest line; seq is the line's number since boot, as Linux's
 * record sequence numbers.
 */
#include <basalt/format.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <drivers/char/char.h>
#include <mm/mm.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* A log line with its "<L>[s.us] " prefix, and the record made of it. */
#define KMSG_LINE_MAX		(LOG_LINE_MAX + 64)
#define KMSG_RECORD_MAX		(LOG_LINE_MAX + 64)
#define KMSG_DEFAULT_LEVEL	LOG_INFO
#define USEC_PER_SEC_U		1000000ULL

/*
 * Locking: only read moves the cursor. Two threads reading one open file
 * at once may both get the same record, since the copy out can sleep on
 * a page fault between taking the record and moving the cursor (Linux
 * holds a mutex there); one reader per open file, as dmesg and syslog
 * daemons use it, always gets each record once.
 */
struct kmsg_reader {
	struct klog_cursor cursor;
};

static uint64_t kmsg_parse_uint(const char **p, const char *end)
{
	uint64_t v = 0;

	while (*p < end && **p == ' ')
		(*p)++;
	while (*p < end && **p >= '0' && **p <= '9')
		v = v * 10 + (uint64_t)(*(*p)++ - '0');
	return v;
}

/* "<L>[  s.us] text\n" -> "L,seq,usec,-;text\n" in out; returns its length. */
static size_t kmsg_format(const char *line, size_t n, uint64_t seq, char *out)
{
	const char *p = line, *end = line + n;
	uint64_t level = KMSG_DEFAULT_LEVEL, sec = 0, usec = 0;

	if (p < end && *p == '<') {
		p++;
		level = kmsg_parse_uint(&p, end);
		if (p < end && *p == '>')
			p++;
	}
	if (p < end && *p == '[') {
		p++;
		sec = kmsg_parse_uint(&p, end);
		if (p < end && *p == '.')
			p++;
		usec = kmsg_parse_uint(&p, end);
		if (p < end && *p == ']')
			p++;
		if (p < end && *p == ' ')
			p++;
	}
	if (end > p && end[-1] == '\n')
		end--;
	return (size_t)snprintf(out, KMSG_RECORD_MAX, "%llu,%llu,%llu,-;%.*s\n",
				(unsigned long long)level, (unsigned long long)seq,
				(unsigned long long)(sec * USEC_PER_SEC_U + usec),
				(int)(end - p), p);
}

static int kmsg_open(struct inode *ino __unused, struct file *f)
{
	struct kmsg_reader *r = kzalloc(sizeof(*r));

	if (!r)
		return -ENOMEM;
	klog_cursor_oldest(&r->cursor);
	f->priv = r;
	return 0;
}

static void kmsg_release(struct file *f)
{
	kfree(f->priv);
}

static long kmsg_read(struct file *f, struct uio *u, uint64_t *pos __unused)
{
	struct kmsg_reader *r = f->priv;
	struct klog_cursor next;
	char line[KMSG_LINE_MAX], out[KMSG_RECORD_MAX];
	size_t n;
	long len;

	for (;;) {
		next = r->cursor;
		len = klog_read_line(&next, line, sizeof(line));
		if (len == -EPIPE)
			r->cursor = next;
		if (len != 0)
			break;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		len = klog_wait(&r->cursor);
		if (len < 0)
			return len;
	}
	if (len < 0)
		return len;
	n = kmsg_format(line, (size_t)len, r->cursor.seq, out);
	if (n > u->resid)
		return -EINVAL;
	len = uio_copy_out(u, out, n);
	if (len >= 0)
		r->cursor = next;
	return len;
}

static long kmsg_write(struct file *f __unused, struct uio *u, uint64_t *pos __unused)
{
	char buf[LOG_LINE_MAX];
	const char *text = buf;
	size_t total = u->resid;
	int level = KMSG_DEFAULT_LEVEL;
	long n = uio_copy_in(u, buf, sizeof(buf) - 1);

	if (n < 0)
		return n;
	buf[n] = 0;
	/* "<N>" sets the level (syslog priority; the facility bits are dropped). */
	if (buf[0] == '<' && buf[1] >= '0' && buf[1] <= '9') {
		const char *p = buf + 1;
		uint64_t v = kmsg_parse_uint(&p, buf + n);

		if (*p == '>') {
			level = (int)(v & LOG_DEBUG);
			text = p + 1;
		}
	}
	klog(level, "%s", text);
	/* What did not fit in one line is dropped, but counted as written. */
	u->base += u->resid;
	u->resid = 0;
	return (long)total;
}

static unsigned kmsg_poll(struct file *f, struct poll_table *pt)
{
	struct kmsg_reader *r = f->priv;

	poll_wait(pt, klog_wait_queue());
	return klog_unread(&r->cursor) ? (POLLIN | POLLRDNORM) : 0;
}

const struct file_ops kmsg_ops = {
	.read = kmsg_read,
	.write = kmsg_write,
	.poll = kmsg_poll,
	.open = kmsg_open,
	.release = kmsg_release,
};
