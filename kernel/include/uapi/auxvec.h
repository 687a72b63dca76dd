/*
 * Auxiliary vector types of the Linux x86_64 ABI (getauxval(3); System V
 * AMD64 ABI 3.4.3 and Linux's include/uapi/linux/auxvec.h values). The
 * vector is a list of (type, value) pairs of 8 bytes each after envp's
 * NULL, ended by AT_NULL.
 */
#ifndef UAPI_AUXVEC_H
#define UAPI_AUXVEC_H

#define AT_NULL		0
#define AT_IGNORE	1
#define AT_EXECFD	2
#define AT_PHDR		3	/* address of the program headers */
#define AT_PHENT	4	/* size of one program header */
#define AT_PHNUM	5	/* number of program headers */
#define AT_PAGESZ	6
#define AT_BASE		7	/* where the interpreter was loaded */
#define AT_FLAGS	8
#define AT_ENTRY	9	/* the program's entry point */
#define AT_NOTELF	10
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_PLATFORM	15
#define AT_HWCAP	16	/* CPUID 1 EDX on x86 */
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_BASE_PLATFORM 24
#define AT_RANDOM	25	/* address of 16 random bytes */
#define AT_HWCAP2	26
#define AT_EXECFN	31	/* address of the file name string */
#define AT_SYSINFO_EHDR	33
#define AT_MINSIGSTKSZ	51	/* the most a signal frame takes of a stack */

#endif /* UAPI_AUXVEC_H */
