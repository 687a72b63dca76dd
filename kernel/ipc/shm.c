/*
 * shm.c: System V shared memory, shmget(2), shmat(2), shmdt(2),
 * shmctl(2), as Linux's ipc/shm.c.
 *
 * A segment is an unlinked memfd (Linux's shmem file): shmat maps it
 * shared at the caller's or a free address, so its pages are the file's
 * page-cache frames and fork, exec and exit treat the attachment as any
 * shared file mapping (inherited, dropped). The attach count is the
 * file's references less the segment's own one: each area mapping it
 * holds one (a split area two, as Linux counts each vma).
 *
 * IPC_RMID marks the segment SHM_DEST and makes its key private; the
 * segment goes when nothing maps it any more. Basalt has no hook when an
 * area is dropped, so a removed segment is freed at the next shmdt or at
 * the next System V shm call or /proc/sysvipc/shm read that finds it
 * unmapped (shm_reap): until then its pages stay.
 *
 * Locking: shm_ids.lock (a mutex, ipc.h) guards the table and every
 * field of every segment; shmat and shmdt hold it while they change the
 * caller's areas, so the order is shm_ids.lock, then vm_space.sem.
 */
#include <ipc/ipc.h>
#include <basalt/format.h>
#include <basalt/string.h>
#include <basalt/syscalls.h>
#include <fs/file.h>
#include <fs/memfd.h>
#include <fs/procfs/procfs.h>
#include <fs/vfs.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <mm/vma.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/resource.h>
#include <user/user.h>

/* Linux's defaults (include/uapi/linux/shm.h): SHMMAX = SHMALL = ULONG_MAX - 2^24. */
#define SHM_DEFAULT_MAX		(UINT64_MAX - (1ULL << 24))
#define SHM_DEFAULT_ALL		(UINT64_MAX - (1ULL << 24))
#define SHM_DEFAULT_MNI		4096
#define SHM_MIN			1
/* Attach addresses round to SHMLBA: a page on x86_64. */
#define SHM_LBA			PAGE_SIZE
#define SHM_NAME_MAX		24

uint64_t shm_ctlmax = SHM_DEFAULT_MAX;
uint64_t shm_ctlall = SHM_DEFAULT_ALL;
uint64_t shm_ctlmni = SHM_DEFAULT_MNI;

struct shm_seg {
	struct ipc_obj perm;	/* first: the table holds &perm */
	struct file *file;	/* the memfd, the segment's reference */
	uint64_t size;
	int64_t atime, dtime, ctime;
	int cpid, lpid;
};

static struct ipc_ids shm_ids = IPC_IDS_INIT(shm_ids, "shm");
static uint64_t shm_tot;	/* pages of all segments: shm_ids.lock */

static uint64_t shm_pages(uint64_t size)
{
	return (size + PAGE_SIZE - 1) / PAGE_SIZE;
}

/* Areas mapping the segment (shm_nattch). shm_ids.lock held. */
static uint64_t shm_nattch(const struct shm_seg *s)
{
	return __atomic_load_n(&s->file->ref, __ATOMIC_ACQUIRE) - 1;
}

static void shm_destroy(struct shm_seg *s)
{
	ipc_remove(&shm_ids, &s->perm);
	shm_tot -= shm_pages(s->size);
	file_put(s->file);
	kfree(s);
}

/* Frees the removed segments nothing maps any more. shm_ids.lock held. */
static void shm_reap(void)
{
	for (unsigned i = 0; i < shm_ids.nslots; i++) {
		struct shm_seg *s = (struct shm_seg *)shm_ids.slots[i];

		if (s && (s->perm.mode & SHM_DEST) && !shm_nattch(s))
			shm_destroy(s);
	}
}

