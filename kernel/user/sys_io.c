/*
 * sys_io.c: write and writev for a program without a descriptor table
 * (the synchronous user_run path): descriptors 1 and 2 (stdout, stderr)
 * go to the kernel console, every other one is EBADF. The real
 * sys_write/sys_writev (kernel/fs/sys_rw.c) fall back to these while
 * process_current() has no file table.
 */
#include <user/user.h>
#include <proc/process.h>
#include <arch/x86_64/syscall/syscall.h>
#include <basalt/compiler.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <uapi/errno.h>

#define FD_STDOUT	1
#define FD_STDERR	2
#define IO_CHUNK	256		/* bytes bounced through the kernel stack */
#define IOV_MAX		1024		/* writev(2): UIO_MAXIOV on Linux */

/* struct iovec of the Linux x86_64 ABI (writev(2)). */
struct user_iovec {
	uint64_t iov_base;
	uint64_t iov_len;
};

static void io_console_out(const char *s, size_t len)
{
	struct user_capture *c = user_current()->capture;

	console_write_all(s, len);
	if (c) {
		if (c->len < c->size)
			memcpy(c->buf + c->len, s, MIN(len, c->size - c->len));
		c->len += len;
	}
}

/* Bytes written, or -EFAULT if not even the first byte could be read. */
static long io_write_console(uint64_t buf, size_t count)
{
	char chunk[IO_CHUNK];
	size_t done = 0;

	if (!uaccess_range_ok(buf, count))
		return -EFAULT;
	while (done < count) {
		size_t n = MIN(count - done, sizeof(chunk));

		if (copy_from_user(chunk, (const void __user *)(buf + done), n))
			return done ? (long)done : -EFAULT;
		io_console_out(chunk, n);
		done += n;
	}
	return (long)done;
}

long console_write(int fd, const char __user *buf, size_t count)
{
	if (fd != FD_STDOUT && fd != FD_STDERR)
		return -EBADF;
	return io_write_console((uint64_t)buf, count);
}

long console_writev(int fd, const void __user *uiov, uint64_t iovcnt)
{
	uint64_t iov = (uint64_t)uiov;
	long total = 0;

	if (fd != FD_STDOUT && fd != FD_STDERR)
		return -EBADF;
	if (iovcnt > IOV_MAX)
		return -EINVAL;
	for (uint64_t i = 0; i < iovcnt; i++) {
		struct user_iovec v;
		long n;

		if (copy_from_user(&v, (const void __user *)(iov + i * sizeof(v)), sizeof(v)))
			return total ? total : -EFAULT;
		n = io_write_console(v.iov_base, v.iov_len);
		if (n < 0)
			return total ? total : n;
		total += n;
	}
	return total;
}
