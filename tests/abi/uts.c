/*
 * uts.c: the system's names: sethostname(2) and setdomainname(2) as uname(2)
 * and gethostname(2) then report them, a name of exactly 64 bytes, a length
 * that is not a C string's, and the refusals (EPERM for an unprivileged
 * caller, EINVAL past 64 bytes or negative, EFAULT). On Linux the names are
 * changed only inside a new UTS namespace (never the host's); Basalt has no
 * namespaces, so there the test changes the one system name and restores it.
 * Prints TAP; exits with the failure count.
 */
#define _GNU_SOURCE
#include <string.h>
#include <sys/utsname.h>
#include "abi_tap.h"

#define PLAN		12
#define UTS_NAME_MAX	64	/* Linux's __NEW_UTS_LEN */
#define BAD_POINTER	1
/* clone(2) flags for unshare(2) (Linux include/uapi/linux/sched.h). */
#define ABI_CLONE_NEWUTS	0x04000000
#define ABI_CLONE_NEWUSER	0x10000000
#define MUTATING_CHECKS	9

static struct utsname now(void)
{
	struct utsname u;

	memset(&u, 0, sizeof(u));
	uname(&u);
	return u;
}

/* Who may not rename the system: a non-root user (even naming it what it is). */
static int unprivileged_renames_refused(void)
{
	struct utsname u = now();

	return !(raw(SYS_sethostname, u.nodename, strlen(u.nodename), 0) == -EPERM &&
		 raw(SYS_setdomainname, "x", 1, 0) == -EPERM);
}

/*
 * Somewhere the names may change without touching the host's: a new UTS
 * namespace on Linux (with a user namespace when not root), the system
 * itself on Basalt (as root).
 */
static int may_rename(void)
{
	if (strstr(now().release, "-basalt"))
		return geteuid() == 0;
	if (geteuid() == 0 && raw(SYS_unshare, ABI_CLONE_NEWUTS, 0, 0) == 0)
		return 1;
	return raw(SYS_unshare, ABI_CLONE_NEWUSER | ABI_CLONE_NEWUTS, 0, 0) == 0;
}

static void check_renames(const struct utsname *before)
{
	char longest[UTS_NAME_MAX + 2], buf[UTS_NAME_MAX + 1];
	struct utsname u;

	check(sethostname("abi-uts-test", strlen("abi-uts-test")) == 0 &&
	      strcmp(now().nodename, "abi-uts-test") == 0 &&
	      gethostname(buf, sizeof(buf)) == 0 && strcmp(buf, "abi-uts-test") == 0,
	      "sethostname: uname and gethostname report the new name");
	check(sethostname("abcdef", 3) == 0 && strcmp(now().nodename, "abc") == 0,
	      "sethostname takes length bytes, not a C string");
	memset(longest, 'n', sizeof(longest));
	longest[UTS_NAME_MAX] = '\0';
	check(sethostname(longest, UTS_NAME_MAX) == 0 && strcmp(now().nodename, longest) == 0,
	      "a host name of exactly %d bytes", UTS_NAME_MAX);
	check(raw(SYS_sethostname, longest, UTS_NAME_MAX + 1, 0) == -EINVAL &&
	      raw(SYS_setdomainname, longest, UTS_NAME_MAX + 1, 0) == -EINVAL,
	      "a name of %d bytes: EINVAL", UTS_NAME_MAX + 1);
	check(raw(SYS_sethostname, longest, -1, 0) == -EINVAL,
	      "a negative length: EINVAL");
	check(raw(SYS_sethostname, BAD_POINTER, 4, 0) == -EFAULT &&
	      strcmp(now().nodename, longest) == 0,
	      "a bad pointer: EFAULT, and the name is unchanged");
	check(raw(SYS_sethostname, 0, 0, 0) == 0 && now().nodename[0] == '\0',
	      "a length of 0: the empty name");
	check(setdomainname("example.org", strlen("example.org")) == 0 &&
	      strcmp(now().domainname, "example.org") == 0 &&
	      getdomainname(buf, sizeof(buf)) == 0 && strcmp(buf, "example.org") == 0,
	      "setdomainname: uname and getdomainname report it");
	u = now();
	check(strcmp(u.sysname, before->sysname) == 0 && strcmp(u.release, before->release) == 0 &&
	      strcmp(u.version, before->version) == 0 && strcmp(u.machine, before->machine) == 0,
	      "sysname, release, version and machine stay as they were");
}

int main(void)
{
	struct utsname before = now();
	int i;

	tap_plan(PLAN);
	check(strcmp(before.sysname, "Linux") == 0,
	      "uname: sysname \"%s\", the ABI (Basalt: release \"%s\")", before.sysname,
	      before.release);
	check(before.nodename[0] != '\0' && before.domainname[0] != '\0',
	      "uname: node \"%s\", domain \"%s\"", before.nodename, before.domainname);
	check_as_nobody(unprivileged_renames_refused,
			"sethostname and setdomainname as a non-root user: EPERM");
	if (!may_rename()) {
		for (i = 0; i < MUTATING_CHECKS; i++)
			skip("no UTS namespace to rename in here");
		return tap_done();
	}
	check_renames(&before);
	/* On Basalt these are the system's names: give them back. */
	sethostname(before.nodename, strlen(before.nodename));
	setdomainname(before.domainname, strlen(before.domainname));
	return tap_done();
}
