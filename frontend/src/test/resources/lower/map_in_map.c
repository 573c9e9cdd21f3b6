// A prog array whose values[] are initialized: relocations to the programs at 8-byte slots after the map
// definition, which the flexible array extends (as clang-22 lays it out).
#define SEC(x) __attribute__((section(x), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __array(name, val) typeof(val) *name[]
SEC("tc") int tail0(void *ctx) { return 0; }
SEC("tc") int tail1(void *ctx) { return 1; }
struct {
    __uint(type, 3);
    __uint(max_entries, 2);
    __type(key, unsigned int);
    __array(values, int (void *));
} jmp SEC(".maps") = { .values = { [0] = (void *)&tail0, [1] = (void *)&tail1 } };
// CHECK: global global @jmp size 40 align 8 section ".maps" btf {{[0-9]+}} reloc 24 @tail0 reloc 32 @tail1
