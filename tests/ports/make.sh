#!/bin/sh
# make.sh: GNU make (ports/make) against Debian's make 4.3: rules and
# timestamps, pattern, static pattern and double-colon rules, automatic
# variables, the flavours of variables and where they come from, text
# functions, $(shell), $(eval), $(file), conditionals, remade includes,
# vpath, order-only and intermediate files, -n -s -k -i -q -t -e -C -f,
# error reports and exit statuses, parallel jobs (-j) through the
# jobserver with a recursive make, and a 300-target workload checked by
# its MD5. On the host make is Debian's, inside Basalt /usr/bin/make is
# the port. Prints TAP.
# ports-test: make
# ports-files: usr/bin/make
set -u
. "$(dirname "$0")/lib.sh"
ports_use make
# The recipes' and make's own messages must not depend on the caller.
unset MAKEFLAGS MAKELEVEL MFLAGS
tab=$(printf '\t')
# mk FILE: writes standard input to FILE with each leading ">" made a tab.
mk() {
	sed "s/^>/$tab/" > "$1"
}
oneline() {
	tr '\n' ' ' | sed 's/ $//'
}

is "--version names GNU Make 4.3" "GNU Make 4.3" "$(make --version | head -n 1)"

mkdir basic && cd basic
mk Makefile <<'MK'
out: in
>@cat in > out
>@echo built out
MK
echo one > in
is "a rule builds its target" "built out" "$(make)"
is "the recipe ran" "one" "$(cat out)"
is "an up-to-date target" "make: 'out' is up to date." "$(make)"
touch -d '2000-01-01' out
is "an older target is rebuilt" "built out" "$(make)"
make -q > /dev/null 2>&1
is "-q: up to date, status 0" "0" "$?"
touch -d '2000-01-01' out
make -q > /dev/null 2>&1
is "-q: out of date, status 1" "1" "$?"
is "-n prints without running" "cat in > out
echo built out" "$(make -n)"
is "-t touches" "touch out" "$(make -t)"
is "-t left the old contents" "one" "$(cat out)"
cd ..

mkdir pat && cd pat
mk Makefile <<'MK'
SRCS := a.c b.c sub/c.c
OBJS := $(SRCS:.c=.o)
all: $(OBJS)
>@echo "all: $^"
%.o: %.c
>@echo "$@ from $< stem $* dir $(@D) file $(@F)"; cp $< $@
MK
mkdir sub && touch a.c b.c sub/c.c
is "a pattern rule and automatic variables" "a.o from a.c stem a dir . file a.o
b.o from b.c stem b dir . file b.o
sub/c.o from sub/c.c stem sub/c dir sub file c.o
all: a.o b.o sub/c.o" "$(make)"
mk static.mk <<'MK'
X := x1.out x2.out
all: $(X)
$(X): %.out: %.in
>@echo "static $@ < $<"
x1.in x2.in:
>@touch $@
d::
>@echo first
d::
>@echo second
MK
is "static pattern rules" "static x1.out < x1.in
static x2.out < x2.in" "$(make -s -f static.mk)"
is "double-colon rules run each recipe" "first second" "$(make -s -f static.mk d | oneline)"
cd ..

mkdir vars && cd vars
mk Makefile <<'MK'
A = $(B)
B = late
C := $(B)-now
B = later
D ?= default
D ?= ignored
E = e1
E += e2
F := $(shell echo from shell)
G != echo bang
override H = overridden
T = global
t1: T = target
%.p: P = pattern
define TWO
line one
line two
endef
show:
>@echo "A=$(A) C=$(C) D=$(D) E=$(E) F=$(F) G=$(G) H=$(H)"
>@echo "origins $(origin A) $(origin PATH) $(origin H) $(origin CC) $(origin NOPE) $(flavor A) $(flavor C)"
t1:
>@echo "$@ $(T)"
x.p:
>@echo "$@ $(P) $(T)"
two:
>@echo $(words $(TWO)) words$(info $(TWO))
env:
>@echo "E=$(E) ENVV=$(ENVV)"
MK
out=$(make show)
is "=, :=, ?=, +=, \$(shell), != and override" "A=later C=late-now D=default E=e1 e2 F=from shell G=bang H=overridden" "${out%%
*}"
is "origin and flavor" "origins file environment override default undefined recursive simple" "${out#*
}"
is "target- and pattern-specific values" "t1 target|x.p pattern global" "$(make -s t1 x.p | tr '\n' '|' | sed 's/|$//')"
is "define with two lines" "line one|line two|4 words" "$(make -s two | tr '\n' '|' | sed 's/|$//')"
out=$(make show A=cli)
is "the command line wins over the file" "A=cli C=late-now D=default E=e1 e2 F=from shell G=bang H=overridden" "${out%%
*}"
is "the file wins over the environment" "E=e1 e2 ENVV=fromenv" "$(E=env ENVV=fromenv make -s env)"
is "-e: the environment wins" "E=env ENVV=fromenv" "$(E=env ENVV=fromenv make -s -e env)"
cd ..

