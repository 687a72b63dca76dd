/*
 * pmm.c: physical memory. Builds the zones (DMA < 16 MiB, DMA32 < 4 GiB,
 * NORMAL above) from the multiboot2 memory map, keeps out of them what is
 * already in use (the first MiB, the kernel image, the boot information,
 * the modules and the page metadata array itself), and hands out blocks
 * of 2^order pages through the per-zone buddy allocators (buddy.c).
 *
 * Single pages go through per-CPU lists first (below, "per-CPU page
 * lists"), so that most of them take no lock another CPU wants.
 *
 * Locking: pmm_zone_lock (pmm_lock below) guards the zones and mem_map's
 * free lists; it nests inside a CPU's pcp->lock and inside slab_lock, the
 * slab allocator's lock (pmm_slab_ops). All irqsave: memory is freed
 * inside the switch (a reaped task) and may be allocated from interrupt
 * handlers.
 */
#include <mm/mm.h>
#include <sched/spinlock.h>
#include <basalt/compiler.h>
#include <basalt/log.h>
#include <basalt/panic.h>
#include <basalt/string.h>
#include <uapi/errno.h>
#include <asm/cpu.h>
#include <arch/x86_64/smp/smp.h>
#include <proc/percpu.h>

/* Firmware data, the real-mode IVT and BIOS areas live below 1 MiB. */
#define PMM_LOW_RESERVED_END	0x100000ULL
/* Modules, map entries, and low memory, kernel, boot info, mem_map. */
#define PMM_RESERVED_MAX	(BOOTINFO_MODULES_MAX + BOOTINFO_MMAP_MAX + 4)
#define KIB			1024ULL

/* Linker symbols (kernel/arch/x86_64/linker.ld). */
extern char _kernel_phys_start[], _text_start[], _text_end[];
extern char _rodata_start[], _rodata_end[], _data_start[], _data_end[];
extern char _ksyms_start[], _kernel_end[];

struct pmm_range {
	uint64_t start, end;	/* physical, [start, end) */
};

/* All of these are written once by pmm_init, then guarded by pmm_lock. */
static struct page *mem_map;		/* one struct page per pfn < max_pfn */
static uint64_t max_pfn;
static uint64_t pmm_usable_bytes;	/* RAM the memory map calls usable */
static struct buddy_zone zones[NR_ZONES];
static struct pmm_range reserved[PMM_RESERVED_MAX];
static unsigned nreserved;

static const char *const zone_names[NR_ZONES] = {
	[ZONE_DMA] = "DMA", [ZONE_DMA32] = "DMA32", [ZONE_NORMAL] = "Normal",
};
static const uint64_t zone_limits[NR_ZONES] = {
	[ZONE_DMA] = ZONE_DMA_LIMIT, [ZONE_DMA32] = ZONE_DMA32_LIMIT,
	[ZONE_NORMAL] = UINT64_MAX,
};

static struct spinlock pmm_zone_lock = SPINLOCK_INIT("pmm_zone_lock");
/* guards: every slab cache (slab.c calls it through pmm_slab_ops) */
static struct spinlock slab_lock = SPINLOCK_INIT("slab_lock");

static uint64_t pmm_zone_lock_taken;	/* atomic: statistics */

static uint64_t pmm_lock(void)
{
	__atomic_add_fetch(&pmm_zone_lock_taken, 1, __ATOMIC_RELAXED);
	return spin_lock_irqsave(&pmm_zone_lock);
}

static void pmm_unlock(uint64_t flags)
{
	spin_unlock_irqrestore(&pmm_zone_lock, flags);
}

static uint64_t pmm_slab_lock(void)
{
	return spin_lock_irqsave(&slab_lock);
}

static void pmm_slab_unlock(uint64_t flags)
{
	spin_unlock_irqrestore(&slab_lock, flags);
}

static void pmm_reserve(uint64_t start, uint64_t end)
{
	BUG_ON(nreserved == PMM_RESERVED_MAX);
	if (end > start)
		reserved[nreserved++] = (struct pmm_range){ start, end };
}

