/*
 * capture.h: the standard input and output of programs the kernel starts
 * itself (user_run, exec_run_image: the in-kernel tests), as a file.
 * Writes go to the kernel console and are also kept in a buffer the
 * caller reads afterwards; reads find end of file at once. The program
 * is an ordinary process with a descriptor table: its children inherit
 * the file, so what they write is captured too.
 */
#ifndef FS_CAPTURE_H
#define FS_CAPTURE_H

#include <stddef.h>

struct file;

/*
 * Where a program's writes are copied; bytes beyond size are counted in
 * len but not stored. Owned by the caller, who keeps it alive until the
 * program and its children have exited.
 */
struct user_capture {
	char *buf;
	size_t size;
	size_t len;
};

/*
 * A new file (one reference) writing to the console and, when c is not
 * NULL, into c; opened read-write. NULL when out of memory.
 */
struct file *capture_file_create(struct user_capture *c);

#endif /* FS_CAPTURE_H */
