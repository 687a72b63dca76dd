/*
 * sys_fs_ktest.c: the file system calls from ring 3. A small program
 * runs with a fake process (its own empty descriptor table) and checks
 * each result; it exits with the number of the first check that failed
 * (0: all passed). Covers open/creat through the table, read/write/lseek,
 * fstat's layout, dup2/fcntl/close, EFAULT for bad pointers, EBADF,
 * mkdir/rmdir, unlink.
 */
#include <basalt/ktest.h>
#include <proc/process.h>
#include <basalt/string.h>
#include <mm/mm.h>
#include <mm/vm.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <user/user.h>
#include "vfs_ktest_util.h"

#define KT_CODE_VA	0x400000ULL
#define KT_STACK_TOP	0x800000ULL
#define KT_STACK_SIZE	(4 * PAGE_SIZE)

/* "check N, value": the last syscall must have returned value, else exit(N). */
#define KT_CHECK(n, v)	"cmp $" #v ", %rax\n je 1f\n mov $" #n ", %edi\n jmp 99f\n 1:\n"

extern const char kt_fs_prog_start[], kt_fs_prog_end[];
__asm__(".pushsection .rodata\n"
	"kt_fs_prog_start:\n"
	/* 1: open(path, O_RDWR | O_CREAT | O_TRUNC, 0644) is fd 0 */
	"mov $2, %eax\n lea 90f(%rip), %rdi\n mov $01102, %esi\n mov $0644, %edx\n syscall\n"
	KT_CHECK(1, 0)
	"mov %rax, %r15\n"
	/* 2: write(fd, "hello", 5) */
	"mov $1, %eax\n mov %r15, %rdi\n lea 91f(%rip), %rsi\n mov $5, %edx\n syscall\n"
	KT_CHECK(2, 5)
	/* 3: lseek(fd, 0, SEEK_SET) */
	"mov $8, %eax\n mov %r15, %rdi\n xor %esi, %esi\n xor %edx, %edx\n syscall\n"
	KT_CHECK(3, 0)
	/* 4: read(fd, stack, 16) == 5; 5: it says "hell" */
	"sub $256, %rsp\n"
	"xor %eax, %eax\n mov %r15, %rdi\n mov %rsp, %rsi\n mov $16, %edx\n syscall\n"
	KT_CHECK(4, 5)
	"mov (%rsp), %eax\n" KT_CHECK(5, 0x6c6c6568)
	/* 6: read into an unmapped page: EFAULT */
	"mov $8, %eax\n mov %r15, %rdi\n xor %esi, %esi\n xor %edx, %edx\n syscall\n"
	"xor %eax, %eax\n mov %r15, %rdi\n mov $0x10000000, %rsi\n mov $5, %edx\n syscall\n"
	KT_CHECK(6, -14)
	/* 7: fstat(fd, stack) == 0; 8: st_size (offset 48) is 5 */
	"mov $5, %eax\n mov %r15, %rdi\n mov %rsp, %rsi\n syscall\n"
	KT_CHECK(7, 0)
	"mov 48(%rsp), %rax\n" KT_CHECK(8, 5)
	/* 9: dup2(fd, 7) == 7; 10: fcntl(7, F_GETFD) == 0 */
	"mov $33, %eax\n mov %r15, %rdi\n mov $7, %esi\n syscall\n"
	KT_CHECK(9, 7)
	"mov $72, %eax\n mov $7, %edi\n mov $1, %esi\n syscall\n"
	KT_CHECK(10, 0)
	/* 11: close(7) == 0; 12: again EBADF; 13: close(fd) */
	"mov $3, %eax\n mov $7, %edi\n syscall\n" KT_CHECK(11, 0)
	"mov $3, %eax\n mov $7, %edi\n syscall\n" KT_CHECK(12, -9)
	"mov $3, %eax\n mov %r15, %rdi\n syscall\n" KT_CHECK(13, 0)
	/* 14: open(NULL) is EFAULT; 15: open of a kernel address too */
	"mov $2, %eax\n xor %edi, %edi\n xor %esi, %esi\n syscall\n" KT_CHECK(14, -14)
	"mov $2, %eax\n mov $0xffffffff80000000, %rdi\n xor %esi, %esi\n syscall\n"
	KT_CHECK(15, -14)
	/* 16: mkdir(dir, 0755); 17: again EEXIST; 18: rmdir */
	"mov $83, %eax\n lea 92f(%rip), %rdi\n mov $0755, %esi\n syscall\n" KT_CHECK(16, 0)
	"mov $83, %eax\n lea 92f(%rip), %rdi\n mov $0755, %esi\n syscall\n" KT_CHECK(17, -17)
	"mov $84, %eax\n lea 92f(%rip), %rdi\n syscall\n" KT_CHECK(18, 0)
	/* 19: write(1, ...) with a table but no fd 1: EBADF */
	"mov $1, %eax\n mov $1, %edi\n lea 91f(%rip), %rsi\n mov $5, %edx\n syscall\n"
	KT_CHECK(19, -9)
	/* 20: unlink(path); 21: open(path, O_RDONLY) is ENOENT */
	"mov $87, %eax\n lea 90f(%rip), %rdi\n syscall\n" KT_CHECK(20, 0)
	"mov $2, %eax\n lea 90f(%rip), %rdi\n xor %esi, %esi\n syscall\n" KT_CHECK(21, -2)
	"mov $231, %eax\n xor %edi, %edi\n syscall\n"
	"99: mov $231, %eax\n syscall\n"
	"90: .asciz \"/kt-sys-file\"\n"
	"91: .ascii \"hello\"\n"
	"92: .asciz \"/kt-sys-dir\"\n"
	"kt_fs_prog_end:\n"
	".popsection\n");


