/*
 * path.c: splitting a path into its components (path_resolution(7)):
 * slashes separate components, runs of them count as one, and a trailing
 * slash leaves an empty component that lookups treat as "must be a
 * directory". Pure: the host unit test tests/unit/fs/path_test.c runs it.
 */
#include <fs/vfs/path.h>

#define PATH_SEP	'/'

size_t vfs_path_next(const char **p, const char **name)
{
	const char *s = *p;
	size_t len = 0;

	while (*s == PATH_SEP)
		s++;
	*name = s;
	while (s[len] && s[len] != PATH_SEP)
		len++;
	*p = s + len;
	return len;
}

bool vfs_path_at_end(const char *p)
{
	while (*p == PATH_SEP)
		p++;
	return *p == '\0';
}

bool vfs_path_is_dot(const char *name, size_t len)
{
	return len == 1 && name[0] == '.';
}

bool vfs_path_is_dotdot(const char *name, size_t len)
{
	return len == 2 && name[0] == '.' && name[1] == '.';
}

void vfs_path_last(const char *path, size_t *off, size_t *len)
{
	size_t end = 0, start;

	while (path[end])
		end++;
	while (end > 0 && path[end - 1] == PATH_SEP)
		end--;
	start = end;
	while (start > 0 && path[start - 1] != PATH_SEP)
		start--;
	*off = start;
	*len = end - start;
}
