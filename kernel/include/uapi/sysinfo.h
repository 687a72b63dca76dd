/*
 * struct sysinfo of the Linux x86_64 ABI (sysinfo(2)): 112 bytes. The
 * memory sizes are in units of mem_unit bytes; loads are fixed point
 * with SI_LOAD_SHIFT fraction bits.
 */
#ifndef UAPI_SYSINFO_H
#define UAPI_SYSINFO_H

#include <stdint.h>

#define SI_LOAD_SHIFT	16

struct sysinfo {
	int64_t uptime;		/* seconds since boot */
	uint64_t loads[3];	/* 1, 5 and 15 minute load averages */
	uint64_t totalram;
	uint64_t freeram;
	uint64_t sharedram;
	uint64_t bufferram;
	uint64_t totalswap;
	uint64_t freeswap;
	uint16_t procs;		/* number of current tasks */
	uint16_t pad;
	uint64_t totalhigh;	/* high memory: none on x86_64 */
	uint64_t freehigh;
	uint32_t mem_unit;
	/* Linux pads to 20 - 2 * sizeof(long) - sizeof(int) bytes: 0 here. */
};

_Static_assert(sizeof(struct sysinfo) == 112, "sysinfo(2) layout");

#endif /* UAPI_SYSINFO_H */
