/*
 * sys_copy_range.c: copy_file_range(2): bytes from one regular file to
 * another (or to another range of the same file) without a trip through
 * user memory. Linux 6.1's rules (vfs_copy_file_range and
 * generic_copy_file_checks): no flags; both regular files (EISDIR for a
 * directory, else EINVAL); in readable, out writable and not O_APPEND
 * (EBADF); the same super block unless the file system has a copy
 * operation of its own, which no Basalt file system has (EXDEV); no
 * overlap within one file (EINVAL); the copy stops at the source's end.
 * With an offset pointer the file position stays and *off moves, else
 * the position moves (as read and write).
 */
#include <basalt/syscalls.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>
#include <user/user.h>

/* The bounce buffer: one page at a time, as sendfile(2). */
#define COPY_RANGE_CHUNK	PAGE_SIZE

static bool copy_range_readable(const struct file *f)
{
	unsigned acc = f->flags & O_ACCMODE;

	return !(f->flags & O_PATH) && (acc == O_RDONLY || acc == O_RDWR);
}

static bool copy_range_writable(const struct file *f)
{
	unsigned acc = f->flags & O_ACCMODE;

	return !(f->flags & O_PATH) && (acc == O_WRONLY || acc == O_RDWR) &&
	       !(f->flags & O_APPEND);
}

/*
 * The checks of generic_file_rw_checks and generic_copy_file_checks;
 * shortens *count to the source's end. 0 or a negative errno.
 */
static long copy_range_check(struct file *in, uint64_t pos_in, struct file *out,
			     uint64_t pos_out, uint64_t *count)
{
	uint64_t size_in, size_out;
	unsigned mode_in, mode_out;

	if (!in->inode || !out->inode)
		return -EINVAL;
	if (file_getattr_kernel(in, &size_in, &mode_in) ||
	    file_getattr_kernel(out, &size_out, &mode_out))
		return -EINVAL;
	if (S_ISDIR(mode_in) || S_ISDIR(mode_out))
		return -EISDIR;
	if (!S_ISREG(mode_in) || !S_ISREG(mode_out))
		return -EINVAL;
	if (!copy_range_readable(in) || !copy_range_writable(out))
		return -EBADF;
	if (in->inode->sb != out->inode->sb)
		return -EXDEV;
	if (pos_in + *count < pos_in || pos_out + *count < pos_out)
		return -EOVERFLOW;
	*count = pos_in >= size_in ? 0 : MIN(*count, size_in - pos_in);
	if (in->inode == out->inode && pos_out + *count > pos_in && pos_out < pos_in + *count)
		return -EINVAL;
	/* rw_verify_area: offsets are signed on Linux. */
	if ((int64_t)pos_in < 0 || (int64_t)pos_out < 0)
		return -EINVAL;
	return 0;
}

/* Copies count bytes through a kernel page: the bytes copied, or a negative errno. */
static long copy_range_bytes(struct file *in, uint64_t pos_in, struct file *out,
			     uint64_t pos_out, uint64_t count)
{
	uint8_t *buf = kmalloc(COPY_RANGE_CHUNK);
	uint64_t done = 0;
	long r = 0;

	if (!buf)
		return -ENOMEM;
	while (done < count) {
		size_t chunk = (size_t)MIN(count - done, (uint64_t)COPY_RANGE_CHUNK);
		struct uio u;
		long n, w;

		uio_init_kernel(&u, buf, chunk);
		n = file_pread(in, &u, pos_in + done);
		if (n <= 0) {
			r = n;
			break;
		}
		uio_init_kernel(&u, buf, (size_t)n);
		w = file_pwrite(out, &u, pos_out + done);
		if (w <= 0) {
			r = w;
			break;
		}
		done += (uint64_t)w;
		if (w < n)
			break;
	}
	kfree(buf);
	return done ? (long)done : r;
}

static long copy_range_get_off(const int64_t __user *uoff, struct file *f, uint64_t *pos)
{
	int64_t off;

	if (!uoff) {
		*pos = f->pos;
		return 0;
	}
	if (copy_from_user(&off, uoff, sizeof(off)))
		return -EFAULT;
	*pos = (uint64_t)off;
	return 0;
}

static long copy_range_put_off(int64_t __user *uoff, struct file *f, uint64_t pos)
{
	int64_t off = (int64_t)pos;

	if (!uoff) {
		f->pos = pos;
		return 0;
	}
	return copy_to_user(uoff, &off, sizeof(off)) ? -EFAULT : 0;
}

SYSCALL_DEFINE6(copy_file_range, int, fd_in, int64_t __user *, off_in, int, fd_out,
		int64_t __user *, off_out, size_t, len, unsigned, flags)
{
	struct file *in = fd_get(fd_in), *out = fd_get(fd_out);
	uint64_t pos_in, pos_out, count = MIN(len, FS_MAX_RW_COUNT);
	long r;

	if (!in || !out) {
		r = -EBADF;
		goto out;
	}
	r = copy_range_get_off(off_in, in, &pos_in);
	if (!r)
		r = copy_range_get_off(off_out, out, &pos_out);
	if (!r && flags)
		r = -EINVAL;
	if (!r)
		r = copy_range_check(in, pos_in, out, pos_out, &count);
	if (r || count == 0)
		goto out;
	r = copy_range_bytes(in, pos_in, out, pos_out, count);
	if (r > 0) {
		long e = copy_range_put_off(off_in, in, pos_in + (uint64_t)r);

		if (!e)
			e = copy_range_put_off(off_out, out, pos_out + (uint64_t)r);
		if (e)
			r = e;
	}
out:
	if (in)
		file_put(in);
	if (out)
		file_put(out);
	return r;
}
