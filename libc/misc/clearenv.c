/* clearenv.c: clearenv(3), empties the environment. */
#include <errno.h>
#include <stdlib.h>

extern char **environ;

/*
 * environ becomes a new, empty, allocated list, not NULL as glibc leaves
 * it: newlib's getenv and setenv walk environ without checking for NULL,
 * and once newlib's setenv has allocated a list it reallocs whatever
 * environ points at (a static empty list would crash it). The old list
 * is not freed: we cannot tell whether it was allocated.
 */
int clearenv(void)
{
	char **empty = malloc(sizeof(*empty));

	if (!empty) {
		errno = ENOMEM;
		return -1;
	}
	empty[0] = NULL;
	environ = empty;
	return 0;
}
