/*
 * unix_addr.c: AF_UNIX names (unix(7), "Address format"): a path, for
 * which bind makes an S_IFSOCK node with vfs_mknodat and keeps a
 * reference to it (connect finds the socket by the inode the path leads
 * to: a table keyed by that inode), or an abstract name (sun_path[0] is
 * NUL; the rest of the given length, bytes no file system sees), or an
 * autobind name: a NUL and five hex digits, given by bind with the
 * family alone, or by a send or connect with SO_PASSCRED.
 *
 * Locking: unix_lock (unix.h) guards the table; the VFS calls happen
 * outside it.
 */
#include <basalt/string.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <net/unix/unix.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* Bound sockets (struct unix_sock.bound_link), by name or inode: unix_lock. */
static struct list_node unix_bound = { &unix_bound, &unix_bound };
/* The next autobind name, 5 hex digits as Linux's "%05x" (unix_lock). */
static uint32_t unix_autobind_next;

/* unix(7): autobind names are a NUL and 5 hex digits: 2^20 of them. */
#define UNIX_AUTOBIND_DIGITS	5
#define UNIX_AUTOBIND_NAMES	(1u << 20)
/* offsetof(struct sockaddr_un, sun_path): the family field. */
#define UNIX_ADDR_PATH_OFF	((uint32_t)sizeof(sa_family_t))

int unix_addr_check(const uint8_t *addr, uint32_t len)
{
	sa_family_t family;

	/* unix_validate_addr: at least the family, at most a sockaddr_un. */
	if (len < UNIX_ADDR_PATH_OFF || len > sizeof(struct sockaddr_un))
		return -EINVAL;
	memcpy(&family, addr, sizeof(family));
	if (family != AF_UNIX)
		return -EINVAL;
	return 0;
}

/*
 * A path name's C string: sun_path up to len, ended at its first NUL
 * (unix(7): the terminating NUL is optional). Returns the length.
 */
static size_t unix_path_of(const uint8_t *addr, uint32_t len, char *path)
{
	size_t n = len - UNIX_ADDR_PATH_OFF;
	size_t i;

	for (i = 0; i < n && addr[UNIX_ADDR_PATH_OFF + i]; i++)
		path[i] = (char)addr[UNIX_ADDR_PATH_OFF + i];
	path[i] = '\0';
	return i;
}

/* The bound socket with an abstract name and type (locked). */
static struct unix_sock *unix_find_abstract(const uint8_t *addr, uint32_t len, int type)
{
	struct unix_sock *u;

	list_for_each_entry(u, &unix_bound, bound_link) {
		if (!u->bound_inode && u->type == type && u->addr_len == len &&
		    !memcmp(&u->addr, addr, len))
			return u;
	}
	return NULL;
}

static struct unix_sock *unix_find_inode(const struct inode *ino)
{
	struct unix_sock *u;

	list_for_each_entry(u, &unix_bound, bound_link) {
		if (u->bound_inode == ino)
			return u;
	}
	return NULL;
}

int unix_autobind(struct unix_sock *u)
{
	struct sockaddr_un a;
	uint32_t len = UNIX_ADDR_PATH_OFF + 1 + UNIX_AUTOBIND_DIGITS;
	static const char hex[] = "0123456789abcdef";

	if (u->addr_len)
		return 0;
	for (uint32_t tries = 0; tries < UNIX_AUTOBIND_NAMES; tries++) {
		uint32_t n = unix_autobind_next++ % UNIX_AUTOBIND_NAMES;

		memset(&a, 0, sizeof(a));
		a.sun_family = AF_UNIX;
		for (int i = UNIX_AUTOBIND_DIGITS - 1; i >= 0; i--) {
			a.sun_path[1 + i] = hex[n & 0xf];
			n >>= 4;
		}
		if (unix_find_abstract((const uint8_t *)&a, len, u->type))
			continue;
		u->addr = a;
		u->addr_len = len;
		u->bound_inode = NULL;
		list_add_tail(&unix_bound, &u->bound_link);
		return 0;
	}
	return -ENOSPC;
}

