/* sys/poll.h: the same as <poll.h>, as on Linux. */
#include <poll.h>