static bool pmm_overlaps_reserved(uint64_t start, uint64_t end)
{
	for (unsigned i = 0; i < nreserved; i++)
		if (start < reserved[i].end && reserved[i].start < end)
			return true;
	return false;
}

/*
 * The page metadata array needs a run of usable RAM below 4 GiB (the boot
 * page tables map no more) clear of everything reserved. Prefer memory
 * above 16 MiB so the small DMA zone stays free for devices.
 */
static uint64_t pmm_place_mem_map(const struct boot_info *bi, uint64_t size)
{
	static const uint64_t floors[] = { ZONE_DMA_LIMIT, PMM_LOW_RESERVED_END };

	for (unsigned f = 0; f < ARRAY_SIZE(floors); f++) {
		for (unsigned i = 0; i < bi->mmap_count; i++) {
			const struct boot_mem_range *r = &bi->mmap[i];
			uint64_t start = ALIGN_UP(MAX(r->base, floors[f]), PAGE_SIZE);
			uint64_t end = MIN(r->base + r->length, ZONE_DMA32_LIMIT);

			if (r->type != BOOT_MEM_AVAILABLE)
				continue;
			/* Step past reserved ranges one page at a time: few. */
			while (start + size <= end) {
				if (!pmm_overlaps_reserved(start, start + size))
					return start;
				start += PAGE_SIZE;
			}
		}
	}
	panic("pmm: no room for %llu KiB of page metadata",
	      (unsigned long long)(size / KIB));
}

/* Gives [start, end) minus the reserved ranges from index i on to the zones. */
static void pmm_add_free(uint64_t start, uint64_t end, unsigned i)
{
	for (; i < nreserved; i++) {
		const struct pmm_range *r = &reserved[i];

		if (start < r->end && r->start < end) {
			if (start < r->start)
				pmm_add_free(start, r->start, i + 1);
			if (r->end < end)
				pmm_add_free(r->end, end, i + 1);
			return;
		}
	}
	start = ALIGN_UP(start, PAGE_SIZE);
	end = ALIGN_DOWN(end, PAGE_SIZE);
	for (unsigned z = 0; z < NR_ZONES && start < end; z++) {
		uint64_t zend = MIN(end, zone_limits[z]);

		if (start >= zend)
			continue;
		if (buddy_add_range(&zones[z], start >> PAGE_SHIFT,
				    (zend - start) >> PAGE_SHIFT))
			pr_warn("pmm: memory map range overlaps itself at %#llx\n",
				(unsigned long long)start);
		start = zend;
	}
}

static void pmm_log_zones(void)
{
	pr_info("Zone ranges:\n");
	for (unsigned z = 0; z < NR_ZONES; z++) {
		struct pmm_zone_stats s;

		pmm_zone_stats(z, &s);
		if (s.start_pfn >= s.end_pfn) {
			pr_info("  %-8s empty\n", zone_names[z]);
			continue;
		}
		pr_info("  %-8s [mem 0x%016llx-0x%016llx] %llu pages usable\n",
			zone_names[z], (unsigned long long)(s.start_pfn << PAGE_SHIFT),
			(unsigned long long)((s.end_pfn << PAGE_SHIFT) - 1),
			(unsigned long long)s.managed_pages);
	}
}

