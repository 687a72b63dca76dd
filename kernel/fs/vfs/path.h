/*
 * path.h: splitting a path into its components (path.c); pure, so the
 * host unit test can run it. Part of the interface fs/vfs.h lists.
 */
#ifndef FS_VFS_PATH_H
#define FS_VFS_PATH_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Skips slashes at *p and returns the length of the component that
 * follows (0 at the end of the path); *name points at it and *p moves
 * past it. "a//b/" yields "a", "b", then 0.
 */
size_t vfs_path_next(const char **p, const char **name);
/* Whether only slashes (or nothing) remain at p. */
bool vfs_path_at_end(const char *p);
bool vfs_path_is_dot(const char *name, size_t len);
bool vfs_path_is_dotdot(const char *name, size_t len);
/*
 * The last component of path (trailing slashes ignored): offset and
 * length; len 0 if the path is empty or only slashes.
 */
void vfs_path_last(const char *path, size_t *off, size_t *len);

#endif /* FS_VFS_PATH_H */
