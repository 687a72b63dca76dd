/*
 * uapi_layout.c: the struct layouts libc's hand-written ABI headers
 * (libc/abi) share with the kernel's (kernel/include/uapi). Compiled by
 * uapi_match_test.sh: a layout that drifts fails the build of this file,
 * and with it the test.
 */
#include <stddef.h>
#include <uapi/stat.h>
#include <uapi/termios.h>
#include <uapi/time.h>
#include <linux_stat.h>
#include <linux_termios.h>
#include <linux_time.h>

#define SAME_FIELD(ours, theirs, field)						\
	_Static_assert(offsetof(struct ours, field) == offsetof(struct theirs, field) && \
		       sizeof(((struct ours *)0)->field) == sizeof(((struct theirs *)0)->field), \
		       #ours "." #field " differs from the kernel's " #theirs)

/* stat(2): libc's struct linux_stat is the kernel's struct stat. */
_Static_assert(sizeof(struct linux_stat) == sizeof(struct stat), "struct stat size");
SAME_FIELD(linux_stat, stat, st_dev);
SAME_FIELD(linux_stat, stat, st_ino);
SAME_FIELD(linux_stat, stat, st_nlink);
SAME_FIELD(linux_stat, stat, st_mode);
SAME_FIELD(linux_stat, stat, st_uid);
SAME_FIELD(linux_stat, stat, st_gid);
SAME_FIELD(linux_stat, stat, st_rdev);
SAME_FIELD(linux_stat, stat, st_size);
SAME_FIELD(linux_stat, stat, st_blksize);
SAME_FIELD(linux_stat, stat, st_blocks);
SAME_FIELD(linux_stat, stat, st_atime_sec);
SAME_FIELD(linux_stat, stat, st_atime_nsec);
SAME_FIELD(linux_stat, stat, st_mtime_sec);
SAME_FIELD(linux_stat, stat, st_mtime_nsec);
SAME_FIELD(linux_stat, stat, st_ctime_sec);
SAME_FIELD(linux_stat, stat, st_ctime_nsec);

/* TCGETS: libc's struct linux_termios is the kernel's struct termios. */
_Static_assert(sizeof(struct linux_termios) == sizeof(struct termios), "struct termios size");
SAME_FIELD(linux_termios, termios, c_iflag);
SAME_FIELD(linux_termios, termios, c_oflag);
SAME_FIELD(linux_termios, termios, c_cflag);
SAME_FIELD(linux_termios, termios, c_lflag);
SAME_FIELD(linux_termios, termios, c_line);
SAME_FIELD(linux_termios, termios, c_cc);

/* The time structures libc passes to the kernel as they are. */
_Static_assert(LINUX_TIMESPEC_SIZE == sizeof(struct timespec), "struct timespec size");
_Static_assert(LINUX_TIMEVAL_SIZE == sizeof(struct timeval), "struct timeval size");

int main(void)
{
	return 0;
}
