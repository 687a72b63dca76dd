/* socket.c: the socket calls, straight to the kernel (our <sys/socket.h> has Linux's values and structures). */
#include <sys/socket.h>
#include <time.h>

#include "linux_syscall.h"

int socket(int domain, int type, int protocol)
{
	return linux_syscall_result(linux_syscall3(SYS_socket, domain, type, protocol));
}

int socketpair(int domain, int type, int protocol, int fds[2])
{
	return linux_syscall_result(linux_syscall4(SYS_socketpair, domain, type, protocol,
						   (long)fds));
}

int bind(int fd, const struct sockaddr *addr, socklen_t length)
{
	return linux_syscall_result(linux_syscall3(SYS_bind, fd, (long)addr, length));
}

int connect(int fd, const struct sockaddr *addr, socklen_t length)
{
	return linux_syscall_result(linux_syscall3(SYS_connect, fd, (long)addr, length));
}

int listen(int fd, int backlog)
{
	return linux_syscall_result(linux_syscall2(SYS_listen, fd, backlog));
}

int accept4(int fd, struct sockaddr *__restrict addr, socklen_t *__restrict length, int flags)
{
	return linux_syscall_result(linux_syscall4(SYS_accept4, fd, (long)addr, (long)length,
						   flags));
}

int accept(int fd, struct sockaddr *__restrict addr, socklen_t *__restrict length)
{
	return linux_syscall_result(linux_syscall3(SYS_accept, fd, (long)addr, (long)length));
}

int getsockname(int fd, struct sockaddr *__restrict addr, socklen_t *__restrict length)
{
	return linux_syscall_result(linux_syscall3(SYS_getsockname, fd, (long)addr,
						   (long)length));
}

int getpeername(int fd, struct sockaddr *__restrict addr, socklen_t *__restrict length)
{
	return linux_syscall_result(linux_syscall3(SYS_getpeername, fd, (long)addr,
						   (long)length));
}

ssize_t sendto(int fd, const void *buf, size_t length, int flags,
	       const struct sockaddr *addr, socklen_t addr_length)
{
	return linux_syscall_result(linux_syscall6(SYS_sendto, fd, (long)buf, length, flags,
						   (long)addr, addr_length));
}

ssize_t recvfrom(int fd, void *__restrict buf, size_t length, int flags,
		 struct sockaddr *__restrict addr, socklen_t *__restrict addr_length)
{
	return linux_syscall_result(linux_syscall6(SYS_recvfrom, fd, (long)buf, length, flags,
						   (long)addr, (long)addr_length));
}

ssize_t send(int fd, const void *buf, size_t length, int flags)
{
	return sendto(fd, buf, length, flags, 0, 0);
}

ssize_t recv(int fd, void *buf, size_t length, int flags)
{
	return recvfrom(fd, buf, length, flags, 0, 0);
}

ssize_t sendmsg(int fd, const struct msghdr *message, int flags)
{
	return linux_syscall_result(linux_syscall3(SYS_sendmsg, fd, (long)message, flags));
}

ssize_t recvmsg(int fd, struct msghdr *message, int flags)
{
	return linux_syscall_result(linux_syscall3(SYS_recvmsg, fd, (long)message, flags));
}

int getsockopt(int fd, int level, int name, void *__restrict value,
	       socklen_t *__restrict length)
{
	return linux_syscall_result(linux_syscall5(SYS_getsockopt, fd, level, name,
						   (long)value, (long)length));
}

int setsockopt(int fd, int level, int name, const void *value, socklen_t length)
{
	return linux_syscall_result(linux_syscall5(SYS_setsockopt, fd, level, name,
						   (long)value, length));
}

int shutdown(int fd, int how)
{
	return linux_syscall_result(linux_syscall2(SYS_shutdown, fd, how));
}

int sendmmsg(int fd, struct mmsghdr *vec, unsigned int count, int flags)
{
	return linux_syscall_result(linux_syscall4(SYS_sendmmsg, fd, (long)vec, count, flags));
}

int recvmmsg(int fd, struct mmsghdr *vec, unsigned int count, int flags,
	     struct timespec *timeout)
{
	return linux_syscall_result(linux_syscall5(SYS_recvmmsg, fd, (long)vec, count, flags,
						   (long)timeout));
}
