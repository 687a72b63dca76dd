/*
 * capget(2) and capset(2): the header and the sets (Linux's
 * include/uapi/linux/capability.h).
 */
#ifndef UAPI_CAPABILITY_H
#define UAPI_CAPABILITY_H

#include <stdint.h>

#define _LINUX_CAPABILITY_VERSION_1	0x19980330	/* one 32-bit set */
#define _LINUX_CAPABILITY_VERSION_2	0x20071026	/* deprecated: two */
#define _LINUX_CAPABILITY_VERSION_3	0x20080522	/* two 32-bit sets */
#define CAP_LAST_CAP			40	/* CAP_CHECKPOINT_RESTORE, Linux 6.1 */

struct __user_cap_header_struct {
	uint32_t version;
	int pid;
};

struct __user_cap_data_struct {
	uint32_t effective;
	uint32_t permitted;
	uint32_t inheritable;
};

#endif /* UAPI_CAPABILITY_H */
