#!/bin/sh
# bzip2.sh: bzip2 (ports/bzip2) on the host (Debian's bzip2 1.0.8) and
# inside Basalt (ours), the same checks: the compressed bytes at -1 and -9
# (the same stream both ways), a file compressed on the host (base64),
# in-place compression, bunzip2, bzcat, -t, -k, concatenated streams, and
# the errors on a damaged file.
# ports-test: bzip2
# ports-files: usr/bin/bzip2 usr/bin/bunzip2 usr/bin/bzcat
. "$(dirname "$0")/lib.sh"
# Ours, not our BusyBox shell's applets of the same names (lib.sh).
ports_use bzip2 bunzip2 bzcat

ports_text 5000 > text
ports_noise 20000 > noise
is "bzip2 -9 text" c16c643fecab9802b43fb1b17cfc7055 "$(bzip2 -9 -c text | md5sum | cut -d' ' -f1)"
is "bzip2 -9 noise" c28bd353376148f4185a78d5a2587d94 "$(bzip2 -9 -c noise | md5sum | cut -d' ' -f1)"
is "bzip2 -1 text" cf9aca93d7e000b4c258e01d1a24aaf4 "$(bzip2 -1 -c text | md5sum | cut -d' ' -f1)"
is "bzip2 -1 noise" aed3c47c1287a0a94d67d3e8380a08ed "$(bzip2 -1 -c noise | md5sum | cut -d' ' -f1)"

ports_unbase64 > note.bz2 <<'B64'
QlpoOTFBWSZTWQAeWSkAAANVgAAQQAEUADZlnIAgACGo09IGmjIU0yMTExEgR1luhfLltRyeqCx8
REqPi7kinChIAA8slIA=
B64
is "bzip2 -dc reads Debian's bzip2 -9" "Basalt reads what Debian wrote." "$(bzip2 -dc note.bz2)"
ok "bzip2 -t passes a good file" bzip2 -t note.bz2
cat note.bz2 note.bz2 > two.bz2
is "two streams decompress as one" "Basalt reads what Debian wrote.
Basalt reads what Debian wrote." "$(bzcat two.bz2)"

cp text f
ok "bzip2 f replaces it with f.bz2" sh -c 'bzip2 f && [ -f f.bz2 ] && [ ! -e f ]'
ok "bunzip2 f.bz2 gives it back" sh -c 'bunzip2 f.bz2 && cmp f text && [ ! -e f.bz2 ]'
ok "bzip2 -k keeps the input" sh -c 'bzip2 -k f && [ -f f ] && [ -f f.bz2 ]'
is "bzcat f.bz2" 1a1e97a242b1df411781bdd93f835fa2 "$(bzcat f.bz2 | md5sum | cut -d' ' -f1)"
fails "bzip2 refuses to overwrite f.bz2 without -f" bzip2 f

head -c 200 f.bz2 > cut.bz2
fails "bzip2 -t fails on a truncated file" bzip2 -t cut.bz2
printf 'not bzip2 data\n' > bad.bz2
fails "bzip2 -d fails on data that is not bzip2" bzip2 -d bad.bz2
tap_end
