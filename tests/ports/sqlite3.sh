#!/bin/sh
# sqlite3.sh: SQLite (ports/sqlite3) on the host (Debian's sqlite3 3.40.1)
# and inside Basalt (ours): one SQL script whose output is checked line
# for line (a recursive CTE, aggregates and floats, window functions,
# upsert, a trigger and a rolled-back transaction, JSON, dates, strings,
# math, FTS4 and R*Tree, a query plan, integrity_check, an error), the
# database file it leaves (the same bytes as Debian's sqlite3 writes, so
# either reads the other's), the shell's CSV import and output modes and
# .dump, and reading the database back in a second process.
# ports-test: sqlite3
# ports-files: usr/bin/sqlite3
. "$(dirname "$0")/lib.sh"

cat > t.sql <<'SQL'
CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT NOT NULL, grp INTEGER, val REAL);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO t(name, grp, val) SELECT printf('item-%04d', i), i % 7, i * 1.5 FROM n;
CREATE INDEX t_grp ON t(grp);
SELECT count(*), sum(val), avg(val), min(name), max(name), total(grp) FROM t;
SELECT grp, count(*), round(avg(val), 3) FROM t GROUP BY grp ORDER BY grp;
SELECT name, val, rank() OVER (PARTITION BY grp ORDER BY val DESC) AS r FROM t WHERE id <= 14 ORDER BY grp, r;
SELECT group_concat(id, ',') FROM (SELECT id FROM t WHERE name LIKE 'item-00_5' ORDER BY id);
UPDATE t SET val = val * 2 WHERE grp = 3;
DELETE FROM t WHERE id > 990;
SELECT changes(), total_changes(), (SELECT count(*) FROM t);
CREATE TABLE kv(k TEXT PRIMARY KEY, v INTEGER);
INSERT INTO kv VALUES ('a', 1), ('b', 2) ON CONFLICT(k) DO UPDATE SET v = v + 1;
INSERT INTO kv VALUES ('a', 10) ON CONFLICT(k) DO UPDATE SET v = v + excluded.v;
SELECT * FROM kv ORDER BY k;
CREATE TABLE log(msg TEXT);
CREATE TRIGGER kv_log AFTER UPDATE ON kv BEGIN INSERT INTO log VALUES (old.k || ':' || old.v || '->' || new.v); END;
BEGIN; UPDATE kv SET v = 100 WHERE k = 'b'; ROLLBACK;
UPDATE kv SET v = v * 3;
SELECT * FROM log ORDER BY rowid;
SELECT json_extract('{"a":[1,2,{"b":"x"}]}', '$.a[2].b'), json_array(1, 'two', 3.5, NULL), json_object('k', 42);
SELECT key, value FROM json_each('[10,20,30]');
SELECT date('2020-01-31', '+1 month'), datetime(0, 'unixepoch'), strftime('%Y-%j %H:%M', '2020-12-31 23:59:59'), julianday('2000-01-01');
SELECT upper('abc'), substr('Basalt', 2, 3), instr('hello', 'l'), replace('a-b-c', '-', '+'), length('héllo'), hex('AZ'), quote('it''s'), typeof(1.0), typeof(x'00');
SELECT 1e308 * 10, -1e308 * 10, 0.1 + 0.2, 9223372036854775807, 1 / 3, 1.0 / 3, 7 % 3, round(2.5), round(-2.5), abs(-9), CAST('12abc' AS INTEGER);
SELECT sqrt(2), pi(), pow(2, 10), ln(1), floor(-1.5), ceil(1.2);
CREATE VIRTUAL TABLE docs USING fts4(body);
INSERT INTO docs VALUES ('the quick brown fox'), ('lazy dogs sleep'), ('a quick test');
SELECT rowid, body FROM docs WHERE docs MATCH 'quick' ORDER BY rowid;
CREATE VIRTUAL TABLE box USING rtree(id, x0, x1, y0, y1);
INSERT INTO box VALUES (1, 0, 10, 0, 10), (2, 5, 15, 5, 15), (3, 20, 30, 20, 30);
SELECT id FROM box WHERE x1 >= 8 AND x0 <= 12 AND y1 >= 8 AND y0 <= 12 ORDER BY id;
EXPLAIN QUERY PLAN SELECT * FROM t WHERE grp = 2;
PRAGMA integrity_check;
SELECT * FROM nosuchtable;
SQL

