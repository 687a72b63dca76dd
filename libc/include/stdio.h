/* stdio.h: newlib's, plus the POSIX getline and getdelim, which newlib names __getline and __getdelim. */
#ifndef BASALT_STDIO_H
#define BASALT_STDIO_H

#include_next <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if __POSIX_VISIBLE >= 200809
ssize_t getdelim(char **__restrict, size_t *__restrict, int, FILE *__restrict);
ssize_t getline(char **__restrict, size_t *__restrict, FILE *__restrict);
#endif

#ifdef __cplusplus
}
#endif

#endif /* BASALT_STDIO_H */
