/* sys/mman.h: mmap(2) and friends with Linux x86_64's flag values. */
/*
 * Values from mmap(2), msync(2), mlock(2), madvise(2), mremap(2) and Linux's
 * include/uapi/asm-generic/mman-common.h and mman.h, x86's asm/mman.h.
 */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PROT_NONE		0x0
#define PROT_READ		0x1
#define PROT_WRITE		0x2
#define PROT_EXEC		0x4
#define PROT_GROWSDOWN		0x01000000
#define PROT_GROWSUP		0x02000000

#define MAP_SHARED		0x01
#define MAP_PRIVATE		0x02
#define MAP_SHARED_VALIDATE	0x03
#define MAP_TYPE		0x0f
#define MAP_FIXED		0x10
#define MAP_ANONYMOUS		0x20
#define MAP_ANON		MAP_ANONYMOUS
#define MAP_32BIT		0x40
#define MAP_GROWSDOWN		0x0100
#define MAP_DENYWRITE		0x0800
#define MAP_EXECUTABLE		0x1000
#define MAP_LOCKED		0x2000
#define MAP_NORESERVE		0x4000
#define MAP_POPULATE		0x8000
#define MAP_NONBLOCK		0x10000
#define MAP_STACK		0x20000
#define MAP_HUGETLB		0x40000
#define MAP_FIXED_NOREPLACE	0x100000

#define MAP_FAILED		((void *)-1)

#define MS_ASYNC		1
#define MS_INVALIDATE		2
#define MS_SYNC			4

#define MCL_CURRENT		1
#define MCL_FUTURE		2
#define MCL_ONFAULT		4

#define MREMAP_MAYMOVE		1
#define MREMAP_FIXED		2

#define MADV_NORMAL		0
#define MADV_RANDOM		1
#define MADV_SEQUENTIAL		2
#define MADV_WILLNEED		3
#define MADV_DONTNEED		4
#define MADV_FREE		8
#define POSIX_MADV_NORMAL	MADV_NORMAL
#define POSIX_MADV_RANDOM	MADV_RANDOM
#define POSIX_MADV_SEQUENTIAL	MADV_SEQUENTIAL
#define POSIX_MADV_WILLNEED	MADV_WILLNEED
#define POSIX_MADV_DONTNEED	MADV_DONTNEED

void *mmap(void *, size_t, int, int, int, off_t);
int munmap(void *, size_t);
int mprotect(void *, size_t, int);
int msync(void *, size_t, int);
int madvise(void *, size_t, int);
int posix_madvise(void *, size_t, int);
int mlock(const void *, size_t);
int munlock(const void *, size_t);
int mlockall(int);
int munlockall(void);
void *mremap(void *, size_t, size_t, int, ...);
int mincore(void *, size_t, unsigned char *);
/* POSIX shared memory objects: files of the tmpfs on /dev/shm (shm.c). */
int shm_open(const char *, int, mode_t);
int shm_unlink(const char *);
/* memfd_create(2): an anonymous memory file (memfd.c); Linux's flag values. */
#define MFD_CLOEXEC		0x0001U
#define MFD_ALLOW_SEALING	0x0002U
#define MFD_HUGETLB		0x0004U
int memfd_create(const char *, unsigned int);

#ifdef __cplusplus
}
#endif

#endif /* _SYS_MMAN_H */
