/*
 * sys_rw.c: read(2), write(2), readv(2), writev(2), pread64(2),
 * pwrite64(2), preadv(2), pwritev(2), preadv2(2), pwritev2(2), lseek(2),
 * sendfile(2).
 */
#include <basalt/syscalls.h>
#include <basalt/vmlayout.h>
#include <fs/file.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#define RW_IOV_MAX	1024		/* UIO_MAXIOV */

/* preadv2(2)'s flags, Linux's values (uapi/linux/fs.h). */
#define RWF_HIPRI	0x01	/* poll for completion: a hint, ignored here */
#define RWF_DSYNC	0x02	/* this write as with O_DSYNC */
#define RWF_SYNC	0x04	/* this write as with O_SYNC */
#define RWF_NOWAIT	0x08	/* EAGAIN rather than wait */
#define RWF_APPEND	0x10	/* this write at the end, as with O_APPEND */
#define RWF_SUPPORTED	(RWF_HIPRI | RWF_DSYNC | RWF_SYNC | RWF_NOWAIT | RWF_APPEND)

/* struct iovec of the x86_64 ABI (readv(2)). */
struct rw_iovec {
	uint64_t iov_base;
	uint64_t iov_len;
};

static long rw_io(int fd, uint64_t buf, uint64_t count, bool write)
{
	struct file *file = fd_get(fd);
	struct uio u;
	long r;

	if (!file)
		return -EBADF;
	/* Linux's access_ok on the whole request, before clamping it. */
	if (!uaccess_range_ok(buf, count)) {
		file_put(file);
		return -EFAULT;
	}
	uio_init_user(&u, (void *)buf, MIN(count, FS_MAX_RW_COUNT));
	r = write ? file_write(file, &u) : file_read(file, &u);
	file_put(file);
	return r;
}

SYSCALL_DEFINE3(read, int, fd, char __user *, buf, size_t, count)
{
	return rw_io(fd, (uint64_t)buf, count, false);
}

SYSCALL_DEFINE3(write, int, fd, const char __user *, buf, size_t, count)
{
	return rw_io(fd, (uint64_t)buf, count, true);
}

/* readv/writev and their positioned forms; pos < 0 means the file's. */
static long rw_vec(int fd, uint64_t uiov, uint64_t iovcnt, int64_t pos, bool write)
{
	struct file *file;
	uint64_t total_len = 0;
	long total = 0, r = 0;

	if (iovcnt > RW_IOV_MAX)
		return -EINVAL;
	file = fd_get(fd);
	if (!file)
		return -EBADF;
	/* readv(2): EINVAL if the lengths add up past ssize_t. */
	for (uint64_t i = 0; i < iovcnt; i++) {
		struct rw_iovec v;

		if (copy_from_user(&v, (const void __user *)(uiov + i * sizeof(v)), sizeof(v))) {
			r = -EFAULT;
			goto out;
		}
		total_len += v.iov_len;
		if ((int64_t)v.iov_len < 0 || (int64_t)total_len < 0) {
			r = -EINVAL;
			goto out;
		}
		if (!uaccess_range_ok(v.iov_base, v.iov_len)) {
			r = -EFAULT;
			goto out;
		}
	}
	for (uint64_t i = 0; i < iovcnt; i++) {
		struct rw_iovec v;
		struct uio u;

		if (copy_from_user(&v, (const void __user *)(uiov + i * sizeof(v)), sizeof(v))) {
			r = -EFAULT;
			break;
		}
		if (v.iov_len == 0)
			continue;
		uio_init_user(&u, (void *)v.iov_base, MIN(v.iov_len, FS_MAX_RW_COUNT));
		if (pos >= 0)
			r = write ? file_pwrite(file, &u, (uint64_t)pos + (uint64_t)total) :
				    file_pread(file, &u, (uint64_t)pos + (uint64_t)total);
		else
			r = write ? file_write(file, &u) : file_read(file, &u);
		if (r < 0)
			break;
		total += r;
		if ((uint64_t)r < v.iov_len)
			break;		/* short: the next buffer would see a gap */
	}
out:
	file_put(file);
	return total ? total : (r < 0 ? r : 0);
}

