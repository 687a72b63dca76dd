/*
 * unix_scm.c: ancillary data of AF_UNIX messages (unix(7), cmsg(3)).
 *
 * SCM_RIGHTS: sendmsg takes a reference to each file named; the files
 * are "in flight" while the message sits in a queue, and recvmsg
 * installs them as new descriptors of the receiver (as many as its
 * control buffer and RLIMIT_NOFILE allow; the rest are closed and
 * MSG_CTRUNC says so).
 *
 * SCM_CREDENTIALS: the sender may name a pid, uid and gid, checked
 * against its own (root may give any: Linux's scm_check_creds asks for
 * CAP_SYS_ADMIN, CAP_SETUID, CAP_SETGID, which only root has here); a
 * receiver with SO_PASSCRED gets them, or the sender's own when it gave
 * none.
 *
 * Garbage: a socket whose only references are in-flight messages (it
 * was sent over itself, or two sockets each over the other, and every
 * descriptor closed) can never be received again. unix_gc, run when a
 * unix socket is closed while some socket is in flight, finds them as
 * Linux's original collector did: candidates are sockets whose file
 * count equals their in-flight count; any candidate reachable from the
 * queue of a non-candidate (transitively) is alive; the queues of the
 * rest are purged, which drops the last references and frees them.
 */
#include <basalt/string.h>
#include <fs/file.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <net/unix/unix.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

/* unix_lock: sockets in flight (sum of their inflight counts). */
static unsigned unix_inflight_total;
/* unix_lock: a collection is running (the frees it causes do not start another). */
static bool unix_gc_running;

static bool unix_cred_ok(const struct ucred *uc)
{
	const struct cred *c = &process_current()->cred;

	if (c->euid == 0)
		return true;
	if (uc->pid != process_current()->pid)
		return false;
	if (uc->uid != c->uid && uc->uid != c->euid && uc->uid != c->suid)
		return false;
	return uc->gid == c->gid || uc->gid == c->egid || uc->gid == c->sgid;
}

static int unix_scm_add_fds(struct unix_scm *scm, const int *fds, unsigned n)
{
	struct file **files;

	if (n == 0)
		return 0;
	/* scm_fp_copy: at most SCM_MAX_FD in one message (EINVAL). */
	if (scm->nfiles + n > UNIX_SCM_MAX_FD)
		return -EINVAL;
	files = kmalloc((scm->nfiles + n) * sizeof(*files));
	if (!files)
		return -ENOMEM;
	if (scm->nfiles)
		memcpy(files, scm->files, scm->nfiles * sizeof(*files));
	for (unsigned i = 0; i < n; i++) {
		struct file *f = fd_get(fds[i]);

		if (!f) {
			for (unsigned j = scm->nfiles; j < scm->nfiles + i; j++)
				file_put(files[j]);
			kfree(files);
			return -EBADF;
		}
		files[scm->nfiles + i] = f;
	}
	kfree(scm->files);
	scm->files = files;
	scm->nfiles += n;
	return 0;
}

int unix_scm_parse(struct sock_msg *m, struct unix_scm *scm)
{
	const uint8_t *buf = m->control.data;
	size_t len = m->control.len, off = 0;
	int err = 0;

	/* __scm_send walks the headers while a whole one fits. */
	while (len - off >= sizeof(struct cmsghdr)) {
		struct cmsghdr h;
		size_t dlen;

		memcpy(&h, buf + off, sizeof(h));
		if (h.cmsg_len < sizeof(h) || h.cmsg_len > len - off) {
			err = -EINVAL;
			break;
		}
		dlen = h.cmsg_len - CMSG_LEN(0);
		if (h.cmsg_level == SOL_SOCKET) {
			if (h.cmsg_type == SCM_RIGHTS) {
				int fds[UNIX_SCM_MAX_FD];
				unsigned n = (unsigned)(dlen / sizeof(int));

				if (n > UNIX_SCM_MAX_FD) {
					err = -EINVAL;
					break;
				}
				memcpy(fds, buf + off + CMSG_LEN(0), n * sizeof(int));
				err = unix_scm_add_fds(scm, fds, n);
			} else if (h.cmsg_type == SCM_CREDENTIALS) {
				struct ucred uc;

				if (h.cmsg_len != CMSG_LEN(sizeof(uc))) {
					err = -EINVAL;
					break;
				}
				memcpy(&uc, buf + off + CMSG_LEN(0), sizeof(uc));
				if (!unix_cred_ok(&uc)) {
					err = -EPERM;
					break;
				}
				scm->cred.pid = uc.pid;
				scm->cred.uid = uc.uid;
				scm->cred.gid = uc.gid;
				scm->has_cred = true;
			} else {
				err = -EINVAL;
			}
			if (err)
				break;
		}
		off += CMSG_ALIGN(h.cmsg_len);
		if (off > len)
			break;
	}
	if (err)
		unix_scm_destroy(scm);
	return err;
}

void unix_scm_destroy(struct unix_scm *scm)
{
	for (unsigned i = 0; i < scm->nfiles; i++)
		file_put(scm->files[i]);
	kfree(scm->files);
	memset(scm, 0, sizeof(*scm));
}

