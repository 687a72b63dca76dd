/* getrandom(2) flags of the Linux ABI. */
#ifndef UAPI_RANDOM_H
#define UAPI_RANDOM_H

#define GRND_NONBLOCK	0x0001	/* EAGAIN instead of blocking before seeding */
#define GRND_RANDOM	0x0002	/* the old "blocking pool" (same pool since 5.6) */
#define GRND_INSECURE	0x0004	/* never block, even unseeded (Linux 5.6) */

#endif /* UAPI_RANDOM_H */
