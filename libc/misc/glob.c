/* glob.c: glob(3) with POSIX semantics over newlib's BSD glob (backslash quoting by default, GLOB_NOMATCH). */
#include <glob.h>

int __newlib_glob(const char *__restrict, int, int (*)(const char *, int),
		  glob_t *__restrict);

int glob(const char *__restrict pattern, int flags, int (*errfunc)(const char *, int),
	 glob_t *__restrict pglob)
{
	int newlib_flags = flags & ~GLOB_NOESCAPE;
	int ret;

	if (!(flags & GLOB_NOESCAPE))
		newlib_flags |= GLOB_QUOTE;
	ret = __newlib_glob(pattern, newlib_flags, errfunc, pglob);
	/* newlib counts this call's matches in gl_matchc; GLOB_NOCHECK has added the pattern. */
	if (ret == 0 && pglob->gl_matchc == 0 && !(flags & GLOB_NOCHECK))
		return GLOB_NOMATCH;
	return ret;
}
