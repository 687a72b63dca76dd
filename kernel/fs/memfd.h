/* memfd.h: memfd_create(2)'s files and their seals (memfd.c). */
#ifndef FS_MEMFD_H
#define FS_MEMFD_H

struct file;

/*
 * fcntl(2) F_ADD_SEALS and F_GET_SEALS on f: the seals (F_GET_SEALS), 0,
 * or -EINVAL for a file that cannot be sealed, -EPERM, -EBUSY as Linux's
 * memfd_fcntl.
 */
long memfd_fcntl(struct file *f, unsigned cmd, unsigned long arg);

/*
 * An unlinked memfd for a kernel user (System V shared memory), open
 * read-write in *out, sealed against new seals: 0 or -ENOMEM, -EINVAL.
 */
int memfd_file_kernel(const char *name, struct file **out);

#endif /* FS_MEMFD_H */
