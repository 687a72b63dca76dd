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
	} v;
	struct file *f;
	struct socket *s;
	int err, room, len;

	s = socket_from_fd(fd, &f, &err);
	if (!s)
		return err;
	if (level != SOL_SOCKET) {
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
		file_put(f);
		return -EOPNOTSUPP;
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