SYSCALL_DEFINE3(readv, int, fd, const void __user *, iov, uint64_t, iovcnt)
{
	return rw_vec(fd, (uint64_t)iov, iovcnt, -1, false);
}

SYSCALL_DEFINE3(writev, int, fd, const void __user *, iov, uint64_t, iovcnt)
{
	return rw_vec(fd, (uint64_t)iov, iovcnt, -1, true);
}

/*
 * preadv(fd, iov, iovcnt, pos_l, pos_h): on x86_64 pos_l holds all 64
 * bits and pos_h is ignored.
 */
SYSCALL_DEFINE4(preadv, int, fd, const void __user *, iov, uint64_t, iovcnt, int64_t, pos)
{
	if (pos < 0)
		return -EINVAL;
	return rw_vec(fd, (uint64_t)iov, iovcnt, pos, false);
}

SYSCALL_DEFINE4(pwritev, int, fd, const void __user *, iov, uint64_t, iovcnt, int64_t, pos)
{
	if (pos < 0)
		return -EINVAL;
	return rw_vec(fd, (uint64_t)iov, iovcnt, pos, true);
}

/*
 * RWF_NOWAIT asks for EAGAIN where the transfer would wait (and an
 * unknown flag is refused the same way, after the descriptor's check). Linux 6.1
 * takes it only on files that say FMODE_NOWAIT (block devices and a few
 * disk file systems: ext4, XFS, btrfs) and says EOPNOTSUPP for the rest:
 * its pipes, sockets, tmpfs and ext2 files (measured under Debian's 6.1;
 * later kernels take it on pipes and sockets too). Basalt has none of
 * the former, so every file says EOPNOTSUPP, after the fd is checked.
 */
static long rw_refuse_flags(int fd)
{
	struct file *file = fd_get(fd);

	if (!file)
		return -EBADF;
	file_put(file);
	return -EOPNOTSUPP;
}

/*
 * RWF_APPEND: the write goes to the end of the file: the position to
 * write at (and, for pos -1, the file's own moves there too, as Linux
 * sets ki_pos to i_size). The size is read before the write without the
 * inode lock, so two appenders racing may overlap, unlike O_APPEND.
 */
static long rw_append_pos(int fd, int64_t pos, int64_t *out)
{
	struct file *file = fd_get(fd);
	uint64_t size;
	unsigned mode;
	long err;

	if (!file)
		return -EBADF;
	err = file_getattr_kernel(file, &size, &mode);
	if (!err && !S_ISREG(mode))
		err = 1;	/* a pipe or a device: nothing to move */
	if (!err && pos < 0)
		err = file_lseek(file, 0, SEEK_END) < 0 ? -ESPIPE : 0;
	file_put(file);
	if (err < 0)
		return err;
	*out = err ? pos : (int64_t)size;
	if (!err && pos < 0)
		*out = -1;	/* the file's position, now at the end */
	return 0;
}

/* After a RWF_SYNC / RWF_DSYNC write: the file's fsync, as generic_write_sync. */
static long rw_sync(int fd, bool datasync)
{
	struct file *file = fd_get(fd);
	long err;

	if (!file)
		return -EBADF;
	err = vfs_fsync(file, datasync);
	file_put(file);
	/* A file with nothing to sync (a pipe) wrote all it had to. */
	return err == -EINVAL ? 0 : err;
}

/*
 * preadv2/pwritev2(fd, iov, iovcnt, pos_l, pos_h, flags): pos -1 means
 * the file's position (and moves it), other negative positions are
 * EINVAL; unknown flags EOPNOTSUPP (Linux's kiocb_set_rw_flags).
 */
static long rw_vec2(int fd, uint64_t iov, uint64_t iovcnt, int64_t pos, int flags, bool write)
{
	long r;

	if (pos < -1)
		return -EINVAL;
	/* Linux's order: the descriptor (EBADF), then the flags. */
	if (flags & (~RWF_SUPPORTED | RWF_NOWAIT))
		return rw_refuse_flags(fd);
	if (write && (flags & RWF_APPEND)) {
		r = rw_append_pos(fd, pos, &pos);
		if (r)
			return r;
	}
	r = rw_vec(fd, iov, iovcnt, pos, write);
	if (r > 0 && write && (flags & (RWF_SYNC | RWF_DSYNC))) {
		long err = rw_sync(fd, !(flags & RWF_SYNC));

		if (err)
			return err;
	}
	return r;
}

