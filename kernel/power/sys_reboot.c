/*
 * sys_reboot.c: reboot(2). The checks come in Linux's order: privilege
 * (CAP_SYS_BOOT, which is euid 0 here: EPERM), then the magic numbers
 * (EINVAL), then the command. Like Linux, the call does not sync file
 * systems: init (or the reboot command) does before calling it.
 */
#include <basalt/profile.h>
#include <core/sys_info.h>
#include <asm/cpu.h>
#include <basalt/log.h>
#include <basalt/syscalls.h>
#include <block/block.h>
#include <power/power.h>
#include <uapi/errno.h>
#include <uapi/reboot.h>
#include <user/user.h>

/* LINUX_REBOOT_CMD_RESTART2's command string: at most this long. */
#define REBOOT_ARG_MAX		256

/* Written by reboot(2) only, read by the keyboard: a plain flag. */
static volatile bool reboot_cad;

bool reboot_cad_enabled(void)
{
	return reboot_cad;
}

static bool reboot_magic_ok(uint32_t magic1, uint32_t magic2)
{
	return magic1 == LINUX_REBOOT_MAGIC1 &&
	       (magic2 == LINUX_REBOOT_MAGIC2 || magic2 == LINUX_REBOOT_MAGIC2A ||
		magic2 == LINUX_REBOOT_MAGIC2B || magic2 == LINUX_REBOOT_MAGIC2C);
}

/* LINUX_REBOOT_CMD_HALT: stop the CPU, leave the power on. */
static __noreturn void reboot_halt(void)
{
	pr_notice("reboot: system halted\n");
	for (;;) {
		cpu_irq_disable();	/* for good: nothing is to wake the hlt */
		__asm__ volatile("hlt");
	}
}

/*
 * Before the machine goes: the disks write their volatile caches to the
 * media (Linux's device_shutdown: sd_shutdown's SYNCHRONIZE CACHE, the
 * NVMe shutdown). Dirty pages are user space's to sync first, as on
 * Linux (BusyBox's poweroff and reboot call sync(2)).
 */
static void reboot_prepare(void)
{
	profile_report();
	block_shutdown();
}

long ksys_reboot(uint32_t magic1, uint32_t magic2, unsigned int cmd, const void __user *uarg)
{
	char arg[REBOOT_ARG_MAX];
	long len;

	if (sys_info_current_euid() != 0)
		return -EPERM;
	if (!reboot_magic_ok(magic1, magic2))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_CAD_ON:
		reboot_cad = true;
		return 0;
	case LINUX_REBOOT_CMD_CAD_OFF:
		reboot_cad = false;
		return 0;
	case LINUX_REBOOT_CMD_RESTART:
		pr_notice("reboot: restarting system\n");
		reboot_prepare();
		power_reboot();
	case LINUX_REBOOT_CMD_RESTART2:
		/* The string goes to the firmware on some machines; PCs ignore it. */
		len = strncpy_from_user(arg, uarg, sizeof(arg));
		if (len < 0)
			return len;
		pr_notice("reboot: restarting system\n");
		reboot_prepare();
		power_reboot();
	case LINUX_REBOOT_CMD_HALT:
		reboot_halt();
	case LINUX_REBOOT_CMD_POWER_OFF:
		pr_notice("reboot: power down\n");
		reboot_prepare();
		power_off();
	case LINUX_REBOOT_CMD_KEXEC:
		/* No kexec image can be loaded: Linux says EINVAL then. */
		return -EINVAL;
	case LINUX_REBOOT_CMD_SW_SUSPEND:
		/* No hibernation: Linux without CONFIG_HIBERNATION says ENOSYS. */
		return -ENOSYS;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE4(reboot, int, magic1, int, magic2, unsigned int, cmd, const void __user *, arg)
{
	return ksys_reboot((uint32_t)magic1, (uint32_t)magic2, cmd, arg);
}
