/*
 * sys_fadvise.c: advice on a file's page cache: fadvise64(2)
 * (posix_fadvise(3)) and readahead(2). A file system that reads its
 * pages from a disk (address_space_ops.readpage) gets WILLNEED's and
 * readahead's pages read in now; a memory file system's pages are the
 * file itself, so the advice has nothing to do there, and like Linux's
 * generic_fadvise for such files it only checks its arguments.
 */
#include <basalt/syscalls.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <mm/page_cache.h>
#include <mm/vm.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* Reads the pages of [off, off + len) of f into its page cache. */
static void fadvise_read_in(struct file *f, uint64_t off, uint64_t len)
{
	struct address_space *m = &f->inode->i_data;
	uint64_t size = __atomic_load_n(&f->inode->size, __ATOMIC_RELAXED);
	uint64_t end = len && off + len > off ? MIN(off + len, size) : size;

	if (!m->a_ops || !m->a_ops->readpage)
		return;
	for (uint64_t index = off / PAGE_SIZE; index * PAGE_SIZE < end; index++) {
		uint64_t frame;

		if (page_cache_get(m, index, false, &frame) || !frame)
			break;		/* an error stops the read-ahead, quietly */
		vm_frame_put(frame);
	}
}

SYSCALL_DEFINE4(fadvise64, int, fd, int64_t, offset, int64_t, len, int, advice)
{
	struct file *f = fd_get(fd);
	long err = 0;

	if (!f)
		return -EBADF;
	if (f->inode && S_ISFIFO(f->inode->mode)) {
		err = -ESPIPE;		/* posix_fadvise(2): a pipe or FIFO */
	} else if (!f->inode || len < 0) {
		err = -EINVAL;
	} else {
		switch (advice) {
		case POSIX_FADV_WILLNEED:
			if (S_ISREG(f->inode->mode) && offset >= 0)
				fadvise_read_in(f, (uint64_t)offset, (uint64_t)len);
			break;
		case POSIX_FADV_NORMAL:
		case POSIX_FADV_RANDOM:
		case POSIX_FADV_SEQUENTIAL:
		case POSIX_FADV_DONTNEED:
		case POSIX_FADV_NOREUSE:
			break;
		default:
			err = -EINVAL;
		}
	}
	file_put(f);
	return err;
}

SYSCALL_DEFINE3(readahead, int, fd, int64_t, offset, size_t, count)
{
	struct file *f = fd_get(fd);
	unsigned acc;
	long err = 0;

	if (!f)
		return -EBADF;
	acc = f->flags & O_ACCMODE;
	/* readahead(2): EBADF unless open for reading; EINVAL without a page cache. */
	if ((f->flags & O_PATH) || (acc != O_RDONLY && acc != O_RDWR))
		err = -EBADF;
	else if (!f->inode || !S_ISREG(f->inode->mode) || !f->inode->i_data.a_ops)
		err = -EINVAL;
	else if (offset >= 0)
		fadvise_read_in(f, (uint64_t)offset, count);
	file_put(f);
	return err;
}
