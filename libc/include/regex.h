/* regex.h: newlib's regcomp(3)/regexec(3) header, made self-contained. */
/*
 * POSIX.1-2017 XBD <regex.h> says the header defines size_t and a signed
 * regoff_t; newlib's BSD header uses size_t and off_t (its regoff_t)
 * without including what defines them, so a file that includes <regex.h>
 * before any other header (GNU ed's regex.c) does not compile.
 * <sys/types.h> defines both.
 */
#ifndef BASALT_REGEX_H
#define BASALT_REGEX_H

#include <sys/types.h>
#include_next <regex.h>

#endif /* BASALT_REGEX_H */
