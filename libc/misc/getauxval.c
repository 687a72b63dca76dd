/* getauxval.c: getauxval(3) over the auxiliary vector the kernel put after envp; issetugid (BSD) from AT_SECURE. */
#include <errno.h>
#include <sys/auxv.h>
#include <unistd.h>

/* Set by __libc_start (crt/libc_start.c): (type, value) pairs up to AT_NULL. */
extern unsigned long *__libc_auxv;

unsigned long getauxval(unsigned long type)
{
	unsigned long *entry;

	for (entry = __libc_auxv; entry && entry[0] != AT_NULL; entry += 2) {
		if (entry[0] == type)
			return entry[1];
	}
	errno = ENOENT;
	return 0;
}

/* issetugid: whether the program runs with privileges it did not start with (set-user-ID...). */
int issetugid(void)
{
	return getauxval(AT_SECURE) != 0;
}
