/* db_impl.h: reading colon-separated database files (/etc/passwd, /etc/group), internal to libc/pwd. */
#ifndef BASALT_LIBC_DB_IMPL_H
#define BASALT_LIBC_DB_IMPL_H

#include <grp.h>
#include <pwd.h>
#include <stdio.h>

#define DB_PASSWD_PATH	"/etc/passwd"
#define DB_GROUP_PATH	"/etc/group"

/* Buffer size for the non-reentrant calls (getpwnam...). */
#define DB_STATIC_BUFFER_SIZE	4096

/*
 * Reads the next line of a database (without its newline) into a buffer
 * that grows with malloc. Returns its length, or -1 at the end or on error.
 */
long db_read_line(FILE *file, char **line, size_t *size);

/*
 * Fills *pw from one passwd(5) line (name:password:uid:gid:gecos:dir:shell),
 * its strings copied into buf. Returns 0, ERANGE if buf is too small, or
 * EINVAL if the line is malformed (callers skip it). (passwd.c)
 */
int passwd_from_line(const char *line, struct passwd *pw, char *buf, size_t size);

/* The same for a group(5) line (name:password:gid:member,member...). (group.c) */
int group_from_line(const char *line, struct group *gr, char *buf, size_t size);

#endif /* BASALT_LIBC_DB_IMPL_H */
