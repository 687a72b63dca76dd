/*
 * ioremap.c: device register windows (PCI BARs, ECAM) mapped uncached in
 * the IOREMAP area of the kernel's address space (vmlayout.h). The direct
 * map only covers RAM and is write-back, which device registers must not
 * be: a read must reach the device every time and writes must not be
 * combined or reordered (Intel SDM Vol. 3A 11.3, UC memory type).
 *
 * Locking: ioremap_lock guards ioremap_next, the bump pointer; the page
 * tables themselves are kernel_pt_lock's (paging.c). Windows are never
 * unmapped, so the area is only handed out.
 */
#include <basalt/log.h>
#include <basalt/vmlayout.h>
#include <mm/mm.h>
#include <sched/spinlock.h>

#define IOREMAP_PROT	(PTE_W | PTE_PCD | PTE_PWT | PTE_NX)

/* guards: ioremap_next */
static struct spinlock ioremap_lock = SPINLOCK_INIT("ioremap_lock");
static uint64_t ioremap_next = IOREMAP_AREA_BASE;

void *ioremap(uint64_t phys, uint64_t size)
{
	uint64_t first = phys & ~(PAGE_SIZE - 1);
	uint64_t pages, virt;

	if (size == 0 || phys + size < phys)
		return NULL;
	pages = (phys + size - first + PAGE_SIZE - 1) / PAGE_SIZE;
	spin_lock(&ioremap_lock);
	virt = ioremap_next;
	if (pages > (IOREMAP_AREA_BASE + IOREMAP_AREA_SIZE - virt) / PAGE_SIZE) {
		spin_unlock(&ioremap_lock);
		pr_err("ioremap: out of space for %#llx+%#llx\n",
		       (unsigned long long)phys, (unsigned long long)size);
		return NULL;
	}
	ioremap_next += pages * PAGE_SIZE;
	spin_unlock(&ioremap_lock);
	for (uint64_t i = 0; i < pages; i++) {
		int err = paging_map_page(virt + i * PAGE_SIZE, first + i * PAGE_SIZE,
					  IOREMAP_PROT);

		if (err) {
			pr_err("ioremap: cannot map %#llx: error %d\n",
			       (unsigned long long)(first + i * PAGE_SIZE), err);
			return NULL;	/* the area's pages are lost, not reused */
		}
	}
	return (void *)(virt + (phys - first));
}