mkdir fn && cd fn
mk Makefile <<'MK'
L := c.x a.y b.x d/e.x
rev = $(2) $(1)
all:
>@echo "$(patsubst %.x,%.o,$(L))"
>@echo "$(filter %.x,$(L)) | $(filter-out %.x,$(L))"
>@echo "$(sort $(L) a.y) | $(words $(L)) | $(word 2,$(L)) | $(firstword $(L)) $(lastword $(L))"
>@echo "$(dir $(L)) | $(notdir $(L)) | $(basename $(L)) | $(suffix $(L))"
>@echo "$(addprefix p/,a b) $(addsuffix .s,a b) $(join a b,1 2) [$(strip  a   b  )] $(subst a,A,banana)"
>@echo "$(findstring an,banana)|$(findstring x,banana)|$(if $(L),yes,no)|$(if ,yes,no)|$(or ,b)|$(and a,b)"
>@echo "$(call rev,one,two) $(foreach v,1 2 3,<$(v)>)" '$(value rev)'
>@echo "$(wordlist 2,3,$(L)) $(sort $(wildcard *.w))"
>@$(file >out.txt,first) $(file >>out.txt,second) cat out.txt
>@echo $(info to stdout) $(warning to stderr) done
$(foreach n,1 2,$(eval gen$(n): ; @echo generated $(n)))
MK
touch b.w a.w c.w
is "text functions (\$(info) when the recipe is expanded)" "to stdout
c.o a.y b.o d/e.o
c.x b.x d/e.x | a.y
a.y b.x c.x d/e.x | 4 | a.y | c.x d/e.x
./ ./ ./ d/ | c.x a.y b.x e.x | c a b d/e | .x .y .x .x
p/a p/b a.s b.s a1 b2 [a b] bAnAnA
an||yes|no|b|b
two one <1> <2> <3> \$(2) \$(1)
a.y b.x a.w b.w c.w
first
second
done" "$(make -s 2> /dev/null)"
is "\$(warning) names the makefile and line" "Makefile:13: to stderr" "$(make -s 2>&1 > /dev/null)"
is "\$(eval) made rules" "generated 1 generated 2" "$(make -s gen1 gen2 | oneline)"
cd ..

mkdir cond && cd cond
mk Makefile <<'MK'
MODE ?= debug
ifeq ($(MODE),debug)
FLAGS = -g
else ifeq ($(MODE),fast)
FLAGS = -O2
else
FLAGS = none
endif
ifdef EXTRA
FLAGS += $(EXTRA)
endif
ifneq ($(strip $(FLAGS)),)
all: ; @echo $(FLAGS)
endif
MK
is "ifeq / else ifeq / ifdef" "-g|-O2 -x|none" \
	"$(make -s)|$(make -s MODE=fast EXTRA=-x)|$(make -s MODE=other)"
cd ..

mkdir inc && cd inc
mk Makefile <<'MK'
include gen.mk
all: ; @echo "VALUE=$(VALUE)"
gen.mk: seed
>@echo "remaking gen.mk"; echo "VALUE = $$(cat seed)" > $@
MK
echo 42 > seed
is "a missing include is made, then make restarts" "remaking gen.mk
VALUE=42" "$(make -s)"
cd ..

