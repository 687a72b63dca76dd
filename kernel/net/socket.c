/*
 * socket.c: socket files. A socket is a file on a sockfs inode whose
 * ops hand read(2), write(2), poll(2) and ioctl(2) to the socket's
 * family (struct sock_ops): read is recv with no flags, write is send
 * with no flags (socket(7)), lseek is ESPIPE.
 */
#include <basalt/string.h>
#include <fs/file.h>
#include <mm/mm.h>
#include <net/netdev.h>
#include <net/socket.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <signal/signal.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/ioctl.h>
#include <uapi/signal.h>
#include <time/time.h>
#include <user/user.h>

static long socket_file_read(struct file *f, struct uio *u, uint64_t *pos __unused)
{
	struct socket *s = f->priv;
	struct sock_msg m;
	long r;

	memset(&m, 0, sizeof(m));
	sock_iter_from_uio(&m.iter, u);
	r = s->ops->recvmsg(s, &m, 0, f->flags & O_NONBLOCK);
	if (r > 0) {
		u->base += r;
		u->resid -= (size_t)r;
	}
	return r;
}

static long socket_file_write(struct file *f, struct uio *u, uint64_t *pos __unused)
{
	struct socket *s = f->priv;
	struct sock_msg m;
	long r;

	memset(&m, 0, sizeof(m));
	sock_iter_from_uio(&m.iter, u);
	r = s->ops->sendmsg(s, &m, 0, f->flags & O_NONBLOCK);
	if (r > 0) {
		u->base += r;
		u->resid -= (size_t)r;
	}
	return r;
}

static long socket_file_lseek(struct file *f __unused, int64_t off __unused, int whence __unused)
{
	return -ESPIPE;
}

static unsigned socket_file_poll(struct file *f, struct poll_table *pt)
{
	struct socket *s = f->priv;

	return s->ops->poll(s, pt);
}

static long socket_file_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	struct socket *s = f->priv;
	long n;
	int v;

	/* The interface requests go to the interface layer (sock_ioctl -> dev_ioctl). */
	if (netdev_ioctl_is_ours(cmd))
		return netdev_ioctl(s->family, cmd, arg);
	/* FIONREAD is SIOCINQ (unix(7), "Ioctls"). */
	if (cmd != FIONREAD || !s->ops->inq)
		return -ENOTTY;
	n = s->ops->inq(s);
	if (n < 0)
		return n;
	v = (int)n;
	return copy_to_user((void __user *)arg, &v, sizeof(v)) ? -EFAULT : 0;
}

static void socket_file_release(struct file *f)
{
	struct socket *s = f->priv;

	s->ops->release(s);
}

static const struct file_ops socket_file_ops = {
	.read = socket_file_read,
	.write = socket_file_write,
	.lseek = socket_file_lseek,
	.poll = socket_file_poll,
	.ioctl = socket_file_ioctl,
	.release = socket_file_release,
};

struct socket *socket_alloc(int family, int type, int protocol, const struct sock_ops *ops)
{
	struct socket *s = kzalloc(sizeof(*s));

	if (!s)
		return NULL;
	s->ops = ops;
	s->family = family;
	s->type = type;
	s->protocol = protocol;
	s->sndbuf = sock_sysctl_get(&sock_wmem_default);
	s->rcvbuf = sock_sysctl_get(&sock_rmem_default);
	s->rcvlowat = 1;	/* socket(7): SO_RCVLOWAT defaults to 1 */
	return s;
}

void socket_free(struct socket *s)
{
	kfree(s);
}

int socket_file_create(struct socket *s, unsigned flags, struct file **out)
{
	struct file *f = file_alloc_anon(&socket_file_ops, s, O_RDWR | (flags & O_NONBLOCK));
	int err;

	if (!f) {
		s->ops->release(s);
		return -ENOMEM;
	}
	s->file = f;
	err = sockfs_attach(f);
	if (err) {
		file_put(f);	/* releases s */
		return err;
	}
	*out = f;
	return 0;
}

struct socket *socket_of_file(struct file *f)
{
	return f->ops == &socket_file_ops ? f->priv : NULL;
}

struct socket *socket_from_fd(int fd, struct file **fp, int *err)
{
	struct file *f = fd_get(fd);
	struct socket *s;

	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	s = socket_of_file(f);
	if (!s) {
		file_put(f);
		*err = -ENOTSOCK;
		return NULL;
	}
	*fp = f;
	return s;
}

int sock_put_cmsg(struct sock_msg *m, int level, int type, const void *data, size_t len)
{
	struct cmsghdr h;
	uint64_t room = m->ucontrol_len - m->ucontrol_used;
	uint64_t at = m->ucontrol + m->ucontrol_used;
	size_t full = CMSG_LEN(len);
	size_t put;

	if (m->ucontrol == 0 || room < sizeof(h)) {
		m->flags |= MSG_CTRUNC;
		return 0;
	}
	if (room < full) {
		m->flags |= MSG_CTRUNC;
		full = room;
	}
	h.cmsg_len = full;
	h.cmsg_level = level;
	h.cmsg_type = type;
	if (copy_to_user((void __user *)at, &h, sizeof(h)))
		return -EFAULT;
	put = full - CMSG_LEN(0);
	if (put && copy_to_user((void __user *)(at + CMSG_LEN(0)), data, put))
		return -EFAULT;
	/* The next header starts aligned, but never past the buffer (put_cmsg). */
	put = CMSG_SPACE(len);
	m->ucontrol_used += put < room ? put : room;
	return 0;
}

void sock_cred_current(struct sock_cred *c)
{
	struct process *p = process_current();

	c->pid = p->pid;
	c->uid = p->cred.euid;
	c->gid = p->cred.egid;
}

uint64_t sock_deadline(uint64_t timeo_ns)
{
	uint64_t now;

	if (timeo_ns == 0)
		return 0;
	if (timeo_ns == SOCK_TIMEO_NOW)
		return 1;	/* long past: the first wait times out */
	now = time_monotonic_ns();
	return now + timeo_ns < now ? 0 : now + timeo_ns;
}
