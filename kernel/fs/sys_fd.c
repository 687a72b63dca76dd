/*
 * sys_fd.c: dup(2), dup2(2), dup3(2), fcntl(2) (F_DUPFD, F_DUPFD_CLOEXEC,
 * F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_SETOWN, F_GETOWN, F_SETOWN_EX,
 * F_GETOWN_EX; the record locks are lock.c's) and ioctl(2), which handles the
 * generic FIOCLEX, FIONCLEX, FIONBIO and FIOASYNC itself and passes the rest to
 * the file (ENOTTY when it has no ioctl).
 */
#include <basalt/syscalls.h>
#include <fs/lock.h>
#include <fs/memfd.h>
#include <fs/pipe.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/ioctl.h>

/* The flags F_SETFL may change (fcntl(2)); the others stay. */
#define FD_SETFL_MASK	(O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME)

SYSCALL_DEFINE1(dup, unsigned int, fildes)
{
	struct file *file = fd_get((int)fildes);
	int fd;

	if (!file)
		return -EBADF;
	fd = fd_install(file, 0);
	if (fd < 0)
		file_put(file);
	return fd;
}

SYSCALL_DEFINE2(dup2, unsigned int, oldfd, unsigned int, newfd)
{
	if (oldfd == newfd) {
		/* dup2(2): just checks that oldfd is valid. */
		int flags = fd_get_flags((int)oldfd);

		return flags < 0 ? flags : (int)newfd;
	}
	return fd_dup_to((int)oldfd, (int)newfd, 0);
}

SYSCALL_DEFINE3(dup3, unsigned int, oldfd, unsigned int, newfd, int, flags)
{
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	return fd_dup_to((int)oldfd, (int)newfd, (flags & O_CLOEXEC) ? FD_CLOEXEC_FLAG : 0);
}

/*
 * F_SETFL (and FIONBIO, FIOASYNC): O_ASYNC changing joins or leaves the
 * file's fasync lists first, and a failure there changes nothing (Linux's
 * setfl).
 */
static long fd_set_file_flags(struct file *file, unsigned arg)
{
	unsigned old, new;
	long err;

	/* fcntl(2) F_SETFL: O_NOATIME as open's rule, the owner's or root's. */
	if ((arg & O_NOATIME) && !(file->flags & O_NOATIME) && file->inode &&
	    !inode_owner_or_root(file->inode, vfs_cred()))
		return -EPERM;
	if (((arg ^ file->flags) & O_ASYNC) && file->ops && file->ops->fasync) {
		err = file->ops->fasync(file, (arg & O_ASYNC) != 0);
		if (err)
			return err;
	}
	/* Compare-and-swap: other sharers of the file may change it too. */
	old = __atomic_load_n(&file->flags, __ATOMIC_RELAXED);
	do {
		new = (old & ~FD_SETFL_MASK) | (arg & FD_SETFL_MASK);
	} while (!__atomic_compare_exchange_n(&file->flags, &old, new, false,
					      __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	return 0;
}

static int fd_pgrp_match(struct process *p, void *arg)
{
	return p->pgid == *(int *)arg && p->state == PROCESS_ALIVE;
}

/*
 * F_SETOWN(_EX): who SIGIO goes to when the file has O_ASYNC (fasync.h;
 * Basalt has no SIGURG source). ESRCH for an owner that does not exist,
 * as Linux since 4.x (fcntl(2)); 0 clears it.
 */
static long fd_set_owner(struct file *file, int type, int pid)
{
	bool found;

	if (pid < 0)
		return -EINVAL;
	if (pid) {
		if (type == F_OWNER_TID)
			found = process_find_thread(pid) != NULL;
		else if (type == F_OWNER_PID)
			found = process_find(pid) != NULL;
		else
			found = process_for_each(fd_pgrp_match, &pid) != 0;
		if (!found)
			return -ESRCH;
	}
	fasync_set_owner(file, pid ? type : F_OWNER_PID, pid);
	return 0;
}

static long fd_fcntl_owner(struct file *file, int cmd, uint64_t arg)
{
	struct f_owner_ex ex;
	int who = (int)arg;

	switch (cmd) {
	case F_SETOWN:
		/* A negative argument names a process group. */
		if (who == INT32_MIN)
			return -EINVAL;
		return who < 0 ? fd_set_owner(file, F_OWNER_PGRP, -who) :
				 fd_set_owner(file, F_OWNER_PID, who);
	case F_GETOWN:
		return file->owner_type == F_OWNER_PGRP ? -file->owner_pid : file->owner_pid;
	case F_SETOWN_EX:
		if (copy_from_user(&ex, (const void __user *)arg, sizeof(ex)))
			return -EFAULT;
		if (ex.type != F_OWNER_TID && ex.type != F_OWNER_PID && ex.type != F_OWNER_PGRP)
			return -EINVAL;
		return fd_set_owner(file, ex.type, ex.pid);
	default:	/* F_GETOWN_EX */
		ex.type = file->owner_pid ? file->owner_type : F_OWNER_PID;
		ex.pid = file->owner_pid;
		return copy_to_user((void __user *)arg, &ex, sizeof(ex));
	}
}

/* F_SETPIPE_SZ and F_GETPIPE_SZ: EBADF on anything but a pipe or FIFO, as Linux. */
static long fd_fcntl_pipe_size(struct file *file, int cmd, uint32_t arg)
{
	struct pipe *p = pipe_of_file(file);

	if (!p)
		return -EBADF;
	if (cmd == F_SETPIPE_SZ)
		return pipe_set_size(p, arg);
	return (long)p->nr_pages * PAGE_SIZE;
}

SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct process *p = process_current();
	struct file *file = fd_get((int)fd);
	long r;

	if (!file)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= (p ? p->rlim[RLIMIT_NOFILE].rlim_cur : FD_DEFAULT_MAX) ||
		    arg >= FD_NR_OPEN) {
			r = -EINVAL;
			break;
		}
		r = fd_install_from(file, (unsigned)arg,
				    cmd == F_DUPFD_CLOEXEC ? FD_CLOEXEC_FLAG : 0);
		if (r >= 0)
			return r;	/* the table took the reference */
		break;
	case F_GETFD:
		r = fd_get_flags((int)fd);
		if (r >= 0)
			r = (r & FD_CLOEXEC_FLAG) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		r = fd_set_flags((int)fd, (arg & FD_CLOEXEC) ? FD_CLOEXEC_FLAG : 0);
		break;
	case F_GETFL:
		r = file->flags;
		break;
	case F_SETFL:
		r = fd_set_file_flags(file, (unsigned)arg);
		break;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		r = file_lock_fcntl(file, (int)cmd, arg);
		break;
	case F_SETOWN:
	case F_GETOWN:
	case F_SETOWN_EX:
	case F_GETOWN_EX:
		r = fd_fcntl_owner(file, (int)cmd, arg);
		break;
	case F_SETPIPE_SZ:
	case F_GETPIPE_SZ:
		r = fd_fcntl_pipe_size(file, (int)cmd, (uint32_t)arg);
		break;
	case F_ADD_SEALS:
	case F_GET_SEALS:
		r = memfd_fcntl(file, cmd, arg);
		break;
	default:
		r = -EINVAL;
	}
	file_put(file);
	return r;
}

SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *file = fd_get((int)fd);
	int on;
	long r;

	if (!file)
		return -EBADF;
	if (file->flags & O_PATH) {
		file_put(file);
		return -EBADF;		/* O_PATH: open(2) lists no ioctl */
	}
	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		r = fd_set_flags((int)fd, cmd == FIOCLEX ? FD_CLOEXEC_FLAG : 0);
		break;
	case FIONBIO:
	case FIOASYNC: {
		unsigned bit = cmd == FIONBIO ? O_NONBLOCK : O_ASYNC;

		if (copy_from_user(&on, (const void __user *)arg, sizeof(on))) {
			r = -EFAULT;
			break;
		}
		r = fd_set_file_flags(file, on ? (file->flags | bit) : (file->flags & ~bit));
		break;
	}
	default:
		r = (file->ops && file->ops->ioctl) ? file->ops->ioctl(file, cmd, arg) :
						      -ENOTTY;
	}
	file_put(file);
	return r;
}

/* close_range(2)'s flags (Linux's include/uapi/linux/close_range.h). */
#define CLOSE_RANGE_UNSHARE	(1U << 1)
#define CLOSE_RANGE_CLOEXEC	(1U << 2)

/*
 * close_range(2): CLOSE_RANGE_UNSHARE first gives the caller a table of
 * its own (a copy, as unshare(CLONE_FILES)) when threads or CLONE_FILES
 * children share it; CLOSE_RANGE_CLOEXEC marks instead of closing.
 */
SYSCALL_DEFINE3(close_range, unsigned int, first, unsigned int, last, unsigned int, flags)
{
	struct process *p = process_current();

	if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC))
		return -EINVAL;
	if (first > last)
		return -EINVAL;
	if ((flags & CLOSE_RANGE_UNSHARE) && p->files) {
		struct fd_table *copy = fd_table_clone(p->files), *old;

		if (!copy)
			return -ENOMEM;
		/* tasklist_lock: procfs reads p->files under it. */
		spin_lock(&tasklist_lock);
		old = p->files;
		p->files = copy;
		spin_unlock(&tasklist_lock);
		fd_table_put(old);
	}
	return fd_close_range(first, last, flags & CLOSE_RANGE_CLOEXEC);
}
