/* sys_syslog.h: syslog(2), kernel/log/sys_syslog.c. */
#ifndef LOG_SYS_SYSLOG_H
#define LOG_SYS_SYSLOG_H

struct trap_frame;

long sys_syslog(struct trap_frame *f);

#endif /* LOG_SYS_SYSLOG_H */
