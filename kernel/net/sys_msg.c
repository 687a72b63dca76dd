/*
 * sys_msg.c: moving messages: sendto(2), recvfrom(2), sendmsg(2),
 * recvmsg(2), sendmmsg(2), recvmmsg(2). Builds a struct sock_msg from
 * the user's arguments and hands it to the socket's family.
 */
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <fs/file.h>
#include <fs/syscalls.h>
#include <mm/mm.h>
#include <net/socket.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/time.h>
#include <user/user.h>

/*
 * net.core.optmem_max (socket(7)): the most ancillary data one sendmsg
 * may carry; more is ENOBUFS (Linux's ____sys_sendmsg, 20480 bytes).
 */
#define SOCK_OPTMEM_MAX		20480u
/* sendmmsg(2)/recvmmsg(2): vlen is capped at UIO_MAXIOV. */
#define SOCK_MMSG_MAX		SOCK_IOV_MAX

static bool sock_nonblock(struct file *f, int flags)
{
	return (f->flags & O_NONBLOCK) || (flags & MSG_DONTWAIT);
}

static long sock_send(struct file *f, struct socket *s, struct sock_msg *m, int flags)
{
	return s->ops->sendmsg(s, m, flags, sock_nonblock(f, flags));
}

static long sock_recv(struct file *f, struct socket *s, struct sock_msg *m, int flags)
{
	return s->ops->recvmsg(s, m, flags, sock_nonblock(f, flags));
}

SYSCALL_DEFINE6(sendto, int, fd, const void __user *, buf, size_t, len, int, flags,
		const void __user *, uaddr, int, addrlen)
{
	struct sock_msg m;
	struct file *f;
	struct socket *s;
	struct uio u;
	int err;
	long r;

	s = socket_from_fd(fd, &f, &err);
	if (!s)
		return err;
	memset(&m, 0, sizeof(m));
	if (!uaccess_range_ok((uint64_t)buf, len)) {
		file_put(f);
		return -EFAULT;
	}
	uio_init_user(&u, (void *)buf, MIN(len, FS_MAX_RW_COUNT));
	sock_iter_from_uio(&m.iter, &u);
	if (uaddr) {
		if (addrlen < 0 || addrlen > SOCK_ADDR_MAX) {
			file_put(f);
			return -EINVAL;
		}
		if (copy_from_user(m.name, uaddr, (size_t)addrlen)) {
			file_put(f);
			return -EFAULT;
		}
		m.namelen = (uint32_t)addrlen;
	}
	r = sock_send(f, s, &m, flags);
	file_put(f);
	return r;
}

SYSCALL_DEFINE6(recvfrom, int, fd, void __user *, buf, size_t, len, int, flags,
		void __user *, uaddr, int __user *, ulen)
{
	struct sock_msg m;
	struct file *f;
	struct socket *s;
	struct uio u;
	int err, room;
	long r;

	s = socket_from_fd(fd, &f, &err);
	if (!s)
		return err;
	memset(&m, 0, sizeof(m));
	if (!uaccess_range_ok((uint64_t)buf, len)) {
		file_put(f);
		return -EFAULT;
	}
	uio_init_user(&u, buf, MIN(len, FS_MAX_RW_COUNT));
	sock_iter_from_uio(&m.iter, &u);
	r = sock_recv(f, s, &m, flags & ~MSG_CMSG_CLOEXEC);
	file_put(f);
	if (r >= 0 && uaddr && m.namelen) {
		if (copy_from_user(&room, ulen, sizeof(room)))
			return -EFAULT;
		if (room < 0)
			return -EINVAL;
		if ((uint32_t)room > m.namelen)
			room = (int)m.namelen;
		if (copy_to_user(uaddr, m.name, (size_t)room) ||
		    copy_to_user(ulen, &m.namelen, sizeof(m.namelen)))
			return -EFAULT;
	} else if (r >= 0 && uaddr && ulen) {
		uint32_t zero = 0;

		/* No address (a connected stream): Linux stores length 0. */
		if (copy_to_user(ulen, &zero, sizeof(zero)))
			return -EFAULT;
	}
	return r;
}

/* One sendmsg: the msghdr at umsg; the bytes sent or -errno. */
static long sock_sendmsg_one(struct file *f, struct socket *s,
			     struct user_msghdr __user *umsg, int flags)
{
	struct user_msghdr h;
	struct sock_msg m;
	long r;

	if (copy_from_user(&h, umsg, sizeof(h)))
		return -EFAULT;
	memset(&m, 0, sizeof(m));
	if (h.msg_name) {
		if (h.msg_namelen > SOCK_ADDR_MAX)
			return -EINVAL;
		if (copy_from_user(m.name, (const void __user *)h.msg_name, h.msg_namelen))
			return -EFAULT;
		m.namelen = h.msg_namelen;
	}
	if (h.msg_controllen > INT32_MAX)
		return -ENOBUFS;
	if (h.msg_controllen) {
		if (h.msg_controllen > SOCK_OPTMEM_MAX)
			return -ENOBUFS;
		m.control.data = kmalloc(h.msg_controllen);
		if (!m.control.data)
			return -ENOMEM;
		m.control.len = h.msg_controllen;
		if (copy_from_user(m.control.data, (const void __user *)h.msg_control,
				   h.msg_controllen)) {
			kfree(m.control.data);
			return -EFAULT;
		}
	}
	r = sock_iter_import(&m.iter, h.msg_iov, h.msg_iovlen);
	if (!r)
		r = sock_send(f, s, &m, flags);
	sock_iter_release(&m.iter);
	kfree(m.control.data);
	return r;
}

