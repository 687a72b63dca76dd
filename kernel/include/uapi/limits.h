/*
 * limits.h: the path limits of Linux's include/uapi/linux/limits.h
 * (path_resolution(7), symlink(7)).
 */
#ifndef UAPI_LIMITS_H
#define UAPI_LIMITS_H

#define NAME_MAX	255	/* bytes in a path component, without the NUL */
#define PATH_MAX	4096	/* bytes in a path, with its NUL */
/* Symbolic links followed in one lookup before ELOOP (Linux's MAXSYMLINKS). */
#define SYMLOOP_MAX	40

#endif /* UAPI_LIMITS_H */
