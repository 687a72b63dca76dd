/*
 * sys_uts.c: the system's names: uname(2), and sethostname(2) and
 * setdomainname(2), which change the two names uname reports that the
 * administrator owns (the others name the kernel and the machine).
 */
#include <user/user.h>
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <basalt/version.h>
#include <proc/process.h>
#include <sched/spinlock.h>
#include <uapi/errno.h>
#include <uapi/utsname.h>

/*
 * sysname names the ABI the kernel implements, as gVisor and WSL 1 do:
 * programs, test suites and configure scripts ask `uname -s` whether
 * they run on Linux to pick Linux's system calls, /proc formats and
 * ioctls, which is what Basalt gives them. release is a Linux version
 * number for the same reason: glibc's static startup used to refuse
 * kernels older than it was configured for ("FATAL: kernel too old"),
 * and libraries probe features by release. 6.1 is the Linux whose ABI
 * Basalt follows (Debian 12's kernel). Basalt's own name stays in the
 * release's "-basalt", in version, /proc/version and the boot banner.
 */
#define UTS_SYSNAME		"Linux"
#define UTS_RELEASE		"6.1.0-basalt"
#define UTS_MACHINE		"x86_64"
/* Both names are Linux's (its UTS_NODENAME, UTS_DOMAINNAME) until init sets them. */
#define UTS_NODENAME_DEFAULT	"(none)"
#define UTS_DOMAINNAME_DEFAULT	"(none)"

/* Linux's __NEW_UTS_LEN: the longest name, without its NUL. */
#define UTS_NAME_MAX		(UTSNAME_FIELD_LEN - 1)

/*
 * Locking: uts_lock guards both names, so uname never copies one half
 * written. Held only for a copy of 65 bytes; never across user access.
 */
static struct spinlock uts_lock = SPINLOCK_INIT("uts");
static char uts_nodename[UTSNAME_FIELD_LEN] = UTS_NODENAME_DEFAULT;
static char uts_domainname[UTSNAME_FIELD_LEN] = UTS_DOMAINNAME_DEFAULT;

SYSCALL_DEFINE1(uname, struct utsname __user *, name)
{
	struct utsname u;
	uint64_t flags;

	memset(&u, 0, sizeof(u));
	strlcpy(u.sysname, UTS_SYSNAME, sizeof(u.sysname));
	strlcpy(u.release, UTS_RELEASE, sizeof(u.release));
	strlcpy(u.version, BASALT_BANNER, sizeof(u.version));
	strlcpy(u.machine, UTS_MACHINE, sizeof(u.machine));
	flags = spin_lock_irqsave(&uts_lock);
	memcpy(u.nodename, uts_nodename, sizeof(u.nodename));
	memcpy(u.domainname, uts_domainname, sizeof(u.domainname));
	spin_unlock_irqrestore(&uts_lock, flags);
	return copy_to_user(name, &u, sizeof(u));
}

/*
 * sethostname(2) and setdomainname(2): the name is len bytes, not a C
 * string (it may hold no NUL; a NUL inside ends it for uname's readers).
 * The order of the checks is Linux's: EPERM without privilege (Basalt has
 * no capabilities: CAP_SYS_ADMIN is being root), then EINVAL for a length
 * past 64 (a negative int too: the syscall's len is an int), then EFAULT.
 */
static long uts_set_name(char *name, const char __user *src, int64_t len)
{
	char buf[UTSNAME_FIELD_LEN];
	uint64_t flags;
	long err;

	if (process_current()->cred.euid != 0)
		return -EPERM;
	if ((int32_t)len < 0 || (int32_t)len > UTS_NAME_MAX)
		return -EINVAL;
	memset(buf, 0, sizeof(buf));
	err = copy_from_user(buf, src, (size_t)(int32_t)len);
	if (err < 0)
		return err;
	flags = spin_lock_irqsave(&uts_lock);
	memcpy(name, buf, sizeof(buf));
	spin_unlock_irqrestore(&uts_lock, flags);
	return 0;
}

SYSCALL_DEFINE2(sethostname, const char __user *, name, int, len)
{
	return uts_set_name(uts_nodename, name, len);
}

SYSCALL_DEFINE2(setdomainname, const char __user *, name, int, len)
{
	return uts_set_name(uts_domainname, name, len);
}
