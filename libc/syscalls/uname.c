/* uname.c: uname(2), gethostname(2), sethostname, getdomainname, setdomainname. */
#include <errno.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "linux_syscall.h"

int uname(struct utsname *name)
{
	return linux_syscall_result(linux_syscall1(SYS_uname, (long)name));
}

/* gethostname(2): ENAMETOOLONG when the name and its NUL do not fit (glibc). */
static int uname_field(const char *field, char *buf, size_t size)
{
	size_t length = strlen(field);

	if (length >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, field, length + 1);
	return 0;
}

int gethostname(char *buf, size_t size)
{
	struct utsname name;

	if (uname(&name) < 0)
		return -1;
	return uname_field(name.nodename, buf, size);
}

int getdomainname(char *buf, size_t size)
{
	struct utsname name;

	if (uname(&name) < 0)
		return -1;
	return uname_field(name.domainname, buf, size);
}

int sethostname(const char *name, size_t length)
{
	return linux_syscall_result(linux_syscall2(SYS_sethostname, (long)name, length));
}

int setdomainname(const char *name, size_t length)
{
	return linux_syscall_result(linux_syscall2(SYS_setdomainname, (long)name, length));
}
