/*
 * sys_openat2.c: openat2(2), openat(2) with an extensible argument
 * struct (struct open_how) that checks every argument and restricts
 * path resolution (RESOLVE_*; namei.c does the walk).
 *
 * Argument checks, in Linux's order (fs/open.c build_open_flags and
 * openat2; lib/usercopy.c copy_struct_from_user):
 *   size < OPEN_HOW_SIZE_VER0                        EINVAL
 *   struct unreadable                                EFAULT
 *   size > sizeof(struct open_how), non-zero tail    E2BIG
 *   unknown O_* bit (any of the upper 32 too)        EINVAL
 *   unknown RESOLVE_* bit                            EINVAL
 *   RESOLVE_BENEATH with RESOLVE_IN_ROOT             EINVAL
 *   mode without O_CREAT/O_TMPFILE, or not S_IALLUGO EINVAL
 *   O_TMPFILE without O_DIRECTORY or write access    EINVAL
 *   O_PATH with flags other than O_PATH_FLAGS        EINVAL
 *   RESOLVE_CACHED with O_CREAT/O_TRUNC/O_TMPFILE    EAGAIN
 */
#include <basalt/syscalls.h>
#include <basalt/string.h>
#include <fs/file.h>
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/openat2.h>

/* Linux's VALID_OPEN_FLAGS (include/linux/fcntl.h). */
#define OPENAT2_VALID_FLAGS	(O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | \
				 O_APPEND | O_NONBLOCK | O_SYNC | O_DSYNC | O_ASYNC | \
				 O_DIRECT | O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | \
				 O_NOATIME | O_CLOEXEC | O_PATH | O_TMPFILE)
/* The flags O_PATH may come with (fs/internal.h O_PATH_FLAGS). */
#define OPENAT2_PATH_FLAGS	(O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC)
#define OPENAT2_VALID_RESOLVE	(RESOLVE_NO_XDEV | RESOLVE_NO_MAGICLINKS | \
				 RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH | \
				 RESOLVE_IN_ROOT | RESOLVE_CACHED)
#define OPENAT2_MODE_BITS	07777u	/* S_IALLUGO */
#define OPENAT2_TAIL_CHUNK	64	/* bytes of the tail checked per copy */
#define OPENAT2_O_TMPFILE_BIT	020000000u	/* __O_TMPFILE alone */

/*
 * copy_struct_from_user: the first min(size, sizeof) bytes, zeros for a
 * shorter struct, and a longer one only if the bytes it adds are zero
 * (E2BIG: they ask for something this kernel does not know).
 */
static int openat2_copy_how(struct open_how *how, const void __user *uhow, size_t usize)
{
	uint8_t chunk[OPENAT2_TAIL_CHUNK];
	size_t off = sizeof(*how);
	int err;

	memset(how, 0, sizeof(*how));
	while (off < usize) {
		size_t n = usize - off < sizeof(chunk) ? usize - off : sizeof(chunk);

		err = copy_from_user(chunk, (const uint8_t __user *)uhow + off, n);
		if (err)
			return err;
		for (size_t i = 0; i < n; i++)
			if (chunk[i])
				return -E2BIG;
		off += n;
	}
	return copy_from_user(how, uhow, usize < sizeof(*how) ? usize : sizeof(*how));
}

/* build_open_flags's checks; the LOOKUP_* restrictions in *rflags. */
static int openat2_check(const struct open_how *how, unsigned *rflags)
{
	uint64_t flags = how->flags;

	if (flags & ~(uint64_t)OPENAT2_VALID_FLAGS)
		return -EINVAL;
	if (how->resolve & ~(uint64_t)OPENAT2_VALID_RESOLVE)
		return -EINVAL;
	if ((how->resolve & RESOLVE_BENEATH) && (how->resolve & RESOLVE_IN_ROOT))
		return -EINVAL;
	if (flags & (O_CREAT | OPENAT2_O_TMPFILE_BIT)) {
		if (how->mode & ~(uint64_t)OPENAT2_MODE_BITS)
			return -EINVAL;
	} else if (how->mode) {
		return -EINVAL;
	}
	if (flags & OPENAT2_O_TMPFILE_BIT) {
		if ((flags & O_TMPFILE) != O_TMPFILE || (flags & O_ACCMODE) == O_RDONLY)
			return -EINVAL;
	}
	if ((flags & O_PATH) && (flags & ~(uint64_t)OPENAT2_PATH_FLAGS))
		return -EINVAL;
	*rflags = 0;
	if (how->resolve & RESOLVE_NO_XDEV)
		*rflags |= LOOKUP_NO_XDEV;
	if (how->resolve & RESOLVE_NO_MAGICLINKS)
		*rflags |= LOOKUP_NO_MAGICLINKS;
	if (how->resolve & RESOLVE_NO_SYMLINKS)
		*rflags |= LOOKUP_NO_SYMLINKS;
	if (how->resolve & RESOLVE_BENEATH)
		*rflags |= LOOKUP_BENEATH;
	if (how->resolve & RESOLVE_IN_ROOT)
		*rflags |= LOOKUP_IN_ROOT;
	if (how->resolve & RESOLVE_CACHED) {
		/* Creating or truncating always needs more than the cache. */
		if (flags & (O_TRUNC | O_CREAT | OPENAT2_O_TMPFILE_BIT))
			return -EAGAIN;
		*rflags |= LOOKUP_CACHED;
	}
	return 0;
}

/*
 * The open from dirfd: the start directory is dirfd's (or the cwd's)
 * and, for a scoped lookup, also its root. An absolute path without a
 * scope starts at the process's root as openat(2)'s does.
 */
static int openat2_open(int dirfd, const char *path, int flags, unsigned mode,
			unsigned rflags, struct file **out)
{
	struct fs_context *c = fs_context_of_current();
	struct file *held = NULL;
	struct path start = { 0 };
	bool scoped = rflags & LOOKUP_SCOPED;
	int err;

	if (path[0] == '/' && !scoped)
		return vfs_open_scoped(NULL, NULL, path, flags, mode, rflags, out);
	if (dirfd == AT_FDCWD) {
		if (!c)
			return -ENOENT;
		fs_context_paths(c, NULL, &start);
	} else {
		held = fd_get(dirfd);
		if (!held)
			return -EBADF;
		if (!held->dentry || !S_ISDIR(held->inode->mode)) {
			file_put(held);
			return -ENOTDIR;
		}
		start.mnt = held->mnt;
		start.dentry = held->dentry;
		path_get(&start);
	}
	err = vfs_open_scoped(&start, scoped ? &start : NULL, path, flags, mode, rflags, out);
	path_put(&start);
	if (held)
		file_put(held);
	return err;
}

SYSCALL_DEFINE4(openat2, int, dfd, const char __user *, filename,
		const struct open_how __user *, uhow, size_t, usize)
{
	struct open_how how;
	struct file *file;
	unsigned rflags;
	char *path;
	int err, fd;

	if (usize < OPEN_HOW_SIZE_VER0)
		return -EINVAL;
	err = openat2_copy_how(&how, uhow, usize);
	if (!err)
		err = openat2_check(&how, &rflags);
	if (err)
		return err;
	err = user_path_get(filename, &path);
	if (err)
		return err;
	err = openat2_open(dfd, path, (int)how.flags, (unsigned)how.mode, rflags, &file);
	user_path_put(path);
	if (err)
		return err;
	fd = fd_install(file, (how.flags & O_CLOEXEC) ? FD_CLOEXEC_FLAG : 0);
	if (fd < 0)
		file_put(file);
	return fd;
}
