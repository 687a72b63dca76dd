/* mount.c: mount(2), umount, umount2, reboot(2), sysinfo(2). */
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/sysinfo.h>

#include "linux_syscall.h"

/* reboot(2): the two magic numbers that guard against a stray call. */
#define REBOOT_MAGIC1	0xfee1deadL
#define REBOOT_MAGIC2	672274793L

int mount(const char *source, const char *target, const char *type, unsigned long flags,
	  const void *data)
{
	return linux_syscall_result(linux_syscall5(SYS_mount, (long)source, (long)target,
						   (long)type, flags, (long)data));
}

int umount2(const char *target, int flags)
{
	return linux_syscall_result(linux_syscall2(SYS_umount2, (long)target, flags));
}

int umount(const char *target)
{
	return umount2(target, 0);
}

int reboot(int command)
{
	return linux_syscall_result(linux_syscall4(SYS_reboot, REBOOT_MAGIC1, REBOOT_MAGIC2,
						   (unsigned int)command, 0));
}

int sysinfo(struct sysinfo *info)
{
	return linux_syscall_result(linux_syscall1(SYS_sysinfo, (long)info));
}

/* Basalt schedules one processor (as sysconf(_SC_NPROCESSORS_*) says). */
int get_nprocs(void)
{
	return 1;
}

int get_nprocs_conf(void)
{
	return 1;
}
