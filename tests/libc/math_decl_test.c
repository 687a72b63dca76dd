/*
 * math_decl_test.c: <math.h> declares scalb, scalbf (XSI) and significand,
 * significandf (glibc's), which newlib's libm.a has: built with -Werror, a
 * missing prototype fails the build, and an implicit one would read the
 * double result as an int.
 */
#define _GNU_SOURCE
#include <math.h>

#include "tap.h"

int main(void)
{
	/* volatile: the calls happen at run time, not folded by the compiler. */
	volatile double three = 3.0, two = 2.0, twelve = 12.0;
	volatile float threef = 3.0f, twof = 2.0f, twelvef = 12.0f;

	tap_plan(5);
	tap_ok(scalb(three, two) == 12.0, "scalb(3, 2) is 12");
	tap_ok(scalbf(threef, twof) == 12.0f, "scalbf(3, 2) is 12");
	tap_ok(significand(twelve) == 1.5, "significand(12) is 1.5");
	tap_ok(significandf(twelvef) == 1.5f, "significandf(12) is 1.5");
	tap_ok(significand(-0.375) == -1.5, "significand(-0.375) is -1.5");
	return tap_done();
}