mkdir misc && cd misc
mkdir src
echo v > src/v.in
mk Makefile <<'MK'
vpath %.in src
.PHONY: all clean
.INTERMEDIATE: mid.tmp
all: v.out final | outdir
>@echo "all done"
v.out: v.in
>@echo "vpath found $<"
outdir:
>@echo "order-only outdir"
final: mid.tmp
>@echo "final from $<"
mid.tmp:
>@echo "making $@"; touch $@
clean:
>@echo cleaning
MK
touch clean
is "vpath, prerequisites in order, then order-only ones" "vpath found src/v.in
making mid.tmp
final from mid.tmp
order-only outdir
all done" "$(make -s all 2>&1)"
fails "the intermediate file was removed" test -e mid.tmp
is ".PHONY runs despite a file of the name" "cleaning" "$(make -s clean)"
cd ..

mkdir err && cd err
mk Makefile <<'MK'
all: bad good
bad:
>@echo bad runs; exit 3
good:
>@echo good runs
>-@false
>@echo after ignored
MK
out=$(make 2>&1)
is "a failing recipe: status 2" "2" "$?"
is "its report" "bad runs
make: *** [Makefile:3: bad] Error 3" "$out"
is "-k keeps going, - ignores an error" "bad runs
make: *** [Makefile:3: bad] Error 3
good runs
make: [Makefile:6: good] Error 1 (ignored)
after ignored
make: Target 'all' not remade because of errors." "$(make -k 2>&1)"
is "-i ignores every error" "bad runs
make: [Makefile:3: bad] Error 3 (ignored)
good runs
make: [Makefile:6: good] Error 1 (ignored)
after ignored" "$(make -i 2>&1)"
out=$(make nope 2>&1)
is "no rule: status 2" "2" "$?"
is "no rule: the message" "make: *** No rule to make target 'nope'.  Stop." "$out"
is "a missing makefile" "make: none.mk: No such file or directory
make: *** No rule to make target 'none.mk'.  Stop." "$(make -f none.mk 2>&1)"
mk syntax.mk <<'MK'
ifeq (a,a)
x = 1
MK
is "a missing endif" "syntax.mk:3: *** missing 'endif'.  Stop." "$(make -f syntax.mk 2>&1)"
cd ..

mkdir par && cd par
mkdir sub
mk Makefile <<'MK'
all: a b sub
a:
>@i=0; while [ ! -f b.started ] && [ $$i -lt 100 ]; do sleep 0.1; i=$$((i+1)); done; \
>  if [ -f b.started ]; then echo "a saw b"; else echo "a ran alone"; fi
b:
>@touch b.started
sub:
>@$(MAKE) -s -C sub MAKELEVEL_SEEN=$(MAKELEVEL)
.PHONY: all a b sub
MK
mk sub/Makefile <<'MK'
all: x y
>@echo "sub level $(MAKELEVEL) from $(MAKELEVEL_SEEN) flags $(findstring s,$(firstword $(MAKEFLAGS)))"
x y:
>@echo $@ > $@
MK
is "-j2 runs two recipes at once; a sub-make" "a saw b|sub level 1 from 0 flags s" \
	"$(make -s -j2 --no-print-directory | sort | tr '\n' '|' | sed 's/|$//')"
rm -f b.started
is "without -j they run one by one" "a ran alone" "$(make -s a b)"
cd ..

mkdir work && cd work
awk 'BEGIN { for (i = 1; i <= 300; i++) printf "%d\n", i * 7 % 1000 > ("n" i ".in") }'
mk Makefile <<'MK'
INS := $(sort $(wildcard n*.in))
OUTS := $(INS:.in=.sq)
total: $(OUTS)
>@cat $(OUTS) | awk '{ s += $$1 } END { print s }' > $@
%.sq: %.in
>@awk '{ print $$1 * $$1 }' $< > $@
MK
ok "300 targets with -j4" make -s -j4
is "their total" "94719450" "$(cat total)"
is "the outputs' MD5" "$(cat n*.sq | sort -n | md5sum | cut -d' ' -f1)" "$(for i in $(seq 1 300); do echo $((i * 7 % 1000 * (i * 7 % 1000))); done | sort -n | md5sum | cut -d' ' -f1)"
is "nothing left to do" "make: 'total' is up to date." "$(make -j4)"
touch n150.in
is "one changed input remakes two files" "awk '{ print \$1 * \$1 }' n150.in > n150.sq" "$(make -n | head -n 1)"
cd ..

tap_end
