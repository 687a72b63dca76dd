/*
 * text_shared.c: two processes running one program map its text from
 * the same file at the same offsets, as /proc/PID/maps shows on Linux
 * (proc(5): address, perms, offset, dev, inode, path): the parent and a
 * child that re-executes /proc/self/exe each list their executable
 * mappings of the program; the lists (perms, offset, device, inode,
 * path) are equal, the inode is the program's (stat), and the text is
 * mapped from the file (offset and inode set), not anonymous memory.
 *
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "abi_tap.h"

#define PLAN		5
#define LIST_MAX	4096
#define LINE_MAX_LEN	512

/*
 * Writes to out the maps lines of the program that are executable,
 * without their addresses (which differ with ASLR): "perms off dev inode path".
 */
static int exec_maps(const char *exe, char *out, size_t size, unsigned long *inode)
{
	FILE *f = fopen("/proc/self/maps", "r");
	char line[LINE_MAX_LEN];
	size_t used = 0;
	int n = 0;

	if (!f)
		return -1;
	out[0] = '\0';
	while (fgets(line, sizeof(line), f)) {
		char perms[8], dev[16], path[LINE_MAX_LEN] = "";
		unsigned long start, end, off, ino;

		if (sscanf(line, "%lx-%lx %7s %lx %15s %lu %511s", &start, &end, perms, &off, dev,
			   &ino, path) < 6)
			continue;
		if (strcmp(path, exe) || perms[2] != 'x')
			continue;
		used += (size_t)snprintf(out + used, size - used, "%s %lx %s %lu %s\n", perms, off,
					 dev, ino, path);
		if (used >= size)
			break;
		*inode = ino;
		n++;
	}
	fclose(f);
	return n;
}

int main(int argc, char **argv)
{
	static char mine[LIST_MAX], theirs[LIST_MAX];
	char exe[LINE_MAX_LEN];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	unsigned long ino = 0, child_ino = 0;
	struct stat st;
	int p[2], status, n;
	pid_t pid = -1;

	if (len <= 0)
		return 1;
	exe[len] = '\0';
	if (argc > 1 && !strcmp(argv[1], "child")) {
		n = exec_maps(exe, mine, sizeof(mine), &child_ino);
		return n > 0 && write(1, mine, strlen(mine)) == (ssize_t)strlen(mine) ? 0 : 1;
	}
	tap_plan(PLAN);
	n = exec_maps(exe, mine, sizeof(mine), &ino);
	check(n > 0, "the program's text is in /proc/self/maps (%d executable mappings)", n);
	check(stat(exe, &st) == 0 && st.st_ino == ino, "with the program's inode (%lu)", ino);
	fflush(stdout);
	if (pipe(p) == 0)
		pid = fork();
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		execl(exe, exe, "child", (char *)NULL);
		_exit(127);
	}
	check(pid > 0, "a child");
	if (pid < 0)
		return tap_done();
	close(p[1]);
	len = 0;
	for (ssize_t r; (r = read(p[0], theirs + len, sizeof(theirs) - 1 - (size_t)len)) > 0;)
		len += r;
	theirs[len > 0 ? len : 0] = '\0';
	close(p[0]);
	check(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && !WEXITSTATUS(status),
	      "the child running the same program lists its own");
	check(!strcmp(mine, theirs), "both map the text from the same file at the same offsets");
	if (strcmp(mine, theirs))
		printf("# parent:\n%s# child:\n%s", mine, theirs);
	return tap_done();
}
