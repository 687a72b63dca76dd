/* realpath.c: realpath(3): an absolute path without ".", ".." or symbolic links. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* path_resolution(7): at most 40 links are followed in one resolution. */
#define REALPATH_MAX_LINKS	40
#ifndef PATH_MAX
#define PATH_MAX		4096
#endif

/*
 * Walks the components of pending[] (the path; after a link, the link's
 * target followed by what remained), extending resolved[], which is always
 * absolute and without a trailing slash except for "/" itself.
 */
static int realpath_walk(char *resolved, char *pending)
{
	char target[PATH_MAX], joined[PATH_MAX], *rest = pending, *component, *next, *slash;
	size_t resolved_length = strlen(resolved), length;
	ssize_t target_length;
	int links = 0;
	struct stat st;

	while (*rest) {
		component = rest + strspn(rest, "/");
		if (*component == '\0')
			break;
		next = strchr(component, '/');
		length = next ? (size_t)(next - component) : strlen(component);
		rest = component + length;

		if (length == 1 && component[0] == '.')
			continue;
		if (length == 2 && component[0] == '.' && component[1] == '.') {
			slash = strrchr(resolved, '/');
			resolved_length = slash == resolved ? 1 : (size_t)(slash - resolved);
			resolved[resolved_length] = '\0';
			continue;
		}
		if (resolved_length + 1 + length >= PATH_MAX) {
			errno = ENAMETOOLONG;
			return -1;
		}
		if (resolved_length > 1)
			resolved[resolved_length++] = '/';
		memcpy(resolved + resolved_length, component, length);
		resolved_length += length;
		resolved[resolved_length] = '\0';

		if (lstat(resolved, &st) < 0)
			return -1;
		if (S_ISLNK(st.st_mode)) {
			if (++links > REALPATH_MAX_LINKS) {
				errno = ELOOP;
				return -1;
			}
			target_length = readlink(resolved, target, sizeof(target) - 1);
			if (target_length < 0)
				return -1;
			if ((size_t)target_length + strlen(rest) + 1 > PATH_MAX) {
				errno = ENAMETOOLONG;
				return -1;
			}
			memcpy(joined, target, target_length);
			strcpy(joined + target_length, rest);
			strcpy(pending, joined);
			rest = pending;
			/* Drop the link's own name; an absolute target restarts at /. */
			if (target_length > 0 && target[0] == '/') {
				resolved_length = 1;
			} else {
				slash = strrchr(resolved, '/');
				resolved_length = slash == resolved ? 1 : (size_t)(slash - resolved);
			}
			resolved[resolved_length] = '\0';
		} else if (!S_ISDIR(st.st_mode) && rest[strspn(rest, "/")] != '\0') {
			errno = ENOTDIR;
			return -1;
		}
	}
	return 0;
}

char *realpath(const char *__restrict path, char *__restrict resolved)
{
	char rest[PATH_MAX], result[PATH_MAX], *out;

	if (!path) {
		errno = EINVAL;
		return NULL;
	}
	if (path[0] == '\0') {
		errno = ENOENT;
		return NULL;
	}
	if (strlen(path) >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	strcpy(rest, path);
	if (path[0] == '/') {
		strcpy(result, "/");
	} else if (!getcwd(result, sizeof(result))) {
		return NULL;
	}
	if (realpath_walk(result, rest) < 0)
		return NULL;
	out = resolved ? resolved : malloc(strlen(result) + 1);
	if (!out)
		return NULL;
	return strcpy(out, result);
}
