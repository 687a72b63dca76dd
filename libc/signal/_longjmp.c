/*
 * _longjmp.c: _longjmp(3) (POSIX.1-2001 XSI): longjmp without restoring
 * the signal mask. newlib's x86_64 setjmp/longjmp never save or restore
 * the mask, so it is longjmp itself; its pair _setjmp is a macro in
 * <setjmp.h> (it must run setjmp in the caller's frame). Lua's
 * LUA_USE_POSIX build raises its errors with them.
 */
#include <setjmp.h>

/*
 * newlib's x86_64 longjmp hands val back as it is, so a val of 0 would
 * make setjmp return 0 again; POSIX (and C11 7.13.2.1) say it returns 1
 * then: the 0 is replaced here.
 */
void _longjmp(jmp_buf env, int val)
{
	longjmp(env, val ? val : 1);
}
