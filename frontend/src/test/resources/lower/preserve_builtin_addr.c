// &p->a.b inside __builtin_preserve_access_index is a relocated address (bpf_core_read's src argument).
struct s { int a; struct { int x; int y; } b; };
static long (*bpf_probe_read_kernel)(void *dst, unsigned int size, const void *src) = (void *) 113;
int rd(struct s *p) {
    int v;
    bpf_probe_read_kernel(&v, sizeof(v), __builtin_preserve_access_index(&p->b.y));
    return v;
}
// CHECK-LABEL: define global i32 @rd
// CHECK: %[[O:[0-9]+]] = core_field byte_offset i64 btf {{[0-9]+}} "0:1:1"
// CHECK-NEXT: ptradd {{%[0-9]+}}, %[[O]]
// CHECK: callhelper i64 113(ptr %v, i32 4, ptr
