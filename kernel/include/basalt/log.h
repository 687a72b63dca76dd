/*
 * The kernel log (kernel/log/klog.c): one ring buffer of records with a
 * level and a timestamp, fed to every registered console and readable
 * later as a whole (the future syslog(2)/dmesg path).
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
 * Copies the buffer (since the last klog_clear), oldest first, in syslog(2) READ_ALL format:
 * "<level>[seconds.micros] text\n" per record. Returns bytes written.
 */
size_t klog_read_all(char *buf, size_t size);
/* syslog(2) CLEAR: later reads start after what the buffer holds now. */
void klog_clear(void);
/*
 * syslog(2) READ, the reader that consumes (klogd): klog_read_unread
 * copies up to size bytes it has not read before (records the ring
 * dropped meanwhile are skipped) and marks them read; klog_size_unread
 * is how many wait. klog_wait_unread sleeps until some do: 0, or
 * -ERESTARTSYS when a signal interrupts it. CLEAR does not touch them.
 */
size_t klog_read_unread(char *buf, size_t size);
size_t klog_size_unread(void);
int klog_wait_unread(void);

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
