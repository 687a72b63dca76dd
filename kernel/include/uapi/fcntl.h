/*
 * uapi/fcntl.h: open(2) flags of the Linux x86_64 ABI (octal, as in
 * include/uapi/asm-generic/fcntl.h). Only the flags the TTY, pipe and
 * poll code need; the VFS carries the full set.
 */
#ifndef UAPI_FCNTL_H
#define UAPI_FCNTL_H

#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_NOCTTY	00000400
#define O_NONBLOCK	00004000
#define O_CLOEXEC	02000000

#endif /* UAPI_FCNTL_H */
