/* glob_test.c: fnmatch, glob, globfree, regcomp/regexec, popen/pclose. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <fnmatch.h>
#include <glob.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define PATH_SIZE 128
#define BUF_SIZE 64

static void test_fnmatch(void)
{
	tap_ok(fnmatch("*.c", "main.c", 0) == 0 && fnmatch("*.c", "main.h", 0) == FNM_NOMATCH,
	       "fnmatch *");
	tap_ok(fnmatch("a?c", "abc", 0) == 0 && fnmatch("[a-c]x", "bx", 0) == 0 &&
	       fnmatch("[!a-c]x", "bx", 0) == FNM_NOMATCH, "fnmatch ? and brackets");
	tap_ok(fnmatch("*", "dir/file", FNM_PATHNAME) == FNM_NOMATCH &&
	       fnmatch("*/*", "dir/file", FNM_PATHNAME) == 0, "FNM_PATHNAME");
	tap_ok(fnmatch("*", ".hidden", FNM_PERIOD) == FNM_NOMATCH && fnmatch("*", ".hidden", 0) == 0,
	       "FNM_PERIOD");
	tap_ok(fnmatch("\\*", "*", 0) == 0 && fnmatch("\\*", "\\*", FNM_NOESCAPE) == 0,
	       "backslash escapes, FNM_NOESCAPE");
	tap_ok(fnmatch("ABC", "abc", FNM_CASEFOLD) == 0, "FNM_CASEFOLD");
}

static void test_glob(void)
{
	char dir[PATH_SIZE], path[PATH_SIZE * 2], pattern[PATH_SIZE * 2];
	const char *files[] = { "b.txt", "a.txt", "c.log", "star*" };
	glob_t g;
	size_t i;
	int ret;

	snprintf(dir, sizeof(dir), "/tmp/basalt-glob.%d", (int)getpid());
	mkdir(dir, 0755);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		close(open(path, O_CREAT | O_WRONLY, 0644));
	}
	snprintf(path, sizeof(path), "%s/sub", dir);
	mkdir(path, 0755);

	snprintf(pattern, sizeof(pattern), "%s/*.txt", dir);
	ret = glob(pattern, 0, NULL, &g);
	tap_ok(ret == 0 && g.gl_pathc == 2 && strstr(g.gl_pathv[0], "/a.txt") &&
	       strstr(g.gl_pathv[1], "/b.txt") && g.gl_pathv[2] == NULL, "glob: sorted matches");
	snprintf(pattern, sizeof(pattern), "%s/*.log", dir);
	ret = glob(pattern, GLOB_APPEND, NULL, &g);
	tap_ok(ret == 0 && g.gl_pathc == 3 && strstr(g.gl_pathv[2], "/c.log"), "GLOB_APPEND");
	globfree(&g);

	snprintf(pattern, sizeof(pattern), "%s/*.none", dir);
	tap_ok(glob(pattern, 0, NULL, &g) == GLOB_NOMATCH, "no match: GLOB_NOMATCH");
	globfree(&g);
	tap_ok(glob(pattern, GLOB_NOCHECK, NULL, &g) == 0 && g.gl_pathc == 1 &&
	       strcmp(g.gl_pathv[0], pattern) == 0, "GLOB_NOCHECK returns the pattern");
	globfree(&g);

	snprintf(pattern, sizeof(pattern), "%s/s*", dir);
	tap_ok(glob(pattern, GLOB_MARK, NULL, &g) == 0 && g.gl_pathc == 2 &&
	       strstr(g.gl_pathv[1], "/sub/"), "GLOB_MARK marks directories");
	globfree(&g);

	snprintf(pattern, sizeof(pattern), "%s/star\\*", dir);
	tap_ok(glob(pattern, 0, NULL, &g) == 0 && g.gl_pathc == 1 &&
	       strstr(g.gl_pathv[0], "/star*"), "a backslash quotes a metacharacter");
	globfree(&g);

	g.gl_offs = 2;
	snprintf(pattern, sizeof(pattern), "%s/?.txt", dir);
	tap_ok(glob(pattern, GLOB_DOOFFS, NULL, &g) == 0 && g.gl_pathv[0] == NULL &&
	       g.gl_pathv[1] == NULL && g.gl_pathv[2] != NULL, "GLOB_DOOFFS");
	globfree(&g);

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/sub", dir);
	rmdir(path);
	rmdir(dir);
}

static void test_regex_popen(void)
{
	regmatch_t match[2];
	char buf[BUF_SIZE];
	regex_t re;
	FILE *pipe;

	tap_ok(regcomp(&re, "b([0-9]+)", REG_EXTENDED) == 0 &&
	       regexec(&re, "ab123c", 2, match, 0) == 0 && match[1].rm_so == 2 &&
	       match[1].rm_eo == 5, "regcomp/regexec with a group");
	tap_ok(regexec(&re, "abc", 0, NULL, 0) == REG_NOMATCH, "REG_NOMATCH");
	regfree(&re);

	pipe = popen("echo basalt", "r");
	tap_ok(pipe && fgets(buf, sizeof(buf), pipe) && strcmp(buf, "basalt\n") == 0,
	       "popen reads a command's output");
	tap_ok(pipe && pclose(pipe) == 0, "pclose returns its status");
	pipe = popen("exit 3", "r");
	tap_ok(pipe && WEXITSTATUS(pclose(pipe)) == 3, "pclose: exit status 3");
}

int main(void)
{
	tap_plan(18);
	test_fnmatch();
	test_glob();
	test_regex_popen();
	return tap_done();
}