static int shm_new(int32_t key, uint64_t size, int flg)
{
	uint64_t pages = shm_pages(size);
	char name[SHM_NAME_MAX];
	struct shm_seg *s;
	int err;

	/* newseg's checks. */
	if (size < SHM_MIN || size > shm_ctlmax)
		return -EINVAL;
	if (pages * PAGE_SIZE < size)
		return -ENOSPC;
	if (shm_tot + pages < shm_tot || shm_tot + pages > shm_ctlall)
		return -ENOSPC;
	/* No huge pages are reserved: Linux's hugetlb_file_setup then fails so. */
	if (flg & SHM_HUGETLB)
		return -ENOMEM;
	s = kzalloc(sizeof(*s));
	if (!s)
		return -ENOMEM;
	snprintf(name, sizeof(name), "SYSV%08x", (unsigned)key);
	err = memfd_file_kernel(name, &s->file);
	if (!err) {
		err = vfs_ftruncate(s->file, (int64_t)size);
		if (err)
			file_put(s->file);
	}
	if (err) {
		kfree(s);
		return err;
	}
	s->size = size;
	s->cpid = ipc_pid();
	s->ctime = ipc_now();
	err = ipc_add(&shm_ids, &s->perm, key, (unsigned)flg, (unsigned)shm_ctlmni);
	if (err) {
		file_put(s->file);
		kfree(s);
		return err;
	}
	shm_tot += pages;
	return s->perm.id;
}

SYSCALL_DEFINE3(shmget, int, key, size_t, size, int, flg)
{
	struct ipc_obj *o;
	int r;

	mutex_lock(&shm_ids.lock);
	shm_reap();
	o = key == IPC_PRIVATE ? NULL : ipc_find_key(&shm_ids, key);
	if (key == IPC_PRIVATE)
		r = shm_new(key, size, flg);
	else if (!o)
		r = (flg & IPC_CREAT) ? shm_new(key, size, flg) : -ENOENT;
	else if ((flg & IPC_CREAT) && (flg & IPC_EXCL))
		r = -EEXIST;
	else if (size > ((struct shm_seg *)o)->size)
		r = -EINVAL;	/* shm_more_checks */
	else
		r = ipc_perms(o, (unsigned)flg) ? -EACCES : o->id;
	mutex_unlock(&shm_ids.lock);
	return r;
}

/* The segment whose file an area of the caller maps at addr, or NULL. shm_ids.lock held. */
static struct shm_seg *shm_seg_at(struct vm_space *vm, uint64_t addr)
{
	struct file *f = NULL;

	down_read(&vm->sem);
	for (const struct vma *v = vm->vmas.head; v && v->start <= addr; v = v->next)
		if (v->start == addr && v->off == 0)
			f = v->file;
	up_read(&vm->sem);
	for (unsigned i = 0; f && i < shm_ids.nslots; i++) {
		struct shm_seg *s = (struct shm_seg *)shm_ids.slots[i];

		if (s && s->file == f)
			return s;
	}
	return NULL;
}

/* do_shmat's checks and mapping, in Linux's order. */
SYSCALL_DEFINE3(shmat, int, id, uint64_t, addr, int, flg)
{
	struct vm_space *vm = process_current()->vm;
	unsigned prot = VM_PROT_WRITE, access = IPC_PERM_READ | IPC_PERM_WRITE;
	unsigned vflags = VMA_SHARED | VMA_MAYWRITE;
	struct shm_seg *s;
	uint64_t len;
	long err;

	if (id < 0)
		return -EINVAL;
	if (addr) {
		if (addr & (SHM_LBA - 1)) {
			if (!(flg & SHM_RND))
				return -EINVAL;
			addr &= ~(uint64_t)(SHM_LBA - 1);
			if (!addr && (flg & SHM_REMAP))
				return -EINVAL;
		}
	} else if (flg & SHM_REMAP) {
		return -EINVAL;
	}
	if (flg & SHM_RDONLY) {
		prot = 0;
		access = IPC_PERM_READ;
		vflags = VMA_SHARED;
	}
	if (flg & SHM_EXEC) {
		prot |= VM_PROT_EXEC;
		access |= IPC_PERM_EXEC;
	}
	mutex_lock(&shm_ids.lock);
	shm_reap();
	s = (struct shm_seg *)ipc_find_id(&shm_ids, id);
	err = -EINVAL;
	if (!s)
		goto out;
	err = ipc_perms(&s->perm, access);
	if (err)
		goto out;
	len = shm_pages(s->size) * PAGE_SIZE;
	err = -EINVAL;
	if (addr && (addr + len < addr || addr + len > USER_SPACE_END))
		goto out;
	if (addr && !(flg & SHM_REMAP) && !vm_range_free(vm, addr, len))
		goto out;
	err = -EPERM;	/* do_mmap's mmap_min_addr check of a fixed address */
	if (addr && addr < VM_MMAP_MIN_ADDR)
		goto out;
	err = -ENOMEM;
	if (!vm_may_grow(vm, len, false))
		goto out;
	if (addr && (flg & SHM_REMAP) && !vm_range_free(vm, addr, len) && vm_unmap(vm, addr, len))
		goto out;
	if (!addr)
		addr = vm_find_free(vm, len);
	if (!addr)
		goto out;
	if (s->file->ops->mmap) {
		err = s->file->ops->mmap(s->file, true);
		if (err)
			goto out;
	}
	err = vm_mmap(vm, addr, len, prot, vflags, s->file, 0);
	if (err) {
		err = err == -EEXIST ? -ENOMEM : err;
		goto out;
	}
	s->atime = ipc_now();
	s->lpid = ipc_pid();
	err = (long)addr;
out:
	mutex_unlock(&shm_ids.lock);
	return err;
}

