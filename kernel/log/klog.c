/*
 * klog.c: the kernel log ring buffer and console fan-out.
 *
 * Locking: log_lock guards the buffer, the cursors' reads of it and the
 * console list; irqsave, since interrupt handlers log. It is held while
 * the consoles write, so lines come out whole and in order, and it nests
 * outside sched_lock only (waking readers). A panic writes to the
 * consoles directly.
 */
#include <basalt/log.h>
#include <basalt/format.h>
#include <basalt/string.h>
#include <proc/task.h>
#include <sched/spinlock.h>
#include <sched/wait.h>
#include <signal/signal.h>
#include <uapi/errno.h>

#define NSEC_PER_SEC	1000000000ULL
#define NSEC_PER_USEC	1000ULL

/*
 * The ring holds complete lines in READ_ALL format. head is where the
 * next byte goes; when full, the oldest whole lines are dropped.
 */
static char log_ring[LOG_BUFFER_SIZE];
static size_t log_head;		/* total bytes ever written */
static size_t log_tail;		/* offset (in the same count) of oldest line */
static size_t log_clear;	/* syslog(2) CLEAR: reads start here (or at log_tail) */
static uint64_t log_tail_seq;	/* number of the line at log_tail (lines dropped) */
/*
 * Readers waiting for a line (klog_wait: syslog(2) READ, /dev/kmsg, and
 * poll on it). vklog wakes them, so no code inside the wait queue and
 * scheduler internals (wait.c, sched.c) may log while their lists are
 * half updated.
 */
static struct wait_queue log_readers = WAIT_QUEUE_INIT(log_readers);
/* guards: log_ring, log_head, log_tail, log_clear, log_tail_seq, consoles */
static struct spinlock log_lock = SPINLOCK_INIT("log_lock");
/*
 * Set once by panic: the panicking CPU may hold log_lock or sched_lock
 * already (a panic in a console driver, a lock taken twice), so from
 * then on lines go out without either, and nothing else runs.
 */
static bool log_panicking;

uint64_t console_lock_irqsave(void)
{
	return spin_lock_irqsave(&log_lock);
}

void console_unlock_irqrestore(uint64_t flags)
{
	spin_unlock_irqrestore(&log_lock, flags);
}

void klog_panic_begin(void)
{
	log_panicking = true;
}
static int console_level = LOG_CONSOLE_DEFAULT;
static uint64_t (*log_clock)(void);
static struct console *consoles;

void klog_set_console_level(int level)
{
	if (level < 0)
		level = 0;
	if (level > LOG_DEBUG + 1)
		level = LOG_DEBUG + 1;
	console_level = level;
}

int klog_console_level(void)
{
	return console_level;
}

void klog_set_clock(uint64_t (*now_ns)(void))
{
	log_clock = now_ns;
}

static void log_ring_drop_oldest_line(void)
{
	while (log_tail < log_head) {
		char c = log_ring[log_tail % LOG_BUFFER_SIZE];

		log_tail++;
		if (c == '\n') {
			log_tail_seq++;
			break;
		}
	}
}

static void log_ring_append(const char *s, size_t len)
{
	if (len >= LOG_BUFFER_SIZE)
		return;
	while (log_head + len - log_tail > LOG_BUFFER_SIZE)
		log_ring_drop_oldest_line();
	for (size_t i = 0; i < len; i++)
		log_ring[(log_head + i) % LOG_BUFFER_SIZE] = s[i];
	log_head += len;
}

void console_write_all(const char *s, size_t len)
{
	for (struct console *c = consoles; c; c = c->next)
		c->write(c, s, len);
}

/* "<6>[    1.234567] " is at most this long. */
#define LOG_PREFIX_MAX	32

void vklog(int level, const char *fmt, va_list ap)
{
	char line[LOG_PREFIX_MAX + LOG_LINE_MAX];
	uint64_t now = log_clock ? log_clock() : 0;
	uint64_t flags;
	int prefix, len;

	if (level < LOG_EMERG || level > LOG_DEBUG)
		level = LOG_INFO;
	prefix = snprintf(line, sizeof(line), "<%d>[%5llu.%06llu] ", level,
			  (unsigned long long)(now / NSEC_PER_SEC),
			  (unsigned long long)(now % NSEC_PER_SEC / NSEC_PER_USEC));
	len = vsnprintf(line + prefix, sizeof(line) - prefix - 1, fmt, ap);
	if (len > (int)(sizeof(line) - prefix - 2))
		len = (int)(sizeof(line) - prefix - 2);
	len += prefix;
	if (len == prefix || line[len - 1] != '\n')
		line[len++] = '\n';

	if (log_panicking) {
		const char *text = strchr(line, '[');

		console_write_all(text, (size_t)(line + len - text));
		return;
	}
	flags = spin_lock_irqsave(&log_lock);
	log_ring_append(line, (size_t)len);
	if (!wait_queue_empty(&log_readers))
		wake_up_all(&log_readers);
	if (level < console_level) {
		/* Consoles get the line without the "<level>" part. */
		const char *text = strchr(line, '[');

		console_write_all(text, (size_t)(line + len - text));
	}
	spin_unlock_irqrestore(&log_lock, flags);
}

