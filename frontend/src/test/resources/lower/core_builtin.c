// __builtin_preserve_access_index makes accesses to a plain struct relocatable (bpf_core_read's pattern).
struct s { int a; struct { int b; int c; } n; };
int g(struct s *p) {
    return __builtin_preserve_access_index(p->n.c);
}
int plain(struct s *p) { return p->n.c; }
// CHECK-LABEL: define global i32 @g
// CHECK: core_field byte_offset i64 btf {{[0-9]+}} "0:1:1"
// CHECK-LABEL: define global i32 @plain
// CHECK-NOT: core_field
// CHECK: ptradd {{%[0-9]+}}, 4
// CHECK-NEXT: ptradd {{%[0-9]+}}, 4
