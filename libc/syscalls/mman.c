/* mman.c: mmap(2), munmap, mprotect, msync, madvise, posix_madvise, mlock, munlock, mlockall, munlockall, mremap, mincore. */
#include <errno.h>
#include <stdarg.h>
#include <sys/mman.h>

#include "linux_syscall.h"

/* mmap(2): the offset must be a multiple of the page size. */
#define MMAN_PAGE_SIZE		4096L

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
	long ret;

	if (offset & (MMAN_PAGE_SIZE - 1)) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	ret = linux_syscall6(SYS_mmap, (long)addr, length, prot, flags, fd, offset);
	if (linux_syscall_result(ret) == -1)
		return MAP_FAILED;
	return (void *)ret;
}

int munmap(void *addr, size_t length)
{
	return linux_syscall_result(linux_syscall2(SYS_munmap, (long)addr, length));
}

int mprotect(void *addr, size_t length, int prot)
{
	return linux_syscall_result(linux_syscall3(SYS_mprotect, (long)addr, length, prot));
}

int msync(void *addr, size_t length, int flags)
{
	return linux_syscall_result(linux_syscall3(SYS_msync, (long)addr, length, flags));
}

int madvise(void *addr, size_t length, int advice)
{
	return linux_syscall_result(linux_syscall3(SYS_madvise, (long)addr, length, advice));
}

/* posix_madvise(3) returns the error number instead of setting errno. */
int posix_madvise(void *addr, size_t length, int advice)
{
	long ret = linux_syscall3(SYS_madvise, (long)addr, length, advice);

	if (ret < 0) {
		linux_syscall_result(ret);
		return errno;
	}
	return 0;
}

int mlock(const void *addr, size_t length)
{
	return linux_syscall_result(linux_syscall2(SYS_mlock, (long)addr, length));
}

int munlock(const void *addr, size_t length)
{
	return linux_syscall_result(linux_syscall2(SYS_munlock, (long)addr, length));
}

int mlockall(int flags)
{
	return linux_syscall_result(linux_syscall1(SYS_mlockall, flags));
}

int munlockall(void)
{
	return linux_syscall_result(linux_syscall0(SYS_munlockall));
}

/* mremap(2): the fifth argument, the new address, only with MREMAP_FIXED. */
void *mremap(void *old, size_t old_size, size_t new_size, int flags, ...)
{
	void *new_addr = 0;
	va_list ap;
	long ret;

	if (flags & MREMAP_FIXED) {
		va_start(ap, flags);
		new_addr = va_arg(ap, void *);
		va_end(ap);
	}
	ret = linux_syscall5(SYS_mremap, (long)old, old_size, new_size, flags,
			     (long)new_addr);
	if (linux_syscall_result(ret) == -1)
		return MAP_FAILED;
	return (void *)ret;
}

int mincore(void *addr, size_t length, unsigned char *vec)
{
	return linux_syscall_result(linux_syscall3(SYS_mincore, (long)addr, length, (long)vec));
}
