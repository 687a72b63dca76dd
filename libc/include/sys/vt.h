/* sys/vt.h: the virtual console ioctls (console_ioctl(2)), as glibc's
 * <sys/vt.h>, which is <linux/vt.h> alone. nano includes it on Linux for
 * VT_GETSTATE (is standard output a virtual console?). */
#ifndef BASALT_SYS_VT_H
#define BASALT_SYS_VT_H

#include <linux/vt.h>

#endif
