/* sys/config.h: Basalt's settings for newlib's configuration header, then newlib's own. */
/*
 * newlib's <sys/config.h> picks per-target settings from predefined macros
 * (__rtems__, __CYGWIN__...) and falls back to defaults for small embedded
 * targets. Basalt is a POSIX system on the Linux ABI, so it wants:
 * - read() and write() returning ssize_t, as POSIX says (newlib's legacy
 *   default is int);
 * - the Linux error names (ENOTBLK, ESHUTDOWN, ENOMEDIUM...) in <errno.h>
 *   and known to strerror();
 * - per-thread newlib state (below);
 * - CLOCK_MONOTONIC and the CPU-time clocks in <time.h>, which newlib shows
 *   only when the system says it has them (clock_gettime.c provides them).
 * This header is found before newlib's (by newlib's build, and in the
 * sysroot, whose newlib headers are in usr/include/newlib), and includes it.
 */
#ifndef _READ_WRITE_RETURN_TYPE
#define _READ_WRITE_RETURN_TYPE _ssize_t
#endif

#ifndef __LINUX_ERRNO_EXTENSIONS__
#define __LINUX_ERRNO_EXTENSIONS__ 1
#endif

/*
 * Threads (libc/pthread/): newlib's per-thread state (errno, strtok's...)
 * is reached through __getreent() (its reent.h), which returns the calling
 * thread's struct _reent from its thread control block.
 */
#define __DYNAMIC_REENT__

#define _POSIX_MONOTONIC_CLOCK 200809L
#define _POSIX_CPUTIME 200809L
#define _POSIX_THREAD_CPUTIME 200809L

/*
 * newlib's header turns these on for __linux__, which the wrapper toolchain
 * (the host's x86_64-linux-gnu gcc) defines, so libc.a is compiled with
 * them. The real x86_64-basalt gcc (toolchain/patches/gcc) defines
 * __basalt__ instead; its programs must see the same struct __sFILE (the
 * 64-bit seek members of __LARGE64_FILES) and declarations as libc.a.
 */
#ifndef __linux__
#define __LARGE64_FILES 1
#define _LARGEFILE64_SOURCE 1
#define HAVE_GETDATE
#endif

#include_next <sys/config.h>
