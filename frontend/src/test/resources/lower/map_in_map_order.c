// A global an initializer points at comes before the global being defined, as in clang-22's module (it creates
// inner while evaluating outer's initializer): .maps then holds inner first, and libbpf has created the inner map
// by the time it fills the outer map's slot (the other order failed with "failed to initialize slot [0]").
#define SEC(x) __attribute__((section(x), used))
struct inner_type { int (*type)[2]; int (*max_entries)[1]; } inner SEC(".maps");
struct { int (*type)[12]; int (*max_entries)[1]; struct inner_type *values[]; } outer SEC(".maps") = {
    .values = { [0] = &inner },
};
int use(void) { return outer.values[0] != 0; }
// CHECK: global global @inner size 16 align 8 section ".maps"
// CHECK-NEXT: global global @outer size 24 align 8 section ".maps" btf {{[0-9]+}} reloc 16 @inner
