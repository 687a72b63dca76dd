/*
 * personality(2): the execution domain and its flags (Linux's
 * include/uapi/linux/personality.h). Basalt runs every program as
 * PER_LINUX; of the flags only ADDR_NO_RANDOMIZE changes anything.
 */
#ifndef UAPI_PERSONALITY_H
#define UAPI_PERSONALITY_H

#define PER_LINUX		0x0000
#define ADDR_NO_RANDOMIZE	0x0040000	/* exec lays the program out without ASLR */
/* personality(0xffffffff) only asks. */
#define PERSONALITY_QUERY	0xffffffffu

#endif /* UAPI_PERSONALITY_H */