/*
 * ksys_shmdt: unmaps the segment attached at addr, every area of its
 * file from addr to addr + its size. EINVAL if none starts there.
 */
SYSCALL_DEFINE1(shmdt, uint64_t, addr)
{
	struct vm_space *vm = process_current()->vm;
	uint64_t end;
	struct shm_seg *s;
	long err = -EINVAL;

	if (addr & (PAGE_SIZE - 1))
		return -EINVAL;
	mutex_lock(&shm_ids.lock);
	s = shm_seg_at(vm, addr);
	if (s) {
		end = addr + shm_pages(s->size) * PAGE_SIZE;
		/* Only the areas of this file, each whole, as Linux's loop. */
		down_read(&vm->sem);
		{
			uint64_t stop = addr;

			for (const struct vma *v = vm->vmas.head; v && v->start < end; v = v->next)
				if (v->start >= addr && v->file == s->file && v->end <= end)
					stop = v->end;
			end = stop;
		}
		up_read(&vm->sem);
		err = vm_unmap(vm, addr, end - addr);
		if (!err) {
			s->dtime = ipc_now();
			s->lpid = ipc_pid();
		}
		shm_reap();
	}
	mutex_unlock(&shm_ids.lock);
	return err;
}

static void shm_fill_stat(struct shm_seg *s, struct shmid64_ds *ds)
{
	memset(ds, 0, sizeof(*ds));
	ipc_fill_perm(&s->perm, &ds->shm_perm);
	ds->shm_segsz = s->size;
	ds->shm_atime = s->atime;
	ds->shm_dtime = s->dtime;
	ds->shm_ctime = s->ctime;
	ds->shm_cpid = s->cpid;
	ds->shm_lpid = s->lpid;
	ds->shm_nattch = shm_nattch(s);
}

static uint64_t shm_rss_pages(const struct shm_seg *s)
{
	return __atomic_load_n(&s->file->inode->i_data.nrpages, __ATOMIC_RELAXED);
}

static long shm_info(int cmd, void __user *ubuf)
{
	struct shminfo64 si = {
		.shmmax = shm_ctlmax, .shmmin = SHM_MIN, .shmmni = shm_ctlmni,
		.shmseg = shm_ctlmni, .shmall = shm_ctlall,
	};
	struct shm_info inf;
	int max;

	memset(&inf, 0, sizeof(inf));
	mutex_lock(&shm_ids.lock);
	shm_reap();
	inf.used_ids = (int32_t)shm_ids.in_use;
	inf.shm_tot = shm_tot;
	for (unsigned i = 0; i < shm_ids.nslots; i++)
		if (shm_ids.slots[i])
			inf.shm_rss += shm_rss_pages((struct shm_seg *)shm_ids.slots[i]);
	max = ipc_max_slot(&shm_ids);
	mutex_unlock(&shm_ids.lock);
	if (cmd == IPC_INFO ? copy_to_user(ubuf, &si, sizeof(si)) :
			      copy_to_user(ubuf, &inf, sizeof(inf)))
		return -EFAULT;
	return max;
}

