/* uapi/un.h: AF_UNIX addresses (unix(7); Linux's include/uapi/linux/un.h). */
#ifndef UAPI_UN_H
#define UAPI_UN_H

#include <uapi/socket.h>

/* unix(7): sun_path is 108 bytes; a path name need not end in a NUL. */
#define UNIX_PATH_MAX	108

struct sockaddr_un {
	sa_family_t sun_family;		/* AF_UNIX */
	char sun_path[UNIX_PATH_MAX];
};

#endif /* UAPI_UN_H */