/* Directories, cwd, vectors and descriptor flags from ring 3. */
extern const char kt_fs_prog2_start[], kt_fs_prog2_end[];
__asm__(".pushsection .rodata\n"
	"kt_fs_prog2_start:\n"
	"sub $1024, %rsp\n"
	/* 1: mkdir; 2: chdir; 3: getcwd(buf, 64) == 9; 4: getcwd(buf, 3) ERANGE */
	"mov $83, %eax\n lea 90f(%rip), %rdi\n mov $0755, %esi\n syscall\n" KT_CHECK(1, 0)
	"mov $80, %eax\n lea 90f(%rip), %rdi\n syscall\n" KT_CHECK(2, 0)
	"mov $79, %eax\n lea 512(%rsp), %rdi\n mov $64, %esi\n syscall\n" KT_CHECK(3, 9)
	"mov $79, %eax\n lea 512(%rsp), %rdi\n mov $3, %esi\n syscall\n" KT_CHECK(4, -34)
	/* 5: open("f", O_CREAT | O_WRONLY, 0600) is fd 0 */
	"mov $2, %eax\n lea 91f(%rip), %rdi\n mov $0101, %esi\n mov $0600, %edx\n syscall\n"
	KT_CHECK(5, 0)
	/* 6: writev(0, {"ab", "cde"}, 2) == 5; 7: close */
	"lea 92f(%rip), %rax\n mov %rax, 0(%rsp)\n movq $2, 8(%rsp)\n"
	"lea 93f(%rip), %rax\n mov %rax, 16(%rsp)\n movq $3, 24(%rsp)\n"
	"mov $20, %eax\n xor %edi, %edi\n mov %rsp, %rsi\n mov $2, %edx\n syscall\n"
	KT_CHECK(6, 5)
	"mov $3, %eax\n xor %edi, %edi\n syscall\n" KT_CHECK(7, 0)
	/* 8: newfstatat(AT_FDCWD, "f", buf, 0); 9: st_size 5 */
	"mov $262, %eax\n mov $-100, %rdi\n lea 91f(%rip), %rsi\n lea 512(%rsp), %rdx\n"
	"xor %r10d, %r10d\n syscall\n" KT_CHECK(8, 0)
	"mov 560(%rsp), %rax\n" KT_CHECK(9, 5)
	/* 10: open(".", O_RDONLY | O_DIRECTORY) is fd 0 */
	"mov $2, %eax\n lea 94f(%rip), %rdi\n mov $0200000, %esi\n syscall\n" KT_CHECK(10, 0)
	/* 11: getdents64 gives ".", "..", "f": 3 records of 24 bytes */
	"mov $217, %eax\n xor %edi, %edi\n lea 512(%rsp), %rsi\n mov $256, %edx\n syscall\n"
	KT_CHECK(11, 72)
	/* 12: then the end; 13: rewound into an unmapped buffer: EFAULT */
	"mov $217, %eax\n xor %edi, %edi\n lea 512(%rsp), %rsi\n mov $256, %edx\n syscall\n"
	KT_CHECK(12, 0)
	"mov $8, %eax\n xor %edi, %edi\n xor %esi, %esi\n xor %edx, %edx\n syscall\n"
	"mov $217, %eax\n xor %edi, %edi\n mov $0x10000000, %rsi\n mov $256, %edx\n syscall\n"
	KT_CHECK(13, -14)
	/* 14: F_SETFD FD_CLOEXEC; 15: F_GETFD; 16: dup is 1; 17: ioctl ENOTTY */
	"mov $72, %eax\n xor %edi, %edi\n mov $2, %esi\n mov $1, %edx\n syscall\n" KT_CHECK(14, 0)
	"mov $72, %eax\n xor %edi, %edi\n mov $1, %esi\n syscall\n" KT_CHECK(15, 1)
	"mov $32, %eax\n xor %edi, %edi\n syscall\n" KT_CHECK(16, 1)
	"mov $16, %eax\n mov $1, %edi\n mov $0x5401, %esi\n lea 512(%rsp), %rdx\n syscall\n"
	KT_CHECK(17, -25)
	/* 18: stat("/") is a directory (st_mode at offset 24) */
	"mov $4, %eax\n lea 95f(%rip), %rdi\n lea 512(%rsp), %rsi\n syscall\n" KT_CHECK(18, 0)
	"mov 536(%rsp), %eax\n and $0170000, %eax\n" KT_CHECK(19, 0040000)
	/* 20: rmdir of the non-empty cwd; 21: unlink f; 22: chdir /; 23: rmdir */
	"mov $84, %eax\n lea 90f(%rip), %rdi\n syscall\n" KT_CHECK(20, -39)
	"mov $87, %eax\n lea 91f(%rip), %rdi\n syscall\n" KT_CHECK(21, 0)
	"mov $80, %eax\n lea 95f(%rip), %rdi\n syscall\n" KT_CHECK(22, 0)
	"mov $84, %eax\n lea 90f(%rip), %rdi\n syscall\n" KT_CHECK(23, 0)
	"mov $231, %eax\n xor %edi, %edi\n syscall\n"
	"99: mov $231, %eax\n syscall\n"
	"90: .asciz \"/kt-sys2\"\n"
	"91: .asciz \"f\"\n"
	"92: .ascii \"ab\"\n"
	"93: .ascii \"cde\"\n"
	"94: .asciz \".\"\n"
	"95: .asciz \"/\"\n"
	"kt_fs_prog2_end:\n"
	".popsection\n");


