/* sbrk.c: sbrk(2) over the Linux brk system call, which malloc grows the heap with. */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>

#include "linux_syscall.h"

/* The end of the heap; 0 until the kernel has been asked where it is. */
static uintptr_t current_break;

void *sbrk(ptrdiff_t increment)
{
	uintptr_t old_break, wanted;

	/*
	 * brk(2), "C library/kernel differences": the raw system call returns
	 * the new break, or the unchanged one on failure (never -errno); brk(0)
	 * only reports the current break.
	 */
	if (current_break == 0)
		current_break = linux_syscall1(SYS_brk, 0);
	old_break = current_break;
	wanted = old_break + increment;
	if ((increment > 0 && wanted < old_break) ||
	    (increment < 0 && wanted > old_break)) {
		errno = ENOMEM;
		return (void *)-1;
	}
	current_break = linux_syscall1(SYS_brk, wanted);
	if (current_break != wanted) {
		current_break = old_break;
		errno = ENOMEM;
		return (void *)-1;
	}
	return (void *)old_break;
}
