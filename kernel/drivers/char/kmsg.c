/*
 * kmsg.c: /dev/kmsg (Documentation/ABI/testing/dev-kmsg): each read
 * returns one kernel log record as "level,seq,usec,-;text\n" (-EINVAL if
 * the buffer is too small for it), oldest first; a write logs a line,
 * with an optional "<N>" level prefix.
 *
 * The log (log/klog.c) keeps lines, not numbered records, and wakes
 * only syslog(2) READ's waiters: a reader copies the whole log when it opens, and when it
 * has read that copy it takes a new one and resumes after the last line
 * it returned (from the start if that line has been overwritten since).
 * A blocking read that finds nothing new checks again every
 * KMSG_POLL_MS; poll reports POLLIN only when it looks, it is not woken
 * by new messages.
 */
#include <basalt/format.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <drivers/char/char.h>
#include <mm/mm.h>
#include <proc/task.h>
#include <proc/wait.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define KMSG_POLL_MS		100
#define KMSG_RECORD_MAX		(LOG_LINE_MAX + 64)
#define KMSG_DEFAULT_LEVEL	LOG_INFO
#define USEC_PER_SEC_U		1000000ULL

struct kmsg_reader {
	char *snap;			/* a copy of the log: LOG_BUFFER_SIZE bytes */
	size_t len, off;		/* its size, and the next line */
	char last[KMSG_RECORD_MAX];	/* the last line returned, as in the log */
	size_t last_len;
	uint64_t seq;			/* records returned so far */
};

static size_t kmsg_line_len(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n] != '\n')
		n++;
	return n < max ? n + 1 : n;
}

/* A new copy of the log, positioned after the last line returned. */
static void kmsg_resnap(struct kmsg_reader *r)
{
	size_t off = 0;

	r->len = klog_read_all(r->snap, LOG_BUFFER_SIZE);
	r->off = 0;
	if (!r->last_len)
		return;
	while (off < r->len) {
		size_t n = kmsg_line_len(r->snap + off, r->len - off);

		if (n == r->last_len && !memcmp(r->snap + off, r->last, n)) {
			r->off = off + n;
			return;
		}
		off += n;
	}
}

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
	r->snap = kmalloc(LOG_BUFFER_SIZE);
	if (!r->snap) {
		kfree(r);
		return -ENOMEM;
	}
	kmsg_resnap(r);
	f->priv = r;
	return 0;
}

static void kmsg_release(struct file *f)
{
	struct kmsg_reader *r = f->priv;

	if (!r)
		return;
	kfree(r->snap);
	kfree(r);
}

static long kmsg_read(struct file *f, struct uio *u, uint64_t *pos __unused)
{
	struct kmsg_reader *r = f->priv;
	char out[KMSG_RECORD_MAX];
	size_t line, n;
	long ret;

	while (r->off >= r->len) {
		kmsg_resnap(r);
		if (r->off < r->len)
			break;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		if (signal_pending(task_current()))
			return -ERESTARTSYS;
		msleep(KMSG_POLL_MS);
	}
	line = kmsg_line_len(r->snap + r->off, r->len - r->off);
	n = kmsg_format(r->snap + r->off, line, r->seq, out);
	if (n > u->resid)
		return -EINVAL;
	ret = uio_copy_out(u, out, n);
	if (ret < 0)
		return ret;
	if (line <= sizeof(r->last)) {
		memcpy(r->last, r->snap + r->off, line);
		r->last_len = line;
	}
	r->off += line;
	r->seq++;
	return ret;
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

static unsigned kmsg_poll(struct file *f, struct poll_table *pt __unused)
{
	struct kmsg_reader *r = f->priv;

	if (r->off >= r->len)
		kmsg_resnap(r);
	return r->off < r->len ? (POLLIN | POLLRDNORM) : 0;
}

const struct file_ops kmsg_ops = {
	.read = kmsg_read,
	.write = kmsg_write,
	.poll = kmsg_poll,
	.open = kmsg_open,
	.release = kmsg_release,
};
