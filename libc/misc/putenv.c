/* putenv.c: putenv(3) with glibc's extension that a string without '='
 * removes the variable it names (BusyBox's env -u relies on it); newlib's
 * fails for such a string. Replaces newlib's putenv member. */
#include <reent.h>
#include <stdlib.h>
#include <string.h>

int putenv(char *string)
{
	if (!strchr(string, '='))
		return unsetenv(string);
	/* newlib's: the variable is set from a copy of the string. */
	return _putenv_r(_REENT, string);
}