/* One recvmsg into the msghdr at umsg (whose lengths and flags it updates). */
static long sock_recvmsg_one(struct file *f, struct socket *s,
			     struct user_msghdr __user *umsg, int flags)
{
	struct user_msghdr h;
	struct sock_msg m;
	uint32_t namelen;
	long r;

	if (copy_from_user(&h, umsg, sizeof(h)))
		return -EFAULT;
	if ((int32_t)h.msg_namelen < 0)
		return -EINVAL;
	memset(&m, 0, sizeof(m));
	m.ucontrol = h.msg_control;
	m.ucontrol_len = h.msg_controllen;
	r = sock_iter_import(&m.iter, h.msg_iov, h.msg_iovlen);
	if (r)
		return r;
	r = sock_recv(f, s, &m, flags);
	sock_iter_release(&m.iter);
	if (r < 0)
		return r;
	namelen = 0;
	if (h.msg_name && m.namelen) {
		namelen = m.namelen < h.msg_namelen ? m.namelen : h.msg_namelen;
		if (copy_to_user((void __user *)h.msg_name, m.name, namelen))
			return -EFAULT;
		namelen = m.namelen;
	}
	h.msg_namelen = namelen;
	h.msg_controllen = m.ucontrol_used;
	h.msg_flags = m.flags;
	if (copy_to_user(&umsg->msg_namelen, &h.msg_namelen, sizeof(h.msg_namelen)) ||
	    copy_to_user(&umsg->msg_controllen, &h.msg_controllen, sizeof(h.msg_controllen)) ||
	    copy_to_user(&umsg->msg_flags, &h.msg_flags, sizeof(h.msg_flags)))
		return -EFAULT;
	return r;
}

SYSCALL_DEFINE3(sendmsg, int, fd, struct user_msghdr __user *, umsg, unsigned int, flags)
{
	struct file *f;
	struct socket *s;
	int err;
	long r;

	s = socket_from_fd(fd, &f, &err);
	if (!s)
		return err;
	r = sock_sendmsg_one(f, s, umsg, (int)flags);
	file_put(f);
	return r;
}

SYSCALL_DEFINE3(recvmsg, int, fd, struct user_msghdr __user *, umsg, unsigned int, flags)
{
	struct file *f;
	struct socket *s;
	int err;
	long r;

	s = socket_from_fd(fd, &f, &err);
	if (!s)
		return err;
	r = sock_recvmsg_one(f, s, umsg, (int)flags);
	file_put(f);
	return r;
}

/*
 * sendmmsg(2): as many messages as go; the count sent, or the first
 * message's error when none went.
 */
SYSCALL_DEFINE4(sendmmsg, int, fd, struct user_mmsghdr __user *, uvec, unsigned int, vlen,
		unsigned int, flags)
{
	struct file *f;
	struct socket *s;
	unsigned done = 0;
	int err;
	long r = 0;

	s = socket_from_fd(fd, &f, &err);
	if (!s)
		return err;
	if (vlen > SOCK_MMSG_MAX)
		vlen = SOCK_MMSG_MAX;
	for (; done < vlen; done++) {
		uint32_t len;

		r = sock_sendmsg_one(f, s, &uvec[done].msg_hdr, (int)flags);
		if (r < 0)
			break;
		len = (uint32_t)r;
		if (copy_to_user(&uvec[done].msg_len, &len, sizeof(len))) {
			r = -EFAULT;
			break;
		}
	}
	file_put(f);
	return done ? (long)done : r;
}

/*
 * recvmmsg(2): up to vlen messages; with MSG_WAITFORONE only the first
 * may block. The timeout, as Linux's, is only looked at between
 * messages; Basalt reads and checks it but does not time the wait yet.
 */
SYSCALL_DEFINE5(recvmmsg, int, fd, struct user_mmsghdr __user *, uvec, unsigned int, vlen,
		unsigned int, flags, struct timespec __user *, utimeout)
{
	struct timespec ts;
	struct file *f;
	struct socket *s;
	unsigned done = 0;
	int err;
	long r = 0;

	if (utimeout) {
		if (copy_from_user(&ts, utimeout, sizeof(ts)))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000L)
			return -EINVAL;
	}
	s = socket_from_fd(fd, &f, &err);
	if (!s)
		return err;
	if (vlen > SOCK_MMSG_MAX)
		vlen = SOCK_MMSG_MAX;
	for (; done < vlen; done++) {
		uint32_t len;

		r = sock_recvmsg_one(f, s, &uvec[done].msg_hdr, (int)(flags & ~MSG_WAITFORONE));
		if (r < 0)
			break;
		len = (uint32_t)r;
		if (copy_to_user(&uvec[done].msg_len, &len, sizeof(len))) {
			r = -EFAULT;
			break;
		}
		if (flags & MSG_WAITFORONE)
			flags |= MSG_DONTWAIT;
	}
	file_put(f);
	return done ? (long)done : r;
}
