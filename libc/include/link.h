/* link.h: ElfW() and dl_iterate_phdr(3), which in a static program reports the program itself. */
#ifndef _LINK_H
#define _LINK_H

#include <elf.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ElfW(Phdr) is Elf64_Phdr: x86_64 programs are ELF-64. */
#define ElfW(type)	Elf64_##type

struct dl_phdr_info {
	ElfW(Addr) dlpi_addr;		/* load bias: 0 for our fixed-address programs */
	const char *dlpi_name;		/* "" for the main program */
	const ElfW(Phdr) *dlpi_phdr;
	ElfW(Half) dlpi_phnum;
	unsigned long long dlpi_adds;	/* objects loaded so far: 1 */
	unsigned long long dlpi_subs;	/* objects unloaded: 0 */
	size_t dlpi_tls_modid;		/* 1 when the program has a PT_TLS segment */
	void *dlpi_tls_data;		/* the calling thread's block of it */
};

int dl_iterate_phdr(int (*)(struct dl_phdr_info *, size_t, void *), void *);

#ifdef __cplusplus
}
#endif

#endif /* _LINK_H */