/* Positioned I/O, sendfile, vectors, rename/access/symlink, dup3 from ring 3. */
extern const char kt_fs_prog3_start[], kt_fs_prog3_end[];
__asm__(".pushsection .rodata\n"
	"kt_fs_prog3_start:\n"
	"sub $1024, %rsp\n"
	/* 1: umask(022) returns the old 022 */
	"mov $95, %eax\n mov $022, %edi\n syscall\n" KT_CHECK(1, 022)
	/* 2: open(a, O_CREAT | O_RDWR, 0777) is 0; 3: the mode is 0755 */
	"mov $2, %eax\n lea 90f(%rip), %rdi\n mov $0102, %esi\n mov $0777, %edx\n syscall\n"
	KT_CHECK(2, 0)
	"mov $5, %eax\n xor %edi, %edi\n lea 512(%rsp), %rsi\n syscall\n"
	"mov 536(%rsp), %eax\n and $0777, %eax\n" KT_CHECK(3, 0755)
	/* 4: pwrite64(0, "hello", 5, 10); 5: SEEK_END is 15; 6: pread64 at 8 */
	"mov $18, %eax\n xor %edi, %edi\n lea 93f(%rip), %rsi\n mov $5, %edx\n mov $10, %r10d\n"
	"syscall\n" KT_CHECK(4, 5)
	"mov $8, %eax\n xor %edi, %edi\n xor %esi, %esi\n mov $2, %edx\n syscall\n"
	KT_CHECK(5, 15)
	"mov $17, %eax\n xor %edi, %edi\n lea 512(%rsp), %rsi\n mov $16, %edx\n mov $8, %r10d\n"
	"syscall\n" KT_CHECK(6, 7)
	"movzbl 514(%rsp), %eax\n" KT_CHECK(7, 0x68)
	/* 8: open(b, O_CREAT | O_RDWR | O_TRUNC, 0644) is 1 */
	"mov $2, %eax\n lea 91f(%rip), %rdi\n mov $01102, %esi\n mov $0644, %edx\n syscall\n"
	KT_CHECK(8, 1)
	/* 9: sendfile(1, 0, NULL, 100) from offset 10 sends 5; 10: b's offset is 5 */
	"mov $8, %eax\n xor %edi, %edi\n mov $10, %esi\n xor %edx, %edx\n syscall\n"
	"mov $40, %eax\n mov $1, %edi\n xor %esi, %esi\n xor %edx, %edx\n mov $100, %r10d\n"
	"syscall\n" KT_CHECK(9, 5)
	"mov $8, %eax\n mov $1, %edi\n xor %esi, %esi\n mov $1, %edx\n syscall\n" KT_CHECK(10, 5)
	/* 11: ftruncate(1, 2); 12: fstat says 2 */
	"mov $77, %eax\n mov $1, %edi\n mov $2, %esi\n syscall\n" KT_CHECK(11, 0)
	"mov $5, %eax\n mov $1, %edi\n lea 512(%rsp), %rsi\n syscall\n"
	"mov 560(%rsp), %rax\n" KT_CHECK(12, 2)
	/* 13: readv(0, {3 bytes, 100 bytes}) from offset 10 reads 5 */
	"mov $8, %eax\n xor %edi, %edi\n mov $10, %esi\n xor %edx, %edx\n syscall\n"
	"lea 512(%rsp), %rax\n mov %rax, 0(%rsp)\n movq $3, 8(%rsp)\n"
	"lea 600(%rsp), %rax\n mov %rax, 16(%rsp)\n movq $100, 24(%rsp)\n"
	"mov $19, %eax\n xor %edi, %edi\n mov %rsp, %rsi\n mov $2, %edx\n syscall\n"
	KT_CHECK(13, 5)
	/* 14: rename(b, c); 15: access(b) ENOENT; 16: access(c, R_OK | W_OK) */
	"mov $82, %eax\n lea 91f(%rip), %rdi\n lea 92f(%rip), %rsi\n syscall\n" KT_CHECK(14, 0)
	"mov $21, %eax\n lea 91f(%rip), %rdi\n xor %esi, %esi\n syscall\n" KT_CHECK(15, -2)
	"mov $21, %eax\n lea 92f(%rip), %rdi\n mov $6, %esi\n syscall\n" KT_CHECK(16, 0)
	/* 17: symlink("kt-s3c", l); 18: readlink(l) is 6 bytes */
	"mov $88, %eax\n lea 95f(%rip), %rdi\n lea 94f(%rip), %rsi\n syscall\n" KT_CHECK(17, 0)
	"mov $89, %eax\n lea 94f(%rip), %rdi\n lea 512(%rsp), %rsi\n mov $64, %edx\n syscall\n"
	KT_CHECK(18, 6)
	/* 19: dup3(0, 0, 0) EINVAL; 20: dup3(0, 5, O_CLOEXEC); 21: F_GETFD is 1 */
	"mov $292, %eax\n xor %edi, %edi\n xor %esi, %esi\n xor %edx, %edx\n syscall\n"
	KT_CHECK(19, -22)
	"mov $292, %eax\n xor %edi, %edi\n mov $5, %esi\n mov $02000000, %edx\n syscall\n"
	KT_CHECK(20, 5)
	"mov $72, %eax\n mov $5, %edi\n mov $1, %esi\n syscall\n" KT_CHECK(21, 1)
	/* 22: pread64 at -1 EINVAL; 23: lseek whence 7 EINVAL */
	"mov $17, %eax\n xor %edi, %edi\n lea 512(%rsp), %rsi\n mov $1, %edx\n mov $-1, %r10\n"
	"syscall\n" KT_CHECK(22, -22)
	"mov $8, %eax\n xor %edi, %edi\n xor %esi, %esi\n mov $7, %edx\n syscall\n"
	KT_CHECK(23, -22)
	/* 27: preadv(0, the same two buffers, 2, 11) reads 4; 28: at -1 EINVAL */
	"mov $295, %eax\n xor %edi, %edi\n mov %rsp, %rsi\n mov $2, %edx\n mov $11, %r10d\n"
	"xor %r8d, %r8d\n syscall\n" KT_CHECK(27, 4)
	"mov $295, %eax\n xor %edi, %edi\n mov %rsp, %rsi\n mov $2, %edx\n mov $-1, %r10\n"
	"xor %r8d, %r8d\n syscall\n" KT_CHECK(28, -22)
	/* 24-26: unlink a, c, l */
	"mov $87, %eax\n lea 90f(%rip), %rdi\n syscall\n" KT_CHECK(24, 0)
	"mov $87, %eax\n lea 92f(%rip), %rdi\n syscall\n" KT_CHECK(25, 0)
	"mov $87, %eax\n lea 94f(%rip), %rdi\n syscall\n" KT_CHECK(26, 0)
	"mov $231, %eax\n xor %edi, %edi\n syscall\n"
	"99: mov $231, %eax\n syscall\n"
	"90: .asciz \"/kt-s3a\"\n"
	"91: .asciz \"/kt-s3b\"\n"
	"92: .asciz \"/kt-s3c\"\n"
	"93: .ascii \"hello\"\n"
	"94: .asciz \"/kt-s3l\"\n"
	"95: .asciz \"kt-s3c\"\n"
	"kt_fs_prog3_end:\n"
	".popsection\n");

