#!/bin/sh
# zlib.sh: zlib (ports/zlib) through its own test programs, example
# (zlib's self-test of deflate, inflate, gz* files, dictionaries, sync)
# and minigzip (gzip's format through gzopen/gzwrite). Its expected
# streams are what Debian's zlib 1.2.13 writes: the MD5s below were
# computed with Python's zlib module on the host (Debian's libz), and they
# equal Debian's gzip -9n output, so both directions are checked: ours
# read by gzip, gzip's (and a file made on the host, carried in base64)
# read by ours. On the host our minigzip (static) runs against Debian's
# gzip; inside Basalt against our gzip port or BusyBox's.
# ports-test: zlib
# ports-files: usr/bin/minigzip usr/bin/zlib-example
. "$(dirname "$0")/lib.sh"

bin=$ports_lib_dir/../../sysroot/usr/bin
minigzip=$(command -v minigzip || echo "$bin/minigzip")
example=$(command -v zlib-example || echo "$bin/zlib-example")

out=$("$example" 2>&1)
is "example: zlib's self-test" "zlib version 1.2.13 = 0x12d0, compile flags = 0xa9
uncompress(): hello, hello!
gzread(): hello, hello!
gzgets() after gzseek:  hello!
inflate(): hello, hello!
large_inflate(): OK
after inflateSync(): hello, hello!
inflate with dictionary: hello, hello!" "$out"

ports_text 5000 > text
ports_noise 20000 > noise
is "test data: text" 1a1e97a242b1df411781bdd93f835fa2 "$(ports_md5 text)"
is "test data: noise" b994910474fbb399e26ee8fd50ba8b98 "$(ports_md5 noise)"

"$minigzip" -9 < text > text.gz
"$minigzip" -9 < noise > noise.gz
is "minigzip -9 text: Debian zlib's stream" 61ee3a792615cfd7c93c7d81334a2286 "$(ports_md5 text.gz)"
is "minigzip -9 noise: Debian zlib's stream" 5040a640015e29a0260a68cef5ebdd0f "$(ports_md5 noise.gz)"
"$minigzip" -1 < text > text1.gz
is "minigzip -1 output read by gzip" 1a1e97a242b1df411781bdd93f835fa2 "$(gzip -dc text1.gz | md5sum | cut -d' ' -f1)"
gzip -6 -n -c noise > noise6.gz
is "gzip -6 output read by minigzip -d" b994910474fbb399e26ee8fd50ba8b98 \
	"$("$minigzip" -d < noise6.gz | md5sum | cut -d' ' -f1)"

# gzip -9 of a file on the host: a header with a name and a time.
ports_unbase64 > note.gz <<'B64'
H4sICKVdDV4CA25vdGUudHh0AHNKLE7MKVEoSk1MKVYoz0gsUXBJTcpMzFMoL8ovSdXjAgAZGTXt
IAAAAA==
B64
is "minigzip -d reads Debian's gzip -9 with a name" "Basalt reads what Debian wrote." \
	"$("$minigzip" -d < note.gz)"
head -c 40 text.gz > cut.gz
fails "minigzip -d fails on a truncated stream" "$minigzip" -d < cut.gz
tap_end
