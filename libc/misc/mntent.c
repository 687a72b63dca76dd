/* mntent.c: setmntent(3), getmntent, getmntent_r, addmntent, endmntent, hasmntopt over fstab(5)-format files. */
#include <errno.h>
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* getmntent's static buffer: one fstab line. */
#define MNTENT_LINE_MAX	4096

FILE *setmntent(const char *path, const char *mode)
{
	return fopen(path, mode);
}

int endmntent(FILE *file)
{
	if (file)
		fclose(file);
	return 1;	/* getmntent(3): "always returns 1" */
}

/*
 * The next whitespace-separated field, with fstab(5)'s octal escapes
 * (\040 for a space...) decoded in place; NULL when the line has no more.
 */
static char *mntent_field(char **cursor)
{
	char *start = *cursor + strspn(*cursor, " \t"), *in, *out;

	if (*start == '\0')
		return NULL;
	for (in = out = start; *in && *in != ' ' && *in != '\t'; in++) {
		if (in[0] == '\\' && in[1] >= '0' && in[1] <= '3' && in[2] >= '0' &&
		    in[2] <= '7' && in[3] >= '0' && in[3] <= '7') {
			*out++ = (char)((in[1] - '0') * 64 + (in[2] - '0') * 8 + (in[3] - '0'));
			in += 3;
		} else {
			*out++ = *in;
		}
	}
	*cursor = *in ? in + 1 : in;
	*out = '\0';
	return start;
}

struct mntent *getmntent_r(FILE *file, struct mntent *entry, char *buf, int size)
{
	char *cursor, *freq, *passno;
	size_t length;

	while (fgets(buf, size, file)) {
		length = strlen(buf);
		if (length > 0 && buf[length - 1] == '\n')
			buf[--length] = '\0';
		cursor = buf + strspn(buf, " \t");
		if (*cursor == '\0' || *cursor == '#')
			continue;	/* blank lines and comments */
		entry->mnt_fsname = mntent_field(&cursor);
		entry->mnt_dir = mntent_field(&cursor);
		entry->mnt_type = mntent_field(&cursor);
		entry->mnt_opts = mntent_field(&cursor);
		if (!entry->mnt_dir)
			continue;	/* malformed */
		if (!entry->mnt_type)
			entry->mnt_type = "";
		if (!entry->mnt_opts)
			entry->mnt_opts = "";
		freq = mntent_field(&cursor);
		passno = mntent_field(&cursor);
		entry->mnt_freq = freq ? atoi(freq) : 0;
		entry->mnt_passno = passno ? atoi(passno) : 0;
		return entry;
	}
	return NULL;
}

struct mntent *getmntent(FILE *file)
{
	static struct mntent entry;
	static char line[MNTENT_LINE_MAX];

	return getmntent_r(file, &entry, line, sizeof(line));
}

/* Writes a field with space, tab, newline and backslash escaped as fstab(5) says. */
static int mntent_put_field(FILE *file, const char *field)
{
	for (; *field; field++) {
		if (strchr(" \t\n\\", *field)) {
			if (fprintf(file, "\\%03o", (unsigned char)*field) < 0)
				return -1;
		} else if (putc(*field, file) == EOF) {
			return -1;
		}
	}
	return 0;
}

int addmntent(FILE *file, const struct mntent *entry)
{
	if (fseek(file, 0, SEEK_END) < 0 ||
	    mntent_put_field(file, entry->mnt_fsname) < 0 || putc(' ', file) == EOF ||
	    mntent_put_field(file, entry->mnt_dir) < 0 || putc(' ', file) == EOF ||
	    mntent_put_field(file, entry->mnt_type) < 0 || putc(' ', file) == EOF ||
	    mntent_put_field(file, entry->mnt_opts) < 0 ||
	    fprintf(file, " %d %d\n", entry->mnt_freq, entry->mnt_passno) < 0 ||
	    fflush(file) == EOF)
		return 1;
	return 0;
}

/* hasmntopt(3): the option as a whole word of the comma-separated list, or NULL. */
char *hasmntopt(const struct mntent *entry, const char *option)
{
	size_t length = strlen(option);
	char *p = entry->mnt_opts;

	while (p && *p) {
		if (strncmp(p, option, length) == 0 &&
		    (p[length] == '\0' || p[length] == ',' || p[length] == '='))
			return p;
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return NULL;
}
