/* sys/un.h: struct sockaddr_un for AF_UNIX sockets (unix(7)). */
#ifndef _SYS_UN_H
#define _SYS_UN_H

#include <sys/socket.h>

struct sockaddr_un {
	sa_family_t sun_family;
	char sun_path[108];
};

#endif /* _SYS_UN_H */