cat > expected <<'OUT'
1000|750750.0|750.75|item-0001|item-1000|3003.0
0|142|750.75
1|143|747.0
2|143|748.5
3|143|750.0
4|143|751.5
5|143|753.0
6|143|754.5
item-0014|21.0|1
item-0007|10.5|2
item-0008|12.0|1
item-0001|1.5|2
item-0009|13.5|1
item-0002|3.0|2
item-0010|15.0|1
item-0003|4.5|2
item-0011|16.5|1
item-0004|6.0|2
item-0012|18.0|1
item-0005|7.5|2
item-0013|19.5|1
item-0006|9.0|2
5,15,25,35,45,55,65,75,85,95
10|1153|990
a|11
b|2
a:11->33
b:2->6
x|[1,"two",3.5,null]|{"k":42}
0|10
1|20
2|30
2020-03-02|1970-01-01 00:00:00|2020-366 23:59|2451544.5
ABC|asa|3|a+b+c|5|415A|'it''s'|real|blob
Inf|-Inf|0.3|9223372036854775807|0|0.333333333333333|1|3.0|-3.0|9|12
1.4142135623731|3.14159265358979|1024.0|0.0|-2.0|2.0
1|the quick brown fox
3|a quick test
1
2
QUERY PLAN
`--SEARCH t USING INDEX t_grp (grp=?)
ok
Parse error near line 35: no such table: nosuchtable
OUT

fails "the script's last statement fails (no such table)" sh -c 'sqlite3 test.db < t.sql > out 2>&1'
ok "sqlite3 prints what Debian's sqlite3 prints" diff expected out
is "the database file is Debian's, byte for byte" b1e0305714eca60fee286538352daa5d "$(ports_md5 test.db)"
is "a second process reads it back" "4096|24|0|990|ok" \
	"$(sqlite3 test.db 'SELECT (SELECT page_size FROM pragma_page_size), (SELECT page_count FROM pragma_page_count), (SELECT freelist_count FROM pragma_freelist_count), (SELECT count(*) FROM t), (SELECT * FROM pragma_quick_check);')"

printf 'a,b\n1,"x,y"\n2,z\n' > in.csv
is "CSV import, line, csv and json modes, .dump (carriage returns dropped)" "    a = 1
    b = x,y

    a = 2
    b = z
a,b
1,\"x,y\"
2,z
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE IF NOT EXISTS \"c\"(
\"a\" TEXT, \"b\" TEXT);
INSERT INTO c VALUES('1','x,y');
INSERT INTO c VALUES('2','z');
COMMIT;
[{\"a\":\"1\",\"b\":\"x,y\"},
{\"a\":\"2\",\"b\":\"z\"}]" "$(sqlite3 c.db -cmd '.mode csv' '.import in.csv c' '.mode line' 'SELECT * FROM c;' \
	'.mode csv' '.headers on' 'SELECT * FROM c;' '.dump c' '.mode json' 'SELECT * FROM c;' | tr -d '\r')"
is ".mode csv ends its rows with CRLF (RFC 4180)" 3 \
	"$(sqlite3 -cmd '.mode csv' -cmd '.headers on' c.db 'SELECT * FROM c;' | od -An -c | grep -o '\\r  *\\n' | wc -l | tr -d ' ')"
is "sqlite3 -version" "3.40.1" "$(sqlite3 -version | cut -c1-6)"
tap_end
