/*
 * machine/ieeefp.h: newlib's, with __OBSOLETE_MATH_DEFAULT 0 as newlib
 * sets it for AArch64, Arm and Cygwin: libm's exp, exp2, log, log2, pow
 * and the float sinf, cosf... are then newlib's newer implementations
 * (libm/common/log2.c...), accurate to within an ulp like glibc's, not
 * the old ones that compute log2(x) as log(x) / ln 2 (log2(0x1p-51) was
 * -51.000000000000007; jq's own tests check log2(pow(2; n)) == n).
 * newlib's libm is compiled with our headers first, so this selects the
 * code it builds.
 */
#ifndef __OBSOLETE_MATH_DEFAULT
#define __OBSOLETE_MATH_DEFAULT 0
#endif
#include_next <machine/ieeefp.h>
