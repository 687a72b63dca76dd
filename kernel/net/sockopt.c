/*
 * sockopt.c: getsockopt(2) and setsockopt(2) at SOL_SOCKET (socket(7),
 * unix(7)). Options without a protocol level in Basalt (AF_UNIX has
 * none) are ENOPROTOOPT at any other level, as Linux's unix sockets.
 */
#include <basalt/syscalls.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <net/socket.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <time/time.h>
#include <uapi/time.h>
#include <user/user.h>

/* The option value for get: an int for most, a struct ucred for SO_PEERCRED. */
static int sockopt_get(struct socket *s, int name, void *val, int *len)
{
	int *iv = val;

	*len = sizeof(int);
	switch (name) {
	case SO_TYPE:
		*iv = s->type;
		return 0;
	case SO_DOMAIN:
		*iv = s->family;
		return 0;
	case SO_PROTOCOL:
		*iv = s->protocol;
		return 0;
	case SO_ERROR:
		*iv = s->ops->take_error(s);
		return 0;
	case SO_SNDBUF:
		*iv = (int)__atomic_load_n(&s->sndbuf, __ATOMIC_RELAXED);
		return 0;
	case SO_RCVBUF:
		*iv = (int)__atomic_load_n(&s->rcvbuf, __ATOMIC_RELAXED);
		return 0;
	case SO_PASSCRED:
		*iv = __atomic_load_n(&s->passcred, __ATOMIC_RELAXED);
		return 0;
	case SO_REUSEADDR:
		*iv = __atomic_load_n(&s->reuseaddr, __ATOMIC_RELAXED);
		return 0;
	case SO_ACCEPTCONN:
		*iv = s->ops->listening(s);
		return 0;
	case SO_KEEPALIVE:
		*iv = (int)__atomic_load_n(&s->keepalive, __ATOMIC_RELAXED);
		return 0;
	case SO_BROADCAST:
		*iv = (int)__atomic_load_n(&s->broadcast, __ATOMIC_RELAXED);
		return 0;
	case SO_OOBINLINE:
		*iv = (int)__atomic_load_n(&s->oobinline, __ATOMIC_RELAXED);
		return 0;
	case SO_DONTROUTE:
		*iv = (int)__atomic_load_n(&s->dontroute, __ATOMIC_RELAXED);
		return 0;
	case SO_RCVLOWAT:
		*iv = (int)__atomic_load_n(&s->rcvlowat, __ATOMIC_RELAXED);
		return 0;
	case SO_LINGER: {
		struct sock_linger *l = val;

		*len = sizeof(*l);
		__atomic_load(&s->linger, l, __ATOMIC_RELAXED);
		return 0;
	}
	case SO_RCVTIMEO:
	case SO_SNDTIMEO: {
		uint64_t ns = __atomic_load_n(name == SO_RCVTIMEO ? &s->rcvtimeo_ns :
					      &s->sndtimeo_ns, __ATOMIC_RELAXED);
		struct timeval *tv = val;

		/* sock_get_timeout: no limit (and "never") read as zero. */
		if (ns == SOCK_TIMEO_NOW)
			ns = 0;
		tv->tv_sec = (int64_t)(ns / NSEC_PER_SEC);
		tv->tv_usec = (int64_t)(ns % NSEC_PER_SEC / NSEC_PER_USEC);
		*len = sizeof(*tv);
		return 0;
	}
	case SO_PEERCRED: {
		struct sock_cred c;
		int err = s->ops->peercred(s, &c);

		if (err)
			return err;
		*len = sizeof(struct ucred);
		((struct ucred *)val)->pid = c.pid;
		((struct ucred *)val)->uid = c.uid;
		((struct ucred *)val)->gid = c.gid;
		return 0;
	}
	default:
		return -ENOPROTOOPT;
	}
}

SYSCALL_DEFINE5(getsockopt, int, fd, int, level, int, name, void __user *, uval,
		int __user *, ulen)
{
	union {
		int i;
		struct ucred cred;
		struct timeval tv;
		struct sock_linger linger;
	} v;
	struct file *f;
	struct socket *s;
	int err, room, len;

	s = socket_from_fd(fd, &f, &err);
	if (!s)
		return err;
	if (level != SOL_SOCKET && !s->ops->getsockopt) {
		file_put(f);
		return -EOPNOTSUPP;
	}
	if (copy_from_user(&room, ulen, sizeof(room))) {
		file_put(f);
		return -EFAULT;
	}
	if (room < 0) {
		file_put(f);
		return -EINVAL;
	}
	if (level != SOL_SOCKET)
		err = s->ops->getsockopt(s, level, name, &v, &len);
	else
		err = sockopt_get(s, name, &v, &len);
	file_put(f);
	if (err)
		return err;
	/* sk_getsockopt: copies min(len, room) bytes and stores that length. */
	if (room < len)
		len = room;
	if (copy_to_user(uval, &v, (size_t)len) || copy_to_user(ulen, &len, sizeof(len)))
		return -EFAULT;
	return 0;
}

/*
 * socket(7) SO_SNDBUF/SO_RCVBUF: the value, taken unsigned (a negative
 * one is huge) and capped at max, doubled, at least floor (Linux's
 * sk_setsockopt). The *FORCE options (root: CAP_NET_ADMIN) skip the cap
 * and read a negative value as 0.
 */
static uint32_t sockopt_buf_size(int val, uint32_t max, uint32_t floor, bool force)
{
	uint64_t v = force ? (val < 0 ? 0 : (uint64_t)val) : (uint64_t)(uint32_t)val;

	if (!force && v > max)
		v = max;
	v *= 2;
	if (v > INT32_MAX)
		v = INT32_MAX;
	return v < floor ? floor : (uint32_t)v;
}

