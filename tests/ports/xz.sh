#!/bin/sh
# xz.sh: XZ Utils (ports/xz-utils) on the host (Debian's xz 5.4.1) and
# inside Basalt (ours), the same checks: the .xz bytes at -0 and -6 (-9 asks for 674 MiB), with
# SHA-256 checks, in .lzma format and with two threads (-T2 -1, which writes
# a multi-threaded encoder's block headers: pthreads), a file compressed
# on the host (base64), xz -l in its robot format, in-place compression,
# unxz, xzcat, -t and the errors on damaged input.
# ports-test: xz-utils
# ports-files: usr/bin/xz usr/bin/unxz usr/bin/xzcat
. "$(dirname "$0")/lib.sh"
# Ours, not our BusyBox shell's applets of the same names (lib.sh).
ports_use xz unxz xzcat

ports_text 5000 > text
ports_noise 20000 > noise
is "xz -0 text" c68f9b9c258dd6afa7282f462c2c9b38 "$(xz -0 -c text | md5sum | cut -d' ' -f1)"
is "xz -6 text" d40e2541bbc3a0781fad64c6dce89dfb "$(xz -6 -c text | md5sum | cut -d' ' -f1)"
is "xz --check=sha256 noise" 4456890d3663233f0ba50de3e6f90b97 \
	"$(xz --check=sha256 -c noise | md5sum | cut -d' ' -f1)"
is "xz --format=lzma text" 258e98d54a398b0c5c243d361d77028d \
	"$(xz --format=lzma -c text | md5sum | cut -d' ' -f1)"
is "xz -T2 -1 text (threaded encoder)" de2467594b474d89ca663dfda7ff8569 "$(xz -T2 -1 -c text | md5sum | cut -d' ' -f1)"

ports_unbase64 > note.xz <<'B64'
/Td6WFoAAATm1rRGAgAhARYAAAB0L+WjAQAfQmFzYWx0IHJlYWRzIHdoYXQgRGViaWFuIHdyb3Rl
LgoAjt9RJp5fBVIAATggGCl3DB+2830BAAAAAARZWg==
B64
is "xz -dc reads Debian's xz" "Basalt reads what Debian wrote." "$(xz -dc note.xz)"
is "xz --robot -l" "name	note.xz
file	1	1	88	32	2.750	CRC64	0
totals	1	1	88	32	2.750	CRC64	0	1" "$(xz --robot -l note.xz)"
ok "xz -t passes a good file" xz -t note.xz

cp text f
ok "xz f replaces it with f.xz" sh -c 'xz f && [ -f f.xz ] && [ ! -e f ]'
ok "unxz f.xz gives it back" sh -c 'unxz f.xz && cmp f text && [ ! -e f.xz ]'
ok "xz -k keeps the input" sh -c 'xz -k f && [ -f f ] && [ -f f.xz ]'
is "xzcat f.xz" 1a1e97a242b1df411781bdd93f835fa2 "$(xzcat f.xz | md5sum | cut -d' ' -f1)"
is "xz -dc of .lzma" 1a1e97a242b1df411781bdd93f835fa2 \
	"$(xz --format=lzma -c text | xz -dc | md5sum | cut -d' ' -f1)"
fails "xz refuses to overwrite f.xz without -f" xz f

head -c 200 f.xz > cut.xz
fails "xz -t fails on a truncated file" xz -t cut.xz
printf 'not xz data\n' > bad.xz
fails "xz -d fails on data that is not xz" xz -d bad.xz
tap_end
