/*
 * at_linux_test.c: AT_FDCWD and the AT_* flags have Linux's values
 * (include/uapi/linux/fcntl.h), so a program that passes them to the
 * kernel itself with syscall(2), as gnulib's renameat2 does
 * (syscall(SYS_renameat2, AT_FDCWD, ...)), works; and the libc's own *at
 * wrappers still take them and still refuse a flag the call does not know.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tap.h"

/* Linux's numbers, from include/uapi/linux/fcntl.h. */
#define AT_TEST_LINUX_FDCWD		(-100)
#define AT_TEST_LINUX_SYMLINK_NOFOLLOW	0x100
#define AT_TEST_LINUX_REMOVEDIR		0x200
#define AT_TEST_LINUX_EACCESS		0x200
#define AT_TEST_LINUX_SYMLINK_FOLLOW	0x400
#define AT_TEST_LINUX_EMPTY_PATH	0x1000
/* No AT_* flag of any call: a wrapper must say EINVAL, as the kernel does. */
#define AT_TEST_UNKNOWN_FLAG		0x8

int main(void)
{
	char dir[64], buf[16];
	struct stat st;
	ssize_t len;

	tap_plan(14);
	tap_ok(AT_FDCWD == AT_TEST_LINUX_FDCWD, "AT_FDCWD is -100");
	tap_ok(AT_SYMLINK_NOFOLLOW == AT_TEST_LINUX_SYMLINK_NOFOLLOW &&
		       AT_REMOVEDIR == AT_TEST_LINUX_REMOVEDIR && AT_EACCESS == AT_TEST_LINUX_EACCESS &&
		       AT_SYMLINK_FOLLOW == AT_TEST_LINUX_SYMLINK_FOLLOW &&
		       AT_EMPTY_PATH == AT_TEST_LINUX_EMPTY_PATH,
	       "AT_SYMLINK_NOFOLLOW, AT_REMOVEDIR, AT_EACCESS, AT_SYMLINK_FOLLOW, AT_EMPTY_PATH are Linux's");

	snprintf(dir, sizeof(dir), "/tmp/basalt-atlinux.%d", (int)getpid());
	if (mkdir(dir, 0755) != 0 || chdir(dir) != 0) {
		tap_diag("cannot make %s", dir);
		return 1;
	}
	close(open("a", O_CREAT | O_WRONLY, 0644));

	/* Raw system calls: the constants reach the kernel untranslated. */
	tap_ok(syscall(SYS_renameat2, AT_FDCWD, "a", AT_FDCWD, "b", 0) == 0 &&
		       access("b", F_OK) == 0 && access("a", F_OK) == -1,
	       "syscall(SYS_renameat2, AT_FDCWD, ...) renames");
	tap_ok(syscall(SYS_mkdirat, AT_FDCWD, "d", 0755) == 0, "syscall(SYS_mkdirat, AT_FDCWD, ...)");
	tap_ok(syscall(SYS_unlinkat, AT_FDCWD, "d", AT_REMOVEDIR) == 0 && access("d", F_OK) == -1,
	       "syscall(SYS_unlinkat, AT_FDCWD, ..., AT_REMOVEDIR) removes a directory");
	tap_ok(syscall(SYS_symlinkat, "b", AT_FDCWD, "l") == 0, "syscall(SYS_symlinkat, ..., AT_FDCWD, ...)");
	len = syscall(SYS_readlinkat, AT_FDCWD, "l", buf, sizeof(buf));
	tap_ok(len == 1 && buf[0] == 'b', "syscall(SYS_readlinkat, AT_FDCWD, ...)");
	tap_ok(syscall(SYS_linkat, AT_FDCWD, "l", AT_FDCWD, "h", AT_SYMLINK_FOLLOW) == 0 &&
		       lstat("h", &st) == 0 && S_ISREG(st.st_mode),
	       "syscall(SYS_linkat, ..., AT_SYMLINK_FOLLOW) links the target");

	/* The libc's wrappers, with the same values. */
	tap_ok(fstatat(AT_FDCWD, "l", &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode),
	       "fstatat(AT_FDCWD, ..., AT_SYMLINK_NOFOLLOW) sees the link");
	tap_ok(faccessat(AT_FDCWD, "b", R_OK, AT_EACCESS) == 0, "faccessat(..., AT_EACCESS)");
	tap_ok(mkdirat(AT_FDCWD, "e", 0755) == 0 && unlinkat(AT_FDCWD, "e", AT_REMOVEDIR) == 0,
	       "mkdirat, unlinkat(AT_FDCWD, ..., AT_REMOVEDIR)");
	tap_ok(renameat(AT_FDCWD, "b", AT_FDCWD, "c") == 0 && access("c", F_OK) == 0,
	       "renameat(AT_FDCWD, ...)");
	errno = 0;
	tap_ok(fstatat(AT_FDCWD, "c", &st, AT_TEST_UNKNOWN_FLAG) == -1 && errno == EINVAL,
	       "fstatat with an unknown flag: EINVAL");
	errno = 0;
	tap_ok(unlinkat(AT_FDCWD, "c", AT_SYMLINK_NOFOLLOW) == -1 && errno == EINVAL,
	       "unlinkat with AT_SYMLINK_NOFOLLOW: EINVAL");

	unlink("c");
	unlink("h");
	unlink("l");
	if (chdir("/") == 0)
		rmdir(dir);
	return tap_done();
}
