/*
 * process_vm.c: process_vm_readv(2) and process_vm_writev(2) between a
 * parent and a forked child: the child's changed buffer read back,
 * scattered over two local vectors; a write the child sees; a copy that
 * runs into an unmapped page stops there (the bytes before it, or
 * EFAULT); a write to the child's read-only page is EFAULT; flags,
 * vector sizes, a missing process, a bad local vector; an unprivileged
 * caller cannot read init (EPERM). Raw system calls, so both libcs make
 * the same calls. Prints TAP; runs on the host, in Basalt and under Linux.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "abi_tap.h"

#ifndef SYS_process_vm_readv
#define SYS_process_vm_readv	310
#endif
#ifndef SYS_process_vm_writev
#define SYS_process_vm_writev	311
#endif
#define NO_SUCH_PID		0x3ffffff0
#define IOV_TOO_MANY		1025
#define PAGE			4096
#define UNMAPPED_ADDR		((void *)0x1000)
#define BAD_PTR			16

struct k_iovec {
	void *base;
	uint64_t len;
};

static char shared_buf[64] = "parent data";

static long pvr(int pid, struct k_iovec *l, long nl, struct k_iovec *r, long nr, long flags)
{
	return raw6(SYS_process_vm_readv, pid, (long)l, nl, (long)r, nr, flags);
}

static long pvw(int pid, struct k_iovec *l, long nl, struct k_iovec *r, long nr, long flags)
{
	return raw6(SYS_process_vm_writev, pid, (long)l, nl, (long)r, nr, flags);
}

static int nobody_reads_init(void)
{
	char b[8];
	struct k_iovec l = { b, sizeof(b) }, r = { shared_buf, sizeof(b) };

	return pvr(1, &l, 1, &r, 1, 0) == -EPERM ? 0 : 1;
}

int main(void)
{
	char a[6], b[6], big[2 * PAGE];
	struct k_iovec l[2], r[2];
	char *ro, *rw;
	int go[2], back[2], status;
	pid_t child;
	char c;

	tap_plan(13);
	/* A read-only page, and a page followed by an unmapped one. */
	ro = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	rw = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ro == MAP_FAILED || rw == MAP_FAILED || munmap(rw + PAGE, PAGE) || pipe(go) ||
	    pipe(back))
		return tap_done();
	child = fork();
	if (child == 0) {
		strcpy(shared_buf, "child's data");
		memset(rw, 'r', PAGE);
		if (write(back[1], "r", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(2);
		_exit(strcmp(shared_buf, "written!") ? 1 : 0);
	}
	if (child < 0 || read(back[0], &c, 1) != 1)
		return tap_done();

	l[0] = (struct k_iovec){ a, 6 };
	l[1] = (struct k_iovec){ b, 6 };
	r[0] = (struct k_iovec){ shared_buf, 12 };
	check(pvr(child, l, 2, r, 1, 0) == 12 && !memcmp(a, "child'", 6) && !memcmp(b, "s data", 6),
	      "process_vm_readv: the child's data, scattered over two vectors");
	check(!strcmp(shared_buf, "parent data"), "the parent's own copy is unchanged");
	l[0] = (struct k_iovec){ big, sizeof(big) };
	r[0] = (struct k_iovec){ rw, 2 * PAGE };
	check(pvr(child, l, 1, r, 1, 0) == PAGE && big[0] == 'r' && big[PAGE - 1] == 'r',
	      "a copy that runs into an unmapped page stops there");
	r[0] = (struct k_iovec){ UNMAPPED_ADDR, 8 };
	check(pvr(child, l, 1, r, 1, 0) == -EFAULT, "an unmapped remote address is EFAULT");
	l[0] = (struct k_iovec){ "x", 1 };
	r[0] = (struct k_iovec){ ro, 1 };
	check(pvw(child, l, 1, r, 1, 0) == -EFAULT, "writing a read-only remote page is EFAULT");
	check(pvr(child, l, 1, r, 1, 1) == -EINVAL, "flags other than 0: EINVAL");
	check(pvr(child, l, IOV_TOO_MANY, r, 1, 0) == -EINVAL, "more than IOV_MAX vectors: EINVAL");
	l[0] = (struct k_iovec){ a, 6 };
	r[0] = (struct k_iovec){ shared_buf, 6 };
	check(pvr(NO_SUCH_PID, l, 1, r, 1, 0) == -ESRCH, "no such process: ESRCH");
	check(pvr(child, (struct k_iovec *)BAD_PTR, 1, r, 1, 0) == -EFAULT,
	      "an unreadable local vector: EFAULT");
	l[0] = (struct k_iovec){ (void *)BAD_PTR, 6 };
	check(pvr(child, l, 1, r, 1, 0) == -EFAULT, "a bad local buffer: EFAULT");
	check_as_nobody(nobody_reads_init, "an unprivileged caller cannot read init: EPERM");
	l[0] = (struct k_iovec){ "written!", 9 };
	r[0] = (struct k_iovec){ shared_buf, 9 };
	check(pvw(child, l, 1, r, 1, 0) == 9, "process_vm_writev writes 9 bytes");
	if (write(go[1], "g", 1) != 1)
		diag("cannot wake the child");
	check(waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "the child sees what was written");
	return tap_done();
}
