#!/bin/sh
# bc.sh: GNU bc and dc (ports/bc) against Debian's bc 1.07.1 and dc:
# bc scripts with scale, the math library (-l: s c a l e j), ibase and
# obase, functions with recursion and auto variables, arrays, control
# flow, comparisons, sqrt, length and scale, big numbers (2^512, 100!),
# errors; dc with its stack, registers, macros and radix; and pi to 300
# digits as the workload. On the host they are Debian's, inside Basalt
# the port's in /usr/bin. Prints TAP.
# ports-test: bc
# ports-files: usr/bin/bc usr/bin/dc
set -u
. "$(dirname "$0")/lib.sh"
ports_use bc dc

is "--version names bc 1.07.1" "bc 1.07.1" "$(bc --version | head -n 1)"
is "integer arithmetic" "42 3 1 -7" "$(echo '6*7; 10/3; 10%3; 3-10' | bc | tr '\n' ' ' | sed 's/ $//')"
is "scale" "3.3333333333" "$(echo 'scale=10; 10/3' | bc)"
is "2^512" "13407807929942597099574024998205846127479365820592393377723561443721764030073546976801874298166903427690031858186486050853753882811946569946433649006084096" \
	"$(echo '2^512' | BC_LINE_LENGTH=0 bc)"
is "-l: s(1) c(1) a(1) l(2) e(1)" ".84147098480789650665 .54030230586813971740 .78539816339744830961 .69314718055994530941 2.71828182845904523536" \
	"$(echo 's(1); c(1); a(1); l(2); e(1)' | bc -l | tr '\n' ' ' | sed 's/ $//')"
is "-l: the Bessel function j(0,1)" ".76519768655796655144" "$(echo 'j(0,1)' | bc -l)"
is "sqrt with scale 30" "1.414213562373095048801688724209" "$(echo 'scale=30; sqrt(2)' | bc)"
is "obase 16 and 2" "FF 11111111" "$(echo 'obase=16; 255; obase=2; 255' | bc | tr '\n' ' ' | sed 's/ $//')"
is "ibase 16" "255" "$(echo 'ibase=16; FF' | bc)"
cat > fact.bc <<'BC'
define f(n) {
	auto r
	if (n <= 1) return (1)
	r = n * f(n - 1)
	return (r)
}
f(100)
BC
is "100! by a recursive function" "93326215443944152681699238856266700490715968264381621468592963895217599993229915608941463976156518286253697920827223758251185210916864000000000000000000000000" \
	"$(BC_LINE_LENGTH=0 bc fact.bc < /dev/null)"
cat > loop.bc <<'BC'
for (i = 0; i < 10; i++) a[i] = i * i
s = 0
i = 0
while (1) { s = s + a[i]; i = i + 1; if (i == 10) break }
s
length(12345.678); scale(12345.678)
if (3 > 2 && !(1 == 2)) print "logic ok\n"
x = 5; x += 3; x *= 2; x
x++; ++x; x
BC
is "arrays, loops, length, scale, logic, assignments" "285 8 3 logic ok 16 16 18 18" "$(bc loop.bc < /dev/null | tr '\n' ' ' | sed 's/ $//')"
is "lines are split at 70 columns by default" "3" "$(echo '2^512' | bc | wc -l | tr -d ' ')"
is "a division by zero" "Runtime error (func=(main), adr=3): Divide by zero" "$(echo '1/0' | bc 2>&1)"
is "a parse error" "(standard_in) 1: syntax error" "$(echo '1 +* 2' | bc 2>&1)"
is "dc: stack arithmetic" "42" "$(echo '6 7 * p' | dc)"
is "dc: precision" "1.4142135623" "$(echo '10 k 2 v p' | dc)"
is "dc: registers and a macro loop" "1 2 3 4 5" "$(echo '1 si [li p li 1 + d si 5 !<x] sx lx x' | dc | tr '\n' ' ' | sed 's/ $//')"
is "dc: output radix" "FF" "$(echo '16 o 255 p' | dc)"
is "dc: the whole stack" "3 2 1" "$(echo '1 2 3 f' | dc | tr '\n' ' ' | sed 's/ $//')"
# The workload: pi to 300 digits with the math library (arctangent).
is "pi to 300 digits, by MD5" "72ac41b291761481a87f49a1211eac79" "$(echo 'scale=300; 4*a(1)' | BC_LINE_LENGTH=0 bc -l | md5sum | cut -d' ' -f1)"
is "pi starts right" "3.14159265358979323846" "$(echo 'scale=300; 4*a(1)' | BC_LINE_LENGTH=0 bc -l | cut -c1-22)"
tap_end
