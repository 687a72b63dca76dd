#!/bin/sh
# native-binutils.sh: inside Basalt (make toolchain-test), GNU Binutils as
# built by the cross toolchain to run on Basalt (build-toolchain.sh's
# native-binutils stage): assemble, link and run a program, and the other
# tools on it. ar is called by its path: BusyBox's sh prefers its own ar
# applet to one found in PATH. Prints TAP.
. "$(dirname "$0")/tap.sh"

# exit(42) through the Linux x86_64 system call ABI (exit is number 60).
printf '\t.globl _start\n_start:\n\tmov $60, %%eax\n\tmov $42, %%edi\n\tsyscall\n' > t.s
ok "as assembles" as t.s -o t.o
ok "ld links" ld t.o -o t
./t
is "the program runs (exit 42)" 42 "$?"
ok "nm lists _start" sh -c "nm t | grep -q ' T _start\$'"
ok "ar makes an archive" /usr/bin/ar rc libt.a t.o
ok "ar lists it" sh -c "/usr/bin/ar t libt.a | grep -qx t.o"
ok "objdump disassembles" sh -c "objdump -d t | grep -q syscall"
ok "strip strips" strip t
fails "no symbols are left" sh -c "nm t | grep -q _start"
./t
is "the stripped program runs" 42 "$?"
tap_end
