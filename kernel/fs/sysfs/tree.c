/*
 * tree.c: sysfs's fixed directories, as on Linux (sysfs(5)): /sys with
 * block/, bus/, class/, dev/ and devices/; bus/pci/devices; class/block;
 * dev/block; devices/pci0000:00 (the PCI functions of segment 0) and
 * devices/virtual/block (the disks). Linux also has firmware/, fs/,
 * kernel/, module/ and power/: Basalt shows nothing there yet, so they
 * are left out rather than shown empty.
 */
#include <fs/sysfs/sysfs.h>
#include <basalt/compiler.h>
#include <uapi/errno.h>

static int sysfs_table_child(const struct sysfs_node *dir, unsigned i, struct sysfs_entry *e)
{
	const struct sysfs_table *t = dir->obj;

	if (i >= t->count)
		return -ENOENT;
	sysfs_entry_dir(e, t->entries[i].name, t->entries[i].dir, t->entries[i].obj, 0);
	return 0;
}

const struct sysfs_dir_ops sysfs_table_dir = {
	.child = sysfs_table_child,
};

#define SYSFS_TABLE(name, ...)							\
	static const struct sysfs_table_entry name##_entries[] = { __VA_ARGS__ };	\
	static const struct sysfs_table name = { name##_entries, ARRAY_SIZE(name##_entries) }

SYSFS_TABLE(sysfs_bus_pci, { "devices", &sysfs_pci_bus_devices_dir, NULL });
SYSFS_TABLE(sysfs_bus, { "pci", &sysfs_table_dir, &sysfs_bus_pci });
SYSFS_TABLE(sysfs_class, { "block", &sysfs_class_block_dir, NULL });
SYSFS_TABLE(sysfs_dev, { "block", &sysfs_dev_block_dir, NULL });
SYSFS_TABLE(sysfs_virtual, { "block", &sysfs_virtual_block_dir, NULL });
SYSFS_TABLE(sysfs_devices,
	    { "pci0000:00", &sysfs_pci_root_dir, NULL },
	    { "virtual", &sysfs_table_dir, &sysfs_virtual });
SYSFS_TABLE(sysfs_root,
	    { "block", &sysfs_block_dir, NULL },
	    { "bus", &sysfs_table_dir, &sysfs_bus },
	    { "class", &sysfs_table_dir, &sysfs_class },
	    { "dev", &sysfs_table_dir, &sysfs_dev },
	    { "devices", &sysfs_table_dir, &sysfs_devices });

static int sysfs_root_child(const struct sysfs_node *dir __unused, unsigned i,
			    struct sysfs_entry *e)
{
	struct sysfs_node root = { .kind = SYSFS_DIR, .dir = &sysfs_table_dir, .obj = &sysfs_root };

	return sysfs_table_child(&root, i, e);
}

const struct sysfs_dir_ops sysfs_root_dir = {
	.child = sysfs_root_child,
};
