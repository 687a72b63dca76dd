/*
 * char.h: the memory character devices (kernel/drivers/char/), Linux's
 * major 1 (Documentation/admin-guide/devices.txt):
 *
 *   mem.c     /dev/null (1,3), zero (1,5), full (1,7), random (1,8),
 *             urandom (1,9), and chardev_init
 *   kmsg.c    /dev/kmsg (1,11): the kernel log, one record per read
 */
#ifndef DRIVERS_CHAR_CHAR_H
#define DRIVERS_CHAR_CHAR_H

#include <stdbool.h>
#include <stddef.h>
#include <fs/file.h>

#define MEM_MAJOR		1
#define MEM_NULL_MINOR		3
#define MEM_ZERO_MINOR		5
#define MEM_FULL_MINOR		7
#define MEM_RANDOM_MINOR	8
#define MEM_URANDOM_MINOR	9
#define MEM_KMSG_MINOR		11

/*
 * Registers the major 1 devices and publishes their /dev nodes. Call
 * once, after vfs_init (before it, devfs_add_node keeps the nodes for
 * later, so the order only matters for when they appear). 0 or an errno.
 */
int chardev_init(void);

/* The file ops of each device, for tests that use them directly. */
extern const struct file_ops mem_null_ops;
extern const struct file_ops mem_zero_ops;
extern const struct file_ops mem_full_ops;
extern const struct file_ops mem_random_ops;
extern const struct file_ops kmsg_ops;

/* The generator behind random and urandom is kernel/lib/random.c (basalt/random.h). */

#endif /* DRIVERS_CHAR_CHAR_H */