void pmm_init(const struct boot_info *bi)
{
	uint64_t ram_end = 0, map_size, map_phys, kernel_end;

	for (unsigned i = 0; i < bi->mmap_count; i++) {
		const struct boot_mem_range *r = &bi->mmap[i];

		uint64_t start = ALIGN_UP(r->base, PAGE_SIZE);
		uint64_t end = ALIGN_DOWN(r->base + r->length, PAGE_SIZE);

		if (r->type != BOOT_MEM_AVAILABLE || end <= start)
			continue;
		pmm_usable_bytes += end - start;
		ram_end = MAX(ram_end, end);
	}
	if (!ram_end)
		panic("pmm: the memory map has no usable RAM");
	max_pfn = ram_end >> PAGE_SHIFT;

	/* What the memory map says is usable but is already taken. */
	kernel_end = virt_to_phys(_kernel_end);
	pmm_reserve(0, PMM_LOW_RESERVED_END);
	pmm_reserve((uint64_t)_kernel_phys_start, kernel_end);
	pmm_reserve(ALIGN_DOWN(bi->info_phys, PAGE_SIZE),
		    ALIGN_UP(bi->info_phys + bi->info_size, PAGE_SIZE));
	for (unsigned i = 0; i < bi->module_count; i++)
		pmm_reserve(ALIGN_DOWN(bi->modules[i].start, PAGE_SIZE),
			    ALIGN_UP(bi->modules[i].end, PAGE_SIZE));
	/* Overlapping map entries: whatever is not usable wins. */
	for (unsigned i = 0; i < bi->mmap_count; i++)
		if (bi->mmap[i].type != BOOT_MEM_AVAILABLE)
			pmm_reserve(bi->mmap[i].base, bi->mmap[i].base + bi->mmap[i].length);

	map_size = ALIGN_UP(max_pfn * sizeof(struct page), PAGE_SIZE);
	map_phys = pmm_place_mem_map(bi, map_size);
	pmm_reserve(map_phys, map_phys + map_size);
	mem_map = phys_to_virt(map_phys);

	for (unsigned z = 0; z < NR_ZONES; z++) {
		uint64_t start = z ? zone_limits[z - 1] >> PAGE_SHIFT : 0;
		uint64_t end = MIN(zone_limits[z] >> PAGE_SHIFT, max_pfn);

		if (start > end)
			start = end;
		buddy_init(&zones[z], zone_names[z], mem_map + start, start, end - start);
		for (uint64_t pfn = start; pfn < end; pfn++)
			mem_map[pfn].zone = (uint8_t)z;
	}
	for (unsigned i = 0; i < bi->mmap_count; i++) {
		const struct boot_mem_range *r = &bi->mmap[i];

		if (r->type == BOOT_MEM_AVAILABLE)
			pmm_add_free(r->base, r->base + r->length, 0);
	}
	pr_info("pmm: %llu KiB page metadata at [mem 0x%016llx-0x%016llx]\n",
		(unsigned long long)(map_size / KIB), (unsigned long long)map_phys,
		(unsigned long long)(map_phys + map_size - 1));
	pmm_log_zones();
}

/*
 * ---- per-CPU page lists ----
 *
 * Linux's per-CPU pagesets (mm/page_alloc.c): each CPU keeps up to
 * PMM_PCP_HIGH free single pages of each zone. Most allocations are one
 * page (page tables, user frames, kernel stacks, slabs), and with the
 * lists they take only their CPU's own lock instead of pmm_zone_lock,
 * which every CPU shares. A list is refilled from its zone, and drained
 * back (its oldest pages), PMM_PCP_BATCH pages at a time; the page freed
 * last is the first handed out again, while its lines are still in the
 * cache. The pages on the lists are free: pmm_free_pages_count and the
 * zone statistics count them. When no zone can satisfy a request, every
 * CPU's lists go back to the zones (pmm_pcp_drain_all) and the request
 * is tried once more: a page parked on some list never makes an
 * allocation fail, and higher orders can merge again.
 *
 * Locking: pcp->lock guards pcp->count and pcp->pages. The owning CPU
 * takes it with interrupts off (so that the list stays its own while it
 * works), another CPU only to drain. pmm_pcp_zone_pages changes under
 * pmm_zone_lock too when pages move between a list and a zone, so that
 * a count under pmm_zone_lock never sees a page twice or not at all.
 */
#define PMM_PCP_HIGH	64	/* pages a list keeps at most */
#define PMM_PCP_BATCH	16	/* pages a refill or a drain moves */

struct pmm_pcp {
	struct spinlock lock;
	unsigned count;
	struct page *pages[PMM_PCP_HIGH];	/* pages[count - 1]: freed last */
};

