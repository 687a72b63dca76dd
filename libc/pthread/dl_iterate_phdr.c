/* dl_iterate_phdr.c: dl_iterate_phdr(3) for a static program: one object, the program itself, with its TLS block. */
#include <link.h>

#include "pthread_impl.h"

extern unsigned long *__libc_auxv;

int dl_iterate_phdr(int (*callback)(struct dl_phdr_info *, size_t, void *), void *data)
{
	struct dl_phdr_info info = { .dlpi_name = "", .dlpi_adds = 1 };

	for (unsigned long *entry = __libc_auxv; entry[0] != AT_NULL; entry += 2) {
		if (entry[0] == AT_PHDR)
			info.dlpi_phdr = (const ElfW(Phdr) *)entry[1];
		else if (entry[0] == AT_PHNUM)
			info.dlpi_phnum = (ElfW(Half))entry[1];
	}
	if (pthread_tls.memsz) {
		info.dlpi_tls_modid = 1;
		info.dlpi_tls_data = (char *)pthread_impl_self() - pthread_tls.offset;
	}
	return callback(&info, sizeof(info), data);
}
