/* sys/klog.h: klogctl(3), the C name of syslog(2) (the kernel log buffer). */
#ifndef _SYS_KLOG_H
#define _SYS_KLOG_H

#ifdef __cplusplus
extern "C" {
#endif

/* The commands (syslog(2) "type") are plain numbers there: 0 close ... 10 size of the buffer. */
int klogctl(int, char *, int);

#ifdef __cplusplus
}
#endif

#endif /* _SYS_KLOG_H */
