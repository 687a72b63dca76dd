/*
 * sys_socket.c: the calls that make, name and connect sockets:
 * socket(2), socketpair(2), bind(2), listen(2), accept(2), accept4,
 * connect(2), shutdown(2), getsockname(2), getpeername(2).
 */
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <net/socket.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <user/user.h>

#define SOCK_FLAGS	(SOCK_NONBLOCK | SOCK_CLOEXEC)

/* The family's socket for socket(2)'s arguments (the type without its flags). */
static int socket_create(int family, int type, int protocol, struct socket **out)
{
	/* socket(2): an unknown family is EAFNOSUPPORT (Linux's __sock_create). */
	if (family < 0 || family >= AF_MAX)
		return -EAFNOSUPPORT;
	if (type < 0 || type >= (SOCK_TYPE_MASK + 1))
		return -EINVAL;
	if (family == AF_INET)
		return inet_create(type, protocol, out);
	if (family != AF_UNIX)
		return -EAFNOSUPPORT;	/* AF_INET6 and the rest: not yet */
	return unix_create(type, protocol, out);
}

static int socket_install(struct socket *s, int flags)
{
	struct file *f;
	int err = socket_file_create(s, (unsigned)flags, &f);
	int fd;

	if (err)
		return err;
	fd = fd_install(f, (flags & SOCK_CLOEXEC) ? FD_CLOEXEC_FLAG : 0);
	if (fd < 0)
		file_put(f);
	return fd;
}

SYSCALL_DEFINE3(socket, int, family, int, type, int, protocol)
{
	struct socket *s;
	int flags = type & ~SOCK_TYPE_MASK;
	int err;

	if (flags & ~SOCK_FLAGS)
		return -EINVAL;
	err = socket_create(family, type & SOCK_TYPE_MASK, protocol, &s);
	if (err)
		return err;
	return socket_install(s, flags);
}

