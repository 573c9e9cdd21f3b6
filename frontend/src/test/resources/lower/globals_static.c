// Globals: sections by clang's rules, static locals named function.variable, unused statics dropped,
// pointers to globals and strings as relocations, global access via addr.
#define SEC(x) __attribute__((section(x), used))
int counter;
int limit = 10;
const volatile int cfg = 3;
static int unused_static = 5;
static int used_static = 6;
const char *msg = "hi";
int *pcounter = &counter;
int tagged SEC(".data.custom") = 1;
int bump(void) {
    static int calls = 1;
    calls++;
    counter += used_static;
    return calls + limit + cfg;
}
// Order as clang-22 lays the sections out: initialized globals at their definition, others at first reference
// (counter through pcounter's initializer, the statics from bump's body).
// CHECK: global global @limit size 4 align 4 section ".data" btf {{[0-9]+}} data "\0A"
// CHECK-NEXT: global global @cfg size 4 align 4 section ".rodata" btf {{[0-9]+}} data "\03"
// CHECK-NEXT: global global @msg size 8 align 8 section ".data" btf {{[0-9]+}} reloc 0 @.str
// CHECK-NEXT: global global @counter size 4 align 4 section ".bss" btf
// CHECK-NEXT: global global @pcounter size 8 align 8 section ".data" btf {{[0-9]+}} reloc 0 @counter
// CHECK-NEXT: global global @tagged size 4 align 4 section ".data.custom"
// CHECK-NEXT: global static @bump.calls size 4 align 4 section ".data"
// CHECK-NEXT: global static @used_static size 4 align 4 section ".data"
// CHECK-NEXT: global static @.str size 3 align 1 section ".rodata.str1.1" data "hi\00"
// CHECK-NOT: @unused_static
// CHECK-LABEL: define global i32 @bump
// CHECK: addr @bump.calls
// CHECK: addr @counter
// CHECK: addr @used_static
// CHECK: load volatile i32
