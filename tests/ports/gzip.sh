#!/bin/sh
# gzip.sh: GNU gzip (ports/gzip) on the host (Debian's gzip 1.12) and
# inside Basalt (ours), the same checks: the compressed bytes at -1 and -9
# (so what one writes the other reads: the same stream), a file made on
# the host with a name and a time in its header (carried in base64),
# in-place compression and its suffix, -k, -l, -t, multi-member input,
# zcat and gunzip, and the errors on a damaged file.
# ports-test: gzip
# ports-files: usr/bin/gzip usr/bin/gunzip usr/bin/zcat
. "$(dirname "$0")/lib.sh"
# Ours, not our BusyBox shell's applets of the same names (lib.sh).
ports_use gzip gunzip zcat

ports_text 5000 > text
ports_noise 20000 > noise
is "gzip -9n text" 61ee3a792615cfd7c93c7d81334a2286 "$(gzip -9 -n -c text | md5sum | cut -d' ' -f1)"
is "gzip -9n noise" 5040a640015e29a0260a68cef5ebdd0f "$(gzip -9 -n -c noise | md5sum | cut -d' ' -f1)"
is "gzip -1n text" fe29d6751193f7c1925559c5565e626c "$(gzip -1 -n -c text | md5sum | cut -d' ' -f1)"
is "gzip -1n noise" 0ee81b17c6dc9b9e6137cccda566bb9f "$(gzip -1 -n -c noise | md5sum | cut -d' ' -f1)"

ports_unbase64 > note.gz <<'B64'
H4sICKVdDV4CA25vdGUudHh0AHNKLE7MKVEoSk1MKVYoz0gsUXBJTcpMzFMoL8ovSdXjAgAZGTXt
IAAAAA==
B64
is "gzip -dc reads Debian's gzip -9 of a named file" "Basalt reads what Debian wrote." "$(gzip -dc note.gz)"
is "gzip -l" "         compressed        uncompressed  ratio uncompressed_name
                 61                  32  -6.2% note" "$(gzip -l note.gz)"
ok "gzip -t passes a good file" gzip -t note.gz
cat note.gz note.gz > two.gz
is "two members decompress as one stream" 7984c498d462711093b3ca4d06407e02 "$(gzip -dc two.gz | md5sum | cut -d' ' -f1)"

cp text f
ok "gzip -9 f replaces it with f.gz" sh -c 'gzip -9 f && [ -f f.gz ] && [ ! -e f ]'
ok "gunzip f.gz gives it back" sh -c 'gunzip f.gz && cmp f text && [ ! -e f.gz ]'
ok "gzip -k keeps the input" sh -c 'gzip -k f && [ -f f ] && [ -f f.gz ]'
is "zcat f.gz" 1a1e97a242b1df411781bdd93f835fa2 "$(zcat f.gz | md5sum | cut -d' ' -f1)"
is "gzip -S .z names the output" "f.z" "$(gzip -S .z -c f > /dev/null; gzip -S .z f; ls f.z)"
fails "gzip refuses to overwrite f.gz without -f" sh -c 'touch f && gzip f < /dev/null'

head -c 60 f.gz > cut.gz
fails "gzip -t fails on a truncated file" gzip -t cut.gz
printf 'not gzip data\n' > bad.gz
fails "gzip -d fails on data that is not gzip" gzip -d bad.gz
tap_end