/*
 * SO_RCVTIMEO/SO_SNDTIMEO (a struct timeval: EINVAL if shorter, EDOM for
 * microseconds out of range, a negative time means never wait, zero no
 * limit: Linux's sock_set_timeout) and SO_LINGER (a struct linger; the
 * time is kept only when turned on).
 */
static int sockopt_set_struct(struct socket *s, int name, const void __user *uval, int len)
{
	if (name == SO_LINGER) {
		struct sock_linger l, cur;

		if (len < (int)sizeof(l))
			return -EINVAL;
		if (copy_from_user(&l, uval, sizeof(l)))
			return -EFAULT;
		__atomic_load(&s->linger, &cur, __ATOMIC_RELAXED);
		cur.l_onoff = l.l_onoff != 0;
		if (l.l_onoff)
			cur.l_linger = l.l_linger;
		__atomic_store(&s->linger, &cur, __ATOMIC_RELAXED);
		return 0;
	} else {
		uint64_t *timeo = name == SO_RCVTIMEO ? &s->rcvtimeo_ns : &s->sndtimeo_ns;
		struct timeval tv;
		uint64_t ns;

		if (len < (int)sizeof(tv))
			return -EINVAL;
		if (copy_from_user(&tv, uval, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_usec < 0 || tv.tv_usec >= (int64_t)USEC_PER_SEC)
			return -EDOM;
		if (tv.tv_sec < 0)
			ns = SOCK_TIMEO_NOW;
		else if ((uint64_t)tv.tv_sec > (UINT64_MAX - NSEC_PER_SEC) / NSEC_PER_SEC)
			ns = 0;		/* beyond any clock: no limit */
		else
			ns = (uint64_t)tv.tv_sec * NSEC_PER_SEC + (uint64_t)tv.tv_usec * NSEC_PER_USEC;
		__atomic_store_n(timeo, ns, __ATOMIC_RELAXED);
		return 0;
	}
}

SYSCALL_DEFINE5(setsockopt, int, fd, int, level, int, name, const void __user *, uval,
		int, len)
{
	struct file *f;
	struct socket *s;
	int err, val = 0;

	s = socket_from_fd(fd, &f, &err);
	if (!s)
		return err;
	if (level != SOL_SOCKET) {
		err = s->ops->setsockopt ? s->ops->setsockopt(s, level, name, uval, len) : -EOPNOTSUPP;
		file_put(f);
		return err;
	}
	if (name == SO_RCVTIMEO || name == SO_SNDTIMEO || name == SO_LINGER) {
		err = sockopt_set_struct(s, name, uval, len);
		file_put(f);
		return err;
	}
	/* sk_setsockopt: an int option needs at least an int. */
	if (len < (int)sizeof(int)) {
		file_put(f);
		return -EINVAL;
	}
	if (copy_from_user(&val, uval, sizeof(val))) {
		file_put(f);
		return -EFAULT;
	}
	err = 0;
	switch (name) {
	case SO_SNDBUFFORCE:
	case SO_RCVBUFFORCE:
		if (vfs_cred()->euid != 0) {
			err = -EPERM;
			break;
		}
		/* fallthrough */
	case SO_SNDBUF:
	case SO_RCVBUF: {
		bool force = name == SO_SNDBUFFORCE || name == SO_RCVBUFFORCE;

		if (name == SO_SNDBUF || name == SO_SNDBUFFORCE)
			__atomic_store_n(&s->sndbuf,
					 sockopt_buf_size(val, sock_sysctl_get(&sock_wmem_max),
							  SOCK_MIN_SNDBUF, force), __ATOMIC_RELAXED);
		else
			__atomic_store_n(&s->rcvbuf,
					 sockopt_buf_size(val, sock_sysctl_get(&sock_rmem_max),
							  SOCK_MIN_RCVBUF, force), __ATOMIC_RELAXED);
		break;
	}
	case SO_PASSCRED:
		__atomic_store_n(&s->passcred, val != 0, __ATOMIC_RELAXED);
		break;
	/* Kept and reported as Linux does; they change nothing for AF_UNIX. */
	case SO_KEEPALIVE:
		__atomic_store_n(&s->keepalive, val != 0, __ATOMIC_RELAXED);
		break;
	case SO_BROADCAST:
		__atomic_store_n(&s->broadcast, val != 0, __ATOMIC_RELAXED);
		break;
	case SO_OOBINLINE:
		__atomic_store_n(&s->oobinline, val != 0, __ATOMIC_RELAXED);
		break;
	case SO_DONTROUTE:
		__atomic_store_n(&s->dontroute, val != 0, __ATOMIC_RELAXED);
		break;
	case SO_RCVLOWAT:
		/* sk_setsockopt: negative is INT_MAX, 0 is 1. */
		__atomic_store_n(&s->rcvlowat, val < 0 ? (uint32_t)INT32_MAX : (val ? (uint32_t)val : 1u),
				 __ATOMIC_RELAXED);
		break;
	case SO_REUSEADDR:
		/* Recorded and reported; AF_UNIX ignores it (unix(7)). */
		__atomic_store_n(&s->reuseaddr, val != 0, __ATOMIC_RELAXED);
		break;
	case SO_TYPE:
	case SO_DOMAIN:
	case SO_PROTOCOL:
	case SO_ERROR:
	case SO_PEERCRED:
	case SO_ACCEPTCONN:
		err = -ENOPROTOOPT;	/* read-only options */
		break;
	default:
		err = -ENOPROTOOPT;
		break;
	}
	file_put(f);
	return err;
}
