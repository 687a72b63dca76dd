/* posix_test.c: getopt_long, mntent, wait3/wait4/waitid, limits, usage, uname, sysconf, mmap, pipe2, dup3, *at calls, realpath, getline, strsignal, execvp. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <mntent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define PATH_SIZE 256
#define PAGE 4096
#define CHILD_EXIT 7

static void test_getopt_long(void)
{
	static const struct option options[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "output", required_argument, NULL, 'o' },
		{ "level", optional_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	char *argv[] = { "prog", "--verbose", "-o", "out", "--level=3", "--output", "x",
			 "file", NULL };
	int argc = 8, c, verbose = 0, level = 0, index = -1, outputs = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "vo:l::", options, &index)) != -1) {
		if (c == 'v')
			verbose++;
		else if (c == 'o')
			outputs += optarg != NULL;
		else if (c == 'l')
			level = optarg ? atoi(optarg) : -1;
	}
	tap_ok(verbose == 1 && outputs == 2 && level == 3, "getopt_long: flags and arguments");
	tap_ok(optind == argc - 1 && strcmp(argv[optind], "file") == 0,
	       "getopt_long leaves the operand");

	{
		char *argv2[] = { "prog", "-verbose", NULL };

		optind = 1;
		c = getopt_long_only(2, argv2, "", options, NULL);
		tap_ok(c == 'v', "getopt_long_only takes -verbose");
	}
	{
		char *argv3[] = { "prog", "--bogus", NULL };

		optind = 1;
		opterr = 0;
		tap_ok(getopt_long(2, argv3, "v", options, NULL) == '?', "unknown option: '?'");
		opterr = 1;
	}
}

static void test_mntent(void)
{
	char path[PATH_SIZE];
	struct mntent *entry, add = { "/dev/sda1", "/mnt/my disk", "ext2", "rw,noatime", 0, 2 };
	FILE *file;
	int ok;

	snprintf(path, sizeof(path), "/tmp/basalt-fstab.%d", (int)getpid());
	file = fopen(path, "w");
	fputs("# comment\n\n/dev/root / ext2 defaults 1 1\nproc /proc proc rw 0 0\n", file);
	fclose(file);
	file = setmntent(path, "r");
	entry = getmntent(file);
	ok = entry && strcmp(entry->mnt_fsname, "/dev/root") == 0 &&
	     strcmp(entry->mnt_dir, "/") == 0 && strcmp(entry->mnt_type, "ext2") == 0 &&
	     entry->mnt_freq == 1 && entry->mnt_passno == 1;
	tap_ok(ok, "getmntent skips comments and reads fields");
	entry = getmntent(file);
	tap_ok(entry && strcmp(entry->mnt_dir, "/proc") == 0 && hasmntopt(entry, "rw") &&
	       !hasmntopt(entry, "ro"), "second entry; hasmntopt");
	tap_ok(getmntent(file) == NULL, "then the end");
	tap_ok(endmntent(file) == 1, "endmntent");
	file = setmntent(path, "a+");
	tap_ok(addmntent(file, &add) == 0, "addmntent");
	endmntent(file);
	file = setmntent(path, "r");
	getmntent(file);
	getmntent(file);
	entry = getmntent(file);
	tap_ok(entry && strcmp(entry->mnt_dir, "/mnt/my disk") == 0 && entry->mnt_passno == 2,
	       "a space in a field survives (\\040)");
	endmntent(file);
	unlink(path);
}

static void test_wait_family(void)
{
	struct rusage usage;
	siginfo_t info;
	int status = 0;
	pid_t pid;

	tap_ok(WNOHANG == 1 && WUNTRACED == 2 && WEXITED == 4 && WCONTINUED == 8,
	       "Linux's wait options");
	pid = fork();
	if (pid == 0)
		_exit(CHILD_EXIT);
	memset(&usage, 0, sizeof(usage));
	tap_ok(wait4(pid, &status, 0, &usage) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == CHILD_EXIT, "wait4");
	pid = fork();
	if (pid == 0)
		_exit(CHILD_EXIT);
	tap_ok(wait3(&status, 0, &usage) == pid && WEXITSTATUS(status) == CHILD_EXIT, "wait3");
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	kill(pid, SIGKILL);
	memset(&info, 0, sizeof(info));
	tap_ok(waitid(P_PID, pid, &info, WEXITED) == 0 && info.si_pid == pid &&
	       info.si_code == CLD_KILLED && info.si_status == SIGKILL, "waitid: CLD_KILLED");
	errno = 0;
	tap_ok(waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD, "no children: ECHILD");
}

static void test_resources(void)
{
	struct rlimit limit, old;
	struct rusage usage;
	struct utsname name;
	struct tms tms;
	char host[PATH_SIZE], small[2];

	tap_ok(getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur > 0, "getrlimit");
	old = limit;
	limit.rlim_cur = limit.rlim_cur > 64 ? 64 : limit.rlim_cur;
	tap_ok(setrlimit(RLIMIT_NOFILE, &limit) == 0 && getrlimit(RLIMIT_NOFILE, &limit) == 0 &&
	       limit.rlim_cur <= 64, "setrlimit");
	tap_ok(sysconf(_SC_OPEN_MAX) == (long)limit.rlim_cur, "sysconf(_SC_OPEN_MAX) follows it");
	tap_ok(prlimit(0, RLIMIT_NOFILE, &old, &limit) == 0 && limit.rlim_cur <= 64, "prlimit");
	errno = 0;
	tap_ok(getrlimit(1000, &limit) == -1 && errno == EINVAL, "getrlimit bad resource: EINVAL");
	tap_ok(getrusage(RUSAGE_SELF, &usage) == 0 && usage.ru_maxrss > 0, "getrusage");
	tap_ok(times(&tms) != (clock_t)-1, "times");
	tap_ok(uname(&name) == 0 && strcmp(name.sysname, "Linux") == 0 && name.machine[0],
	       "uname: %s %s", name.sysname, name.machine);
	tap_ok(gethostname(host, sizeof(host)) == 0 && strcmp(host, name.nodename) == 0,
	       "gethostname is the nodename");
	errno = 0;
	tap_ok(strlen(name.nodename) < 2 ||
	       (gethostname(small, sizeof(small)) == -1 && errno == ENAMETOOLONG),
	       "gethostname into a small buffer: ENAMETOOLONG");
	tap_ok(sysconf(_SC_PAGESIZE) == PAGE && getpagesize() == PAGE && sysconf(_SC_CLK_TCK) == 100,
	       "sysconf: page size, clock ticks");
	errno = 0;
	tap_ok(sysconf(-1) == -1 && errno == EINVAL, "sysconf of an unknown name: EINVAL");
	tap_ok(pathconf("/", _PC_NAME_MAX) == 255 && pathconf("/", _PC_PATH_MAX) == 4096,
	       "pathconf");
	errno = 0;
	tap_ok(pathconf("/nonexistent/basalt", _PC_NAME_MAX) == -1 && errno == ENOENT,
	       "pathconf: ENOENT");
}

static void test_mmap(void)
{
	char *p, *file_map;
	char path[PATH_SIZE];
	int fd;

	p = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	tap_ok(p != MAP_FAILED && p[0] == 0 && p[2 * PAGE - 1] == 0, "anonymous mmap is zeroed");
	p[PAGE] = 'b';
	tap_ok(mprotect(p, PAGE, PROT_READ) == 0 && p[PAGE] == 'b', "mprotect");
	tap_ok(munmap(p, 2 * PAGE) == 0, "munmap");
	errno = 0;
	tap_ok(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 1) == MAP_FAILED &&
	       errno == EINVAL, "mmap with an unaligned offset: EINVAL");
	snprintf(path, sizeof(path), "/tmp/basalt-mmap.%d", (int)getpid());
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	write(fd, "granite", 7);
	file_map = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	tap_ok(file_map != MAP_FAILED && memcmp(file_map, "granite", 7) == 0, "mmap of a file");
	file_map[0] = 'G';
	tap_ok(msync(file_map, PAGE, MS_SYNC) == 0 && pread(fd, path, 1, 0) == 1 && path[0] == 'G',
	       "MAP_SHARED writes reach the file");
	munmap(file_map, PAGE);
	close(fd);
	snprintf(path, sizeof(path), "/tmp/basalt-mmap.%d", (int)getpid());
	unlink(path);
}

static void test_descriptors_and_at(void)
{
	char dir[PATH_SIZE], real[PATH_MAX], link_path[PATH_SIZE + 16], expected[PATH_MAX];
	struct timespec times[2] = { { 1000000000, 0 }, { 1200000000, 0 } };
	struct stat st;
	int fds[2], dirfd, fd;

	tap_ok(pipe2(fds, O_CLOEXEC | O_NONBLOCK) == 0 && (fcntl(fds[0], F_GETFD) & FD_CLOEXEC) &&
	       (fcntl(fds[1], F_GETFL) & O_NONBLOCK), "pipe2 with O_CLOEXEC | O_NONBLOCK");
	tap_ok(dup3(fds[0], 100, O_CLOEXEC) == 100 && (fcntl(100, F_GETFD) & FD_CLOEXEC), "dup3");
	errno = 0;
	tap_ok(dup3(100, 100, 0) == -1 && errno == EINVAL, "dup3 onto itself: EINVAL");
	close(100);
	close(fds[0]);
	close(fds[1]);

	snprintf(dir, sizeof(dir), "/tmp/basalt-at.%d", (int)getpid());
	mkdir(dir, 0755);
	dirfd = open(dir, O_RDONLY | O_DIRECTORY);
	fd = openat(dirfd, "file", O_CREAT | O_WRONLY, 0640);
	tap_ok(fd >= 0 && write(fd, "abc", 3) == 3, "openat creates relative to a directory fd");
	close(fd);
	tap_ok(fstatat(dirfd, "file", &st, 0) == 0 && st.st_size == 3 && (st.st_mode & 0777) == 0640,
	       "fstatat");
	tap_ok(symlinkat("file", dirfd, "link") == 0 &&
	       fstatat(dirfd, "link", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode),
	       "symlinkat, fstatat AT_SYMLINK_NOFOLLOW");
	tap_ok(utimensat(dirfd, "file", times, 0) == 0 && fstatat(dirfd, "file", &st, 0) == 0 &&
	       st.st_mtime == 1200000000 && st.st_atime == 1000000000, "utimensat");
	times[0].tv_nsec = UTIME_OMIT;
	times[1].tv_nsec = UTIME_NOW;
	tap_ok(utimensat(dirfd, "file", times, 0) == 0 && fstatat(dirfd, "file", &st, 0) == 0 &&
	       st.st_atime == 1000000000 && st.st_mtime > 1200000000, "UTIME_OMIT and UTIME_NOW");
	tap_ok(mkdirat(dirfd, "sub", 0700) == 0 && unlinkat(dirfd, "sub", AT_REMOVEDIR) == 0,
	       "mkdirat, unlinkat AT_REMOVEDIR");
	errno = 0;
	tap_ok(fstatat(AT_FDCWD, "/nonexistent/basalt", &st, 0) == -1 && errno == ENOENT,
	       "fstatat AT_FDCWD: ENOENT");
	tap_ok(faccessat(dirfd, "file", R_OK, 0) == 0, "faccessat");

	snprintf(link_path, sizeof(link_path), "%s/link", dir);
	snprintf(expected, sizeof(expected), "%s/file", dir);
	tap_ok(realpath(link_path, real) && strcmp(real, expected) == 0,
	       "realpath follows a link: %s", real);
	snprintf(link_path, sizeof(link_path), "%s/../%s/./link", dir, strrchr(dir, '/') + 1);
	tap_ok(realpath(link_path, real) && strcmp(real, expected) == 0,
	       "realpath removes . and ..");
	errno = 0;
	tap_ok(realpath("/nonexistent/basalt", real) == NULL && errno == ENOENT,
	       "realpath: ENOENT");
	unlinkat(dirfd, "link", 0);
	unlinkat(dirfd, "file", 0);
	close(dirfd);
	rmdir(dir);
}

static void test_strings_and_exec(void)
{
	char path[PATH_SIZE], *line = NULL;
	size_t size = 0;
	FILE *file;
	int status;
	pid_t pid;

	snprintf(path, sizeof(path), "/tmp/basalt-getline.%d", (int)getpid());
	file = fopen(path, "w+");
	fputs("first line\nsecond;part\n", file);
	rewind(file);
	tap_ok(getline(&line, &size, file) == 11 && strcmp(line, "first line\n") == 0,
	       "getline");
	tap_ok(getdelim(&line, &size, ';', file) == 7 && strcmp(line, "second;") == 0, "getdelim");
	free(line);
	fclose(file);
	unlink(path);

	tap_ok(system("exit 5") != -1 && WEXITSTATUS(system("exit 5")) == 5, "system: the shell's status");
	tap_ok(system(NULL) != 0, "system(NULL): a shell exists");
	{
		struct sigaction old;

		system("kill -INT $PPID");	/* ignored while the shell runs */
		tap_ok(sigaction(SIGINT, NULL, &old) == 0 && old.sa_handler == SIG_DFL,
		       "system ignores SIGINT meanwhile, then restores it");
	}

	{
		char path1[] = "/usr/lib/", path2[] = "/usr/lib", path3[] = "file";

		tap_ok(strcmp(dirname(path1), "/usr") == 0 && strcmp(basename(path2), "lib") == 0 &&
		       strcmp(dirname(path3), ".") == 0, "dirname and basename (libgen.h)");
	}

	{
		void *block = NULL;

		tap_ok(posix_memalign(&block, 256, 100) == 0 && ((unsigned long)block & 255) == 0,
		       "posix_memalign");
		free(block);
		tap_ok(posix_memalign(&block, 3, 100) == EINVAL, "posix_memalign(3): EINVAL");
		block = aligned_alloc(64, 128);
		tap_ok(block && ((unsigned long)block & 63) == 0, "aligned_alloc");
		free(block);
	}
	{
		int in[2], status = -1;

		pipe(in);
		write(in[1], "secret\n", 7);
		close(in[1]);
		pid = fork();
		if (pid == 0) {
			char *password;

			/* No controlling terminal: getpass reads standard input. */
			setsid();
			dup2(in[0], 0);
			close(2);
			password = getpass("Password: ");
			_exit(password && strcmp(password, "secret") == 0 ? 0 : 1);
		}
		close(in[0]);
		waitpid(pid, &status, 0);
		tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		       "getpass without a terminal reads standard input");
	}

	tap_ok(strcmp(strsignal(SIGSEGV), "Segmentation fault") == 0, "strsignal(SIGSEGV)");
	tap_ok(strcmp(strsignal(SIGUSR1), "User defined signal 1") == 0, "strsignal(SIGUSR1)");

	pid = fork();
	if (pid == 0) {
		char *argv[] = { "true", NULL };

		setenv("PATH", "/nonexistent:/bin:/usr/bin", 1);
		execvp("true", argv);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0, "execvp searches PATH");
	errno = 0;
	{
		char *argv[] = { "no-such-program-basalt", NULL };

		tap_ok(execvp("no-such-program-basalt", argv) == -1 && errno == ENOENT,
		       "execvp of a missing program: ENOENT");
	}
}

int main(void)
{
	tap_plan(63);
	test_getopt_long();
	test_mntent();
	test_wait_family();
	test_resources();
	test_mmap();
	test_descriptors_and_at();
	test_strings_and_exec();
	return tap_done();
}
