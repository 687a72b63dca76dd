/* features.h: glibc's name for the header of feature-test macros; programs
 * written for Linux include it directly. newlib's is sys/features.h. */
#ifndef _FEATURES_H
#define _FEATURES_H

#include <sys/features.h>

#endif
