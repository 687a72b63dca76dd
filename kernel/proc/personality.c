/*
 * personality.c: personality(2). The value is the process's, inherited
 * by fork and kept by exec; Linux accepts any value and so does this.
 * ADDR_NO_RANDOMIZE turns off address space layout randomization for the
 * process's next exec (vm_randomize), as setarch -R relies on.
 *
 * Locking: the value is an int, written by its own process only.
 */
#include <basalt/syscalls.h>
#include <proc/process.h>
#include <uapi/personality.h>

SYSCALL_DEFINE1(personality, unsigned int, persona)
{
	struct process *p = process_current();
	unsigned old = p->personality;

	if (persona != PERSONALITY_QUERY)
		p->personality = persona;
	return old;
}
