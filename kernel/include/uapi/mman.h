/*
 * mmap(2), mprotect(2) and arch_prctl(2) constants of the Linux x86_64
 * ABI (the values documented in mmap(2) and arch_prctl(2)).
 */
#ifndef UAPI_MMAN_H
#define UAPI_MMAN_H

#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4

#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_TYPE	0x0f	/* mask of the sharing type */
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_NORESERVE	0x4000
#define MAP_FIXED_NOREPLACE 0x100000

#define MAP_FAILED	((void *)-1)

/* arch_prctl(2) codes (Linux arch/x86/include/uapi/asm/prctl.h values). */
#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

#endif /* UAPI_MMAN_H */
