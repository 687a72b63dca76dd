/*
 * bench-init.c: PID 1 of the benchmark initramfs (make bench). The same
 * static glibc binary boots under Basalt and under Debian's Linux kernel
 * in the same QEMU command line; it times each workload with
 * CLOCK_MONOTONIC and prints one line per workload on the console:
 *
 *   ### bench: NAME VALUE UNIT        (smaller is better)
 *   ### bench: done
 *
 * then powers off. tests/bench/run-bench.sh reads both logs back and
 * prints the Basalt/Linux ratio of each. A benchmark, not a test: nothing
 * here passes or fails, a workload that cannot run prints "failed".
 *
 * The shell workloads run Debian's busybox-static (/bin/sh and applets)
 * on both kernels, so the two runs execute the same user code.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "../qemu/init_devices.h"
#include "bench_disk.h"
#include "bench_raw.h"
#include "bench_configure.h"
#include "bench_net.h"

#define BENCH_PAGE		4096
#define BENCH_SMALL_PROG	"/bench/tiny"	/* a few hundred bytes, no libc */
#define BENCH_LARGE_PROG	"/bench/true"	/* glibc static, about 750 KiB */
#define BENCH_SCRATCH		"/tmp/bench"
#define BENCH_ONLY_LIST		"/bench/only"	/* names of the workloads to run */
#define BENCH_FILE_SIZE		(4u << 20)	/* the cached file the reads use */
#define BENCH_TREE_FILES	3000		/* files of the pipeline and tar trees */
#define BENCH_SHELL_RUNS	300		/* iterations of the shell loops */
#define BENCH_STR(x)		BENCH_STR_(x)
#define BENCH_STR_(x)		#x

static char *const bench_envp[] = { "PATH=/bin", "HOME=/", NULL };

static uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void bench_report(const char *name, uint64_t ns, unsigned ops)
{
	printf("### bench: %s %.2f us\n", name, (double)ns / 1000.0 / ops);
	fflush(stdout);
}

static void bench_failed(const char *name, const char *why)
{
	printf("### bench: %s failed (%s: %s)\n", name, why, strerror(errno));
	fflush(stdout);
}

static int bench_wait(pid_t pid)
{
	int status;

	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* ---- processes ----------------------------------------------------------- */

static int bench_fork_exit(unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (bench_wait(pid))
			return -1;
	}
	return 0;
}

/* One child running prog, by fork or vfork; its pid or -1. */
static __attribute__((noinline)) pid_t bench_start(const char *prog, int use_vfork)
{
	char *const argv[] = { (char *)prog, NULL };
	pid_t pid = use_vfork ? vfork() : fork();

	if (pid == 0) {
		execve(prog, argv, bench_envp);
		_exit(127);
	}
	return pid;
}

static int bench_fork_exec(const char *prog, unsigned n, int use_vfork)
{
	for (unsigned i = 0; i < n; i++)
		if (bench_wait(bench_start(prog, use_vfork)))
			return -1;
	return 0;
}

static int bench_fork_exec_small(unsigned n) { return bench_fork_exec(BENCH_SMALL_PROG, n, 0); }
static int bench_fork_exec_large(unsigned n) { return bench_fork_exec(BENCH_LARGE_PROG, n, 0); }
static int bench_vfork_exec(unsigned n) { return bench_fork_exec(BENCH_LARGE_PROG, n, 1); }

static int bench_posix_spawn(unsigned n)
{
	char *const argv[] = { BENCH_LARGE_PROG, NULL };

	for (unsigned i = 0; i < n; i++) {
		pid_t pid;

		if (posix_spawn(&pid, BENCH_LARGE_PROG, NULL, NULL, argv, bench_envp))
			return -1;
		if (bench_wait(pid))
			return -1;
	}
	return 0;
}

/* Runs /bin/sh -c script; 0 if it exited 0. */
static int bench_sh(const char *script)
{
	char *const argv[] = { "sh", "-c", (char *)script, NULL };
	pid_t pid = fork();

	if (pid == 0) {
		execve("/bin/sh", argv, bench_envp);
		_exit(127);
	}
	return bench_wait(pid);
}

