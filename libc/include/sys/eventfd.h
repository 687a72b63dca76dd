/* sys/eventfd.h: eventfd(2), Linux's flag values (eventfd(2), glibc's interface). */
#ifndef _SYS_EVENTFD_H
#define _SYS_EVENTFD_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef uint64_t eventfd_t;

/* eventfd(2) flags: Linux's O_CLOEXEC and O_NONBLOCK (not newlib's). */
#define EFD_SEMAPHORE	00000001
#define EFD_CLOEXEC	02000000
#define EFD_NONBLOCK	00004000

int eventfd(unsigned int initval, int flags);
/* Read / add the 8-byte counter: 0 or -1 with errno. */
int eventfd_read(int fd, eventfd_t *value);
int eventfd_write(int fd, eventfd_t value);

#ifdef __cplusplus
}
#endif

#endif /* _SYS_EVENTFD_H */
