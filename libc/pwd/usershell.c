/* usershell.c: getusershell(3), setusershell, endusershell: the valid
 * login shells of /etc/shells, one path a line; lines not starting with
 * '/' (comments) are skipped. Without the file, the list is /bin/sh and
 * /bin/csh, as getusershell(3) says. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define USERSHELL_FILE	"/etc/shells"
#define USERSHELL_LINE_MAX	256

static const char *const usershell_defaults[] = { "/bin/sh", "/bin/csh", NULL };
static FILE *usershell_file;
static int usershell_default_index;
static int usershell_opened;
static char usershell_line[USERSHELL_LINE_MAX];

void setusershell(void)
{
	if (usershell_file)
		rewind(usershell_file);
	usershell_default_index = 0;
}

void endusershell(void)
{
	if (usershell_file)
		fclose(usershell_file);
	usershell_file = NULL;
	usershell_opened = 0;
	usershell_default_index = 0;
}

char *getusershell(void)
{
	if (!usershell_opened) {
		usershell_file = fopen(USERSHELL_FILE, "re");
		usershell_opened = 1;
	}
	if (!usershell_file) {
		const char *shell = usershell_defaults[usershell_default_index];

		if (shell)
			usershell_default_index++;
		return (char *)shell;
	}
	while (fgets(usershell_line, sizeof(usershell_line), usershell_file)) {
		usershell_line[strcspn(usershell_line, " \t\r\n")] = '\0';
		if (usershell_line[0] == '/')
			return usershell_line;
	}
	return NULL;
}
