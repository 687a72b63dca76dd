/* groups.c: getgroups(2), setgroups(2), getgrouplist(3), initgroups(3). */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "linux_syscall.h"

/* Linux's NGROUPS_MAX (include/uapi/linux/limits.h). */
#define GROUPS_LINUX_MAX	65536

int getgroups(int size, gid_t list[])
{
	return linux_syscall_result(linux_syscall2(SYS_getgroups, size, (long)list));
}

int setgroups(int size, const gid_t *list)
{
	return linux_syscall_result(linux_syscall2(SYS_setgroups, size, (long)list));
}

static int group_has_member(const struct group *gr, const char *user)
{
	char **member;

	for (member = gr->gr_mem; *member; member++) {
		if (strcmp(*member, user) == 0)
			return 1;
	}
	return 0;
}

/*
 * getgrouplist(3): the base group, then every group listing the user;
 * -1 with *count set to the number needed when they do not fit.
 */
int getgrouplist(const char *user, gid_t group, gid_t *groups, int *count)
{
	struct group *gr;
	int found = 0, i, duplicate;

	if (found < *count)
		groups[found] = group;
	found++;
	setgrent();
	while ((gr = getgrent()) != NULL) {
		if (!group_has_member(gr, user))
			continue;
		duplicate = 0;
		for (i = 0; i < found && i < *count; i++)
			duplicate |= groups[i] == gr->gr_gid;
		if (duplicate)
			continue;
		if (found < *count)
			groups[found] = gr->gr_gid;
		found++;
	}
	endgrent();
	i = *count;
	*count = found;
	return found > i ? -1 : found;
}

int initgroups(const char *user, gid_t group)
{
	int count = GROUPS_LINUX_MAX;
	gid_t *groups = malloc(count * sizeof(*groups));
	int ret;

	if (!groups)
		return -1;
	getgrouplist(user, group, groups, &count);
	ret = setgroups(count, groups);
	free(groups);
	return ret;
}
