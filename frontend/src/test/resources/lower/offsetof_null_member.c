// offsetof written without __builtin_offsetof in lowered code and static data: globals get the offset as their
// bytes, array sizes and case labels are folded; in code the address from null becomes the offset itself after
// constfold (a CO-RE record's offset stays a relocation, with the constant rest added once).
struct inner { int x; int arr[4]; };
struct s { long head; struct inner in; char c; };
struct __attribute__((preserve_access_index)) r { long head; struct inner in; char c; };
#define OFFSET_CAST(T, m) ((unsigned long)&((T *)0)->m)
#define OFFSET_DIFF(T, m) ((char *)&((T *)0)->m - (char *)0)
unsigned long g_cast = OFFSET_CAST(struct s, in.arr[3]);
long g_diff = OFFSET_DIFF(struct s, c);
int g_sized[OFFSET_CAST(struct s, in.arr[1])];
unsigned long cast(void) { return OFFSET_CAST(struct s, in.arr[2]); }
unsigned long relocated(void) { return OFFSET_CAST(struct r, in.arr[2]); }
int label(int x) { switch (x) { case OFFSET_DIFF(struct s, c): return 1; } return (int)sizeof(g_sized); }
// CHECK: global global @g_cast size 8 align 8 section ".data" btf {{[0-9]+}} data "\18"
// CHECK: global global @g_diff size 8 align 8 section ".data" btf {{[0-9]+}} data "\1C"
// CHECK: global global @g_sized size 64 align 4 section ".bss"
// CHECK-LABEL: define global i32 @label
// CHECK: switch i32 %{{[0-9]+}}, sw.end [28: sw.case]
// CHECK: ret i32 64
// PASSES: constfold,dce
// OPT-LABEL: define global i64 @cast
// OPT-NEXT: entry:
// OPT-NEXT: ret i64 20
// OPT-LABEL: define global i64 @relocated
// OPT-NEXT: entry:
// OPT-NEXT: %0 = core_field byte_offset i64 btf {{[0-9]+}} "0:1"
// OPT-NEXT: %[[S:[0-9a-z.]+]] = add i64 %0, 12
// OPT-NEXT: ret i64 %[[S]]
