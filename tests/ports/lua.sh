#!/bin/sh
# lua.sh: Lua 5.4 (ports/lua5.4) on the host (Debian's lua5.4 and luac5.4)
# and inside Basalt (ours): one Lua program whose output is checked line
# for line (number formatting and parsing through the C library's printf
# and strtod, string patterns, string.pack, utf8, tables and sorting,
# metatables, coroutines, errors, goto, files and seek, os.date in UTC,
# io.popen, os.execute, os.getenv, require and load), then luac: the
# stripped bytecode is the same bytes on both (same format), and lua runs it.
# ports-test: lua5.4
# ports-files: usr/bin/lua5.4 usr/bin/luac5.4
. "$(dirname "$0")/lib.sh"

cat > prog.lua <<'LUA'
-- Numbers and their formatting (the C library's printf and strtod)
print(1/3, 2^53, 10 // 3, 7 % -3, -7 // 2, 3 | 5, 1 << 62, math.maxinteger, math.mininteger)
print(1e100, -0.0, 1e-310, 123456789012, 0x7fffffffffffffff + 1 == math.mininteger)
print(string.format("%5.2f|%-8d|%x|%g|%e|%q|%a", math.pi, 42, 255, 1e20, 12345.678, "a\nb\0c", 1.0))
print(tonumber("0x1p4"), tonumber("  12  "), tonumber("1e1"), tonumber("z", 36), tonumber("10", 2), math.tointeger(3.0))
print(math.floor(-2.5), math.ceil(-2.5), math.abs(-3), math.max(3, 9, 1), math.fmod(7, 3), math.sqrt(2), math.huge, -math.huge)
print(string.format("%.17g", 0.1), 100000000000000, 2^63, math.ult(1, -1))
-- Strings and patterns
local s = "The quick brown fox jumps over the lazy dog"
print(s:upper(), #s, s:find("fox"), s:match("(%a+) dog"), select(2, s:gsub("o", "0")))
print(s:gsub("(%w+)", "<%1>", 3))
for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do io.write(k, v, ";") end print()
print(("x"):rep(5, "-"), s:sub(-3), s:byte(1, 3), string.char(72, 105), s:reverse():sub(1, 8))
print(string.pack("<i4", 100):byte(1, -1))
print(string.unpack("<i2 >i2 z", "\1\0\0\1hi\0"))
print(utf8.char(72, 228, 8364, 128512), utf8.len("häll€"), #utf8.char(128512))
-- Tables, sorting, closures, metatables
local t = {}
for i = 1, 20 do t[i] = (i * 7919) % 31 end
table.sort(t) print(table.concat(t, ","))
table.sort(t, function(a, b) return a > b end) print(t[1], t[20], #t, select("#", table.unpack(t)))
local function counter() local n = 0 return function() n = n + 1 return n end end
local c = counter() c() c() print(c())
local V = {} V.__index = V V.__add = function(a, b) return setmetatable({x = a.x + b.x}, V) end
V.__tostring = function(v) return "V(" .. v.x .. ")" end
print(tostring(setmetatable({x = 1}, V) + setmetatable({x = 2}, V)))
-- Coroutines, errors, goto
local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)
print(co(1), co(10))
print(pcall(error, {code = 7}), select(2, pcall(error, "msg", 0)))
print(select(2, pcall(function() local x = nil; return x.y end)))
print(select(2, xpcall(function() error("deep") end, function(m) return "handled: " .. m end)))
for i = 1, 3 do for j = 1, 3 do if j == 2 then goto next end io.write(i, j, " ") end ::next:: end print()
-- Files and the OS
local f = assert(io.open("data.txt", "w")) for i = 1, 100 do f:write(i, "\n") end f:close()
local sum, lines = 0, 0 for l in io.lines("data.txt") do sum = sum + tonumber(l) lines = lines + 1 end
print(sum, lines, io.open("data.txt"):seek("end"))
f = io.open("data.txt") f:seek("set", 10) print(f:read("n", "l", 2)) f:close()
print(io.open("/nonexistent/x"))
print(os.rename("data.txt", "moved.txt"), io.open("data.txt") == nil, os.remove("moved.txt"))
print(os.date("!%Y-%m-%d %H:%M:%S %j %A", 86400 * 366), os.time({year = 2000, month = 1, day = 1, hour = 12}) ~= nil)
local p = io.popen("echo from a pipe") print(p:read("a")) print(p:close())
print(os.getenv("PORTS_LUA_VAR"), os.getenv("NO_SUCH_VARIABLE_X"))
print(os.execute("exit 3"))
-- Modules and load
local m = assert(io.open("mymod.lua", "w")) m:write("return { twice = function(x) return 2 * x end }") m:close()
package.path = "./?.lua" print(require("mymod").twice(21))
print(load("return 6 * 7")(), load("syntax error here"))
print(string.format("%s", collectgarbage("count") > 0), #arg, arg[0] ~= nil)
LUA

cat > expected <<'OUT'
0.33333333333333	9.007199254741e+15	3	-2	-4	7	4611686018427387904	9223372036854775807	-9223372036854775808
1e+100	-0.0	1e-310	123456789012	true
 3.14|42      |ff|1e+20|1.234568e+04|"a\
b\0c"|0x1p+0
16.0	12	10.0	35	2	3
-3	-2	3	9	1	1.4142135623731	inf	-inf
0.10000000000000001	100000000000000	9.2233720368548e+18	true
THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG	43	17	lazy	4
<The> <quick> <brown> fox jumps over the lazy dog	3
a1;b2;c3;
x-x-x-x-x	dog	84	Hi	god yzal
100	0	0	0
1	1	hi	8
Hä€😀	5	4
1,2,4,5,7,8,10,11,13,14,16,18,19,21,22,24,25,27,28,30
30	1	20	20
3
V(3)
2	20
false	msg
prog.lua:31: attempt to index a nil value (local 'x')
handled: prog.lua:32: deep
11 21 31 
5050	100	292
6		7

nil	/nonexistent/x: No such file or directory	2
true	true	true
1971-01-02 00:00:00 002 Saturday	true
from a pipe

true	exit	0
set	nil
nil	exit	3
42
42	nil	[string "syntax error here"]:1: syntax error near 'error'
true	0	true
OUT

PORTS_LUA_VAR=set lua5.4 prog.lua > out 2>&1
ok "lua5.4 prog.lua prints what Debian's lua prints" diff expected out
ok "luac5.4 -s compiles it" luac5.4 -s -o prog.luac prog.lua
is "the bytecode is Debian's, byte for byte" f8ad256d0951a9ecf49e323aba684fef "$(ports_md5 prog.luac)"
PORTS_LUA_VAR=set lua5.4 prog.luac > outc 2>&1
is "lua5.4 runs the bytecode" "$(head -n 12 expected)" "$(head -n 12 outc)"
is "lua5.4 -e" "3.0	8" "$(lua5.4 -e 'print(9^0.5, 2 << 2)')"
printf 'print("stdin", ...)\n' > in.lua
is "lua5.4 - reads the program from stdin, with arguments" "stdin	a	b" "$(lua5.4 - a b < in.lua)"
fails "a syntax error exits non-zero" lua5.4 -e 'x ='
is "luac5.4 -p checks syntax only" "" "$(luac5.4 -p prog.lua 2>&1)"
tap_end