#define BENCH_SH_LOOP(body) \
	"i=0; while [ $i -lt " BENCH_STR(BENCH_SHELL_RUNS) " ]; do " body "; i=$((i+1)); done"

static int bench_sh_subshell(unsigned n) { (void)n; return bench_sh(BENCH_SH_LOOP("( : )")); }
static int bench_sh_prog(unsigned n) { (void)n; return bench_sh(BENCH_SH_LOOP(BENCH_LARGE_PROG)); }
static int bench_sh_true(unsigned n) { (void)n; return bench_sh(BENCH_SH_LOOP("/bin/true")); }

/* Runs script n times; 0 if every run exited 0. */
static int bench_sh_repeat(const char *script, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (bench_sh(script))
			return -1;
	return 0;
}

static int bench_pipeline(unsigned n)
{
	return bench_sh_repeat("find " BENCH_SCRATCH "/tree | sed 's,.*/,,' | sort | uniq -c | "
			       "sort -n | head > /dev/null", n);
}

static int bench_tar_gzip(unsigned n)
{
	return bench_sh_repeat("cd " BENCH_SCRATCH " && tar -cf - tree | gzip > tree.tgz && "
			       "rm -rf out && mkdir out && gzip -dc tree.tgz | tar -xf - -C out", n);
}

/* ---- system calls and files ---------------------------------------------- */

static int bench_null_syscall(unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		syscall(SYS_getppid);
	return 0;
}

static int bench_pipe_roundtrip(unsigned n)
{
	int to_child[2], to_parent[2];
	char byte = 'x';
	pid_t pid;

	if (pipe(to_child) || pipe(to_parent))
		return -1;
	pid = fork();
	if (pid == 0) {
		/* Only the parent's write end keeps the loop going. */
		close(to_child[1]);
		close(to_parent[0]);
		while (read(to_child[0], &byte, 1) == 1)
			if (write(to_parent[1], &byte, 1) != 1)
				_exit(1);
		_exit(0);
	}
	for (unsigned i = 0; i < n; i++)
		if (write(to_child[1], &byte, 1) != 1 || read(to_parent[0], &byte, 1) != 1)
			return -1;
	close(to_child[1]);
	close(to_child[0]);
	close(to_parent[0]);
	close(to_parent[1]);
	return bench_wait(pid);
}

static int bench_read_chunks(size_t chunk, unsigned n)
{
	static char buf[BENCH_FILE_SIZE];
	int fd = open(BENCH_SCRATCH "/file", O_RDONLY);
	off_t off = 0;

	if (fd < 0)
		return -1;
	for (unsigned i = 0; i < n; i++) {
		if (pread(fd, buf, chunk, off) != (ssize_t)chunk) {
			close(fd);
			return -1;
		}
		off = (off + (off_t)chunk) % BENCH_FILE_SIZE;
	}
	close(fd);
	return 0;
}

static int bench_read_4k(unsigned n) { return bench_read_chunks(4096, n); }
static int bench_read_4m(unsigned n) { return bench_read_chunks(BENCH_FILE_SIZE, n); }

static int bench_open_close(unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		int fd = open(BENCH_SCRATCH "/file", O_RDONLY);

		if (fd < 0 || close(fd))
			return -1;
	}
	return 0;
}

static int bench_stat(unsigned n)
{
	struct stat st;

	for (unsigned i = 0; i < n; i++)
		if (stat(BENCH_SCRATCH "/file", &st))
			return -1;
	return 0;
}

static int bench_create_unlink(unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		int fd = open(BENCH_SCRATCH "/new", O_WRONLY | O_CREAT | O_EXCL, 0644);

		if (fd < 0 || close(fd) || unlink(BENCH_SCRATCH "/new"))
			return -1;
	}
	return 0;
}

