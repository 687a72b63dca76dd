/* passwd.c: getpwnam(3), getpwuid, their _r forms, getpwent, setpwent, endpwent over /etc/passwd. */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_fields.h"
#include "db_impl.h"

enum { PW_NAME, PW_PASSWD, PW_UID, PW_GID, PW_GECOS, PW_DIR, PW_SHELL, PW_FIELDS };

int passwd_from_line(const char *line, struct passwd *pw, char *buf, size_t size)
{
	size_t length = strlen(line);
	char *fields[PW_FIELDS];
	unsigned int uid, gid;
	int saved = errno;

	if (length + 1 > size)
		return ERANGE;
	memcpy(buf, line, length + 1);
	if (db_split(buf, fields, PW_FIELDS) < 0 ||
	    db_parse_id(fields[PW_UID], &uid) < 0 || db_parse_id(fields[PW_GID], &gid) < 0) {
		errno = saved;
		return EINVAL;
	}
	pw->pw_name = fields[PW_NAME];
	pw->pw_passwd = fields[PW_PASSWD];
	pw->pw_uid = uid;
	pw->pw_gid = gid;
	pw->pw_gecos = fields[PW_GECOS];
	pw->pw_comment = fields[PW_GECOS];
	pw->pw_dir = fields[PW_DIR];
	pw->pw_shell = fields[PW_SHELL];
	return 0;
}

/*
 * Scans the whole file for the entry match() accepts, parsed first into a
 * scratch copy, so that a small buffer is only an error (ERANGE) for the
 * entry asked for.
 */
static int passwd_search(int (*match)(const struct passwd *, const void *), const void *key,
			 struct passwd *pw, char *buf, size_t size, struct passwd **result)
{
	FILE *file = fopen(DB_PASSWD_PATH, "re");
	char *line = NULL, *scratch;
	size_t line_size = 0;
	struct passwd probe;
	long length;
	int error = 0, found;

	*result = NULL;
	if (!file)
		return errno;
	while ((length = db_read_line(file, &line, &line_size)) >= 0) {
		scratch = malloc(length + 1);
		if (!scratch) {
			error = ENOMEM;
			break;
		}
		found = passwd_from_line(line, &probe, scratch, length + 1) == 0 &&
			match(&probe, key);
		free(scratch);
		if (!found)
			continue;
		error = passwd_from_line(line, pw, buf, size);
		if (!error)
			*result = pw;
		break;
	}
	free(line);
	fclose(file);
	return error;
}

static int passwd_match_name(const struct passwd *pw, const void *key)
{
	return strcmp(pw->pw_name, key) == 0;
}

static int passwd_match_uid(const struct passwd *pw, const void *key)
{
	return pw->pw_uid == *(const uid_t *)key;
}

int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t size,
	       struct passwd **result)
{
	return passwd_search(passwd_match_name, name, pw, buf, size, result);
}

int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t size, struct passwd **result)
{
	return passwd_search(passwd_match_uid, &uid, pw, buf, size, result);
}

static struct passwd passwd_static;
static char passwd_buffer[DB_STATIC_BUFFER_SIZE];

/* The non-reentrant forms: NULL with errno 0 when there is no such user. */
static struct passwd *passwd_static_result(int error, struct passwd *result)
{
	if (error) {
		errno = error;
		return NULL;
	}
	return result;
}

struct passwd *getpwnam(const char *name)
{
	struct passwd *result;
	int error = getpwnam_r(name, &passwd_static, passwd_buffer, sizeof(passwd_buffer),
			       &result);

	return passwd_static_result(error, result);
}

struct passwd *getpwuid(uid_t uid)
{
	struct passwd *result;
	int error = getpwuid_r(uid, &passwd_static, passwd_buffer, sizeof(passwd_buffer),
			       &result);

	return passwd_static_result(error, result);
}

/* getpwent(3): the entries in file order, from an open stream. */
static FILE *passwd_stream;
static char *passwd_line;
static size_t passwd_line_size;

void setpwent(void)
{
	if (passwd_stream)
		rewind(passwd_stream);
}

void endpwent(void)
{
	if (passwd_stream)
		fclose(passwd_stream);
	passwd_stream = NULL;
}

struct passwd *getpwent(void)
{
	if (!passwd_stream) {
		passwd_stream = fopen(DB_PASSWD_PATH, "re");
		if (!passwd_stream)
			return NULL;
	}
	while (db_read_line(passwd_stream, &passwd_line, &passwd_line_size) >= 0) {
		if (passwd_from_line(passwd_line, &passwd_static, passwd_buffer,
				     sizeof(passwd_buffer)) == 0)
			return &passwd_static;
	}
	return NULL;
}