static long shm_stat(int id, int cmd, void __user *ubuf)
{
	struct shmid64_ds ds;
	struct ipc_obj *o;
	long r = 0;

	mutex_lock(&shm_ids.lock);
	shm_reap();
	o = cmd == IPC_STAT ? ipc_find_id(&shm_ids, id) : ipc_find_slot(&shm_ids, id);
	if (!o)
		r = -EINVAL;
	else if (cmd != SHM_STAT_ANY && ipc_perms(o, IPC_PERM_READ))
		r = -EACCES;
	else
		shm_fill_stat((struct shm_seg *)o, &ds);
	if (!r && cmd != IPC_STAT)
		r = o->id;
	mutex_unlock(&shm_ids.lock);
	if (r >= 0 && copy_to_user(ubuf, &ds, sizeof(ds)))
		return -EFAULT;
	return r;
}

/* IPC_SET, IPC_RMID (shmctl_down), SHM_LOCK and SHM_UNLOCK. */
static long shm_down(int id, int cmd, void __user *ubuf)
{
	struct shmid64_ds ds;
	struct shm_seg *s;
	long r;

	if (cmd == IPC_SET && copy_from_user(&ds, ubuf, sizeof(ds)))
		return -EFAULT;
	mutex_lock(&shm_ids.lock);
	shm_reap();
	s = (struct shm_seg *)ipc_find_id(&shm_ids, id);
	r = s ? ipc_owner_check(&s->perm) : -EINVAL;
	if (r)
		goto out;
	switch (cmd) {
	case IPC_SET:
		ipc_set_perm(&s->perm, &ds.shm_perm);
		s->ctime = ipc_now();
		break;
	case IPC_RMID:
		/* do_shm_rmid: private key now; gone once nothing maps it. */
		s->perm.mode |= SHM_DEST;
		s->perm.key = IPC_PRIVATE;
		shm_reap();
		break;
	case SHM_LOCK:
		/* Without CAP_IPC_LOCK (root) it takes a RLIMIT_MEMLOCK. */
		if (!ipc_is_root() && !vm_rlimit(RLIMIT_MEMLOCK)) {
			r = -EPERM;
			break;
		}
		s->perm.mode |= SHM_LOCKED;
		break;
	default:
		s->perm.mode &= ~(unsigned)SHM_LOCKED;
		break;
	}
out:
	mutex_unlock(&shm_ids.lock);
	return r;
}

SYSCALL_DEFINE3(shmctl, int, id, int, cmd, void __user *, ubuf)
{
	if (cmd < 0 || id < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SHM_INFO:
		return shm_info(cmd, ubuf);
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY:
		return shm_stat(id, cmd, ubuf);
	case IPC_SET:
	case IPC_RMID:
	case SHM_LOCK:
	case SHM_UNLOCK:
		return shm_down(id, cmd, ubuf);
	default:
		return -EINVAL;
	}
}

/* /proc/sysvipc/shm: Linux's sysvipc_shm_proc_show format (64-bit). */
int shm_proc_show(struct procfs_buf *b)
{
	procfs_printf(b, "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap\n");
	mutex_lock(&shm_ids.lock);
	shm_reap();
	for (unsigned i = 0; i < shm_ids.nslots; i++) {
		struct shm_seg *s = (struct shm_seg *)shm_ids.slots[i];

		if (!s)
			continue;
		procfs_printf(b, "%10d %10d  %4o %21llu %5d %5d  %5llu %5u %5u %5u %5u %10lld %10lld %10lld %21llu %21llu\n",
			      s->perm.key, s->perm.id, s->perm.mode, (unsigned long long)s->size,
			      s->cpid, s->lpid, (unsigned long long)shm_nattch(s), s->perm.uid,
			      s->perm.gid, s->perm.cuid, s->perm.cgid, (long long)s->atime,
			      (long long)s->dtime, (long long)s->ctime,
			      (unsigned long long)(shm_rss_pages(s) * PAGE_SIZE), 0ULL);
	}
	mutex_unlock(&shm_ids.lock);
	return 0;
}
