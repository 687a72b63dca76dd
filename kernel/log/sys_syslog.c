/*
 * sys_syslog.c: syslog(2) (klogctl(3)), the kernel log for dmesg.
 *
 * The read actions copy records in the format klog_read_all documents:
 * READ_ALL the whole buffer (what dmesg shows), READ only what no READ
 * consumed before, waiting for the next record when there is none (what
 * klogd uses). As on Linux with kernel.dmesg_restrict = 0, READ_ALL and
 * SIZE_BUFFER are open to everyone; every other action needs root
 * (Linux's CAP_SYSLOG).
 */
#include <basalt/log.h>
#include <basalt/syscalls.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <user/user.h>

/* syslog(2) actions. */
#define SYSLOG_ACTION_CLOSE		0
#define SYSLOG_ACTION_OPEN		1
#define SYSLOG_ACTION_READ		2
#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_READ_CLEAR	4
#define SYSLOG_ACTION_CLEAR		5
#define SYSLOG_ACTION_CONSOLE_OFF	6
#define SYSLOG_ACTION_CONSOLE_ON	7
#define SYSLOG_ACTION_CONSOLE_LEVEL	8
#define SYSLOG_ACTION_SIZE_UNREAD	9
#define SYSLOG_ACTION_SIZE_BUFFER	10

#define SYSLOG_LEVEL_MIN		1	/* console level bounds (syslog(2)) */
#define SYSLOG_LEVEL_MAX		8
#define SYSLOG_CONSOLE_OFF_LEVEL	1	/* only emergencies, as Linux's minimum */

static int syslog_saved_level = -1;	/* CONSOLE_OFF's memory; one CPU */
/*
 * READ's place in the log, shared by every caller as Linux's syslog_seq:
 * what one READ took, no other READ sees. klog's calls move it with
 * interrupts off.
 */
static struct klog_cursor syslog_cursor;

static bool syslog_privileged(void)
{
	struct process *p = process_current();

	return !p || p->cred.euid == 0;
}

/* READ_ALL / READ_CLEAR: the newest len bytes if the buffer holds more. */
static long syslog_read_all(uint64_t ubuf, int64_t len, bool clear)
{
	size_t have, n;
	char *buf;
	long r;

	if (!ubuf || len < 0)
		return -EINVAL;
	buf = kmalloc(LOG_BUFFER_SIZE);
	if (!buf)
		return -ENOMEM;
	have = klog_read_all(buf, LOG_BUFFER_SIZE);
	n = have < (uint64_t)len ? have : (size_t)len;
	r = copy_to_user((void __user *)ubuf, buf + (have - n), n) ? -EFAULT : (long)n;
	kfree(buf);
	if (r >= 0 && clear)
		klog_clear();
	return r;
}

/*
 * READ: blocks until some record is unread, then consumes at most len
 * bytes. The buffer is checked before anything is consumed, as Linux's
 * access_ok; a fault while copying still loses what was taken, as there.
 */
static long syslog_read(uint64_t ubuf, int64_t len)
{
	size_t size, n;
	char *buf;
	long r;

	if (!ubuf || len < 0)
		return -EINVAL;
	if (len == 0)
		return 0;
	if (!uaccess_range_ok(ubuf, (size_t)len))
		return -EFAULT;
	r = klog_wait(&syslog_cursor);
	if (r < 0)
		return r;
	size = (uint64_t)len < LOG_BUFFER_SIZE ? (size_t)len : LOG_BUFFER_SIZE;
	buf = kmalloc(size);
	if (!buf)
		return -ENOMEM;
	n = klog_read_bytes(&syslog_cursor, buf, size);
	r = copy_to_user((void __user *)ubuf, buf, n) ? -EFAULT : (long)n;
	kfree(buf);
	return r;
}

/* syslog(type, bufp, len) */
SYSCALL_DEFINE3(syslog, int, type, char __user *, buf, int, len)
{

	if (type != SYSLOG_ACTION_READ_ALL && type != SYSLOG_ACTION_SIZE_BUFFER &&
	    !syslog_privileged())
		return -EPERM;
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
		return syslog_read((uint64_t)buf, len);
	case SYSLOG_ACTION_READ_ALL:
		return syslog_read_all((uint64_t)buf, len, false);
	case SYSLOG_ACTION_READ_CLEAR:
		return syslog_read_all((uint64_t)buf, len, true);
	case SYSLOG_ACTION_CLEAR:
		klog_clear();
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
		if (syslog_saved_level < 0)
			syslog_saved_level = klog_console_level();
		klog_set_console_level(SYSLOG_CONSOLE_OFF_LEVEL);
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		if (syslog_saved_level >= 0) {
			klog_set_console_level(syslog_saved_level);
			syslog_saved_level = -1;
		}
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (len < SYSLOG_LEVEL_MIN || len > SYSLOG_LEVEL_MAX)
			return -EINVAL;
		klog_set_console_level(len);
		syslog_saved_level = -1;
		return 0;
	case SYSLOG_ACTION_SIZE_UNREAD:
		return (long)klog_unread(&syslog_cursor);
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUFFER_SIZE;
	default:
		return -EINVAL;
	}
}
