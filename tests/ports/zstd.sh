#!/bin/sh
# zstd.sh: Zstandard (ports/zstd) on the host (Debian's zstd 1.5.4) and
# inside Basalt (ours), the same checks: the compressed bytes at levels 1,
# 3 and 19, without a checksum and with two worker threads (-T2: the same
# frame as one thread, made by pthreads), a file compressed on the host
# (base64), zstd -l, in-place compression, unzstd, zstdcat, -t, and the
# errors on damaged input.
# ports-test: zstd
# ports-files: usr/bin/zstd usr/bin/unzstd usr/bin/zstdcat
. "$(dirname "$0")/lib.sh"

ports_text 5000 > text
ports_noise 20000 > noise
is "zstd -1 text" a41257ff0045dacf2135a4e43cd790c4 "$(zstd -q -1 -c text | md5sum | cut -d' ' -f1)"
is "zstd -3 text" 6c52cd2b51e0006b556eea0ffd4f4ea3 "$(zstd -q -3 -c text | md5sum | cut -d' ' -f1)"
is "zstd -19 text" 5281b98fb776e63c1459de2018796590 "$(zstd -q -19 -c text | md5sum | cut -d' ' -f1)"
is "zstd noise" e5925a1f51a2b183bd7ce56c93ee50c0 "$(zstd -q -c noise | md5sum | cut -d' ' -f1)"
is "zstd -T2 text (worker threads)" 6c52cd2b51e0006b556eea0ffd4f4ea3 "$(zstd -q -T2 -c text | md5sum | cut -d' ' -f1)"
is "zstd --no-check text" 7a259075672cf78193098feb23ab5d6d "$(zstd -q --no-check -c text | md5sum | cut -d' ' -f1)"

ports_unbase64 > note.zst <<'B64'
KLUv/SQgAQEAQmFzYWx0IHJlYWRzIHdoYXQgRGViaWFuIHdyb3RlLgpz+Q7F
B64
is "zstd -dc reads Debian's zstd" "Basalt reads what Debian wrote." "$(zstd -q -dc note.zst)"
is "zstd -l" "Frames  Skips  Compressed  Uncompressed  Ratio  Check  Filename
     1      0      45   B        32   B  0.711  XXH64  note.zst" "$(zstd -l note.zst)"
ok "zstd -t passes a good file" zstd -q -t note.zst

cp text f
ok "zstd --rm f replaces it with f.zst" sh -c 'zstd -q --rm f && [ -f f.zst ] && [ ! -e f ]'
ok "unzstd f.zst gives it back" sh -c 'unzstd -q f.zst && cmp f text'
is "zstdcat f.zst" 1a1e97a242b1df411781bdd93f835fa2 "$(zstdcat f.zst | md5sum | cut -d' ' -f1)"
cat note.zst note.zst > two.zst
is "two frames decompress as one stream" "Basalt reads what Debian wrote.
Basalt reads what Debian wrote." "$(zstd -q -dc two.zst)"
fails "zstd refuses to overwrite f.zst without -f" zstd -q f < /dev/null
head -c 100 f.zst > cut.zst
fails "zstd -t fails on a truncated file" zstd -q -t cut.zst
printf 'not zstd data\n' > bad.zst
fails "zstd -d fails on data that is not zstd" zstd -q -d bad.zst
tap_end
