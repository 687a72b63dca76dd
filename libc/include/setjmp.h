/* setjmp.h: newlib's setjmp/longjmp, plus sigsetjmp/siglongjmp, which save and restore the signal mask, and _setjmp/_longjmp. */
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

#if __XSI_VISIBLE || __BSD_VISIBLE
/*
 * _setjmp(3)/_longjmp(3): setjmp/longjmp that leave the signal mask alone,
 * which newlib's always do. A macro, as sigsetjmp, so that setjmp runs in
 * the caller's frame; _longjmp is signal/_longjmp.c.
 */
#define _setjmp(env) setjmp(env)
void _longjmp(jmp_buf, int) __attribute__((__noreturn__));
#endif

#ifdef __cplusplus
}
#endif

#endif /* BASALT_SETJMP_H */
