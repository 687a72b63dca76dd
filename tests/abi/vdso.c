/*
 * vdso.c: the vDSO (vdso(7)) as a program finds it: the ELF image at
 * AT_SYSINFO_EHDR, its dynamic symbol table walked by hand (DT_HASH,
 * DT_SYMTAB, DT_STRTAB, DT_VERSYM, DT_VERDEF) for __vdso_clock_gettime,
 * __vdso_gettimeofday, __vdso_time and __vdso_getcpu with the version
 * LINUX_2.6 glibc asks for; each called and compared with its system
 * call (a vDSO reading lies between two system call readings); the
 * clocks never going backwards over many calls, in a forked child too;
 * "[vdso]" and "[vvar]" in /proc/self/maps. Both libcs find the same
 * symbols (no <elf.h>: the structures are spelled out, ELF gABI 4.1).
 * Prints TAP; runs on the host (Linux's vDSO), in Basalt and under Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "abi_tap.h"

#ifndef AT_SYSINFO_EHDR
#define AT_SYSINFO_EHDR		33
#endif
#define V_CLOCK_REALTIME	0
#define V_CLOCK_MONOTONIC	1
#define V_CLOCK_REALTIME_COARSE	5
#define V_CLOCK_MONOTONIC_COARSE 6
#define V_CLOCK_BOOTTIME	7
#define PT_LOAD_T		1
#define PT_DYNAMIC_T		2
#define DT_NULL_T		0
#define DT_HASH_T		4
#define DT_STRTAB_T		5
#define DT_SYMTAB_T		6
#define DT_VERSYM_T		0x6ffffff0
#define DT_VERDEF_T		0x6ffffffc
#define VERSYM_HIDDEN		0x8000
#define ELF_MAGIC		"\177ELF"
#define ET_DYN_T		3
#define NSEC_PER_SEC		1000000000LL
#define NSEC_PER_USEC		1000LL
#define MONO_CALLS		100000
#define MAPS_LINE		512

struct ehdr {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

struct dyn {
	int64_t tag;
	uint64_t val;
};

struct sym {
	uint32_t name;
	unsigned char info, other;
	uint16_t shndx;
	uint64_t value, size;
};

struct verdef {
	uint16_t version, flags, ndx, cnt;
	uint32_t hash, aux, next;
};

struct verdaux {
	uint32_t name, next;
};

struct vdso {
	uintptr_t bias;
	const struct sym *syms;
	const char *strs;
	const uint16_t *versym;
	const struct verdef *verdef;
	uint32_t nsyms;
};

struct v_timespec {
	int64_t tv_sec, tv_nsec;
};

struct v_timeval {
	int64_t tv_sec, tv_usec;
};

typedef int (*gettime_fn)(long, struct v_timespec *);
typedef int (*gettimeofday_fn)(struct v_timeval *, void *);
typedef int64_t (*time_fn)(int64_t *);
typedef long (*getcpu_fn)(unsigned *, unsigned *, void *);

/* Reads the image's dynamic tables: 0, or -1 if something is missing. */
static int vdso_parse(uintptr_t base, struct vdso *v)
{
	const struct ehdr *eh = (const void *)base;
	const struct phdr *ph = (const void *)(base + eh->phoff);
	const struct dyn *dyn = NULL;
	const uint32_t *hash = NULL;
	int have_load = 0;

	memset(v, 0, sizeof(*v));
	if (memcmp(eh->ident, ELF_MAGIC, 4) || eh->type != ET_DYN_T)
		return -1;
	for (unsigned i = 0; i < eh->phnum; i++) {
		if (ph[i].type == PT_LOAD_T && !have_load) {
			v->bias = base + ph[i].offset - ph[i].vaddr;
			have_load = 1;
		} else if (ph[i].type == PT_DYNAMIC_T) {
			dyn = (const void *)(uintptr_t)ph[i].vaddr;
		}
	}
	if (!have_load || !dyn)
		return -1;
	dyn = (const void *)((uintptr_t)dyn + v->bias);
	for (; dyn->tag != DT_NULL_T; dyn++) {
		uintptr_t p = v->bias + dyn->val;

		switch (dyn->tag) {
		case DT_HASH_T:		hash = (const void *)p; break;
		case DT_SYMTAB_T:	v->syms = (const void *)p; break;
		case DT_STRTAB_T:	v->strs = (const void *)p; break;
		case DT_VERSYM_T:	v->versym = (const void *)p; break;
		case DT_VERDEF_T:	v->verdef = (const void *)p; break;
		}
	}
	if (!hash || !v->syms || !v->strs)
		return -1;
	v->nsyms = hash[1];	/* nchain: the number of symbols */
	return 0;
}

