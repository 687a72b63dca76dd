/* dirent_test.c: opendir, readdir, rewinddir, telldir/seekdir, dirfd, fdopendir, scandir, alphasort, closedir. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"

#define PATH_SIZE 128
#define FILE_COUNT 3
#define MANY_FILES 600	/* more than one getdents64 buffer holds */

static const char *const names[FILE_COUNT] = { "charlie", "alpha", "bravo" };

static int skip_dots(const struct dirent *entry)
{
	return strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0;
}

static int count_entries(DIR *dir, int *saw_dot, int *saw_sub_as_dir)
{
	struct dirent *entry;
	int count = 0;

	while ((entry = readdir(dir)) != NULL) {
		count++;
		if (strcmp(entry->d_name, ".") == 0)
			*saw_dot = 1;
		if (strcmp(entry->d_name, "sub") == 0 &&
		    (entry->d_type == DT_DIR || entry->d_type == DT_UNKNOWN))
			*saw_sub_as_dir = 1;
	}
	return count;
}

int main(void)
{
	char dir_path[PATH_SIZE], path[2 * PATH_SIZE + 64];
	struct dirent **list, *entry;
	int i, fd, dot = 0, sub = 0, count, again, ok;
	long position;
	char first[PATH_SIZE];
	DIR *dir;

	tap_plan(17);
	snprintf(dir_path, sizeof(dir_path), "/tmp/basalt-dirent-test.%d", (int)getpid());
	mkdir(dir_path, 0755);
	for (i = 0; i < FILE_COUNT; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir_path, names[i]);
		close(open(path, O_CREAT | O_WRONLY, 0644));
	}
	snprintf(path, sizeof(path), "%s/sub", dir_path);
	mkdir(path, 0755);

	dir = opendir(dir_path);
	tap_ok(dir != NULL, "opendir");
	count = count_entries(dir, &dot, &sub);
	tap_ok(count == FILE_COUNT + 3, "readdir sees the files, sub, . and .. (%d)", count);
	tap_ok(dot && sub, "with their names and d_type");
	errno = 0;
	tap_ok(readdir(dir) == NULL && errno == 0, "at the end: NULL, errno untouched");
	rewinddir(dir);
	dot = sub = 0;
	tap_ok(count_entries(dir, &dot, &sub) == count, "rewinddir starts again");

	rewinddir(dir);
	entry = readdir(dir);
	position = telldir(dir);
	entry = readdir(dir);
	strcpy(first, entry->d_name);
	readdir(dir);
	seekdir(dir, position);
	entry = readdir(dir);
	tap_ok(entry && strcmp(entry->d_name, first) == 0, "telldir and seekdir");

	fd = dirfd(dir);
	tap_ok(fd >= 0 && (fcntl(fd, F_GETFD) & FD_CLOEXEC), "dirfd, close-on-exec");
	tap_ok(closedir(dir) == 0, "closedir");

	errno = 0;
	tap_ok(opendir("/nonexistent/basalt") == NULL && errno == ENOENT, "opendir: ENOENT");
	snprintf(path, sizeof(path), "%s/alpha", dir_path);
	errno = 0;
	tap_ok(opendir(path) == NULL && errno == ENOTDIR, "opendir on a file: ENOTDIR");

	fd = open(dir_path, O_RDONLY | O_DIRECTORY);
	dir = fdopendir(fd);
	tap_ok(dir && dirfd(dir) == fd && readdir(dir) != NULL, "fdopendir");
	closedir(dir);
	fd = open(path, O_RDONLY);
	errno = 0;
	tap_ok(fdopendir(fd) == NULL && errno == ENOTDIR, "fdopendir on a file: ENOTDIR");
	close(fd);

	count = scandir(dir_path, &list, skip_dots, alphasort);
	ok = count == FILE_COUNT + 1 && strcmp(list[0]->d_name, "alpha") == 0 &&
	     strcmp(list[1]->d_name, "bravo") == 0 && strcmp(list[2]->d_name, "charlie") == 0 &&
	     strcmp(list[3]->d_name, "sub") == 0;
	tap_ok(ok, "scandir with a filter, sorted by alphasort");
	for (i = 0; i < count; i++)
		free(list[i]);
	free(list);
	errno = 0;
	tap_ok(scandir("/nonexistent/basalt", &list, NULL, NULL) == -1 && errno == ENOENT,
	       "scandir: ENOENT");

	/* Many entries: readdir crosses getdents64 buffers without losing any. */
	snprintf(path, sizeof(path), "%s/sub", dir_path);
	for (i = 0; i < MANY_FILES; i++) {
		snprintf(path, sizeof(path), "%s/sub/file-with-a-longish-name-%04d", dir_path, i);
		close(open(path, O_CREAT | O_WRONLY, 0644));
	}
	snprintf(path, sizeof(path), "%s/sub", dir_path);
	dir = opendir(path);
	dot = sub = 0;
	count = count_entries(dir, &dot, &sub);
	tap_ok(count == MANY_FILES + 2, "%d entries in a large directory", count);
	rewinddir(dir);
	again = 0;
	while (readdir(dir))
		again++;
	tap_ok(again == count, "and the same after rewinddir");
	closedir(dir);
	count = scandir(path, &list, skip_dots, alphasort);
	tap_ok(count == MANY_FILES && strcmp(list[0]->d_name, "file-with-a-longish-name-0000") == 0 &&
	       strcmp(list[MANY_FILES - 1]->d_name, "file-with-a-longish-name-0599") == 0,
	       "scandir of the large directory");
	for (i = 0; i < count; i++)
		free(list[i]);
	free(list);

	for (i = 0; i < MANY_FILES; i++) {
		snprintf(path, sizeof(path), "%s/sub/file-with-a-longish-name-%04d", dir_path, i);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/sub", dir_path);
	rmdir(path);
	for (i = 0; i < FILE_COUNT; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir_path, names[i]);
		unlink(path);
	}
	rmdir(dir_path);
	return tap_done();
}
