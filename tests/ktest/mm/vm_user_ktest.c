/*
 * vm_user_ktest.c: the page faults of a real ring 3 program reach
 * vm_fault through user_trap: a lazy anonymous page comes on first
 * touch, a copy-on-write page is copied on the first write (the clone it
 * came from keeps its byte), the stack grows down within RLIMIT_STACK,
 * and a touch beyond the limit is SIGSEGV.
 */
#include <basalt/compiler.h>
#include <basalt/ktest.h>
#include <proc/process.h>
#include <basalt/string.h>
#include <basalt/vmlayout.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <user/user.h>

#define KT_CODE_VA	0x400000ULL
#define KT_SLOT_VA	(KT_CODE_VA + PAGE_SIZE - 8)	/* the stack distance to touch */
#define KT_DATA_VA	0x20000000ULL
#define KT_STACK_SIZE	(16 * PAGE_SIZE)
#define KT_OLD_BYTE	5
#define MIB		(1ULL << 20)

/*
 * Writes 7 at KT_DATA_VA and reads it back, then touches the stack the
 * slot's distance below rsp; exit(0), or exit(1) if the byte did not stick.
 */
extern const char kt_prog_touch_start[], kt_prog_touch_end[];
__asm__(".pushsection .rodata\n"
	"kt_prog_touch_start:\n"
	"mov $0x20000000, %rcx\n movb $7, (%rcx)\n cmpb $7, (%rcx)\n jne 1f\n"
	"movq 0x400ff8, %rbx\n mov %rsp, %rax\n sub %rbx, %rax\n movb $1, (%rax)\n"
	"mov $60, %eax\n xor %edi, %edi\n syscall\n"
	"1: mov $60, %eax\n mov $1, %edi\n syscall\n"
	"ud2\n"
	"kt_prog_touch_end:\n"
	".popsection\n");

/* An address space with the program, a lazy data page and a grows-down stack. */
static struct vm_space *kt_vm_touch(uint64_t distance)
{
	struct vm_space *vm = vm_create();

	if (!vm)
		return NULL;
	if (vm_map_anon(vm, KT_CODE_VA, PAGE_SIZE, VM_PROT_EXEC) ||
	    vm_write(vm, KT_CODE_VA, kt_prog_touch_start,
		     (size_t)(kt_prog_touch_end - kt_prog_touch_start)) ||
	    vm_write(vm, KT_SLOT_VA, &distance, sizeof(distance)) ||
	    vm_mmap(vm, KT_DATA_VA, PAGE_SIZE, VM_PROT_WRITE, 0, NULL, 0) ||
	    vm_setup_stack(vm, KT_STACK_SIZE, false)) {
		vm_destroy(vm);
		return NULL;
	}
	return vm;
}

/* Runs the program in vm (which it then owns); the wait status, or -1. */
static int kt_run_vm(struct vm_space *vm)
{
	struct process *p = process_create_kernel(vm, "kt-vm");
	int status;

	if (!p) {
		vm_destroy(vm);
		return -1;
	}
	status = user_run(p, KT_CODE_VA, vm->stack_top - 64, NULL);
	process_release(p);
	return status;
}

KTEST(vm_user_demand_page_and_stack_growth)
{
	struct vm_space *vm = kt_vm_touch(MIB);
	int status;

	KT_ASSERT(t, vm != NULL);
	status = kt_run_vm(vm);
	KT_EXPECT(t, WIFEXITED(status));
	KT_EXPECT_EQ(t, WEXITSTATUS(status), 0);
}

KTEST(vm_user_stack_beyond_rlimit_segv)
{
	/* No process: RLIMIT_STACK is the 8 MiB default. */
	struct vm_space *vm = kt_vm_touch(9 * MIB);
	int status;

	KT_ASSERT(t, vm != NULL);
	status = kt_run_vm(vm);
	KT_EXPECT(t, !WIFEXITED(status));
	KT_EXPECT_EQ(t, WTERMSIG(status), SIGSEGV);
}

KTEST(vm_user_copy_on_write)
{
	struct vm_space *parent = kt_vm_touch(0), *child;
	uint8_t old = KT_OLD_BYTE, byte = 0;
	uint64_t phys;
	int status;

	KT_ASSERT(t, parent != NULL);
	KT_ASSERT(t, vm_write(parent, KT_DATA_VA, &old, 1) == 0);
	child = vm_clone(parent);
	KT_ASSERT(t, child != NULL);
	status = kt_run_vm(child);
	KT_EXPECT(t, WIFEXITED(status));
	KT_EXPECT_EQ(t, WEXITSTATUS(status), 0);
	KT_ASSERT(t, vm_query(parent, KT_DATA_VA, &phys, NULL) == 0);
	byte = *(uint8_t *)phys_to_virt(phys);
	KT_EXPECT_EQ(t, byte, KT_OLD_BYTE);
	KT_EXPECT_EQ(t, vm_frame_refs(phys), 1);
	vm_destroy(parent);
}