int unix_scm_dup(const struct unix_scm *src, struct unix_scm *dst)
{
	*dst = *src;
	dst->files = NULL;
	if (!src->nfiles)
		return 0;
	dst->files = kmalloc(src->nfiles * sizeof(*dst->files));
	if (!dst->files) {
		dst->nfiles = 0;
		return -ENOMEM;
	}
	for (unsigned i = 0; i < src->nfiles; i++) {
		file_get(src->files[i]);
		dst->files[i] = src->files[i];
	}
	return 0;
}

/* The unix socket behind an in-flight file, or NULL. */
static struct unix_sock *unix_of_file(struct file *f)
{
	struct socket *s = socket_of_file(f);

	return s && s->family == AF_UNIX ? unix_sk(s) : NULL;
}

void unix_scm_inflight(struct unix_scm *scm, bool add)
{
	for (unsigned i = 0; i < scm->nfiles; i++) {
		struct unix_sock *v = unix_of_file(scm->files[i]);

		if (!v)
			continue;
		if (add) {
			v->inflight++;
			unix_inflight_total++;
		} else {
			v->inflight--;
			unix_inflight_total--;
		}
	}
}

int unix_scm_recv(struct socket *s, struct unix_scm *scm, struct sock_msg *m, int flags)
{
	unsigned fd_flags = (flags & MSG_CMSG_CLOEXEC) ? FD_CLOEXEC_FLAG : 0;
	int err = 0;

	if (s->passcred && scm->has_cred) {
		struct ucred uc = { scm->cred.pid, scm->cred.uid, scm->cred.gid };

		err = sock_put_cmsg(m, SOL_SOCKET, SCM_CREDENTIALS, &uc, sizeof(uc));
	}
	if (!err && scm->nfiles) {
		uint64_t room = m->ucontrol_len - m->ucontrol_used;
		unsigned fdmax = 0, i;
		int *fds;

		if (m->ucontrol && room > CMSG_LEN(0))
			fdmax = (unsigned)((room - CMSG_LEN(0)) / sizeof(int));
		if (fdmax > scm->nfiles)
			fdmax = scm->nfiles;
		fds = kmalloc((fdmax ? fdmax : 1) * sizeof(int));
		if (!fds) {
			unix_scm_destroy(scm);
			return -ENOMEM;
		}
		/* scm_detach_fds: install while room and descriptors last (EMFILE stops). */
		for (i = 0; i < fdmax; i++) {
			int fd = fd_install(scm->files[i], fd_flags);

			if (fd < 0)
				break;
			fds[i] = fd;
			scm->files[i] = NULL;	/* the table holds it now */
		}
		if (i > 0)
			err = sock_put_cmsg(m, SOL_SOCKET, SCM_RIGHTS, fds, i * sizeof(int));
		if (i < scm->nfiles)
			m->flags |= MSG_CTRUNC;
		kfree(fds);
		for (unsigned j = i; j < scm->nfiles; j++)
			file_put(scm->files[j]);
		kfree(scm->files);
		scm->files = NULL;
		scm->nfiles = 0;
	}
	return err;
}

/* ---- garbage collection of in-flight sockets -------------------------------- */

/* Clears the candidacy of every candidate in u's queue (and its embryos'). */
static bool unix_gc_scan(struct unix_sock *u)
{
	struct unix_sock *e;
	struct unix_skb *skb;
	bool changed = false;

	list_for_each_entry(skb, &u->rcvq, link) {
		for (unsigned i = 0; i < skb->scm.nfiles; i++) {
			struct unix_sock *v = unix_of_file(skb->scm.files[i]);

			if (v && v->gc_candidate) {
				v->gc_candidate = false;
				changed = true;
			}
		}
	}
	list_for_each_entry(e, &u->acceptq, accept_link)
		changed |= unix_gc_scan(e);
	return changed;
}

/* An embryo: made by connect, not accepted, no file. Its listener scans it. */
static bool unix_gc_embryo(const struct unix_sock *u)
{
	return u->sock && !u->sock->file;
}

void unix_gc(void)
{
	struct list_node garbage;
	struct unix_sock *u;
	bool changed;

	list_init(&garbage);
	mutex_lock(&unix_lock);
	if (unix_gc_running || !unix_inflight_total) {
		mutex_unlock(&unix_lock);
		return;
	}
	unix_gc_running = true;
	list_for_each_entry(u, &unix_all, all_link) {
		u->gc_candidate = false;
		if (u->inflight && u->sock && u->sock->file &&
		    __atomic_load_n(&u->sock->file->ref, __ATOMIC_ACQUIRE) == u->inflight)
			u->gc_candidate = true;
	}
	do {
		changed = false;
		list_for_each_entry(u, &unix_all, all_link) {
			if (!u->gc_candidate && !unix_gc_embryo(u))
				changed |= unix_gc_scan(u);
		}
	} while (changed);
	list_for_each_entry(u, &unix_all, all_link) {
		struct unix_sock *e;

		if (!u->gc_candidate)
			continue;
		unix_rcvq_drain(u, &garbage);
		list_for_each_entry(e, &u->acceptq, accept_link)
			unix_rcvq_drain(e, &garbage);
	}
	mutex_unlock(&unix_lock);
	/* The last references of the garbage sockets go here, unlocked. */
	unix_skb_free_list(&garbage);
	mutex_lock(&unix_lock);
	unix_gc_running = false;
	mutex_unlock(&unix_lock);
}

bool unix_gc_needed(void)
{
	return unix_inflight_total != 0;
}