void klog(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vklog(level, fmt, ap);
	va_end(ap);
}

size_t klog_read_all(char *buf, size_t size)
{
	uint64_t flags = spin_lock_irqsave(&log_lock);
	size_t n = 0, from = log_clear > log_tail ? log_clear : log_tail;

	for (size_t i = from; i < log_head && n < size; i++)
		buf[n++] = log_ring[i % LOG_BUFFER_SIZE];
	spin_unlock_irqrestore(&log_lock, flags);
	return n;
}

void klog_clear(void)
{
	uint64_t flags = spin_lock_irqsave(&log_lock);

	log_clear = log_head;
	spin_unlock_irqrestore(&log_lock, flags);
}

/*
 * A cursor behind the ring's oldest line (its lines were dropped) goes on
 * from the oldest; says whether it had to move. Interrupts are off.
 */
static bool log_cursor_catch_up(struct klog_cursor *c)
{
	if (c->pos >= log_tail)
		return false;
	c->pos = log_tail;
	c->seq = log_tail_seq;
	return true;
}

void klog_cursor_oldest(struct klog_cursor *c)
{
	uint64_t flags = spin_lock_irqsave(&log_lock);

	c->pos = log_tail;
	c->seq = log_tail_seq;
	spin_unlock_irqrestore(&log_lock, flags);
}

size_t klog_unread(const struct klog_cursor *c)
{
	uint64_t flags = spin_lock_irqsave(&log_lock);
	size_t n = log_head - (c->pos > log_tail ? c->pos : log_tail);

	spin_unlock_irqrestore(&log_lock, flags);
	return n;
}

size_t klog_read_bytes(struct klog_cursor *c, char *buf, size_t size)
{
	uint64_t flags = spin_lock_irqsave(&log_lock);
	size_t n = 0;

	log_cursor_catch_up(c);
	while (c->pos < log_head && n < size) {
		buf[n] = log_ring[c->pos++ % LOG_BUFFER_SIZE];
		if (buf[n++] == '\n')
			c->seq++;
	}
	spin_unlock_irqrestore(&log_lock, flags);
	return n;
}

long klog_read_line(struct klog_cursor *c, char *buf, size_t size)
{
	uint64_t flags = spin_lock_irqsave(&log_lock);
	size_t n = 0;
	char ch = 0;

	if (log_cursor_catch_up(c)) {
		spin_unlock_irqrestore(&log_lock, flags);
		return -EPIPE;
	}
	while (c->pos < log_head && ch != '\n') {
		ch = log_ring[c->pos++ % LOG_BUFFER_SIZE];
		if (n < size)
			buf[n++] = ch;
	}
	if (ch == '\n')
		c->seq++;
	spin_unlock_irqrestore(&log_lock, flags);
	return (long)n;
}

int klog_wait(const struct klog_cursor *c)
{
	uint64_t flags = spin_lock_irqsave(&log_lock);
	int err = 0;

	while (log_head <= c->pos) {
		if (signal_pending(task_current())) {
			err = -ERESTARTSYS;
			break;
		}
		wait_block_lock_intr(&log_readers, 0, &log_lock);
	}
	spin_unlock_irqrestore(&log_lock, flags);
	return err;
}

struct wait_queue *klog_wait_queue(void)
{
	return &log_readers;
}

/* Replays the buffered lines whose level passes the console filter. */
static void console_replay(struct console *con)
{
	char line[LOG_PREFIX_MAX + LOG_LINE_MAX];
	size_t n = 0;

	for (size_t i = log_tail; i < log_head; i++) {
		char c = log_ring[i % LOG_BUFFER_SIZE];

		if (n < sizeof(line))
			line[n++] = c;
		if (c != '\n')
			continue;
		if (n > 3 && line[0] == '<' && line[1] - '0' < console_level) {
			const char *text = line + 3;

			con->write(con, text, (size_t)(line + n - text));
		}
		n = 0;
	}
}

void console_register(struct console *con)
{
	uint64_t flags = spin_lock_irqsave(&log_lock);

	console_replay(con);
	con->next = consoles;
	consoles = con;
	spin_unlock_irqrestore(&log_lock, flags);
}
