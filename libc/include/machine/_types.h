/* machine/_types.h: Basalt's widths for newlib's system types, as Linux x86_64 has them. */
/*
 * newlib's <sys/_types.h> picks a default for each system type unless the
 * machine header defines __machine_<type>_t_defined. Its defaults are for
 * small embedded targets (16-bit dev_t, ino_t, uid_t, gid_t); Basalt speaks
 * the Linux x86_64 ABI, whose types are (see stat(3type) and the kernel's
 * include/uapi/asm-generic/posix_types.h and arch/x86/include/uapi/asm/
 * posix_types_64.h): dev_t 64-bit, ino_t 64-bit unsigned, uid_t and gid_t
 * 32-bit unsigned, mode_t 32-bit unsigned; fsblkcnt_t and fsfilcnt_t (statvfs)
 * 64-bit unsigned.
 *
 * This file replaces newlib's libc/include/machine/_types.h both when newlib
 * is compiled and in the sysroot, so the library and programs agree.
 */
#ifndef _MACHINE__TYPES_H
#define _MACHINE__TYPES_H

#include <machine/_default_types.h>

#define __machine_dev_t_defined
typedef __uint64_t __dev_t;

#define __machine_ino_t_defined
typedef __uint64_t __ino_t;

#define __machine_uid_t_defined
typedef __uint32_t __uid_t;

#define __machine_gid_t_defined
typedef __uint32_t __gid_t;

#define __machine_mode_t_defined
typedef __uint32_t __mode_t;

#define __machine_fsblkcnt_t_defined
typedef __uint64_t __fsblkcnt_t;

#define __machine_fsfilcnt_t_defined
typedef __uint64_t __fsfilcnt_t;

#endif /* _MACHINE__TYPES_H */
