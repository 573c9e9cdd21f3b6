// The kernel selftests' asm forms (bpf_misc.h): named operands are numbered, a libbpf helper pointer in an "i"
// operand is its helper number, the address of a map is an "i" operand the backend writes as the symbol, and
// a naked function ends in unreachable (its assembly exits by itself).
static void *(*const bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;
struct { int type; } map_a __attribute__((section(".maps")));
__attribute__((naked)) void named(void) {
    asm volatile("r1 = %[map_a] ll; call %[bpf_map_lookup_elem]; r0 = %[k]; exit"
                 :
                 : [bpf_map_lookup_elem]"i"(bpf_map_lookup_elem), [map_a]"i"(&map_a), [k]"i"(3 * 4)
                 : "r0", "r1", "memory");
}
// CHECK-LABEL: define global void @named() section ".text" naked
// CHECK: inline_asm void "r1 = %1 ll; call %0; r0 = %2; exit", "i,i,i,~{r0},~{r1},~{memory}"(i64 1, ptr {{%[0-9]+}}, i32 12)
// CHECK-NEXT: unreachable

// __attribute__((used)) keeps a static function that only assembly text calls.
static __attribute__((naked, noinline, used)) void callee(void) { asm volatile("r0 = 0; exit"); }
// CHECK-LABEL: define static void @callee() section ".text" noinline naked used

// An output by name, an input by number; "+g" (the selftests' __sink) is an output tied to an input.
long mixed(long y) {
    long x;
    asm volatile("%[out] = %1 + 1" : [out]"=r"(x) : "r"(y));
    asm volatile("" : "+g"(x));
    return x;
}
// CHECK-LABEL: define global i64 @mixed
// CHECK: inline_asm i64 "%0 = %1 + 1", "=r,r"(i64
// CHECK: inline_asm i64 "", "=g,0"(i64

// asm goto: the instruction says which way the assembly left and a switch goes there; GNU local labels
// (__label__, once per macro expansion) stay apart.
#define can_loop ({ __label__ l_break, l_continue; int ret = 1; \
    asm volatile goto("may_goto %l[l_break]" :::: l_break); goto l_continue; l_break: ret = 0; l_continue:; ret; })
int loops(int n) {
    int s = 0;
    while (can_loop) s++;
    while (can_loop) s += 2;
    return s;
}
// CHECK-LABEL: define global i32 @loops
// CHECK: [[W:%[0-9]+]] = inline_asm i64 "may_goto %l0", "!i"()
// CHECK-NEXT: switch i64 [[W]], {{[a-z.0-9]+}} [1: label.l_break.1]
// CHECK: [[V:%[0-9]+]] = inline_asm i64 "may_goto %l0", "!i"()
// CHECK-NEXT: switch i64 [[V]], {{[a-z.0-9]+}} [1: label.l_break.3]

// A label operand by number counts after the outputs and inputs (GCC's numbering).
int numbered(int a) {
    asm goto("if %0 > 7 goto %l1" :: "r"(a) :: big);
    return 0;
big:
    return 1;
}
// CHECK-LABEL: define global i32 @numbered
// CHECK: inline_asm i64 "if %0 > 7 goto %l1", "r,!i"(i32
