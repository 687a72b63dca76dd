/*
 * sock_iter.c: scatter/gather of message bytes over a user iovec array
 * (sendmsg(2)'s msg_iov) or one buffer (read(2)/write(2) on a socket).
 */
#include <basalt/string.h>
#include <fs/syscalls.h>
#include <mm/mm.h>
#include <net/socket.h>
#include <uapi/errno.h>
#include <user/user.h>

void sock_iter_from_uio(struct sock_iter *it, struct uio *u)
{
	it->one.base = (uint64_t)u->base;
	it->one.len = u->resid;
	it->iov = &it->one;
	it->nr = 1;
	it->idx = 0;
	it->off = 0;
	it->resid = u->resid;
	it->user = u->user;
}

int sock_iter_import(struct sock_iter *it, uint64_t uiov, uint64_t nr)
{
	uint64_t total = 0;

	it->iov = &it->one;
	it->nr = 0;
	it->idx = 0;
	it->off = 0;
	it->resid = 0;
	it->user = true;
	/* Linux's import_iovec: more than UIO_MAXIOV is EMSGSIZE. */
	if (nr > SOCK_IOV_MAX)
		return -EMSGSIZE;
	if (nr == 0)
		return 0;
	it->iov = kmalloc(nr * sizeof(*it->iov));
	if (!it->iov) {
		it->iov = &it->one;
		return -ENOMEM;
	}
	if (copy_from_user(it->iov, (const void __user *)uiov, nr * sizeof(*it->iov))) {
		sock_iter_release(it);
		return -EFAULT;
	}
	for (uint64_t i = 0; i < nr; i++) {
		struct sock_iovec *v = &it->iov[i];

		/* A negative length, or a sum past ssize_t, is EINVAL (readv(2)). */
		if ((int64_t)v->len < 0) {
			sock_iter_release(it);
			return -EINVAL;
		}
		if (!uaccess_range_ok(v->base, v->len)) {
			sock_iter_release(it);
			return -EFAULT;
		}
		/* Linux clamps the total to MAX_RW_COUNT rather than failing. */
		if (v->len > FS_MAX_RW_COUNT - total)
			v->len = FS_MAX_RW_COUNT - total;
		total += v->len;
	}
	it->nr = (unsigned)nr;
	it->resid = total;
	return 0;
}

void sock_iter_release(struct sock_iter *it)
{
	if (it->iov && it->iov != &it->one)
		kfree(it->iov);
	it->iov = &it->one;
	it->nr = 0;
	it->resid = 0;
}

/* Copies n bytes between the iterator's current place and buf, advancing. */
static int sock_iter_move(struct sock_iter *it, void *buf, size_t n, bool out)
{
	uint8_t *p = buf;

	if (n > it->resid)
		return -EFAULT;
	while (n > 0) {
		struct sock_iovec *v = &it->iov[it->idx];
		size_t room = v->len - it->off;
		size_t step = n < room ? n : room;
		uint8_t *where = (uint8_t *)(v->base + it->off);

		if (step) {
			if (!it->user) {
				if (out)
					memcpy(where, p, step);
				else
					memcpy(p, where, step);
			} else if (out ? copy_to_user((void __user *)where, p, step) :
					 copy_from_user(p, (const void __user *)where, step)) {
				return -EFAULT;
			}
		}
		p += step;
		n -= step;
		it->off += step;
		it->resid -= step;
		if (it->off == v->len) {
			it->idx++;
			it->off = 0;
		}
	}
	return 0;
}

int sock_iter_copy_out(struct sock_iter *it, const void *src, size_t n)
{
	return sock_iter_move(it, (void *)src, n, true);
}

int sock_iter_copy_in(struct sock_iter *it, void *dst, size_t n)
{
	return sock_iter_move(it, dst, n, false);
}