/* mmap 4 MiB, write one byte a page, munmap. */
static int bench_mmap_touch(unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		char *p = mmap(NULL, BENCH_FILE_SIZE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			return -1;
		for (size_t off = 0; off < BENCH_FILE_SIZE; off += BENCH_PAGE)
			p[off] = 1;
		munmap(p, BENCH_FILE_SIZE);
	}
	return 0;
}

/* mmap the 4 MiB file privately, read one byte a page, munmap. */
static int bench_file_fault(unsigned n)
{
	int fd = open(BENCH_SCRATCH "/file", O_RDONLY);
	volatile char sink = 0;

	if (fd < 0)
		return -1;
	for (unsigned i = 0; i < n; i++) {
		char *p = mmap(NULL, BENCH_FILE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0);

		if (p == MAP_FAILED) {
			close(fd);
			return -1;
		}
		for (size_t off = 0; off < BENCH_FILE_SIZE; off += BENCH_PAGE)
			sink += p[off];
		munmap(p, BENCH_FILE_SIZE);
	}
	close(fd);
	return 0;
}

/* ---- set-up -------------------------------------------------------------- */

static int bench_write_file(const char *path, size_t size)
{
	static char block[BENCH_PAGE];
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0)
		return -1;
	for (size_t done = 0; done < size; done += sizeof(block)) {
		memset(block, (int)(done / sizeof(block)), sizeof(block));
		if (write(fd, block, sizeof(block)) != (ssize_t)sizeof(block)) {
			close(fd);
			return -1;
		}
	}
	return close(fd);
}

/* BENCH_TREE_FILES small files, 30 to a directory, names repeating across them. */
static int bench_make_tree(void)
{
	char path[128];

	if (mkdir(BENCH_SCRATCH "/tree", 0755))
		return -1;
	for (unsigned i = 0; i < BENCH_TREE_FILES; i++) {
		int fd;

		if (i % 30 == 0) {
			snprintf(path, sizeof(path), BENCH_SCRATCH "/tree/d%u", i / 30);
			if (mkdir(path, 0755))
				return -1;
		}
		snprintf(path, sizeof(path), BENCH_SCRATCH "/tree/d%u/f%u", i / 30, i % 37);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0)
			return -1;
		if (dprintf(fd, "file %u of the benchmark tree\n", i) < 0) {
			close(fd);
			return -1;
		}
		close(fd);
	}
	return 0;
}

/* Prints the first number read from f as the workload name, in us. */
static void bench_report_uptime(const char *name, FILE *f)
{
	double up;

	if (f && fscanf(f, "%lf", &up) == 1)
		printf("### bench: %s %.2f us\n", name, up * 1e6);
	else
		bench_failed(name, "/proc/uptime");
	fflush(stdout);
}

/*
 * The kernel's uptime when PID 1 starts (boot to the first user
 * instruction), and when the first shell command runs.
 */
static void bench_boot_time(void)
{
	FILE *f = fopen("/proc/uptime", "r");
	int out[2];
	pid_t pid;

	bench_report_uptime("boot_to_init", f);
	if (f)
		fclose(f);
	if (pipe(out))
		return;
	pid = fork();
	if (pid == 0) {
		char *const argv[] = { "sh", "-c", "cat /proc/uptime", NULL };

		dup2(out[1], 1);
		execve("/bin/sh", argv, bench_envp);
		_exit(127);
	}
	close(out[1]);
	f = fdopen(out[0], "r");
	bench_report_uptime("boot_to_shell_command", f);
	if (f)
		fclose(f);
	bench_wait(pid);
}

/*
 * Rows whose iterations are alike and leave nothing behind run in
 * BENCH_ROUNDS rounds of ops / BENCH_ROUNDS iterations, and the fastest
 * round is reported: on a shared host a burst of other load slows a round,
 * never speeds one up, so the best round is the closest to the cost itself
 * (lmbench and hyperfine report minima for the same reason). Both kernels
 * are measured so, and the ratio compares like with like.
 */
