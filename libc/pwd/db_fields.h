/* db_fields.h: splitting a database line into fields and reading numeric IDs, internal to libc/pwd. */
#ifndef BASALT_LIBC_DB_FIELDS_H
#define BASALT_LIBC_DB_FIELDS_H

#include <errno.h>
#include <stdlib.h>

/*
 * Splits s in place at each ':' into exactly count fields; returns 0, or
 * -1 if the line has another number of fields.
 */
static inline int db_split(char *s, char **fields, int count)
{
	int i = 0;

	fields[i++] = s;
	for (; *s; s++) {
		if (*s != ':')
			continue;
		if (i == count)
			return -1;
		*s = '\0';
		fields[i++] = s + 1;
	}
	return i == count ? 0 : -1;
}

/* A decimal user or group ID; -1 if the field is not one. */
static inline int db_parse_id(const char *field, unsigned int *id)
{
	char *end;
	unsigned long value;

	if (*field < '0' || *field > '9')
		return -1;
	errno = 0;
	value = strtoul(field, &end, 10);
	if (*end != '\0' || errno || value > 0xffffffffUL)
		return -1;
	*id = (unsigned int)value;
	return 0;
}

#endif /* BASALT_LIBC_DB_FIELDS_H */