static struct pmm_pcp pmm_pcp[SMP_MAX_CPUS][NR_ZONES];
static uint64_t pmm_pcp_zone_pages[NR_ZONES];	/* atomic: on all lists */
static bool pmm_pcp_on;

void pmm_pcp_init(void)
{
	for (unsigned cpu = 0; cpu < SMP_MAX_CPUS; cpu++)
		for (unsigned z = 0; z < NR_ZONES; z++)
			spin_lock_init(&pmm_pcp[cpu][z].lock, "pmm_pcp_lock");
	__atomic_store_n(&pmm_pcp_on, true, __ATOMIC_RELEASE);
}

/* pcp->lock held: up to PMM_PCP_BATCH pages of zone z onto the list. */
static void pmm_pcp_refill(struct pmm_pcp *pcp, unsigned z)
{
	uint64_t flags;

	/* An empty zone (NORMAL on a small machine) costs no lock. */
	if (!__atomic_load_n(&zones[z].free_pages, __ATOMIC_RELAXED))
		return;
	flags = pmm_lock();
	while (pcp->count < PMM_PCP_BATCH) {
		struct page *p = buddy_alloc(&zones[z], 0);

		if (!p)
			break;
		p->flags = PG_HEAD | PG_PCP;
		pcp->pages[pcp->count++] = p;
		__atomic_add_fetch(&pmm_pcp_zone_pages[z], 1, __ATOMIC_RELAXED);
	}
	pmm_unlock(flags);
}

/* pcp->lock held: its n oldest pages (at most all) back to zone z. */
static void pmm_pcp_drain(struct pmm_pcp *pcp, unsigned z, unsigned n)
{
	uint64_t flags = pmm_lock();

	if (n > pcp->count)
		n = pcp->count;
	for (unsigned i = 0; i < n; i++) {
		struct page *p = pcp->pages[i];

		p->flags = PG_HEAD;
		BUG_ON(buddy_free(&zones[z], p, 0));
	}
	memmove(pcp->pages, pcp->pages + n, (pcp->count - n) * sizeof(pcp->pages[0]));
	pcp->count -= n;
	__atomic_sub_fetch(&pmm_pcp_zone_pages[z], n, __ATOMIC_RELAXED);
	pmm_unlock(flags);
}

/* A page from this CPU's list of the first zone of list that has one. */
static struct page *pmm_pcp_alloc(struct buddy_zone *const *list, unsigned n)
{
	uint64_t flags = cpu_irq_save();
	unsigned cpu = percpu_this()->cpu;
	struct page *p = NULL;

	for (unsigned i = 0; i < n && !p; i++) {
		unsigned z = (unsigned)(list[i] - zones);
		struct pmm_pcp *pcp = &pmm_pcp[cpu][z];

		spin_lock(&pcp->lock);
		if (!pcp->count)
			pmm_pcp_refill(pcp, z);
		if (pcp->count) {
			p = pcp->pages[--pcp->count];
			p->flags = PG_HEAD;
			__atomic_sub_fetch(&pmm_pcp_zone_pages[z], 1, __ATOMIC_RELAXED);
		}
		spin_unlock(&pcp->lock);
	}
	cpu_irq_restore(flags);
	return p;
}

/* page onto this CPU's list: 0, or -EINVAL if it is not an allocated single page. */
static int pmm_pcp_free(struct page *p)
{
	uint64_t flags;
	struct pmm_pcp *pcp;

	/* buddy_free's test, and not already on a list (a double free). */
	if ((p->flags & (PG_HEAD | PG_PCP)) != PG_HEAD || p->order != 0 || p->zone >= NR_ZONES)
		return -EINVAL;
	flags = cpu_irq_save();
	pcp = &pmm_pcp[percpu_this()->cpu][p->zone];
	spin_lock(&pcp->lock);
	if (pcp->count == PMM_PCP_HIGH)
		pmm_pcp_drain(pcp, p->zone, PMM_PCP_BATCH);
	p->flags = PG_HEAD | PG_PCP;
	p->slab_cache = NULL;
	p->freelist = NULL;
	p->inuse = 0;
	pcp->pages[pcp->count++] = p;
	__atomic_add_fetch(&pmm_pcp_zone_pages[p->zone], 1, __ATOMIC_RELAXED);
	spin_unlock(&pcp->lock);
	cpu_irq_restore(flags);
	return 0;
}

