#!/bin/sh
# file.sh: file and libmagic (ports/file) on the host (Debian's file 5.44
# and its magic database) and inside Basalt (ours, with the magic.mgc
# built from the same sources): the description and the MIME type of a
# set of small files made here (texts in ASCII, UTF-8 and with CRLF, a
# script, C, XML, HTML, PNG, GIF, PDF and ELF headers, an empty file), of
# a directory and a symbolic link, -L, -z (into gzip data through zlib),
# and the column alignment of several names.
# ports-test: file
# ports-files: usr/bin/file usr/share/misc/magic.mgc
. "$(dirname "$0")/lib.sh"

printf 'plain ASCII text\nline two\n' > text.txt
printf '#!/bin/sh\necho hi\n' > script.sh
printf 'h\303\244llo w\303\266rld\n' > utf8.txt
printf '<?xml version="1.0"?>\n<a/>\n' > doc.xml
printf '<!DOCTYPE html>\n<html><body>x</body></html>\n' > page.html
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\000\020\000\000\000\010\010\006\000\000\000' > img.png
printf 'GIF89a\020\000\010\000\200\000\000' > img.gif
printf '%%PDF-1.4\n%%\342\343\317\323\n' > doc.pdf
printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000\002\000\076\000\001\000\000\000' > elf.bin
: > empty
printf 'crlf line\r\nanother\r\n' > dos.txt
printf 'int main(void)\n{\n\treturn 0;\n}\n' > prog.c
gzip -9 -n -c text.txt > text.gz
mkdir d
ln -s text.txt link

out=$(for f in dos.txt doc.pdf doc.xml elf.bin empty img.gif img.png page.html prog.c script.sh text.gz text.txt utf8.txt d link; do
	printf '%s: %s | %s\n' "$f" "$(file -b "$f")" "$(file -b --mime "$f")"
done)
is "file -b and file -b --mime of each" "dos.txt: ASCII text, with CRLF line terminators | text/plain; charset=us-ascii
doc.pdf: PDF document, version 1.4 | application/pdf; charset=iso-8859-1
doc.xml: XML 1.0 document, ASCII text | text/xml; charset=us-ascii
elf.bin: ELF 64-bit LSB executable, x86-64, version 1 (SYSV) | application/x-executable; charset=binary
empty: empty | inode/x-empty; charset=binary
img.gif: GIF image data, version 89a, 16 x 8 | image/gif; charset=binary
img.png: PNG image data, 16 x 8, 8-bit/color RGBA, non-interlaced | image/png; charset=binary
page.html: HTML document, ASCII text | text/html; charset=us-ascii
prog.c: C source, ASCII text | text/x-c; charset=us-ascii
script.sh: POSIX shell script, ASCII text executable | text/x-shellscript; charset=us-ascii
text.gz: gzip compressed data, max compression, from Unix, original size modulo 2^32 26 | application/gzip; charset=binary
text.txt: ASCII text | text/plain; charset=us-ascii
utf8.txt: Unicode text, UTF-8 text | text/plain; charset=utf-8
d: directory | inode/directory; charset=binary
link: symbolic link to text.txt | inode/symlink; charset=binary" "$out"
is "file -L follows the link" "ASCII text" "$(file -b -L link)"
is "file -z looks into gzip data" "ASCII text (gzip compressed data, max compression, from Unix)" "$(file -b -z text.gz)"
is "file NAMES aligns the descriptions" "text.txt: ASCII text
empty:    empty" "$(file text.txt empty)"
is "file -i" "text.txt: text/plain; charset=us-ascii" "$(file -i text.txt)"
is "file --version" "file-5.44" "$(file --version | head -n 1)"
is "file of a missing name" "nothere: cannot open \`nothere' (No such file or directory)" "$(file nothere)"
tap_end
