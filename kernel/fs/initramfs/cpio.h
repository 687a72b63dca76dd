/*
 * cpio.h: an iterator over a cpio "newc" archive in memory (cpio.c), the
 * format of Linux's initramfs as Documentation/driver-api/early-userspace/
 * buffer-format.rst describes it.
 *
 * Names are normalized to be relative to the root the archive unpacks
 * into: leading "/" and "./", repeated "/", "." components and a trailing
 * "/" are dropped ("/bin//sh/" and "./bin/./sh" both give "bin/sh"), and
 * the root itself is reported as ".". A ".." component is rejected with
 * -EINVAL, so that no entry can land outside the root. Linux's own
 * unpacker trusts the archive and does not check this.
 *
 * Hard links: entries with the same (dev_major, dev_minor, ino) and
 * nlink > 1 are one file, and cpio stores its data only with the last of
 * them; the caller links them up, as Linux's init/initramfs.c does.
 */
#ifndef FS_INITRAMFS_CPIO_H
#define FS_INITRAMFS_CPIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest name accepted, with its NUL: Linux's PATH_MAX. */
#define CPIO_NAME_MAX		4096
/* buffer-format.rst: headers, names and data start on 4-byte boundaries. */
#define CPIO_ALIGN		4

/* One archive member; the pointers stay valid until the next cpio_next(). */
struct cpio_entry {
	const char *name;	/* normalized, see above */
	uint32_t ino;
	uint32_t mode;		/* file type and permission bits, as st_mode */
	uint32_t uid;
	uint32_t gid;
	uint32_t nlink;
	uint32_t mtime;
	uint32_t dev_major;	/* device holding the file (for hard links) */
	uint32_t dev_minor;
	uint32_t rdev_major;	/* the device a block/char special file is */
	uint32_t rdev_minor;
	const void *data;	/* file contents or symlink target, no NUL */
	size_t size;
};

/*
 * Iterator state, about 4 KiB for the normalized name: allocate it with
 * kmalloc() in the kernel rather than on the stack.
 */
struct cpio_iter {
	const uint8_t *buf;
	size_t len;
	size_t pos;		/* next header */
	bool done;		/* the trailer was seen */
	int err;		/* first error, sticky */
	const char *why;	/* message for err */
	char name[CPIO_NAME_MAX];
};

/*
 * Starts iterating over the archive at buf. Padding is counted from buf,
 * so buf must sit at a 4-byte aligned offset of the initramfs image.
 */
void cpio_iter_init(struct cpio_iter *it, const void *buf, size_t len);

/*
 * Fills *e with the next entry and returns 1; returns 0 once the
 * "TRAILER!!!" entry is reached (it is not reported), or a negative errno
 * with it->why set: -EINVAL for a malformed archive (bad magic, non-hex
 * field, empty or unterminated name, name or data past the end of the
 * buffer, bad 070702 checksum, ".." in a name, no trailer),
 * -ENAMETOOLONG for a name longer than CPIO_NAME_MAX. Errors are sticky.
 */
int cpio_next(struct cpio_iter *it, struct cpio_entry *e);

/*
 * After cpio_next() returned 0: the offset just past the trailer and its
 * padding, where another archive (or zero padding) may follow.
 */
size_t cpio_end(const struct cpio_iter *it);

#endif /* FS_INITRAMFS_CPIO_H */
