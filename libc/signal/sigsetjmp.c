/* sigsetjmp.c: the mask-saving half of sigsetjmp(3) (a macro in <setjmp.h>) and siglongjmp. */
#include <setjmp.h>
#include <signal.h>

int __sigsetjmp_prepare(sigjmp_buf env, int savemask)
{
	env->__mask_saved = savemask != 0 &&
			    sigprocmask(SIG_BLOCK, NULL, &env->__mask) == 0;
	return 0;
}

void siglongjmp(sigjmp_buf env, int value)
{
	if (env->__mask_saved)
		sigprocmask(SIG_SETMASK, &env->__mask, NULL);
	longjmp(env->__jmp, value);
}