static int kt_fs_run(const char *start, const char *end)
{
	struct vm_space *vm = vm_create();
	struct process *p, *me = process_current();
	int status;

	if (!vm)
		return -1;
	if (vm_map_anon(vm, KT_CODE_VA, PAGE_SIZE, VM_PROT_EXEC) ||
	    vm_map_anon(vm, KT_STACK_TOP - KT_STACK_SIZE, KT_STACK_SIZE, VM_PROT_WRITE) ||
	    vm_write(vm, KT_CODE_VA, start, (size_t)(end - start))) {
		vm_destroy(vm);
		return -1;
	}
	p = process_create_kernel(vm, "kt-fs");
	if (!p) {
		vm_destroy(vm);
		return -1;
	}
	/* The program shares the test's table, cwd and credentials. */
	p->files = me->files;
	fd_table_get(p->files);
	p->fs = me->fs;
	fs_context_get(p->fs);
	p->cred = me->cred;
	status = user_run(p, KT_CODE_VA, KT_STACK_TOP, NULL);
	process_release(p);
	return status;
}

KTEST(sys_fs_from_ring3)
{
	struct kt_proc k;
	int status;

	KT_ASSERT(t, vfs_init() == 0);
	KT_ASSERT(t, kt_proc_enter(&k, 0, 0));
	status = kt_fs_run(kt_fs_prog_start, kt_fs_prog_end);
	kt_proc_leave(&k);
	/* The exit status is the first failed check's number. */
	KT_EXPECT_EQ(t, status, W_EXITCODE(0, 0));
}

KTEST(sys_fs_dirs_from_ring3)
{
	struct kt_proc k;
	int status;

	KT_ASSERT(t, vfs_init() == 0);
	KT_ASSERT(t, kt_proc_enter(&k, 0, 0));
	status = kt_fs_run(kt_fs_prog2_start, kt_fs_prog2_end);
	kt_proc_leave(&k);
	KT_EXPECT_EQ(t, status, W_EXITCODE(0, 0));
}

KTEST(sys_fs_io_from_ring3)
{
	struct kt_proc k;
	int status;

	KT_ASSERT(t, vfs_init() == 0);
	KT_ASSERT(t, kt_proc_enter(&k, 0, 0));
	status = kt_fs_run(kt_fs_prog3_start, kt_fs_prog3_end);
	kt_proc_leave(&k);
	KT_EXPECT_EQ(t, status, W_EXITCODE(0, 0));
}
