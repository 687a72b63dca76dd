/* scandir.c: scandir(3), scandirat, alphasort, versionsort. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The list starts with room for this many entries and doubles. */
#define SCANDIR_INITIAL_SIZE	16

typedef int (*scandir_compare)(const struct dirent **, const struct dirent **);

static void scandir_free(struct dirent **list, size_t count)
{
	while (count > 0)
		free(list[--count]);
	free(list);
}

static int scandir_stream(DIR *dir, struct dirent ***namelist,
			  int (*filter)(const struct dirent *),
			  scandir_compare compare)
{
	struct dirent **list = NULL, **grown, *entry, *copy;
	size_t count = 0, size = 0;
	int saved;

	for (;;) {
		errno = 0;
		entry = readdir(dir);
		if (!entry)
			break;
		if (filter && !filter(entry))
			continue;
		if (count == size) {
			size = size ? 2 * size : SCANDIR_INITIAL_SIZE;
			grown = realloc(list, size * sizeof(*list));
			if (!grown)
				goto fail;
			list = grown;
		}
		copy = malloc(entry->d_reclen);
		if (!copy)
			goto fail;
		memcpy(copy, entry, entry->d_reclen);
		list[count++] = copy;
	}
	if (errno)
		goto fail;
	closedir(dir);
	if (compare && count > 1)
		qsort(list, count, sizeof(*list),
		      (int (*)(const void *, const void *))compare);
	*namelist = list;
	return (int)count;

fail:
	saved = errno;
	scandir_free(list, count);
	closedir(dir);
	errno = saved;
	return -1;
}

int scandir(const char *path, struct dirent ***namelist,
	    int (*filter)(const struct dirent *), scandir_compare compare)
{
	DIR *dir = opendir(path);

	if (!dir)
		return -1;
	return scandir_stream(dir, namelist, filter, compare);
}

int scandirat(int dirfd, const char *path, struct dirent ***namelist,
	      int (*filter)(const struct dirent *), scandir_compare compare)
{
	int fd = openat(dirfd, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir;

	if (fd < 0)
		return -1;
	dir = fdopendir(fd);
	if (!dir) {
		close(fd);
		return -1;
	}
	return scandir_stream(dir, namelist, filter, compare);
}

int alphasort(const struct dirent **a, const struct dirent **b)
{
	return strcoll((*a)->d_name, (*b)->d_name);
}

int versionsort(const struct dirent **a, const struct dirent **b)
{
	return strverscmp((*a)->d_name, (*b)->d_name);
}
