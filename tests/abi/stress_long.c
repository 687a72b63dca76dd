/*
 * stress_long.c: tests/abi/stress.c with a million random calls, for
 * make stress (not part of make test).
 */
#define STRESS_LONG
#include "stress.c"
