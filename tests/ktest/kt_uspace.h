/*
 * kt_uspace.h: for in-kernel tests of system calls. kt_uspace_enter
 * gives the running kernel thread a small user address space (loaded
 * in CR3) and a minimal struct process around it (root credentials,
 * default signal actions),
 * so copy_to_user and process_current() work as in a system call;
 * kt_uspace_leave undoes it. Threads that share it call
 * kt_uspace_attach / kt_uspace_detach.
 */
#ifndef KTEST_KT_USPACE_H
#define KTEST_KT_USPACE_H

#include <basalt/string.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <proc/task.h>
#include <signal/signal.h>

#define KT_U_VA		0x1000000ULL	/* mapped, writable */
#define KT_U_LEN	(4 * PAGE_SIZE)
#define KT_U_UNMAPPED	0x2000000ULL	/* never mapped */
#define KT_U_KERNEL	0xffff800000000000ULL

struct kt_uspace {
	struct vm_space *vm;
	struct vm_space *old_vm;
	struct process *old_proc;
	struct process proc;
};

static inline void kt_uspace_attach(struct kt_uspace *u)
{
	task_current()->proc = &u->proc;
	vm_switch(u->vm);
}

static inline void kt_uspace_detach(void)
{
	task_current()->proc = NULL;
}

static inline bool kt_uspace_enter(struct kt_uspace *u)
{
	memset(u, 0, sizeof(*u));
	u->vm = vm_create();
	if (!u->vm)
		return false;
	if (vm_map_anon(u->vm, KT_U_VA, KT_U_LEN, VM_PROT_WRITE)) {
		vm_destroy(u->vm);
		return false;
	}
	/* Signal state has its siglock in the sighand (signal/signal.h). */
	u->proc.sighand = sighand_create();
	if (!u->proc.sighand) {
		vm_destroy(u->vm);
		return false;
	}
	u->proc.pid = task_current()->tid;
	u->proc.vm = u->vm;
	list_init(&u->proc.threads);
	u->old_vm = vm_current();
	u->old_proc = task_current()->proc;
	kt_uspace_attach(u);
	return true;
}

static inline void kt_uspace_leave(struct kt_uspace *u)
{
	task_current()->proc = u->old_proc;
	vm_switch(u->old_vm);
	vm_destroy(u->vm);
	sighand_put(u->proc.sighand);
}

#endif /* KTEST_KT_USPACE_H */
