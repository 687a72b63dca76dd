/*
 * vdso.c: the kernel's side of the vDSO (vdso(7)). The image
 * (user/vclock.c linked by user/vdso.lds, embedded by vdso_image.S) is
 * copied once into frames the kernel keeps; a vvar page (vdso_data.h)
 * holds what its code reads. exec maps both into each new address space
 * (vm_map_frames: shared frames, read-only, nothing copied per process),
 * the vvar page one page below the image as the image expects, and
 * passes the image's address as AT_SYSINFO_EHDR; /proc/PID/maps names
 * them [vvar] and [vdso].
 *
 * The vvar page: the TSC formula of the monotonic clock when the TSC is
 * the clock source (time/clock.c; with the HPET the precise clocks stay
 * system calls, the HPET's registers are not mapped to user space),
 * realtime's offset from it, and the coarse clocks, refreshed by every
 * tick and by a step of the realtime clock.
 *
 * Locking: vdso_lock (irqsave: the tick runs in the timer interrupt)
 * serializes the page's writers, which bump the seqcount around their
 * stores (vdso_data.h); vdso_init_lock makes the first exec set
 * everything up once. vdso_ready is published with release order after
 * the setup and read with acquire.
 */
#include <asm/vdso.h>
#include <basalt/compiler.h>
#include <basalt/log.h>
#include <basalt/string.h>
#include <basalt/vmlayout.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <sched/mutex.h>
#include <sched/spinlock.h>
#include <time/sys_time.h>
#include <time/time.h>
#include <uapi/errno.h>
#include "vdso_data.h"

#define VDSO_MAX_PAGES	4	/* the image is about one page; room to grow */

/* vdso_image.S: the linked vDSO file, which is also its memory image. */
extern const uint8_t vdso_image_start[], vdso_image_end[];

/* guards: the vvar page's contents (writers) */
static struct spinlock vdso_lock = SPINLOCK_INIT("vdso_lock");
/* guards: the one-time setup below */
static struct mutex vdso_init_lock = MUTEX_INIT(vdso_init_lock);
static uint64_t vdso_frames[VDSO_MAX_PAGES];
static size_t vdso_pages;
static uint64_t vdso_vvar_frame;
static struct vdso_data *vdso_vvar;
static bool vdso_ready;

static int64_t vdso_coarse(int64_t ns)
{
	return ns - ns % (int64_t)TIME_TICK_NS;
}

/* Rewrites the vvar page under the seqcount; vdso_lock held. */
static void vdso_update_locked(void)
{
	struct vdso_data *vd = vdso_vvar;
	uint64_t origin, mult;
	bool tsc = time_tsc_formula(&origin, &mult);
	int64_t mono = (int64_t)time_monotonic_ns(), real = time_realtime_ns();

	__atomic_store_n(&vd->seq, vd->seq + 1, __ATOMIC_RELAXED);
	__asm__ volatile("" ::: "memory");
	vd->clock_mode = tsc ? VDSO_CLOCK_TSC : VDSO_CLOCK_NONE;
	vd->tsc_origin = origin;
	vd->tsc_mult = mult;
	vd->real_offset_ns = real - mono;
	vd->coarse_mono_ns = vdso_coarse(mono);
	vd->coarse_real_ns = vdso_coarse(real);
	vd->tick_ns = (int64_t)TIME_TICK_NS;
	vd->updates++;
	__asm__ volatile("" ::: "memory");
	__atomic_store_n(&vd->seq, vd->seq + 1, __ATOMIC_RELAXED);
}

static void vdso_update(void)
{
	uint64_t flags;

	if (!__atomic_load_n(&vdso_ready, __ATOMIC_ACQUIRE))
		return;
	flags = spin_lock_irqsave(&vdso_lock);
	vdso_update_locked();
	spin_unlock_irqrestore(&vdso_lock, flags);
}

void vdso_tick(void)
{
	vdso_update();
}

void vdso_clock_was_set(void)
{
	vdso_update();
}

bool vdso_coarse_ns(bool realtime, int64_t *ns)
{
	const struct vdso_data *vd = vdso_vvar;
	uint32_t s;

	if (!__atomic_load_n(&vdso_ready, __ATOMIC_ACQUIRE))
		return false;
	do {
		while ((s = __atomic_load_n(&vd->seq, __ATOMIC_ACQUIRE)) & 1)
			__asm__ volatile("pause");
		*ns = realtime ? vd->coarse_real_ns : vd->coarse_mono_ns;
		__asm__ volatile("" ::: "memory");
	} while (__atomic_load_n(&vd->seq, __ATOMIC_ACQUIRE) != s);
	return true;
}

/* The frames: the image copied in, a zeroed vvar page filled once. */
static int vdso_setup(void)
{
	size_t size = (size_t)(vdso_image_end - vdso_image_start);

	vdso_pages = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE;
	if (!size || vdso_pages > VDSO_MAX_PAGES) {
		pr_warn("vdso: image of %zu bytes does not fit\n", size);
		return -ENOMEM;
	}
	for (size_t i = 0; i < vdso_pages; i++) {
		size_t off = i * PAGE_SIZE, n = MIN((size_t)PAGE_SIZE, size - off);

		vdso_frames[i] = vm_frame_alloc(true);
		if (!vdso_frames[i])
			return -ENOMEM;
		memcpy(phys_to_virt(vdso_frames[i]), vdso_image_start + off, n);
	}
	vdso_vvar_frame = vm_frame_alloc(true);
	if (!vdso_vvar_frame)
		return -ENOMEM;
	vdso_vvar = phys_to_virt(vdso_vvar_frame);
	{
		uint64_t flags = spin_lock_irqsave(&vdso_lock);

		vdso_update_locked();
		spin_unlock_irqrestore(&vdso_lock, flags);
	}
	__atomic_store_n(&vdso_ready, true, __ATOMIC_RELEASE);
	pr_info("vdso: %zu bytes, %zu page(s), clock %s\n", size, vdso_pages,
		vdso_vvar->clock_mode == VDSO_CLOCK_TSC ? "tsc" : "system call");
	return 0;
}

int vdso_map(struct vm_space *vm)
{
	uint64_t span, at;
	int err = 0;

	if (!__atomic_load_n(&vdso_ready, __ATOMIC_ACQUIRE)) {
		mutex_lock(&vdso_init_lock);
		if (!vdso_ready)
			err = vdso_setup();
		mutex_unlock(&vdso_init_lock);
		if (err)
			return err;
	}
	span = (vdso_pages + 1) * PAGE_SIZE;
	at = vm_find_free(vm, span);
	if (!at)
		return -ENOMEM;
	err = vm_map_frames(vm, at, &vdso_vvar_frame, 1, 0);	/* read-only */
	if (!err) {
		err = vm_map_frames(vm, at + PAGE_SIZE, vdso_frames, vdso_pages,
				    VM_PROT_EXEC);
		if (err)
			vm_unmap(vm, at, PAGE_SIZE);
	}
	if (err)
		return err;
	vm->vvar_base = at;
	vm->vdso_base = at + PAGE_SIZE;
	return 0;
}