#define BENCH_ROUNDS		5

/* The scaling rows use bench_wait, bench_envp and the programs above. */
#include "bench_scale.h"

enum bench_kind {
	BENCH_ONCE,		/* stateful or long: all ops in one run */
	BENCH_BEST_OF,		/* the best of BENCH_ROUNDS rounds */
};

struct bench {
	const char *name;
	unsigned ops;		/* iterations; the time is reported per iteration */
	int (*run)(unsigned ops);
	enum bench_kind kind;
};

static const struct bench bench_table[] = {
	{ "null_syscall", 100000, bench_null_syscall, BENCH_BEST_OF },
	{ "fork_exit", 300, bench_fork_exit, BENCH_BEST_OF },
	{ "fork_exec_small", 300, bench_fork_exec_small, BENCH_BEST_OF },
	{ "fork_exec_large", 200, bench_fork_exec_large, BENCH_BEST_OF },
	{ "vfork_exec_large", 200, bench_vfork_exec, BENCH_BEST_OF },
	{ "posix_spawn_large", 200, bench_posix_spawn, BENCH_BEST_OF },
	{ "sh_subshell", BENCH_SHELL_RUNS, bench_sh_subshell, BENCH_BEST_OF },
	{ "sh_run_prog", BENCH_SHELL_RUNS, bench_sh_prog, BENCH_BEST_OF },
	{ "sh_run_busybox_true", BENCH_SHELL_RUNS, bench_sh_true, BENCH_BEST_OF },
	{ "pipe_roundtrip", 5000, bench_pipe_roundtrip, BENCH_BEST_OF },
	/* bench_net.h: AF_UNIX and TCP over lo (issue 16). */
	{ "unix_roundtrip", 5000, bench_unix_roundtrip, BENCH_BEST_OF },
	{ "tcp_roundtrip", 5000, bench_tcp_roundtrip, BENCH_BEST_OF },
	{ "unix_stream_32m", 2, bench_unix_stream, BENCH_ONCE },
	{ "tcp_stream_32m", 2, bench_tcp_stream, BENCH_ONCE },
	{ "read_4k_cached", 20000, bench_read_4k, BENCH_BEST_OF },
	{ "read_4m_cached", 20, bench_read_4m, BENCH_BEST_OF },
	{ "open_close", 10000, bench_open_close, BENCH_BEST_OF },
	{ "stat", 10000, bench_stat, BENCH_BEST_OF },
	{ "create_unlink", 5000, bench_create_unlink, BENCH_BEST_OF },
	{ "mmap_touch_4m", 20, bench_mmap_touch, BENCH_BEST_OF },
	{ "file_mmap_fault_4m", 20, bench_file_fault, BENCH_BEST_OF },
	{ "pipeline_find_sort", 3, bench_pipeline, BENCH_ONCE },
	{ "tar_gzip_roundtrip", 3, bench_tar_gzip, BENCH_ONCE },
	/* bench_disk.h: an ext2 disk, skipped when the kernel has no ext2. */
	{ "ext2_create", BENCH_DISK_FILES, bench_disk_create, BENCH_ONCE },
	{ "ext2_write_8m", 4, bench_disk_write, BENCH_ONCE },
	{ "ext2_read_cold_8m", 3, bench_disk_read_cold, BENCH_ONCE },
	{ "ext2_read_warm_8m", 10, bench_disk_read_warm, BENCH_ONCE },
	{ "ext2_unlink", BENCH_DISK_FILES, bench_disk_unlink, BENCH_ONCE },
	/* bench_raw.h: whole disks read in 1 MiB blocks, cache dropped. */
	{ "raw_read_nvme_32m", 3, bench_raw_nvme, BENCH_ONCE },
	{ "raw_read_ahci_32m", 3, bench_raw_ahci, BENCH_ONCE },
	/* bench_configure.h: Debian's gcc in a chroot on a second disk. */
	{ "configure_dosfstools", 1, bench_configure, BENCH_ONCE },
	/* bench_scale.h: one job per round, split among the CPUs. */
	{ "scale_cpu_procs", BENCH_ROUNDS, bench_scale_procs, BENCH_BEST_OF },
	{ "scale_cpu_threads", BENCH_ROUNDS, bench_scale_threads, BENCH_BEST_OF },
	{ "scale_sh_c", BENCH_ROUNDS, bench_scale_sh, BENCH_BEST_OF },
};

