/* setjmp.h: newlib's setjmp/longjmp, plus sigsetjmp/siglongjmp, which save and restore the signal mask. */
#ifndef BASALT_SETJMP_H
#define BASALT_SETJMP_H

#include_next <setjmp.h>
#include <signal.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * sigsetjmp(3): newlib's jmp_buf, whether the mask was saved, and the mask.
 * sigsetjmp must be a macro calling setjmp in the caller's own frame (a
 * function returning would invalidate the saved stack); __sigsetjmp_prepare
 * records the mask (or that there is none to restore) first.
 */
typedef struct {
	jmp_buf __jmp;
	int __mask_saved;
	sigset_t __mask;
} sigjmp_buf[1];

int __sigsetjmp_prepare(sigjmp_buf, int);
void siglongjmp(sigjmp_buf, int) __attribute__((__noreturn__));

#define sigsetjmp(env, savemask) \
	(__sigsetjmp_prepare((env), (savemask)), setjmp((env)->__jmp))

#ifdef __cplusplus
}
#endif

#endif /* BASALT_SETJMP_H */
