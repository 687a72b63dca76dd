/* regex_test.c: <regex.h> on its own (first, before any other header, as
 * POSIX allows: it defines size_t and regoff_t), and regcomp/regexec with
 * the basic regular expressions and offsets GNU ed uses. */
#include <regex.h>

#include <stddef.h>

#include "tap.h"

/* The subexpressions the back-reference test reads: the whole match and
 * two groups. */
#define MATCH_COUNT 3

int main(void)
{
	regex_t re;
	regmatch_t m[MATCH_COUNT];
	size_t nsub;

	tap_plan(5);
	/* XBD <regex.h>: regoff_t is a signed integer type (glibc's is int,
	 * narrower than POSIX.1-2017 asks; newlib's is off_t). */
	tap_ok((regoff_t)-1 < 0, "regoff_t is signed");
	tap_ok(regcomp(&re, "\\(a*\\)b\\(c\\)", 0) == 0, "regcomp of a basic RE with groups");
	nsub = re.re_nsub;
	tap_ok(nsub == 2, "re_nsub counts the groups");
	tap_ok(regexec(&re, "xxaabcy", MATCH_COUNT, m, 0) == 0 && m[0].rm_so == 2 &&
	       m[0].rm_eo == 6 && m[1].rm_so == 2 && m[1].rm_eo == 4 && m[2].rm_so == 5,
	       "regexec: the match's and the groups' offsets");
	regfree(&re);
	tap_ok(regcomp(&re, "\\(o\\)\\1", REG_NOSUB) == 0 && regexec(&re, "foo", 0, NULL, 0) == 0 &&
	       regexec(&re, "fo", 0, NULL, 0) == REG_NOMATCH, "a back-reference, REG_NOMATCH");
	regfree(&re);
	return tap_done();
}
