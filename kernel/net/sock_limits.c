/*
 * sock_limits.c: the socket buffer sysctls of socket(7) ("/proc
 * interfaces"), /proc/sys/net/core/:
 *
 *   wmem_default  SO_SNDBUF of a new socket
 *   rmem_default  SO_RCVBUF of a new socket
 *   wmem_max      the most an unprivileged SO_SNDBUF may ask (doubled)
 *   rmem_max      the same for SO_RCVBUF
 *
 * Linux's values on x86_64 (SK_WMEM_MAX, SK_RMEM_MAX: 212992) at boot;
 * root may write each, down to the floors SOCK_MIN_SNDBUF/SOCK_MIN_RCVBUF
 * and up to INT_MAX (net/core/sysctl_net_core.c's bounds).
 *
 * Locking: each is one aligned word, read and written whole (relaxed
 * atomics), as the pipe sysctls.
 */
#include <net/socket.h>
#include <uapi/errno.h>

uint64_t sock_wmem_default = SOCK_WMEM_DEFAULT;
uint64_t sock_rmem_default = SOCK_RMEM_DEFAULT;
uint64_t sock_wmem_max = SOCK_WMEM_MAX;
uint64_t sock_rmem_max = SOCK_RMEM_MAX;

/* The sysctls are ints in Linux: INT_MAX is the largest value. */
#define SOCK_SYSCTL_MAX	0x7fffffffULL

int sock_sysctl_store(uint64_t *value, uint64_t v, bool send)
{
	if (v < (send ? SOCK_MIN_SNDBUF : SOCK_MIN_RCVBUF) || v > SOCK_SYSCTL_MAX)
		return -EINVAL;
	__atomic_store_n(value, v, __ATOMIC_RELAXED);
	return 0;
}

uint32_t sock_sysctl_get(const uint64_t *value)
{
	return (uint32_t)__atomic_load_n(value, __ATOMIC_RELAXED);
}
