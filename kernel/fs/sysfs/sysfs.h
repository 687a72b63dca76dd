/*
 * sysfs.h: the sysfs pseudo file system (sysfs(5)), internal interface.
 *
 *   super.c   the "sysfs" type and its one instance, inodes, the generic
 *             directory (lookup and listing from the live state), reading
 *             attributes, links, revalidation, the text buffer
 *   tree.c    the fixed directories: /sys, bus/, bus/pci/, class/, dev/,
 *             devices/, devices/virtual/
 *   pci.c     /sys/bus/pci/devices and /sys/devices/pci0000:00/DDDD:BB:DD.F
 *   block.c   /sys/block, /sys/class/block, /sys/dev/block and the disks'
 *             directories in /sys/devices/virtual/block
 *
 * The model is procfs's on-demand one (procfs.h), simpler: every
 * directory is a struct sysfs_dir_ops whose child(dir, i) gives the
 * directory's i-th entry (name and node) from the live state (the PCI
 * functions, the registered disks and partitions); nothing is made at
 * mount but the root. A lookup asks child() until the name matches; a
 * listing gathers the children and emits them in the order Linux's
 * kernfs does: by the kernfs name hash (kernfs_name_hash: the dcache's
 * partial_name_hash, hash_long to 32 bits, 2..INT_MAX-1), then by name,
 * with the hash as the position. So `ls -f` and BusyBox's lspci (which
 * prints /sys/bus/pci/devices in readdir order) list in Linux's order.
 *
 * A node names what it shows by pointers that stay valid (a struct
 * pci_dev, a struct gendisk: never removed) and numbers (a partition's
 * number), never a pointer to something that may go: a partition's
 * files take a snapshot (block/bdev_info.h) each time they are read, so
 * after a partition rescan (BLKRRPART) a stale name gives ENOENT. The
 * directories whose children may change (a disk's) are marked dynamic:
 * their names are checked again by revalidate each time the dentry
 * cache serves them, and a miss there is not cached.
 *
 * Inode numbers are computed from the parent's number and the name
 * (sysfs_child_ino), so readdir's d_ino matches stat's st_ino.
 *
 * Locking: none of its own. The children functions take the locks of
 * what they read (pci_lock, genhd_lock: mutexes), so they run in
 * process context and may sleep.
 */
#ifndef FS_SYSFS_SYSFS_H
#define FS_SYSFS_SYSFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <basalt/compiler.h>
#include <fs/vfs.h>
#include <uapi/stat.h>

#define SYSFS_NAME_MAX		48
#define SYSFS_DIR_MODE		(S_IFDIR | 0755)
#define SYSFS_FILE_MODE		(S_IFREG | 0444)
#define SYSFS_LINK_MODE		(S_IFLNK | 0777)
/* An attribute's st_size, as Linux's sysfs gives every text attribute (PAGE_SIZE). */
#define SYSFS_ATTR_SIZE		4096

/* An attribute's text (or a link's target), at most SYSFS_ATTR_SIZE bytes. */
struct sysfs_buf {
	char *data;
	size_t len;
	size_t cap;
	bool overflowed;
};

void sysfs_printf(struct sysfs_buf *b, const char *fmt, ...) __printf(2, 3);
void sysfs_write(struct sysfs_buf *b, const void *data, size_t len);

enum sysfs_kind {
	SYSFS_DIR,
	SYSFS_FILE,
	SYSFS_LINK,
};

struct sysfs_node;
struct sysfs_entry;

/* A directory: its entries, made from the live state when asked. */
struct sysfs_dir_ops {
	/* Fills e with the i-th entry (0..) of dir: 0, or -ENOENT past the last. */
	int (*child)(const struct sysfs_node *dir, unsigned i, struct sysfs_entry *e);
	/* Its entries may come and go (a disk's partitions): revalidate them. */
	bool dynamic;
};

/* A file (its text) or a link (its target, relative as Linux's). */
struct sysfs_attr {
	const char *name;
	/* The text of node: 0 or a negative errno (-ENOENT: gone). */
	int (*show)(const struct sysfs_node *node, struct sysfs_buf *b);
	/* The file's st_size (0: SYSFS_ATTR_SIZE); binary files (config). */
	uint64_t (*size)(const struct sysfs_node *node);
};

/* What a sysfs inode is; fixed from its making. */
struct sysfs_node {
	enum sysfs_kind kind;
	const struct sysfs_dir_ops *dir;	/* SYSFS_DIR */
	const struct sysfs_attr *attr;		/* SYSFS_FILE, SYSFS_LINK */
	const void *obj;			/* a table, a pci_dev, a gendisk */
	unsigned arg;				/* a partition number */
};

struct sysfs_entry {
	char name[SYSFS_NAME_MAX];
	struct sysfs_node node;
};

/* A sysfs inode (super_operations.alloc_inode). */
struct sysfs_inode {
	struct inode vfs;
	struct sysfs_node node;
};

static inline struct sysfs_node *sysfs_node(struct inode *ino)
{
	return &container_of(ino, struct sysfs_inode, vfs)->node;
}

/* Fills e: a directory, file or link entry named name. */
void sysfs_entry_dir(struct sysfs_entry *e, const char *name,
		     const struct sysfs_dir_ops *dir, const void *obj, unsigned arg);
void sysfs_entry_attr(struct sysfs_entry *e, enum sysfs_kind kind,
		      const struct sysfs_attr *attr, const void *obj, unsigned arg);

/*
 * Entry i of a list of attributes (files or links), then of more
 * entries: if i < count, e is attrs[i] of kind for obj and arg and 0 is
 * returned; else *rest is set to i - count and -ENOENT returned.
 */
int sysfs_child_attrs(const struct sysfs_attr *attrs, size_t count, enum sysfs_kind kind,
		      const struct sysfs_node *dir, unsigned i, struct sysfs_entry *e,
		      unsigned *rest);

/* The kernfs name hash of a name (Linux's listing order and positions). */
uint32_t sysfs_name_hash(const char *name, size_t len);

/* tree.c: the root directory's operations. */
extern const struct sysfs_dir_ops sysfs_root_dir;
/* A fixed directory: obj is a struct sysfs_table. */
extern const struct sysfs_dir_ops sysfs_table_dir;

struct sysfs_table_entry {
	const char *name;
	const struct sysfs_dir_ops *dir;
	const void *obj;		/* the child directory's obj */
};

struct sysfs_table {
	const struct sysfs_table_entry *entries;
	size_t count;
};

/* pci.c */
extern const struct sysfs_dir_ops sysfs_pci_bus_devices_dir;	/* bus/pci/devices */
extern const struct sysfs_dir_ops sysfs_pci_root_dir;		/* devices/pci0000:00 */

/* block.c */
extern const struct sysfs_dir_ops sysfs_block_dir;		/* /sys/block */
extern const struct sysfs_dir_ops sysfs_class_block_dir;	/* class/block */
extern const struct sysfs_dir_ops sysfs_dev_block_dir;		/* dev/block */
extern const struct sysfs_dir_ops sysfs_virtual_block_dir;	/* devices/virtual/block */

#endif /* FS_SYSFS_SYSFS_H */
