/* getline.c: getline(3) and getdelim(3), newlib's __getline and __getdelim under their POSIX names. */
#include <stdio.h>

ssize_t getdelim(char **__restrict line, size_t *__restrict size, int delimiter,
		 FILE *__restrict stream)
{
	return __getdelim(line, size, delimiter, stream);
}

ssize_t getline(char **__restrict line, size_t *__restrict size, FILE *__restrict stream)
{
	return __getdelim(line, size, '\n', stream);
}
