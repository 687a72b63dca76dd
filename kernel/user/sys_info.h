/*
 * sys_info.h: system information, scheduling hints, random bytes and
 * reboot for user space, grouped by the file that defines them:
 *
 *   user/sys_info.c     sysinfo, sched_yield, sched_getaffinity,
 *                       sched_setaffinity, getcpu
 *   user/sys_random.c   getrandom (over basalt/random.h)
 *   power/sys_reboot.c  reboot
 */
#ifndef USER_SYS_INFO_H
#define USER_SYS_INFO_H

#include <stdbool.h>
#include <stdint.h>

struct trap_frame;

/* The one CPU Basalt uses: affinity masks are 1 << 0. */
#define SYS_INFO_NR_CPUS	1

long sys_sysinfo(struct trap_frame *f);
long sys_sched_yield(struct trap_frame *f);
long sys_sched_getaffinity(struct trap_frame *f);
long sys_sched_setaffinity(struct trap_frame *f);
long sys_getcpu(struct trap_frame *f);

long sys_getrandom(struct trap_frame *f);

long sys_reboot(struct trap_frame *f);
/*
 * Whether Ctrl-Alt-Del reboots at once (LINUX_REBOOT_CMD_CAD_ON) or is
 * to be sent to init as SIGINT (CAD_OFF, the default), for the keyboard.
 */
bool reboot_cad_enabled(void);
/* The caller's effective uid; 0 outside a process (kernel-run programs). */
uint32_t sys_info_current_euid(void);

#endif /* USER_SYS_INFO_H */
