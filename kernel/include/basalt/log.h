/*
 * The kernel log (kernel/log/klog.c): one ring buffer of records with a
 * level and a timestamp, fed to every registered console, read whole by
 * syslog(2) READ_ALL (dmesg) and line by line by cursors (syslog(2) READ,
 * /dev/kmsg).
 * Levels are Linux's (include/linux/kern_levels.h semantics).
 */
#ifndef BASALT_LOG_H
#define BASALT_LOG_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <basalt/compiler.h>

#define LOG_EMERG	0
#define LOG_ALERT	1
#define LOG_CRIT	2
#define LOG_ERR		3
#define LOG_WARNING	4
#define LOG_NOTICE	5
#define LOG_INFO	6
#define LOG_DEBUG	7

#define LOG_CONSOLE_DEFAULT	7	/* print everything but debug */
#define LOG_CONSOLE_QUIET	4	/* "quiet": errors and worse only */
#define LOG_BUFFER_SIZE		(64 * 1024)
#define LOG_LINE_MAX		512

void klog(int level, const char *fmt, ...) __printf(2, 3);
void vklog(int level, const char *fmt, va_list ap);

#define pr_emerg(...)	klog(LOG_EMERG, __VA_ARGS__)
#define pr_crit(...)	klog(LOG_CRIT, __VA_ARGS__)
#define pr_err(...)	klog(LOG_ERR, __VA_ARGS__)
#define pr_warn(...)	klog(LOG_WARNING, __VA_ARGS__)
#define pr_notice(...)	klog(LOG_NOTICE, __VA_ARGS__)
#define pr_info(...)	klog(LOG_INFO, __VA_ARGS__)
#define pr_debug(...)	klog(LOG_DEBUG, __VA_ARGS__)

/* Messages with level < console_level reach the consoles. */
void klog_set_console_level(int level);
int klog_console_level(void);

/* The timestamp source; until one is set, records carry time 0. */
void klog_set_clock(uint64_t (*now_ns)(void));
/*
 * log_lock, for a console's other writer (the VT's terminal output) to
 * keep its writes whole against the log's.
 */
uint64_t console_lock_irqsave(void);
void console_unlock_irqrestore(uint64_t flags);
/* From panic: print without taking the log's (or any) lock from now on. */
void klog_panic_begin(void);

/*
 * Copies the buffer (since the last klog_clear), oldest first, in syslog(2) READ_ALL format:
 * "<level>[seconds.micros] text\n" per record. Returns bytes written.
 */
size_t klog_read_all(char *buf, size_t size);
/* syslog(2) CLEAR: later reads start after what the buffer holds now. */
void klog_clear(void);
/*
 * Readers that go on from where they stopped (syslog(2) READ, each open
 * /dev/kmsg) keep a cursor: a position in the count of bytes ever logged
 * and the number of the line there. A cursor whose lines the ring has
 * dropped since goes on from the oldest line left. Each call below is
 * atomic with respect to the log (interrupts off); the caller serialises
 * the users of one cursor.
 */
struct klog_cursor {
	uint64_t pos;	/* bytes ever logged before it */
	uint64_t seq;	/* lines ever logged before it */
};

/* Puts c at the oldest line the ring holds (CLEAR does not move it). */
void klog_cursor_oldest(struct klog_cursor *c);
/* Bytes after c. */
size_t klog_unread(const struct klog_cursor *c);
/* Copies up to size bytes after c, a line's end or not, and moves c past them. */
size_t klog_read_bytes(struct klog_cursor *c, char *buf, size_t size);
/*
 * Copies the line after c with its newline (cut to size bytes) and moves c
 * past it; returns its length, 0 if there is none yet, or -EPIPE (c not
 * moved past anything) when c had fallen behind and now starts again at
 * the oldest line: /dev/kmsg's "records were lost" answer.
 */
long klog_read_line(struct klog_cursor *c, char *buf, size_t size);
/* Sleeps until something follows c: 0, or -ERESTARTSYS for a signal. */
int klog_wait(const struct klog_cursor *c);
/* The queue klog_wait sleeps on, for poll (woken by every new line). */
struct wait_queue;
struct wait_queue *klog_wait_queue(void);

/*
 * A console receives each formatted line "[  s.us] text\n". Registering
 * one replays what the log already holds, so early messages are not lost.
 */
struct console {
	const char *name;
	void (*write)(struct console *con, const char *s, size_t len);
	struct console *next;
};

void console_register(struct console *con);

/* Raw write to all consoles, bypassing the log (used by panic). */
void console_write_all(const char *s, size_t len);

#endif /* BASALT_LOG_H */
