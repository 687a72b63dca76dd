/*
 * pipes.c: pipe(2)/pipe2(2): data in order, EOF, EPIPE (SIGPIPE ignored)
 * and death by SIGPIPE, O_NONBLOCK's EAGAIN on both ends, PIPE_BUF
 * atomicity with two concurrent writers, a large transfer, ESPIPE,
 * fstat, F_GETPIPE_SZ. Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "abi_tap.h"

#define PLAN		22
#define ATOMIC_MSGS	64	/* PIPE_BUF messages per writer */
#define BIG_BYTES	(1024 * 1024)
#define LINUX_PIPE_DEFAULT	65536	/* pipe(7): 16 pages since 2.6.11 */

/* Reads exactly len bytes unless EOF or an error comes first. */
static ssize_t read_full(int fd, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = read(fd, (char *)buf + done, len - done);

		if (n <= 0)
			return n < 0 ? n : (ssize_t)done;
		done += (size_t)n;
	}
	return (ssize_t)done;
}

static void atomic_writer(int fd, char id)
{
	char msg[PIPE_BUF];

	memset(msg, id, sizeof(msg));
	for (int i = 0; i < ATOMIC_MSGS; i++)
		if (write(fd, msg, sizeof(msg)) != sizeof(msg))
			_exit(1);
	_exit(0);
}

/* Named pipes (fifo(7)): the opening rules and data between processes. */
static void fifo_checks(void)
{
	char path[] = "/tmp/abi-fifo-XXXXXX";
	char buf[16] = { 0 };
	int status = -1, fd, rw;
	pid_t pid;

	if (!mkdtemp(path)) {
		check(0, "mkdtemp for the FIFO checks");
		return;
	}
	strcat(path, "/f");
	check(mkfifo(path, 0600) == 0, "mkfifo");
	errno = 0;
	check(open(path, O_WRONLY | O_NONBLOCK) == -1 && errno == ENXIO,
	      "O_WRONLY|O_NONBLOCK open with no reader: ENXIO");
	rw = open(path, O_RDWR);
	check(rw >= 0, "O_RDWR open does not wait");
	close(rw);
	pid = fork();
	if (pid == 0) {
		/* Waits for the parent's reader, then writes and closes. */
		int w = open(path, O_WRONLY);

		_exit(w < 0 || write(w, "through", 7) != 7);
	}
	fd = open(path, O_RDONLY);	/* waits for the child's writer */
	check(fd >= 0 && read(fd, buf, sizeof(buf)) == 7 && !memcmp(buf, "through", 7),
	      "a reader and a writer process meet through the FIFO");
	check(fd >= 0 && read(fd, buf, sizeof(buf)) == 0, "EOF once the writer closed");
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the writer child succeeded");
	close(fd);
	unlink(path);
	path[strlen(path) - 2] = '\0';
	rmdir(path);
}

