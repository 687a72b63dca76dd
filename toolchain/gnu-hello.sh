#!/bin/sh
# gnu-hello.sh: inside Basalt (make toolchain-test), GNU Hello as built by
# the real x86_64-basalt GCC (ports/hello's recipe, configure and gnulib
# with toolchain/cross): the same checks as tests/ports/hello.sh makes of
# the wrapper's build on the host. Prints TAP.
. "$(dirname "$0")/tap.sh"

is "hello prints the greeting" "Hello, world!" "$(hello)"
is "hello -g takes another one" "Hi, Basalt" "$(hello -g 'Hi, Basalt')"
is "hello --version" "hello (GNU Hello) 2.10" "$(hello --version | head -n 1)"
is "hello -t is the traditional one" "hello, world" "$(hello -t)"
tap_end
