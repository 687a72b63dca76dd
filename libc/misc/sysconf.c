/* sysconf.c: sysconf(3), pathconf(3), fpathconf, getpagesize, getdtablesize: the values Linux x86_64 gives. */
#include <errno.h>
#include <limits.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/*
 * Fixed values are Linux's (include/uapi/linux/limits.h and glibc's
 * documented results on x86_64); limits the kernel can change at run time
 * (open files, child processes) come from getrlimit. Unknown names fail
 * with EINVAL, as POSIX says.
 */
#define SYSCONF_ARG_MAX		131072L	/* ARG_MAX: the least execve allows */
#define SYSCONF_ARG_STACK_SHARE	4	/* execve allows a quarter of RLIMIT_STACK */
#define SYSCONF_CLK_TCK		100L	/* USER_HZ: times(2) counts in these */
#define SYSCONF_NGROUPS_MAX	65536L
#define SYSCONF_PAGE_SIZE	4096L
#define SYSCONF_HOST_NAME_MAX	64L
#define SYSCONF_LOGIN_NAME_MAX	256L
#define SYSCONF_TTY_NAME_MAX	32L
#define SYSCONF_LINE_MAX	2048L
#define SYSCONF_IOV_MAX		1024L
#define SYSCONF_RTSIG_MAX	32L
#define SYSCONF_SYMLOOP_MAX	40L
#define SYSCONF_GETPW_R_SIZE	1024L
#define SYSCONF_STREAM_MAX	16L
#define SYSCONF_TZNAME_MAX	6L
#define SYSCONF_RE_DUP_MAX	255L
#define SYSCONF_POSIX_VERSION	200809L

#define PATHCONF_LINK_MAX	127L	/* ext2's; others have more, none fewer */
#define PATHCONF_MAX_CANON	255L
#define PATHCONF_MAX_INPUT	255L
#define PATHCONF_NAME_MAX	255L
#define PATHCONF_PATH_MAX	4096L
#define PATHCONF_PIPE_BUF	4096L
#define PATHCONF_FILESIZEBITS	64L
#define PATHCONF_VDISABLE	0L	/* _POSIX_VDISABLE: '\0' disables a c_cc entry */

static long sysconf_rlimit(int resource)
{
	struct rlimit limit;

	if (getrlimit(resource, &limit) < 0 || limit.rlim_cur == RLIM_INFINITY)
		return -1;	/* no limit: -1 with errno unchanged */
	return (long)limit.rlim_cur;
}

/* What execve accepts, as glibc computes it: a quarter of RLIMIT_STACK, ARG_MAX at least. */
static long sysconf_arg_max(void)
{
	struct rlimit limit;
	unsigned long share;

	if (getrlimit(RLIMIT_STACK, &limit) < 0)
		return SYSCONF_ARG_MAX;
	share = (unsigned long)limit.rlim_cur / SYSCONF_ARG_STACK_SHARE;
	return share > (unsigned long)SYSCONF_ARG_MAX ? (long)share : SYSCONF_ARG_MAX;
}

long sysconf(int name)
{
	switch (name) {
	case _SC_ARG_MAX:
		return sysconf_arg_max();
	case _SC_CHILD_MAX:
		return sysconf_rlimit(RLIMIT_NPROC);
	case _SC_CLK_TCK:
		return SYSCONF_CLK_TCK;
	case _SC_NGROUPS_MAX:
		return SYSCONF_NGROUPS_MAX;
	case _SC_OPEN_MAX:
		return sysconf_rlimit(RLIMIT_NOFILE);
	case _SC_PAGESIZE:
		return SYSCONF_PAGE_SIZE;
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
		return 1;	/* Basalt schedules one CPU */
	case _SC_HOST_NAME_MAX:
		return SYSCONF_HOST_NAME_MAX;
	case _SC_LOGIN_NAME_MAX:
		return SYSCONF_LOGIN_NAME_MAX;
	case _SC_TTY_NAME_MAX:
		return SYSCONF_TTY_NAME_MAX;
	case _SC_LINE_MAX:
		return SYSCONF_LINE_MAX;
	case _SC_IOV_MAX:
		return SYSCONF_IOV_MAX;
	case _SC_RTSIG_MAX:
		return SYSCONF_RTSIG_MAX;
	case _SC_SYMLOOP_MAX:
		return SYSCONF_SYMLOOP_MAX;
	case _SC_GETPW_R_SIZE_MAX:
	case _SC_GETGR_R_SIZE_MAX:
		return SYSCONF_GETPW_R_SIZE;
	case _SC_STREAM_MAX:
		return SYSCONF_STREAM_MAX;
	case _SC_TZNAME_MAX:
		return SYSCONF_TZNAME_MAX;
	case _SC_RE_DUP_MAX:
		return SYSCONF_RE_DUP_MAX;
	case _SC_JOB_CONTROL:
	case _SC_SAVED_IDS:
	case _SC_VERSION:
	case _SC_MONOTONIC_CLOCK:
	case _SC_CPUTIME:
	case _SC_REALTIME_SIGNALS:
	case _SC_MAPPED_FILES:
	case _SC_MEMORY_PROTECTION:
	case _SC_FSYNC:
		return SYSCONF_POSIX_VERSION;
	case _SC_2_VERSION:
		return SYSCONF_POSIX_VERSION;
	default:
		errno = EINVAL;
		return -1;
	}
}

static long pathconf_value(int name)
{
	switch (name) {
	case _PC_LINK_MAX:
		return PATHCONF_LINK_MAX;
	case _PC_MAX_CANON:
		return PATHCONF_MAX_CANON;
	case _PC_MAX_INPUT:
		return PATHCONF_MAX_INPUT;
	case _PC_NAME_MAX:
		return PATHCONF_NAME_MAX;
	case _PC_PATH_MAX:
		return PATHCONF_PATH_MAX;
	case _PC_PIPE_BUF:
		return PATHCONF_PIPE_BUF;
	case _PC_CHOWN_RESTRICTED:
	case _PC_NO_TRUNC:
		return 1;
	case _PC_VDISABLE:
		return PATHCONF_VDISABLE;
	case _PC_FILESIZEBITS:
		return PATHCONF_FILESIZEBITS;
	case _PC_2_SYMLINKS:
		return 1;
	case _PC_SYMLINK_MAX:
		return -1;	/* no limit but PATH_MAX */
	default:
		errno = EINVAL;
		return -1;
	}
}

/* The file must exist (ENOENT, EBADF...), even though the values do not depend on it. */
long pathconf(const char *path, int name)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	return pathconf_value(name);
}

long fpathconf(int fd, int name)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -1;
	return pathconf_value(name);
}

int getpagesize(void)
{
	return SYSCONF_PAGE_SIZE;
}

int getdtablesize(void)
{
	long open_max = sysconf_rlimit(RLIMIT_NOFILE);

	return open_max < 0 ? INT_MAX : (int)open_max;
}
