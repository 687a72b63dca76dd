/*
 * basalt-info: a summary of the running system, one "Label: value" line
 * each: the kernel (uname(2)), the host name, the uptime and load
 * (sysinfo(2)), the memory (sysinfo(2), whose sizes are in units of
 * mem_unit bytes), the processors (/proc/cpuinfo, one "processor" line
 * each, and the first "model name") and the processes (the numeric
 * directories of /proc, else sysinfo's procs count).
 *
 * Usage: basalt-info
 * Exits 1 if uname or sysinfo fail (with a message on stderr), 2 on a
 * bad usage. Built with x86_64-basalt-gcc against newlib; being static,
 * it runs on Linux as well as on Basalt.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>

#define INFO_KIB		1024ULL
#define INFO_SECS_PER_MIN	60L
#define INFO_SECS_PER_HOUR	3600L
#define INFO_SECS_PER_DAY	86400L
#define INFO_LINE_MAX		512
#define INFO_CPUINFO		"/proc/cpuinfo"
#define INFO_PROC		"/proc"
/* sysinfo(2)'s loads are fixed point with SI_LOAD_SHIFT fraction bits. */
#define INFO_LOAD_ONE		(1UL << SI_LOAD_SHIFT)
#define INFO_LOAD_CENTS		100UL

struct info_cpu {
	unsigned count;
	char model[INFO_LINE_MAX];
};

/* "key<blanks>: value" of /proc/cpuinfo: the value if line has key. */
static const char *info_cpuinfo_value(const char *line, const char *key)
{
	size_t n = strlen(key);
	const char *p;

	if (strncmp(line, key, n))
		return NULL;
	for (p = line + n; *p == ' ' || *p == '\t'; p++)
		;
	if (*p != ':')
		return NULL;
	for (p++; *p == ' '; p++)
		;
	return p;
}

/* 0 and the processors, or -1 if /proc/cpuinfo cannot be read. */
static int info_read_cpus(struct info_cpu *cpu)
{
	char line[INFO_LINE_MAX];
	const char *v;
	FILE *f = fopen(INFO_CPUINFO, "r");

	cpu->count = 0;
	cpu->model[0] = '\0';
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (info_cpuinfo_value(line, "processor"))
			cpu->count++;
		else if (!cpu->model[0] && (v = info_cpuinfo_value(line, "model name")))
			snprintf(cpu->model, sizeof(cpu->model), "%s", v);
	}
	fclose(f);
	return 0;
}

/* The processes: one numeric directory of /proc each (proc(5)). */
static long info_count_procs(void)
{
	DIR *d = opendir(INFO_PROC);
	struct dirent *e;
	long n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		const char *p = e->d_name;

		while (isdigit((unsigned char)*p))
			p++;
		if (p != e->d_name && !*p)
			n++;
	}
	closedir(d);
	return n;
}

static unsigned long long info_kib(unsigned long v, unsigned int unit)
{
	/* mem_unit is 0 on kernels older than Linux 2.3.23: bytes. */
	return (unsigned long long)v * (unit ? unit : 1) / INFO_KIB;
}

static void info_print_load(const char *label, const unsigned long loads[3])
{
	printf("%s", label);
	for (int i = 0; i < 3; i++)
		printf(" %lu.%02lu", loads[i] / INFO_LOAD_ONE,
		       loads[i] % INFO_LOAD_ONE * INFO_LOAD_CENTS / INFO_LOAD_ONE);
	printf("\n");
}

int main(int argc, char **argv)
{
	struct utsname u;
	struct sysinfo si;
	struct info_cpu cpu;
	long procs;

	if (argc > 1) {
		fprintf(stderr, "usage: %s\n", argv[0]);
		return 2;
	}
	if (uname(&u) < 0 || sysinfo(&si) < 0) {
		fprintf(stderr, "%s: %s\n", argv[0], strerror(errno));
		return 1;
	}
	printf("Kernel: %s %s %s\n", u.sysname, u.release, u.machine);
	printf("Version: %s\n", u.version);
	printf("Hostname: %s\n", u.nodename);
	printf("Uptime: %ld days, %02ld:%02ld:%02ld\n", si.uptime / INFO_SECS_PER_DAY,
	       si.uptime % INFO_SECS_PER_DAY / INFO_SECS_PER_HOUR,
	       si.uptime % INFO_SECS_PER_HOUR / INFO_SECS_PER_MIN,
	       si.uptime % INFO_SECS_PER_MIN);
	info_print_load("Load:", si.loads);
	printf("Memory: %llu KiB total, %llu KiB free\n",
	       info_kib(si.totalram, si.mem_unit), info_kib(si.freeram, si.mem_unit));
	if (info_read_cpus(&cpu) == 0)
		printf("CPUs: %u (%s)\n", cpu.count, cpu.model[0] ? cpu.model : "unknown model");
	else
		printf("CPUs: unknown (%s: %s)\n", INFO_CPUINFO, strerror(errno));
	procs = info_count_procs();
	printf("Processes: %ld\n", procs >= 0 ? procs : (long)si.procs);
	return 0;
}
