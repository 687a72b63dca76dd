/* daemon.c: daemon(3), detaching from the controlling terminal as glibc's does. */
#include <errno.h>
#include <fcntl.h>
#include <paths.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * daemon(3): fork, the parent exits with status 0, the child starts a new
 * session (so it has no controlling terminal), goes to "/" unless nochdir,
 * and unless noclose points standard input, output and error at /dev/null.
 * As glibc's, a /dev/null that is not a character device leaves the
 * descriptors alone and fails with ENODEV. e2fsck's log file code uses it.
 */
int daemon(int nochdir, int noclose)
{
	struct stat st;
	int fd;

	switch (fork()) {
	case -1:
		return -1;
	case 0:
		break;
	default:
		_exit(0);
	}
	if (setsid() < 0)
		return -1;
	if (!nochdir && chdir("/") < 0)
		return -1;
	if (noclose)
		return 0;
	fd = open(_PATH_DEVNULL, O_RDWR);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return -1;
	}
	if (!S_ISCHR(st.st_mode)) {
		close(fd);
		errno = ENODEV;
		return -1;
	}
	dup2(fd, STDIN_FILENO);
	dup2(fd, STDOUT_FILENO);
	dup2(fd, STDERR_FILENO);
	if (fd > STDERR_FILENO)
		close(fd);
	return 0;
}
