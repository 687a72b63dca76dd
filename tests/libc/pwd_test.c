/* pwd_test.c: the passwd and group databases (getpwnam, getpwuid, getpwent, getgrnam, getgrgid, getgrent, _r forms, groups). */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

#define BUF_SIZE 1024
#define TINY_BUF 4
#define MAX_GROUPS 64
#define NO_SUCH_NAME "no-such-user-basalt"
#define NO_SUCH_ID 3999999

static void test_passwd(void)
{
	struct passwd *pw, entry, *result;
	char buf[BUF_SIZE], first[BUF_SIZE];
	int count = 0, consistent = 1, root_seen = 0, again = 0;
	uid_t root_uid = 0;

	pw = getpwnam("root");
	tap_ok(pw && pw->pw_uid == 0 && pw->pw_gid == 0 && strcmp(pw->pw_dir, "/root") == 0 &&
	       pw->pw_shell && pw->pw_passwd, "getpwnam(root)");
	pw = getpwuid(root_uid);
	tap_ok(pw && strcmp(pw->pw_name, "root") == 0, "getpwuid(0)");
	tap_ok(getpwnam(NO_SUCH_NAME) == NULL && getpwuid(NO_SUCH_ID) == NULL,
	       "unknown user and uid: NULL");

	tap_ok(getpwnam_r("root", &entry, buf, sizeof(buf), &result) == 0 && result == &entry &&
	       entry.pw_uid == 0 && strcmp(entry.pw_name, "root") == 0, "getpwnam_r");
	tap_ok(getpwuid_r(0, &entry, buf, sizeof(buf), &result) == 0 && result == &entry &&
	       strcmp(entry.pw_name, "root") == 0, "getpwuid_r");
	tap_ok(getpwnam_r(NO_SUCH_NAME, &entry, buf, sizeof(buf), &result) == 0 && result == NULL,
	       "getpwnam_r of an unknown user: 0, no result");
	tap_ok(getpwnam_r("root", &entry, buf, TINY_BUF, &result) == ERANGE && result == NULL,
	       "getpwnam_r into a tiny buffer: ERANGE");

	setpwent();
	while ((pw = getpwent()) != NULL) {
		struct passwd *by_name;
		uid_t uid = pw->pw_uid;
		char name[BUF_SIZE];

		if (count == 0)
			snprintf(first, sizeof(first), "%s", pw->pw_name);
		count++;
		root_seen |= strcmp(pw->pw_name, "root") == 0;
		snprintf(name, sizeof(name), "%s", pw->pw_name);
		getpwnam_r(name, &entry, buf, sizeof(buf), &by_name);
		consistent &= by_name && by_name->pw_uid == uid;
	}
	tap_ok(count > 1 && root_seen, "getpwent lists %d users, root among them", count);
	tap_ok(consistent, "each agrees with getpwnam_r");
	setpwent();
	pw = getpwent();
	again = pw && strcmp(pw->pw_name, first) == 0;
	endpwent();
	tap_ok(again, "setpwent rewinds");
}

static void test_group(void)
{
	struct group *gr, entry, *result;
	char buf[BUF_SIZE];
	gid_t groups[MAX_GROUPS];
	int count = 0, root_seen = 0, members_ok = 1, n, i, has_zero = 0;
	char **member;

	gr = getgrnam("root");
	tap_ok(gr && gr->gr_gid == 0 && gr->gr_mem != NULL, "getgrnam(root)");
	gr = getgrgid(0);
	tap_ok(gr && strcmp(gr->gr_name, "root") == 0, "getgrgid(0)");
	tap_ok(getgrnam(NO_SUCH_NAME) == NULL && getgrgid(NO_SUCH_ID) == NULL,
	       "unknown group and gid: NULL");
	tap_ok(getgrgid_r(0, &entry, buf, sizeof(buf), &result) == 0 && result == &entry &&
	       strcmp(entry.gr_name, "root") == 0, "getgrgid_r");
	tap_ok(getgrnam_r("root", &entry, buf, TINY_BUF, &result) == ERANGE && result == NULL,
	       "getgrnam_r into a tiny buffer: ERANGE");

	setgrent();
	while ((gr = getgrent()) != NULL) {
		count++;
		root_seen |= gr->gr_gid == 0;
		for (member = gr->gr_mem; *member; member++)
			members_ok &= **member != '\0' && strchr(*member, ',') == NULL;
	}
	endgrent();
	tap_ok(count > 1 && root_seen, "getgrent lists %d groups", count);
	tap_ok(members_ok, "members are split at commas");

	n = getgroups(0, NULL);
	tap_ok(n >= 0 && getgroups(MAX_GROUPS, groups) == n, "getgroups (%d)", n);
	n = MAX_GROUPS;
	tap_ok(getgrouplist("root", 0, groups, &n) >= 1 && n >= 1 && groups[0] == 0,
	       "getgrouplist starts with the base group");
	for (i = 0; i < n; i++)
		has_zero |= groups[i] == 0;
	n = 0;
	tap_ok(getgrouplist("root", 0, groups, &n) == -1 && n >= 1,
	       "getgrouplist with no room: -1 and the count needed");
	if (geteuid() == 0) {
		tap_ok(initgroups("root", 0) == 0 && getgroups(MAX_GROUPS, groups) >= 1,
		       "initgroups as root");
	} else {
		errno = 0;
		tap_ok(initgroups("root", 0) == -1 && errno == EPERM, "initgroups: EPERM");
	}
	(void)has_zero;
}

int main(void)
{
	tap_plan(21);
	test_passwd();
	test_group();
	return tap_done();
}
