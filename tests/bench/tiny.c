/*
 * tiny.c: the small program of the exec benchmarks: no C library, one
 * exit_group(0) system call (Linux x86_64 number 231), a few hundred
 * bytes of ELF. Built with -nostdlib -static.
 */
#define BENCH_SYS_EXIT_GROUP	231

void _start(void)
{
	__asm__ volatile("syscall" : : "a"(BENCH_SYS_EXIT_GROUP), "D"(0) : "rcx", "r11", "memory");
	__builtin_unreachable();
}
