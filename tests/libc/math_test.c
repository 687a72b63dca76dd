/*
 * math_test.c: <math.h> declares scalb, scalbf (XSI) and significand,
 * significandf (glibc's), which newlib's libm.a has (built with -Werror, a
 * missing prototype fails the build, and an implicit one would read the
 * double result as an int); and log2, exp2 and pow are exact where the
 * result is representable, as glibc's are (jq's tests/jq.test checks
 * log2(pow(2; n)) == n for n in -52..51).
 */
#define _GNU_SOURCE
#include <math.h>

#include "tap.h"

int main(void)
{
	/* volatile: the calls happen at run time, not folded by the compiler. */
	volatile double three = 3.0, two = 2.0, twelve = 12.0;
	volatile float threef = 3.0f, twof = 2.0f, twelvef = 12.0f;

	int k, log2_wrong = 0, log2f_wrong = 0, exp2_wrong = 0, pow_wrong = 0;

	tap_plan(9);
	tap_ok(scalb(three, two) == 12.0, "scalb(3, 2) is 12");
	tap_ok(scalbf(threef, twof) == 12.0f, "scalbf(3, 2) is 12");
	tap_ok(significand(twelve) == 1.5, "significand(12) is 1.5");
	tap_ok(significandf(twelvef) == 1.5f, "significandf(12) is 1.5");
	tap_ok(significand(-0.375) == -1.5, "significand(-0.375) is -1.5");
	for (k = -52; k < 52; k++) {
		volatile double exponent = k;
		double power = ldexp(1.0, k);

		if (log2(power) != k)
			log2_wrong++;
		if (k > -30 && k < 30 && log2f((float)power) != (float)k)
			log2f_wrong++;
		if (exp2(exponent) != power)
			exp2_wrong++;
		if (pow(2.0, exponent) != power)
			pow_wrong++;
	}
	tap_ok(log2_wrong == 0, "log2(2^k) == k for k in -52..51 (%d wrong)", log2_wrong);
	tap_ok(log2f_wrong == 0, "log2f(2^k) == k for k in -29..29 (%d wrong)", log2f_wrong);
	tap_ok(exp2_wrong == 0, "exp2(k) == 2^k (%d wrong)", exp2_wrong);
	tap_ok(pow_wrong == 0, "pow(2, k) == 2^k (%d wrong)", pow_wrong);
	return tap_done();
}
