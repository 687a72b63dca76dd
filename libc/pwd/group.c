/* group.c: getgrnam(3), getgrgid, their _r forms, getgrent, setgrent, endgrent over /etc/group. */
#include <errno.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_fields.h"
#include "db_impl.h"

enum { GR_NAME, GR_PASSWD, GR_GID, GR_MEMBERS, GR_FIELDS };

/*
 * buf holds the member pointer array (aligned, first) and then the line's
 * strings: members are split at ',' in place, an empty list gives none.
 */
int group_from_line(const char *line, struct group *gr, char *buf, size_t size)
{
	size_t length = strlen(line), members = 1, pointers, i;
	char *fields[GR_FIELDS], *strings, *member, **list;
	unsigned int gid;
	uintptr_t align;
	int saved = errno;

	for (i = 0; i < length; i++)
		members += line[i] == ',';
	align = (sizeof(char *) - (uintptr_t)buf % sizeof(char *)) % sizeof(char *);
	pointers = (members + 1) * sizeof(char *);
	if (align + pointers + length + 1 > size)
		return ERANGE;
	list = (char **)(buf + align);
	strings = buf + align + pointers;
	memcpy(strings, line, length + 1);
	if (db_split(strings, fields, GR_FIELDS) < 0 || db_parse_id(fields[GR_GID], &gid) < 0) {
		errno = saved;
		return EINVAL;
	}
	i = 0;
	member = fields[GR_MEMBERS];
	while (*member) {
		list[i++] = member;
		member = strchr(member, ',');
		if (!member)
			break;
		*member++ = '\0';
	}
	list[i] = NULL;
	gr->gr_name = fields[GR_NAME];
	gr->gr_passwd = fields[GR_PASSWD];
	gr->gr_gid = gid;
	gr->gr_mem = list;
	return 0;
}

/* As passwd_search: parse into scratch space, then into the caller's buffer. */
static int group_search(int (*match)(const struct group *, const void *), const void *key,
			struct group *gr, char *buf, size_t size, struct group **result)
{
	FILE *file = fopen(DB_GROUP_PATH, "re");
	char *line = NULL, *scratch;
	size_t line_size = 0, scratch_size;
	struct group probe;
	long length;
	int error = 0, found;

	*result = NULL;
	if (!file)
		return errno;
	while ((length = db_read_line(file, &line, &line_size)) >= 0) {
		/* Room for the strings and a pointer per byte, more than enough. */
		scratch_size = (length + 2) * (sizeof(char *) + 1);
		scratch = malloc(scratch_size);
		if (!scratch) {
			error = ENOMEM;
			break;
		}
		found = group_from_line(line, &probe, scratch, scratch_size) == 0 &&
			match(&probe, key);
		free(scratch);
		if (!found)
			continue;
		error = group_from_line(line, gr, buf, size);
		if (!error)
			*result = gr;
		break;
	}
	free(line);
	fclose(file);
	return error;
}

static int group_match_name(const struct group *gr, const void *key)
{
	return strcmp(gr->gr_name, key) == 0;
}

static int group_match_gid(const struct group *gr, const void *key)
{
	return gr->gr_gid == *(const gid_t *)key;
}

int getgrnam_r(const char *name, struct group *gr, char *buf, size_t size,
	       struct group **result)
{
	return group_search(group_match_name, name, gr, buf, size, result);
}

int getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t size, struct group **result)
{
	return group_search(group_match_gid, &gid, gr, buf, size, result);
}

static struct group group_static;
static char group_buffer[DB_STATIC_BUFFER_SIZE];

static struct group *group_static_result(int error, struct group *result)
{
	if (error) {
		errno = error;
		return NULL;
	}
	return result;
}

struct group *getgrnam(const char *name)
{
	struct group *result;
	int error = getgrnam_r(name, &group_static, group_buffer, sizeof(group_buffer),
			       &result);

	return group_static_result(error, result);
}

struct group *getgrgid(gid_t gid)
{
	struct group *result;
	int error = getgrgid_r(gid, &group_static, group_buffer, sizeof(group_buffer),
			       &result);

	return group_static_result(error, result);
}

static FILE *group_stream;
static char *group_line;
static size_t group_line_size;

void setgrent(void)
{
	if (group_stream)
		rewind(group_stream);
}

void endgrent(void)
{
	if (group_stream)
		fclose(group_stream);
	group_stream = NULL;
}

struct group *getgrent(void)
{
	if (!group_stream) {
		group_stream = fopen(DB_GROUP_PATH, "re");
		if (!group_stream)
			return NULL;
	}
	while (db_read_line(group_stream, &group_line, &group_line_size) >= 0) {
		if (group_from_line(group_line, &group_static, group_buffer,
				    sizeof(group_buffer)) == 0)
			return &group_static;
	}
	return NULL;
}
