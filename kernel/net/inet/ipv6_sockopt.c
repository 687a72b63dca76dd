/*
 * ipv6_sockopt.c: the IPPROTO_IPV6 (SOL_IPV6) options of AF_INET6
 * sockets (ipv6(7)), as Linux's do_ipv6_setsockopt and
 * do_ipv6_getsockopt: IPV6_V6ONLY and IPV6_UNICAST_HOPS. Other options
 * are ENOPROTOOPT; the level on an AF_INET socket is EOPNOTSUPP, as
 * ip_getsockopt says of any level but SOL_IP.
 */
#include <net/inet/inet.h>
#include <uapi/errno.h>
#include <uapi/in6.h>
#include <user/user.h>

#define IPV6_HOPS_MAX		255	/* an 8-bit field (RFC 8200 3) */
#define IPV6_HOPS_DEFAULT_ASK	-1	/* "the route's default" */
#define IPV6_DEFAULT_HOP_LIMIT	64	/* what -1 reads as: net.ipv6.conf.all.hop_limit */

int inet_getsockopt_ipv6(struct socket *s, int name, void *val, int *len)
{
	struct inet_sock *is = inet_sk(s);
	int *iv = val;

	if (is->family != AF_INET6)
		return -EOPNOTSUPP;
	*len = sizeof(int);
	mutex_lock(&inet_lock);
	switch (name) {
	case IPV6_V6ONLY:
		*iv = is->v6only;
		break;
	case IPV6_UNICAST_HOPS:
		*iv = is->hops < 0 ? IPV6_DEFAULT_HOP_LIMIT : is->hops;
		break;
	default:
		mutex_unlock(&inet_lock);
		return -ENOPROTOOPT;
	}
	mutex_unlock(&inet_lock);
	return 0;
}

int inet_setsockopt_ipv6(struct socket *s, int name, const void __user *uval, int len)
{
	struct inet_sock *is = inet_sk(s);
	int v, err = 0;

	if (is->family != AF_INET6)
		return -EOPNOTSUPP;
	if (name != IPV6_V6ONLY && name != IPV6_UNICAST_HOPS)
		return -ENOPROTOOPT;
	if (len < (int)sizeof(int))
		return -EINVAL;
	if (copy_from_user(&v, uval, sizeof(v)))
		return -EFAULT;
	mutex_lock(&inet_lock);
	if (name == IPV6_V6ONLY) {
		/* ipv6(7): only before the socket has a local port. */
		if (is->bound)
			err = -EINVAL;
		else
			is->v6only = v != 0;
	} else if (v < IPV6_HOPS_DEFAULT_ASK || v > IPV6_HOPS_MAX) {
		err = -EINVAL;
	} else {
		is->hops = v;
	}
	mutex_unlock(&inet_lock);
	return err;
}
