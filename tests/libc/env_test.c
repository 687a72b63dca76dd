/* env_test.c: clearenv, putenv (with glibc's unset form), getcwd(NULL, 0),
 * mkdtemp, getusershell: the pieces BusyBox's env, ash and mktemp use. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tap.h"

extern char **environ;

static void test_environment(void)
{
	static char only[] = "ONLY=1";
	static char gone[] = "ONLY";
	int count = 0;

	tap_ok(setenv("BASALT_A", "1", 1) == 0, "setenv before clearenv");
	tap_ok(clearenv() == 0 && (environ == NULL || environ[0] == NULL) &&
	       getenv("BASALT_A") == NULL, "clearenv empties the environment");
	/* Twice, as BusyBox's ash then its env applet do in one process. */
	tap_ok(setenv("BASALT_B", "2", 1) == 0 && clearenv() == 0 &&
	       putenv(only) == 0 && strcmp(getenv("ONLY"), "1") == 0,
	       "setenv, clearenv again, then putenv");
	for (char **e = environ; *e; e++)
		count++;
	tap_ok(count == 1, "the environment has just that one variable (%d)", count);
	tap_ok(putenv(gone) == 0 && getenv("ONLY") == NULL,
	       "putenv of a name without '=' unsets it (glibc)");
}

static void test_getcwd_alloc(void)
{
	char buf[256];
	char *cwd = getcwd(NULL, 0);

	tap_ok(cwd != NULL && getcwd(buf, sizeof(buf)) && strcmp(cwd, buf) == 0,
	       "getcwd(NULL, 0) allocates the path");
	free(cwd);
}

static void test_mkdtemp(void)
{
	char dir[] = "/tmp/basalt-mkdtemp-XXXXXX";
	struct stat st;

	tap_ok(mkdtemp(dir) != NULL && stat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
	       (st.st_mode & 0777) == 0700, "mkdtemp makes a 0700 directory");
	rmdir(dir);
}

static void test_usershell(void)
{
	char *shell;
	int absolute = 1, seen = 0;

	setusershell();
	while ((shell = getusershell()) != NULL) {
		seen++;
		absolute &= shell[0] == '/';
	}
	endusershell();
	tap_ok(seen > 0 && absolute, "getusershell lists absolute paths (%d)", seen);
}

int main(void)
{
	tap_plan(8);
	test_environment();
	test_getcwd_alloc();
	test_mkdtemp();
	test_usershell();
	return tap_done();
}
