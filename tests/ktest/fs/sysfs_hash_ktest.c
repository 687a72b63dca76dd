/*
 * sysfs_hash_ktest.c: sysfs lists a directory in the order of Linux's
 * kernfs name hash (fs/sysfs/super.c), which BusyBox's lspci shows. The
 * lists below are `ls -f` of a Linux 6.x guest's /sys/bus/pci/devices
 * and /sys/block, in the order that kernel listed them: each name's hash
 * must be above the one before it, and every hash in kernfs's range
 * (2..INT_MAX-1).
 */
#include <basalt/compiler.h>
#include <basalt/ktest.h>
#include <basalt/string.h>
#include <fs/sysfs/sysfs.h>

#define KT_HASH_MIN	2u
#define KT_HASH_MAX	0x7ffffffeu

static const char *const kt_linux_pci_order[] = {
	"0000:00:01.0", "0000:00:04.0", "0000:00:00.0",
	"0000:00:03.0", "0000:00:02.0", "0000:00:05.0",
};

static const char *const kt_linux_block_order[] = {
	"loop1", "loop6", "loop4", "loop2", "loop0",
	"loop7", "zram0", "loop5", "vda", "loop3",
};

static int kt_in_order(const char *const *names, size_t n)
{
	uint32_t prev = 0;

	for (size_t i = 0; i < n; i++) {
		uint32_t h = sysfs_name_hash(names[i], strlen(names[i]));

		if (h < KT_HASH_MIN || h > KT_HASH_MAX || (i && h <= prev))
			return 0;
		prev = h;
	}
	return 1;
}

KTEST(sysfs_kernfs_hash_order)
{
	KT_EXPECT(t, kt_in_order(kt_linux_pci_order, ARRAY_SIZE(kt_linux_pci_order)));
	KT_EXPECT(t, kt_in_order(kt_linux_block_order, ARRAY_SIZE(kt_linux_block_order)));
	/* And not merely sorted by name, which would put 00:00.0 first. */
	KT_EXPECT(t, sysfs_name_hash("0000:00:00.0", 12) > sysfs_name_hash("0000:00:01.0", 12));
}
