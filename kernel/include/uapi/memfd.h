/* uapi/memfd.h: memfd_create(2)'s flags (Linux's include/uapi/linux/memfd.h). */
#ifndef UAPI_MEMFD_H
#define UAPI_MEMFD_H

#define MFD_CLOEXEC		0x0001U	/* FD_CLOEXEC on the new descriptor */
#define MFD_ALLOW_SEALING	0x0002U	/* starts without F_SEAL_SEAL */
#define MFD_HUGETLB		0x0004U	/* huge pages: not supported by Basalt (EINVAL) */

#endif /* UAPI_MEMFD_H */