int main(void)
{
	int p[2], status, cap;
	char buf[64];
	struct stat st;
	pid_t pid;

	tap_plan(PLAN);
	check(pipe2(p, O_CLOEXEC) == 0 && fcntl(p[0], F_GETFD) == FD_CLOEXEC &&
	      fcntl(p[1], F_GETFD) == FD_CLOEXEC, "pipe2(O_CLOEXEC) sets FD_CLOEXEC on both ends");
	close(p[0]);
	close(p[1]);
	errno = 0;
	check(pipe2(p, 0x1) == -1 && errno == EINVAL, "pipe2 with an unknown flag: EINVAL");

	if (pipe(p))
		return 99;
	check(write(p[1], "hello", 5) == 5 && write(p[1], " world", 6) == 6 &&
	      read(p[0], buf, sizeof(buf)) == 11 && !memcmp(buf, "hello world", 11),
	      "bytes come out in order");
	check(read(p[0], buf, 0) == 0 && write(p[1], buf, 0) == 0, "zero-length read and write");
	check(fstat(p[0], &st) == 0 && S_ISFIFO(st.st_mode), "fstat says S_ISFIFO");
	errno = 0;
	check(lseek(p[0], 0, SEEK_SET) == -1 && errno == ESPIPE, "lseek on a pipe: ESPIPE");
	close(p[1]);
	check(read(p[0], buf, sizeof(buf)) == 0, "EOF once the write end is closed");
	close(p[0]);

	if (pipe(p))
		return 99;
	close(p[0]);
	signal(SIGPIPE, SIG_IGN);
	errno = 0;
	check(write(p[1], "x", 1) == -1 && errno == EPIPE,
	      "write with no reader, SIGPIPE ignored: EPIPE");
	signal(SIGPIPE, SIG_DFL);
	pid = fork();
	if (pid == 0) {
		if (write(p[1], "x", 1) < 0)
			_exit(2);
		_exit(3);
	}
	waitpid(pid, &status, 0);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
	      "write with no reader, SIGPIPE default: killed by SIGPIPE (status %#x)", status);
	close(p[1]);

	if (pipe2(p, O_NONBLOCK))
		return 99;
	errno = 0;
	check(read(p[0], buf, 1) == -1 && errno == EAGAIN, "O_NONBLOCK read of an empty pipe: EAGAIN");
	check((fcntl(p[0], F_GETFL) & O_NONBLOCK) && (fcntl(p[1], F_GETFL) & O_ACCMODE) == O_WRONLY,
	      "F_GETFL: O_NONBLOCK, and the write end is O_WRONLY");
	{
		static char fill[4096];
		long total = 0;
		ssize_t n;

		int write_errno;

		while ((n = write(p[1], fill, sizeof(fill))) > 0)
			total += n;
		write_errno = errno;	/* before fcntl can change it */
		cap = fcntl(p[1], F_GETPIPE_SZ);
		check(n == -1 && write_errno == EAGAIN && total > 0 && (cap < 0 || total == cap),
		      "O_NONBLOCK write to a full pipe: EAGAIN after %ld bytes", total);
		if (cap < 0)
			skip("F_GETPIPE_SZ not supported");
		else
			check(cap == LINUX_PIPE_DEFAULT, "F_GETPIPE_SZ: %d", cap);
	}
	close(p[0]);
	close(p[1]);

	/* Two writers of PIPE_BUF-byte messages: no message is split. */
	if (pipe(p))
		return 99;
	if (fork() == 0) {
		close(p[0]);
		atomic_writer(p[1], 'a');
	}
	if (fork() == 0) {
		close(p[0]);
		atomic_writer(p[1], 'b');
	}
	close(p[1]);
	{
		static char msg[PIPE_BUF];
		int whole = 0, torn = 0;

		while (read_full(p[0], msg, sizeof(msg)) == sizeof(msg)) {
			int same = 1;

			for (size_t i = 1; i < sizeof(msg); i++)
				same &= msg[i] == msg[0];
			whole += same;
			torn += !same;
		}
		check(whole == 2 * ATOMIC_MSGS && torn == 0,
		      "PIPE_BUF (%d) writes are atomic: %d whole, %d torn", PIPE_BUF, whole, torn);
	}
	while (wait(&status) > 0)
		;
	close(p[0]);

	/* 1 MiB through the pipe: the writer blocks while it is full. */
	if (pipe(p))
		return 99;
	pid = fork();
	if (pid == 0) {
		static char chunk[10000];

		close(p[0]);
		for (long left = BIG_BYTES; left > 0;) {
			size_t n = left < (long)sizeof(chunk) ? (size_t)left : sizeof(chunk);

			memset(chunk, (int)(left & 0xff), n);
			if (write(p[1], chunk, n) != (ssize_t)n)
				_exit(1);
			left -= (long)n;
		}
		_exit(0);
	}
	close(p[1]);
	{
		static char in[8192];
		long total = 0;
		ssize_t n;

		while ((n = read(p[0], in, sizeof(in))) > 0)
			total += n;
		waitpid(pid, &status, 0);
		check(total == BIG_BYTES && WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "1 MiB through a pipe (%ld bytes)", total);
	}
	close(p[0]);
	errno = 0;
	check(pipe(NULL) == -1 && errno == EFAULT, "pipe(NULL): EFAULT");
	fifo_checks();
	return tap_done();
}