SYSCALL_DEFINE4(socketpair, int, family, int, type, int, protocol, int __user *, usv)
{
	int flags = type & ~SOCK_TYPE_MASK;
	struct socket *a, *b;
	struct file *fa, *fb;
	unsigned fd_flags;
	int fds[2];
	int err;

	if (flags & ~SOCK_FLAGS)
		return -EINVAL;
	err = socket_create(family, type & SOCK_TYPE_MASK, protocol, &a);
	if (err)
		return err;
	err = socket_create(family, type & SOCK_TYPE_MASK, protocol, &b);
	if (err) {
		a->ops->release(a);
		return err;
	}
	/* socketpair(2): only AF_UNIX has pairs (inet_socketpair is EOPNOTSUPP). */
	err = family == AF_UNIX ? unix_socketpair(a, b) : -EOPNOTSUPP;
	if (err) {
		a->ops->release(a);
		b->ops->release(b);
		return err;
	}
	err = socket_file_create(a, (unsigned)flags, &fa);
	if (err) {
		b->ops->release(b);
		return err;
	}
	err = socket_file_create(b, (unsigned)flags, &fb);
	if (err) {
		file_put(fa);
		return err;
	}
	fd_flags = (flags & SOCK_CLOEXEC) ? FD_CLOEXEC_FLAG : 0;
	fds[0] = fd_install(fa, fd_flags);
	if (fds[0] < 0) {
		file_put(fa);
		file_put(fb);
		return fds[0];
	}
	fds[1] = fd_install(fb, fd_flags);
	if (fds[1] < 0) {
		fd_close(fds[0]);
		file_put(fb);
		return fds[1];
	}
	if (copy_to_user(usv, fds, sizeof(fds))) {
		fd_close(fds[0]);
		fd_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}

/* move_addr_to_kernel: at most SOCK_ADDR_MAX bytes (EINVAL beyond). */
static int socket_addr_in(const void __user *uaddr, int len, uint8_t *addr)
{
	if (len < 0 || len > SOCK_ADDR_MAX)
		return -EINVAL;
	if (len && copy_from_user(addr, uaddr, (size_t)len))
		return -EFAULT;
	return 0;
}

/*
 * move_addr_to_user: copies min(len, *ulen) bytes and stores the real
 * length in *ulen; a negative *ulen is EINVAL.
 */
static int socket_addr_out(const uint8_t *addr, int len, void __user *uaddr,
			   int __user *ulen)
{
	int room;

	if (copy_from_user(&room, ulen, sizeof(room)))
		return -EFAULT;
	if (room < 0)
		return -EINVAL;
	if (room > len)
		room = len;
	if (room && copy_to_user(uaddr, addr, (size_t)room))
		return -EFAULT;
	return copy_to_user(ulen, &len, sizeof(len)) ? -EFAULT : 0;
}

SYSCALL_DEFINE3(bind, int, fd, const void __user *, uaddr, int, len)
{
	uint8_t addr[SOCK_ADDR_MAX];
	struct file *f;
	struct socket *s;
	int err;

	s = socket_from_fd(fd, &f, &err);
	if (!s)
		return err;
	err = socket_addr_in(uaddr, len, addr);
	if (!err)
		err = s->ops->bind(s, addr, (uint32_t)len);
	file_put(f);
	return err;
}

SYSCALL_DEFINE3(connect, int, fd, const void __user *, uaddr, int, len)
{
	uint8_t addr[SOCK_ADDR_MAX];
	struct file *f;
	struct socket *s;
	int err;

	s = socket_from_fd(fd, &f, &err);
	if (!s)
		return err;
	err = socket_addr_in(uaddr, len, addr);
	if (!err)
		err = s->ops->connect(s, addr, (uint32_t)len, f->flags & O_NONBLOCK);
	file_put(f);
	return err;
}

SYSCALL_DEFINE2(listen, int, fd, int, backlog)
{
	struct file *f;
	struct socket *s;
	int err;

	s = socket_from_fd(fd, &f, &err);
	if (!s)
		return err;
	/* listen(2): a backlog above somaxconn is silently truncated. */
	if ((unsigned)backlog > SOMAXCONN)
		backlog = SOMAXCONN;
	err = s->ops->listen(s, backlog);
	file_put(f);
	return err;
}

SYSCALL_DEFINE4(accept4, int, fd, void __user *, uaddr, int __user *, ulen, int, flags)
{
	uint8_t addr[SOCK_ADDR_MAX];
	struct socket *s, *ns;
	struct file *f, *nf;
	int err, len, newfd;

	if (flags & ~SOCK_FLAGS)
		return -EINVAL;
	s = socket_from_fd(fd, &f, &err);
	if (!s)
		return err;
	err = s->ops->accept(s, &ns, f->flags & O_NONBLOCK);
	file_put(f);
	if (err)
		return err;
	err = socket_file_create(ns, (unsigned)flags, &nf);
	if (err)
		return err;
	if (uaddr) {
		len = ns->ops->getname(ns, addr, true);
		err = len < 0 ? len : socket_addr_out(addr, len, uaddr, ulen);
		if (err) {
			file_put(nf);
			return err;
		}
	}
	newfd = fd_install(nf, (flags & SOCK_CLOEXEC) ? FD_CLOEXEC_FLAG : 0);
	if (newfd < 0)
		file_put(nf);
	return newfd;
}

SYSCALL_DEFINE3(accept, int, fd, void __user *, uaddr, int __user *, ulen)
{
	return __do_sys_accept4(fd, uaddr, ulen, 0);
}

static long socket_getname(int fd, void __user *uaddr, int __user *ulen, bool peer)
{
	uint8_t addr[SOCK_ADDR_MAX];
	struct file *f;
	struct socket *s;
	int err, len;

	s = socket_from_fd(fd, &f, &err);
	if (!s)
		return err;
	len = s->ops->getname(s, addr, peer);
	file_put(f);
	if (len < 0)
		return len;
	return socket_addr_out(addr, len, uaddr, ulen);
}

SYSCALL_DEFINE3(getsockname, int, fd, void __user *, uaddr, int __user *, ulen)
{
	return socket_getname(fd, uaddr, ulen, false);
}

SYSCALL_DEFINE3(getpeername, int, fd, void __user *, uaddr, int __user *, ulen)
{
	return socket_getname(fd, uaddr, ulen, true);
}

SYSCALL_DEFINE2(shutdown, int, fd, int, how)
{
	struct file *f;
	struct socket *s;
	int err;

	s = socket_from_fd(fd, &f, &err);
	if (!s)
		return err;
	if (how < SHUT_RD || how > SHUT_RDWR)
		err = -EINVAL;
	else
		err = s->ops->shutdown(s, how);
	file_put(f);
	return err;
}
