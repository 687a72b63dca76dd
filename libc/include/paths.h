/* paths.h: newlib's four names plus the other well-known paths Linux
 * programs take from glibc's paths.h (see paths.h in the FHS and
 * getmntent(3) for _PATH_MOUNTED). */
#ifndef _BASALT_PATHS_H
#define _BASALT_PATHS_H

#include_next <paths.h>

#define _PATH_CONSOLE   "/dev/console"
#define _PATH_TTY       "/dev/tty"
#define _PATH_DEFPATH   "/usr/bin:/bin"
#define _PATH_STDPATH   "/usr/bin:/bin:/usr/sbin:/sbin"
#define _PATH_MOUNTED   "/etc/mtab"
#define _PATH_MNTTAB    "/etc/fstab"
#define _PATH_PASSWD    "/etc/passwd"
#define _PATH_GROUP     "/etc/group"
#define _PATH_SHADOW    "/etc/shadow"
#define _PATH_NOLOGIN   "/etc/nologin"
#define _PATH_SHELLS    "/etc/shells"
#define _PATH_MAILDIR   "/var/mail"
#define _PATH_VARRUN    "/var/run/"
#define _PATH_VARTMP    "/var/tmp/"
#define _PATH_TMP       "/tmp/"
#define _PATH_UTMP      "/var/run/utmp"
#define _PATH_WTMP      "/var/log/wtmp"
#define _PATH_LASTLOG   "/var/log/lastlog"

#endif
