/*
 * bench_configure.h: the configure row of make bench (issue 20), part of
 * bench-init.c. run-bench.sh attaches a second NVMe disk (made by
 * tests/bench/mkconfigure.sh, QEMU's snapshot=on so it stays as built):
 * an ext2 root of Debian's own C compiler, binutils, libc6-dev, dash and
 * the tools GNU configure scripts run, with the dosfstools port's source
 * in /src/dosfstools. The row chroots there and runs its configure
 * script (about 90 checks, 80 of them compiling and linking with gcc):
 * fork, exec of dynamically linked programs, pipes, small files on ext2.
 *
 *   configure_dosfstools   one ./configure run, from start to exit
 *
 * A kernel that cannot mount the disk prints "skipped"; a configure
 * that fails prints its last lines and "failed".
 */
#ifndef TESTS_BENCH_BENCH_CONFIGURE_H
#define TESTS_BENCH_BENCH_CONFIGURE_H

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define BENCH_CONF_DEV		"/dev/nvme1n1"
#define BENCH_CONF_MNT		"/mnt/gcc"
#define BENCH_CONF_SRC		"/src/dosfstools"
#define BENCH_CONF_LOG		"/tmp/configure.out"	/* inside the chroot */
#define BENCH_CONF_WAIT_S	30
#define BENCH_CONF_TAIL		4096			/* bytes of the log shown on failure */

static const char *bench_conf_why = "no " BENCH_CONF_DEV;

/* The chroot: runs configure with its output in BENCH_CONF_LOG. */
static void bench_conf_child(void)
{
	char *const argv[] = { "/bin/sh", "./configure", "--quiet", "--without-iconv", NULL };
	char *const envp[] = { "PATH=/usr/bin:/bin", "HOME=/", "LC_ALL=C", NULL };
	int fd;

	if (chroot(BENCH_CONF_MNT) || chdir(BENCH_CONF_SRC))
		_exit(126);
	fd = open(BENCH_CONF_LOG, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
		_exit(126);
	execve(argv[0], argv, envp);
	_exit(127);
}

/* Prints the end of configure's output (a failure's reason). */
static void bench_conf_show_log(void)
{
	static char tail[BENCH_CONF_TAIL + 1];
	int fd = open(BENCH_CONF_MNT BENCH_CONF_LOG, O_RDONLY);
	off_t size;
	ssize_t got;

	if (fd < 0)
		return;
	size = lseek(fd, 0, SEEK_END);
	lseek(fd, size > BENCH_CONF_TAIL ? size - BENCH_CONF_TAIL : 0, SEEK_SET);
	got = read(fd, tail, BENCH_CONF_TAIL);
	close(fd);
	if (got > 0) {
		tail[got] = '\0';
		printf("bench-init: configure's output ends:\n%s\n", tail);
	}
}

static int bench_configure(unsigned n)
{
	struct stat st;
	int rc = 0;

	for (int waited = 0; stat(BENCH_CONF_DEV, &st); waited++) {
		if (waited == BENCH_CONF_WAIT_S)
			return BENCH_DISK_SKIP;
		sleep(1);
	}
	mkdir("/mnt", 0755);
	mkdir(BENCH_CONF_MNT, 0755);
	if (mount(BENCH_CONF_DEV, BENCH_CONF_MNT, "ext2", 0, NULL)) {
		bench_conf_why = errno == ENODEV ? "no ext2 in this kernel" : strerror(errno);
		return BENCH_DISK_SKIP;
	}
	/* configure writes to /dev/null and may read /proc. */
	if (mount("devtmpfs", BENCH_CONF_MNT "/dev", "devtmpfs", 0, NULL) ||
	    mount("proc", BENCH_CONF_MNT "/proc", "proc", 0, NULL))
		rc = -1;
	for (unsigned i = 0; i < n && rc == 0; i++) {
		pid_t pid = fork();
		int status;

		if (pid == 0)
			bench_conf_child();
		if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0) {
			bench_conf_show_log();
			rc = -1;
		}
	}
	umount(BENCH_CONF_MNT "/proc");
	umount(BENCH_CONF_MNT "/dev");
	if (umount(BENCH_CONF_MNT))
		rc = -1;
	return rc;
}

#endif /* TESTS_BENCH_BENCH_CONFIGURE_H */