/* Whether version index ndx is named name in the version definitions. */
static int vdso_version_is(const struct vdso *v, uint16_t ndx, const char *name)
{
	const struct verdef *d = v->verdef;

	while (d) {
		if ((d->ndx & ~VERSYM_HIDDEN) == (ndx & ~VERSYM_HIDDEN)) {
			const struct verdaux *a = (const void *)((uintptr_t)d + d->aux);

			return !strcmp(v->strs + a->name, name);
		}
		if (!d->next)
			break;
		d = (const void *)((uintptr_t)d + d->next);
	}
	return 0;
}

/* The address of name@version, or NULL. */
static void *vdso_sym(const struct vdso *v, const char *name, const char *version)
{
	for (uint32_t i = 1; i < v->nsyms; i++) {
		const struct sym *s = &v->syms[i];

		if (!s->shndx || strcmp(v->strs + s->name, name))
			continue;
		if (v->versym && v->verdef && !vdso_version_is(v, v->versym[i], version))
			continue;
		return (void *)(v->bias + s->value);
	}
	return NULL;
}

static int64_t ts_ns(const struct v_timespec *t)
{
	return t->tv_sec * NSEC_PER_SEC + t->tv_nsec;
}

/* A system call reading, the vDSO's, another system call's: in order? */
static int clock_between(gettime_fn fn, long clock)
{
	struct v_timespec a, b, c;

	if (raw(SYS_clock_gettime, clock, &a, 0) || fn(clock, &b) ||
	    raw(SYS_clock_gettime, clock, &c, 0))
		return 0;
	if (ts_ns(&a) <= ts_ns(&b) && ts_ns(&b) <= ts_ns(&c))
		return 1;
	diag("clock %ld: %lld, vDSO %lld, %lld", clock, (long long)ts_ns(&a),
	     (long long)ts_ns(&b), (long long)ts_ns(&c));
	return 0;
}

/* MONO_CALLS readings of clock through the vDSO never go backwards. */
static int clock_monotonic(gettime_fn fn, long clock)
{
	struct v_timespec t;
	int64_t last = 0;

	for (int i = 0; i < MONO_CALLS; i++) {
		if (fn(clock, &t)) {
			diag("clock %ld: reading %d failed", clock, i);
			return 0;
		}
		if (ts_ns(&t) < last) {
			diag("clock %ld: reading %d went back from %lld to %lld ns", clock, i,
			     (long long)last, (long long)ts_ns(&t));
			return 0;
		}
		last = ts_ns(&t);
	}
	return 1;
}

static int maps_has(const char *name, uintptr_t *start)
{
	char line[MAPS_LINE];
	FILE *f = fopen("/proc/self/maps", "r");
	int found = 0;

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		size_t n = strcspn(line, "\n");

		line[n] = '\0';
		if (n >= strlen(name) && !strcmp(line + n - strlen(name), name)) {
			found = 1;
			if (start)
				*start = (uintptr_t)strtoull(line, NULL, 16);
		}
	}
	fclose(f);
	return found;
}

