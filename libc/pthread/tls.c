/* tls.c: thread-local storage: the program's PT_TLS image, each thread's TLS block and TCB, the first thread's setup, and __getreent. */
#include <elf.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>

#include "pthread_impl.h"

/* arch_prctl(2): set the %fs base. */
#define PTHREAD_ARCH_SET_FS	0x1002

/* x86_64's base page size (the mapping granularity of mmap(2)). */
#define PTHREAD_PAGE_SIZE	4096

/* AT_RANDOM's 16 bytes (getauxval(3)); the canary takes 8 of them. */
#define PTHREAD_CANARY_BYTES	sizeof(uintptr_t)

struct pthread_tls_image pthread_tls;
volatile int pthread_live_count = 1;

static size_t tls_round_up(size_t value, size_t align)
{
	return (value + align - 1) & ~(align - 1);
}

/* The thread pointer is aligned for both the TCB and the TLS block. */
static size_t tls_tcb_align(void)
{
	size_t align = _Alignof(struct pthread);

	return pthread_tls.align > align ? pthread_tls.align : align;
}

size_t pthread_tls_area_size(void)
{
	return pthread_tls.offset + sizeof(struct pthread) + tls_tcb_align();
}

struct pthread *pthread_tls_setup(void *area, size_t size)
{
	uintptr_t top = (uintptr_t)area + size;
	struct pthread *tcb = (struct pthread *)((top - sizeof(struct pthread)) &
						 ~(uintptr_t)(tls_tcb_align() - 1));
	unsigned char *block = (unsigned char *)tcb - pthread_tls.offset;

	memset(tcb, 0, sizeof(*tcb));
	tcb->self = tcb;
	tcb->self2 = tcb;
	/*
	 * The block's initialized part is the image's first filesz bytes; the
	 * rest (.tbss) starts zeroed ("ELF Handling For Thread-Local Storage" 2.1).
	 */
	if (pthread_tls.filesz)
		memcpy(block, pthread_tls.init, pthread_tls.filesz);
	memset(block + pthread_tls.filesz, 0, pthread_tls.offset - pthread_tls.filesz);
	return tcb;
}

/* Finds PT_TLS among the program headers the kernel pointed AT_PHDR at. */
static void tls_find_image(unsigned long *auxv)
{
	const Elf64_Phdr *phdr = NULL;
	unsigned long phnum = 0;

	for (; auxv[0] != AT_NULL; auxv += 2) {
		if (auxv[0] == AT_PHDR)
			phdr = (const Elf64_Phdr *)auxv[1];
		else if (auxv[0] == AT_PHNUM)
			phnum = auxv[1];
	}
	pthread_tls.align = 1;
	for (unsigned long i = 0; phdr && i < phnum; i++) {
		if (phdr[i].p_type != PT_TLS)
			continue;
		pthread_tls.init = (const void *)phdr[i].p_vaddr;
		pthread_tls.filesz = phdr[i].p_filesz;
		pthread_tls.memsz = phdr[i].p_memsz;
		if (phdr[i].p_align > 1)
			pthread_tls.align = phdr[i].p_align;
	}
	/* The linker placed the block's end at the (aligned) thread pointer. */
	pthread_tls.offset = tls_round_up(pthread_tls.memsz, pthread_tls.align);
}

/*
 * The first thread's TCB and TLS block, before anything reads errno or
 * takes a lock: called first by __libc_start (crt/libc_start.c). Only raw
 * system calls here; a failure ends the process with status 127.
 */
void __pthread_tls_init(unsigned long *auxv)
{
	size_t size;
	long area;
	struct pthread *self;
	const unsigned char *random = NULL;

	tls_find_image(auxv);
	size = tls_round_up(pthread_tls_area_size(), PTHREAD_PAGE_SIZE);
	area = linux_syscall6(SYS_mmap, 0, (long)size, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area < 0 && area >= -4095)
		linux_syscall1(SYS_exit_group, 127);
	self = pthread_tls_setup((void *)area, size);
	self->reent = _impure_ptr;
	self->detach_state = PTHREAD_STATE_JOINABLE;
	for (unsigned long *entry = auxv; entry[0] != AT_NULL; entry += 2) {
		if (entry[0] == AT_RANDOM)
			random = (const unsigned char *)entry[1];
	}
	if (random) {
		memcpy(&self->stack_guard, random, PTHREAD_CANARY_BYTES);
		/* A zero low byte stops string functions from reading the canary out. */
		self->stack_guard &= ~(uintptr_t)0xff;
	}
	if (linux_syscall2(SYS_arch_prctl, PTHREAD_ARCH_SET_FS, (long)self) != 0)
		linux_syscall1(SYS_exit_group, 127);
	/* set_tid_address(2): returns our tid; cleared and woken when this thread exits. */
	self->tid = (int)linux_syscall1(SYS_set_tid_address, (long)&self->tid);
}

/* newlib's per-thread state (sys/reent.h with __DYNAMIC_REENT__): errno, strtok's, rand's... */
struct _reent *__getreent(void)
{
	return pthread_impl_self()->reent;
}
