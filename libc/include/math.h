/*
 * math.h: newlib's, plus the declarations of functions its libm.a has but
 * its header leaves out: scalb(3) and scalbf (XSI, legacy in POSIX.1-2008,
 * glibc declares them with _DEFAULT_SOURCE or XSI) and significand(3),
 * significandf (glibc's, _DEFAULT_SOURCE). configure scripts find them by
 * linking (jq's AC_CHECK_MATH_FUNC), and a call without a prototype would
 * take the double result as an int. newlib's header also makes log2 and
 * log2f macros for log(x) / ln 2, which is inexact (log2 of 2^-51 was not
 * -51): they are undefined, so that calls reach libm's functions (accurate
 * with __OBSOLETE_MATH_DEFAULT 0, our machine/ieeefp.h), as with glibc.
 */
#ifndef BASALT_MATH_H
#define BASALT_MATH_H

#include_next <math.h>

#undef log2
#undef log2f

#if __MISC_VISIBLE || __XSI_VISIBLE
double scalb(double x, double exponent);
float scalbf(float x, float exponent);
#endif
#if __MISC_VISIBLE
double significand(double x);
float significandf(float x);
#endif

#endif /* BASALT_MATH_H */