uint64_t pmm_pcp_drain_all(void)
{
	uint64_t moved = 0;

	if (!__atomic_load_n(&pmm_pcp_on, __ATOMIC_ACQUIRE))
		return 0;
	for (unsigned cpu = 0; cpu < SMP_MAX_CPUS; cpu++) {
		for (unsigned z = 0; z < NR_ZONES; z++) {
			struct pmm_pcp *pcp = &pmm_pcp[cpu][z];
			uint64_t flags;

			if (!__atomic_load_n(&pcp->count, __ATOMIC_RELAXED))
				continue;
			flags = spin_lock_irqsave(&pcp->lock);
			moved += pcp->count;
			pmm_pcp_drain(pcp, z, pcp->count);
			spin_unlock_irqrestore(&pcp->lock, flags);
		}
	}
	return moved;
}

uint64_t pmm_zone_lock_count(void)
{
	return __atomic_load_n(&pmm_zone_lock_taken, __ATOMIC_RELAXED);
}

/* The zones a gfp mask allows, in the order to try them: NORMAL first. */
static unsigned pmm_zonelist(unsigned gfp, struct buddy_zone **list)
{
	unsigned n = 0;

	for (int z = NR_ZONES - 1; z >= 0; z--)
		if (gfp & (1u << z))
			list[n++] = &zones[z];
	return n;
}

uint64_t pmm_alloc_pages(unsigned order, unsigned gfp)
{
	struct buddy_zone *list[NR_ZONES];
	unsigned n = pmm_zonelist(gfp, list);
	bool pcp = __atomic_load_n(&pmm_pcp_on, __ATOMIC_ACQUIRE);
	struct page *p;
	uint64_t flags;

	if (order == 0 && pcp) {
		p = pmm_pcp_alloc(list, n);
	} else {
		flags = pmm_lock();
		p = buddy_alloc_fallback(list, n, order);
		pmm_unlock(flags);
	}
	/* Pages parked on the CPUs' lists are free too: take them back, try again. */
	if (!p && pcp && pmm_pcp_drain_all()) {
		flags = pmm_lock();
		p = buddy_alloc_fallback(list, n, order);
		pmm_unlock(flags);
	}
	if (!p)
		return 0;
	if (gfp & GFP_ZERO)
		memset(phys_to_virt(pmm_page_to_phys(p)), 0, PAGE_SIZE << order);
	return pmm_page_to_phys(p);
}

uint64_t pmm_alloc_page(unsigned gfp)
{
	return pmm_alloc_pages(0, gfp);
}

int pmm_free_pages(uint64_t phys, unsigned order)
{
	struct page *p = pmm_phys_to_page(phys);
	uint64_t flags;
	int err = -EINVAL;

	if (p && !(phys & (PAGE_SIZE - 1))) {
		if (order == 0 && __atomic_load_n(&pmm_pcp_on, __ATOMIC_ACQUIRE)) {
			err = pmm_pcp_free(p);
		} else {
			flags = pmm_lock();
			err = buddy_free(&zones[p->zone], p, order);
			pmm_unlock(flags);
		}
	}
	if (err)
		pr_err("pmm: bad free of %#llx order %u (double free or not a block head)\n",
		       (unsigned long long)phys, order);
	return err;
}

int pmm_free_page(uint64_t phys)
{
	return pmm_free_pages(phys, 0);
}

struct page *pmm_phys_to_page(uint64_t phys)
{
	if ((phys >> PAGE_SHIFT) >= max_pfn)
		return NULL;
	return &mem_map[phys >> PAGE_SHIFT];
}

uint64_t pmm_page_to_phys(const struct page *page)
{
	return (uint64_t)(page - mem_map) << PAGE_SHIFT;
}

