/* db_file.c: line reading and field splitting shared by the passwd and group databases. */
#include <stdio.h>

#include "db_impl.h"

long db_read_line(FILE *file, char **line, size_t *size)
{
	ssize_t length = getline(line, size, file);

	if (length < 0)
		return -1;
	if (length > 0 && (*line)[length - 1] == '\n')
		(*line)[--length] = '\0';
	return length;
}