SYSCALL_DEFINE6(preadv2, int, fd, const void __user *, iov, uint64_t, iovcnt, int64_t, pos,
		uint64_t, pos_h, int, flags)
{
	(void)pos_h;	/* x86_64: pos holds all 64 bits */
	return rw_vec2(fd, (uint64_t)iov, iovcnt, pos, flags, false);
}

SYSCALL_DEFINE6(pwritev2, int, fd, const void __user *, iov, uint64_t, iovcnt, int64_t, pos,
		uint64_t, pos_h, int, flags)
{
	(void)pos_h;
	return rw_vec2(fd, (uint64_t)iov, iovcnt, pos, flags, true);
}

static long rw_positioned(int fd, uint64_t buf, uint64_t count, int64_t pos, bool write)
{
	struct file *file;
	struct uio u;
	long r;

	if (pos < 0)
		return -EINVAL;
	file = fd_get(fd);
	if (!file)
		return -EBADF;
	if (!uaccess_range_ok(buf, count)) {
		file_put(file);
		return -EFAULT;
	}
	uio_init_user(&u, (void *)buf, MIN(count, FS_MAX_RW_COUNT));
	r = write ? file_pwrite(file, &u, (uint64_t)pos) : file_pread(file, &u, (uint64_t)pos);
	file_put(file);
	return r;
}

SYSCALL_DEFINE4(pread64, int, fd, char __user *, buf, size_t, count, int64_t, pos)
{
	return rw_positioned(fd, (uint64_t)buf, count, pos, false);
}

SYSCALL_DEFINE4(pwrite64, int, fd, const char __user *, buf, size_t, count, int64_t, pos)
{
	return rw_positioned(fd, (uint64_t)buf, count, pos, true);
}

SYSCALL_DEFINE3(lseek, int, fd, int64_t, offset, int, whence)
{
	struct file *file = fd_get(fd);
	long r;

	if (!file)
		return -EBADF;
	r = file_lseek(file, offset, whence);
	file_put(file);
	return r;
}

/* sendfile(out_fd, in_fd, offset, count): copies through a kernel page. */
SYSCALL_DEFINE4(sendfile, int, out_fd, int, in_fd, int64_t __user *, offset, size_t, max)
{
	struct file *out = fd_get(out_fd);
	struct file *in = fd_get(in_fd);
	uint64_t uoff = (uint64_t)offset, count = MIN(max, FS_MAX_RW_COUNT);
	int64_t off = 0;
	uint8_t *buf = NULL;
	long total = 0, r = 0;

	if (!out || !in) {
		r = -EBADF;
		goto out;
	}
	if (out->flags & O_APPEND) {
		r = -EINVAL;		/* sendfile(2) */
		goto out;
	}
	if (uoff) {
		if (copy_from_user(&off, (const void __user *)uoff, sizeof(off))) {
			r = -EFAULT;
			goto out;
		}
		if (off < 0) {
			r = -EINVAL;
			goto out;
		}
	}
	buf = kmalloc(PAGE_SIZE);
	if (!buf) {
		r = -ENOMEM;
		goto out;
	}
	while ((uint64_t)total < count) {
		size_t chunk = (size_t)MIN(count - (uint64_t)total, PAGE_SIZE);
		struct uio u;
		long n, w;

		uio_init_kernel(&u, buf, chunk);
		n = uoff ? file_pread(in, &u, (uint64_t)off) : file_read(in, &u);
		if (n <= 0) {
			r = n;
			break;
		}
		uio_init_kernel(&u, buf, (size_t)n);
		w = file_write(out, &u);
		if (w <= 0) {
			r = w;
			break;
		}
		total += w;
		off += w;
		if (w < n) {
			/* The rest of what was read is not sent: put the reader back. */
			if (!uoff)
				file_lseek(in, w - n, SEEK_CUR);
			break;
		}
	}
	if (uoff && copy_to_user((void __user *)uoff, &off, sizeof(off)))
		r = -EFAULT;
out:
	kfree(buf);
	file_put(out);
	file_put(in);
	return total ? total : r;
}