static int unix_bind_path(struct unix_sock *u, const uint8_t *addr, uint32_t len)
{
	char *path = kmalloc(UNIX_PATH_MAX + 1);
	struct path p;
	size_t n;
	int err;

	if (!path)
		return -ENOMEM;
	n = unix_path_of(addr, len, path);
	mutex_lock(&unix_lock);
	err = u->addr_len ? -EINVAL : 0;
	mutex_unlock(&unix_lock);
	if (err)
		goto out;
	/* unix_bind_bsd: the node's mode is 0777 less the umask (vfs_mknodat applies it). */
	err = vfs_mknodat(AT_FDCWD, path, S_IFSOCK | 0777, 0);
	if (err == -EEXIST)
		err = -EADDRINUSE;
	if (err)
		goto out;
	err = vfs_lookup_path(path, 0, &p);
	if (err)
		goto out;
	mutex_lock(&unix_lock);
	if (u->addr_len) {
		err = -EINVAL;	/* another thread bound it meanwhile */
	} else {
		memset(&u->addr, 0, sizeof(u->addr));
		u->addr.sun_family = AF_UNIX;
		memcpy(u->addr.sun_path, path, n + 1 > UNIX_PATH_MAX ? UNIX_PATH_MAX : n + 1);
		/* unix_mkname_bsd: the length counts the path and its NUL. */
		u->addr_len = UNIX_ADDR_PATH_OFF + (uint32_t)n + 1;
		if (u->addr_len > sizeof(struct sockaddr_un))
			u->addr_len = sizeof(struct sockaddr_un);
		u->bound_path = p;
		u->bound_inode = p.dentry->inode;
		list_add_tail(&unix_bound, &u->bound_link);
	}
	mutex_unlock(&unix_lock);
	if (err)
		path_put(&p);
out:
	kfree(path);
	return err;
}

int unix_bind(struct socket *s, const uint8_t *addr, uint32_t len)
{
	struct unix_sock *u = unix_sk(s);
	int err = unix_addr_check(addr, len);

	if (err)
		return err;
	if (len == UNIX_ADDR_PATH_OFF) {
		/* bind with only the family: autobind (unix(7)). */
		mutex_lock(&unix_lock);
		err = u->addr_len ? -EINVAL : unix_autobind(u);
		mutex_unlock(&unix_lock);
		return err;
	}
	if (addr[UNIX_ADDR_PATH_OFF] != 0)
		return unix_bind_path(u, addr, len);
	mutex_lock(&unix_lock);
	if (u->addr_len)
		err = -EINVAL;
	else if (unix_find_abstract(addr, len, u->type))
		err = -EADDRINUSE;
	if (!err) {
		memset(&u->addr, 0, sizeof(u->addr));
		memcpy(&u->addr, addr, len);
		u->addr_len = len;
		u->bound_inode = NULL;
		list_add_tail(&unix_bound, &u->bound_link);
	}
	mutex_unlock(&unix_lock);
	return err;
}

int unix_find_other(const uint8_t *addr, uint32_t len, int type, struct unix_sock **out)
{
	struct unix_sock *u;
	int err = unix_addr_check(addr, len);

	if (err)
		return err;
	if (len == UNIX_ADDR_PATH_OFF)
		return -EINVAL;
	if (addr[UNIX_ADDR_PATH_OFF] != 0) {
		char *path = kmalloc(UNIX_PATH_MAX + 1);
		struct path p;

		if (!path)
			return -ENOMEM;
		unix_path_of(addr, len, path);
		err = vfs_lookup_path(path, LOOKUP_FOLLOW, &p);
		kfree(path);
		if (err)
			return err;
		/* unix_find_bsd: write permission on the node, and it must be a socket. */
		err = inode_permission(p.dentry->inode, MAY_WRITE, vfs_cred());
		if (!err && !S_ISSOCK(p.dentry->inode->mode))
			err = -ECONNREFUSED;
		if (!err) {
			mutex_lock(&unix_lock);
			u = unix_find_inode(p.dentry->inode);
			if (!u)
				err = -ECONNREFUSED;
			else if (u->type != type)
				err = -EPROTOTYPE;
			else
				unix_sock_get(u);
			mutex_unlock(&unix_lock);
		}
		path_put(&p);
		if (!err)
			*out = u;
		return err;
	}
	mutex_lock(&unix_lock);
	u = unix_find_abstract(addr, len, type);
	if (u)
		unix_sock_get(u);
	mutex_unlock(&unix_lock);
	if (!u)
		return -ECONNREFUSED;
	*out = u;
	return 0;
}

int unix_getname(struct socket *s, uint8_t *addr, bool peer)
{
	struct unix_sock *u = unix_sk(s);
	sa_family_t family = AF_UNIX;
	int len;

	mutex_lock(&unix_lock);
	if (peer) {
		u = u->peer;
		if (!u || (unix_sk(s)->type != SOCK_DGRAM && unix_sk(s)->state != UNIX_CONNECTED)) {
			mutex_unlock(&unix_lock);
			return -ENOTCONN;
		}
	}
	/* An unnamed socket's name is the family alone (unix(7)). */
	if (u->addr_len) {
		memcpy(addr, &u->addr, u->addr_len);
		len = (int)u->addr_len;
	} else {
		memcpy(addr, &family, sizeof(family));
		len = sizeof(family);
	}
	mutex_unlock(&unix_lock);
	return len;
}