int main(void)
{
	uintptr_t base = getauxval(AT_SYSINFO_EHDR), vdso_start = 0;
	struct v_timespec ts;
	struct v_timeval tv0, tv1, tv2;
	gettimeofday_fn gtod;
	gettime_fn gettime;
	struct vdso v;
	unsigned cpu = ~0u, node = ~0u;
	int64_t t0, t1, t2;
	getcpu_fn getcpu_v;
	time_fn time_v;
	int status;
	pid_t pid;

	tap_plan(19);
	check(base != 0, "auxv has AT_SYSINFO_EHDR (%#lx)", (unsigned long)base);
	if (!base || vdso_parse(base, &v)) {
		diag("no vDSO image to read");
		return tap_done();
	}
	check(1, "the image is an ELF shared object with a symbol table");
	gettime = (gettime_fn)vdso_sym(&v, "__vdso_clock_gettime", "LINUX_2.6");
	gtod = (gettimeofday_fn)vdso_sym(&v, "__vdso_gettimeofday", "LINUX_2.6");
	time_v = (time_fn)vdso_sym(&v, "__vdso_time", "LINUX_2.6");
	getcpu_v = (getcpu_fn)vdso_sym(&v, "__vdso_getcpu", "LINUX_2.6");
	check(gettime != NULL, "__vdso_clock_gettime@LINUX_2.6");
	check(gtod != NULL, "__vdso_gettimeofday@LINUX_2.6");
	check(time_v != NULL, "__vdso_time@LINUX_2.6");
	check(getcpu_v != NULL, "__vdso_getcpu@LINUX_2.6");
	check(vdso_sym(&v, "__vdso_clock_gettime", "LINUX_9.9") == NULL,
	      "another version does not match");
	if (!gettime || !gtod || !time_v || !getcpu_v)
		return tap_done();

	check(clock_between(gettime, V_CLOCK_MONOTONIC), "CLOCK_MONOTONIC: between two system calls");
	check(clock_between(gettime, V_CLOCK_REALTIME), "CLOCK_REALTIME: between two system calls");
	check(clock_between(gettime, V_CLOCK_BOOTTIME), "CLOCK_BOOTTIME: between two system calls");
	check(clock_between(gettime, V_CLOCK_MONOTONIC_COARSE) &&
	      clock_between(gettime, V_CLOCK_REALTIME_COARSE),
	      "the coarse clocks: between two system calls");
	check(gettime(-12345, &ts) == -EINVAL, "an unknown clock id: -EINVAL from the vDSO");
	raw(SYS_gettimeofday, &tv0, 0, 0);
	status = gtod(&tv1, NULL);
	raw(SYS_gettimeofday, &tv2, 0, 0);
	t0 = tv0.tv_sec * 1000000 + tv0.tv_usec;
	t1 = tv1.tv_sec * 1000000 + tv1.tv_usec;
	t2 = tv2.tv_sec * 1000000 + tv2.tv_usec;
	check(status == 0 && t0 <= t1 && t1 <= t2, "gettimeofday: between two system calls");
	t0 = raw(SYS_time, 0, 0, 0);
	t1 = time_v(&t2);
	check(t1 >= t0 && t1 == t2 && t1 <= raw(SYS_time, 0, 0, 0),
	      "time: between two system calls, stored through its argument");
	check(getcpu_v(&cpu, &node, NULL) == 0 && cpu < 4096 && node < 1024,
	      "getcpu: a CPU and a node (%u, %u)", cpu, node);
	check(clock_monotonic(gettime, V_CLOCK_MONOTONIC) &&
	      clock_monotonic(gettime, V_CLOCK_MONOTONIC_COARSE),
	      "%d CLOCK_MONOTONIC readings never go backwards", MONO_CALLS);
	pid = fork();
	if (pid == 0)
		_exit(clock_between(gettime, V_CLOCK_MONOTONIC) &&
		      clock_monotonic(gettime, V_CLOCK_MONOTONIC) ? 0 : 1);
	check(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	      WEXITSTATUS(status) == 0, "a forked child's vDSO works too");
	check(maps_has("[vdso]", &vdso_start) && vdso_start == base,
	      "/proc/self/maps: [vdso] at AT_SYSINFO_EHDR");
	check(maps_has("[vvar]", NULL), "/proc/self/maps: [vvar]");
	return tap_done();
}
