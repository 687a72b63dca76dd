/* sys/random.h: getrandom(2) and getentropy(3). */
#ifndef _SYS_RANDOM_H
#define _SYS_RANDOM_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

/* getrandom(2) flags, Linux's values. */
#define GRND_NONBLOCK	0x0001
#define GRND_RANDOM	0x0002
#define GRND_INSECURE	0x0004

ssize_t getrandom(void *, size_t, unsigned int);
int getentropy(void *, size_t);

#ifdef __cplusplus
}
#endif

#endif /* _SYS_RANDOM_H */