uint64_t pmm_ram_end(void)
{
	return max_pfn << PAGE_SHIFT;
}

void pmm_zone_stats(enum zone_type zone, struct pmm_zone_stats *out)
{
	const struct buddy_zone *z = &zones[zone];
	uint64_t flags = pmm_lock();

	out->start_pfn = z->base_pfn;
	out->end_pfn = z->base_pfn + z->npages;
	out->managed_pages = z->managed_pages;
	out->free_pages = z->free_pages + __atomic_load_n(&pmm_pcp_zone_pages[zone], __ATOMIC_RELAXED);
	pmm_unlock(flags);
}

uint64_t pmm_free_pages_count(void)
{
	uint64_t n = 0, flags = pmm_lock();

	for (unsigned z = 0; z < NR_ZONES; z++)
		n += zones[z].free_pages + __atomic_load_n(&pmm_pcp_zone_pages[z], __ATOMIC_RELAXED);
	pmm_unlock(flags);
	return n;
}

uint64_t pmm_free_pages_estimate(void)
{
	uint64_t n = 0;

	for (unsigned z = 0; z < NR_ZONES; z++)
		n += __atomic_load_n(&zones[z].free_pages, __ATOMIC_RELAXED) +
		     __atomic_load_n(&pmm_pcp_zone_pages[z], __ATOMIC_RELAXED);
	return n;
}

uint64_t pmm_total_pages(void)
{
	return pmm_usable_bytes >> PAGE_SHIFT;
}

/* Like Linux's mem_init_print_info(): where the usable RAM went. */
void pmm_log_stats(void)
{
	uint64_t code = (uint64_t)(_text_end - _text_start) +
			(virt_to_phys(_text_start) - (uint64_t)_kernel_phys_start);
	uint64_t rodata = (uint64_t)(_rodata_end - _rodata_start) +
			  (uint64_t)(_kernel_end - _ksyms_start);
	uint64_t rwdata = (uint64_t)(_data_end - _data_start);
	uint64_t total = pmm_usable_bytes;
	uint64_t avail = pmm_free_pages_count() << PAGE_SHIFT;
	uint64_t used = total - avail;
	uint64_t image = code + rodata + rwdata;

	pr_info("Memory: %lluK/%lluK available (%lluK kernel code, %lluK rwdata, "
		"%lluK rodata, %lluK reserved)\n",
		(unsigned long long)(avail / KIB), (unsigned long long)(total / KIB),
		(unsigned long long)(code / KIB), (unsigned long long)(rwdata / KIB),
		(unsigned long long)(rodata / KIB),
		(unsigned long long)((used > image ? used - image : 0) / KIB));
}

/* ---- pages for the slab allocator, as direct map addresses ---- */

static void *pmm_slab_alloc(unsigned order)
{
	uint64_t phys = pmm_alloc_pages(order, GFP_KERNEL | GFP_ZERO);

	return phys ? phys_to_virt(phys) : NULL;
}

static void pmm_slab_free(void *addr, unsigned order)
{
	pmm_free_pages(virt_to_phys(addr), order);
}

static struct page *pmm_slab_to_page(const void *addr)
{
	uint64_t va = (uint64_t)addr;

	if (va < DIRECT_MAP_BASE || va - DIRECT_MAP_BASE >= pmm_ram_end())
		return NULL;
	return pmm_phys_to_page(va - DIRECT_MAP_BASE);
}

/* Linux BUG()s here too: the caller's memory bookkeeping is broken. */
static void pmm_slab_bad_free(const void *addr, const char *why)
{
	panic("kfree: bad free of %p: %s", addr, why);
}

const struct slab_page_ops pmm_slab_ops = {
	.alloc = pmm_slab_alloc,
	.free = pmm_slab_free,
	.to_page = pmm_slab_to_page,
	.lock = pmm_slab_lock,
	.unlock = pmm_slab_unlock,
	.bad_free = pmm_slab_bad_free,
};
