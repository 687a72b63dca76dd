/*
 * abi-init.c: PID 1 of the tests/abi initramfs. Runs every program named
 * in /abi/list (one per line) as a child, between marker lines that
 * tests/qemu/run-abi-basalt.sh reads back from the serial console:
 *
 *   ### abi: NAME            the program's own TAP follows
 *   ### abi-exit: NAME N     its wait(2) status
 *   ### abi: done            every program ran
 *
 * then powers the machine off. Built with the host gcc -static, so it is
 * itself an unmodified Linux program exercising fork, execve and wait4.
 * The same initramfs boots Debian's Linux (make test's abi-linux, the
 * reference): there PID 1 mounts devtmpfs and devpts itself, which
 * Basalt's kernel provides.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>
#include "init_devices.h"

#define ABI_DIR		"/abi/"
#define ABI_LIST	ABI_DIR "list"
#define ABI_NAME_MAX	64

static void run_one(const char *name)
{
	char path[sizeof(ABI_DIR) + ABI_NAME_MAX];
	int status = -1;
	pid_t pid;

	snprintf(path, sizeof(path), "%s%s", ABI_DIR, name);
	printf("### abi: %s\n", name);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		/* argv[0] is the path, as a shell running it by path gives. */
		char *const argv[] = { path, NULL };
		char *const envp[] = { "PATH=/bin", "HOME=/", NULL };

		execve(path, argv, envp);
		perror("abi-init: execve");
		_exit(127);
	}
	if (pid < 0)
		perror("abi-init: fork");
	else if (waitpid(pid, &status, 0) != pid)
		perror("abi-init: waitpid");
	printf("### abi-exit: %s %d\n", name, status);
	fflush(stdout);
}

int main(void)
{
	char name[ABI_NAME_MAX];
	FILE *list;

	init_devices();
	/* Programs may look at /proc/self (the directory is in the archive). */
	if (mount("proc", "/proc", "proc", 0, NULL))
		perror("abi-init: mount /proc");
	list = fopen(ABI_LIST, "r");

	if (!list) {
		perror("abi-init: " ABI_LIST);
	} else {
		while (fgets(name, sizeof(name), list)) {
			name[strcspn(name, "\n")] = '\0';
			if (name[0])
				run_one(name);
		}
		fclose(list);
	}
	printf("### abi: done\n");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	perror("abi-init: reboot");
	for (;;)
		pause();
}
