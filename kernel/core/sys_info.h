/*
 * sys_info.h: system information, scheduling hints, random bytes and
 * reboot for user space, grouped by the file that defines them:
 *
 *   user/sys_info.c     sysinfo, sched_yield, sched_getaffinity,
 *                       sched_setaffinity, getcpu
 *   user/sys_random.c   getrandom (over basalt/random.h)
 *   power/sys_reboot.c  reboot
 */
#ifndef CORE_SYS_INFO_H
#define CORE_SYS_INFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <basalt/compiler.h>

struct sysinfo;

/* The most CPUs (smp.h): an affinity mask is one long, bit n for CPU n. */
#define SYS_INFO_NR_CPUS	64

/*
 * The bodies of the system calls of the same names, with typed
 * arguments (Linux's ksys_ helpers), for in-kernel callers and tests.
 */
long ksys_sysinfo(struct sysinfo __user *info);
long ksys_sched_getaffinity(int pid, uint64_t len, uint64_t __user *user_mask);
long ksys_sched_setaffinity(int pid, uint64_t len, const uint64_t __user *user_mask);
long ksys_getcpu(uint32_t __user *cpu, uint32_t __user *node);

long ksys_getrandom(char __user *buf, size_t count, unsigned int flags);

long ksys_reboot(uint32_t magic1, uint32_t magic2, unsigned int cmd, const void __user *arg);
/*
 * Whether Ctrl-Alt-Del reboots at once (LINUX_REBOOT_CMD_CAD_ON) or is
 * to be sent to init as SIGINT (CAD_OFF, the default), for the keyboard.
 */
bool reboot_cad_enabled(void);
/* The caller's effective uid; 0 outside a process (kernel-run programs). */
uint32_t sys_info_current_euid(void);

#endif /* CORE_SYS_INFO_H */