/* The rows a boot on several CPUs runs (run-bench.sh's scaling table). */
#define BENCH_SCALE_PREFIX	"scale_"

/*
 * Whether to run the workload: all of them, or those named in /bench/only
 * (make bench BENCH_ONLY="a b" writes it), or in argv when run by hand.
 */
static int bench_selected(const char *name, int argc, char **argv)
{
	char word[64];
	FILE *f;
	int found = 0;

	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			if (!strcmp(argv[i], name))
				return 1;
		return 0;
	}
	f = fopen(BENCH_ONLY_LIST, "r");
	if (!f)
		return 1;
	while (!found && fscanf(f, "%63s", word) == 1)
		found = !strcmp(word, name);
	fclose(f);
	return found;
}

/* Runs b; *ns is the time of its best round, of *ops iterations. */
static int bench_run(const struct bench *b, uint64_t *ns, unsigned *ops)
{
	unsigned rounds = b->kind == BENCH_BEST_OF ? BENCH_ROUNDS : 1;

	*ops = b->ops / rounds;
	*ns = UINT64_MAX;
	for (unsigned r = 0; r < rounds; r++) {
		uint64_t start = bench_now_ns(), took;
		int rc = b->run(*ops);

		if (rc)
			return rc;
		took = bench_now_ns() - start;
		if (took < *ns)
			*ns = took;
	}
	return 0;
}

int main(int argc, char **argv)
{
	/* On several CPUs only the scaling rows run: the rest is measured on one. */
	int scaling = bench_scale_workers() > 1;

	if (getpid() == 1)
		argc = 1;	/* the kernel's leftover command line words are no names */
	init_devices();
	if (mount("proc", "/proc", "proc", 0, NULL))
		perror("bench-init: mount /proc");
	bench_boot_time();
	printf("### bench: begin\n");
	fflush(stdout);
	mkdir("/tmp", 01777);
	if (!scaling && (mkdir(BENCH_SCRATCH, 0755) ||
			 bench_write_file(BENCH_SCRATCH "/file", BENCH_FILE_SIZE) || bench_make_tree()))
		bench_failed("setup", BENCH_SCRATCH);
	/*
	 * After the boot rows (qemu_to_init stops at the begin line) and
	 * before the workloads: Linux probes the disk in the background.
	 */
	if (!scaling) {
		bench_disk_load_modules();
		bench_disk_mount();
	}
	for (size_t i = 0; i < sizeof(bench_table) / sizeof(bench_table[0]); i++) {
		const struct bench *b = &bench_table[i];
		uint64_t best_ns;
		unsigned ops;
		int rc;

		if (!bench_selected(b->name, argc, argv) ||
		    (scaling && strncmp(b->name, BENCH_SCALE_PREFIX, strlen(BENCH_SCALE_PREFIX))))
			continue;
		rc = bench_run(b, &best_ns, &ops);
		if (rc == BENCH_DISK_SKIP)
			printf("### bench: %s skipped (%s)\n", b->name,
			       b->run == bench_configure ? bench_conf_why : bench_disk_why);
		else if (rc)
			bench_failed(b->name, "run");
		else
			bench_report(b->name, best_ns, ops);
	}
	if (bench_disk_state > 0 && umount(BENCH_DISK_MNT))
		perror("bench-init: umount " BENCH_DISK_MNT);
	printf("### bench: done\n");
	fflush(stdout);
	if (getpid() != 1)
		return 0;
	sync();
	reboot(RB_POWER_OFF);
	perror("bench-init: reboot");
	for (;;)
		pause();
}
