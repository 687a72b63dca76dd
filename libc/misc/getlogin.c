/* getlogin.c: getlogin(3) and getlogin_r as the LOGNAME the login program set (there is no utmp). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *getlogin(void)
{
	char *name = getenv("LOGNAME");

	if (!name || !*name) {
		errno = ENXIO;	/* getlogin(3): "no controlling terminal" or no login record */
		return NULL;
	}
	return name;
}

int getlogin_r(char *buf, size_t size)
{
	const char *name = getlogin();
	size_t length;

	if (!name)
		return errno;
	length = strlen(name);
	if (length >= size)
		return ERANGE;
	memcpy(buf, name, length + 1);
	return 0;
}
