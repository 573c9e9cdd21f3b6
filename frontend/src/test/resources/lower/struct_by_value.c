// Structs of up to 16 bytes pass by value in one or two 64-bit registers (the btf__core_reloc_* corpus files
// declare such functions only for their BTF).
struct pair { int a; long b; };
struct small { char c; };
static long take(struct pair p, struct small s) { return p.a + p.b + s.c; }
long give(struct pair *pp) { struct small s = { 3 }; return take(*pp, s); }
// CHECK-LABEL: define static i64 @take(i64 %p.0, i64 %p.1, i64 %s)
// CHECK: %p.addr = alloca 16, align 8
// CHECK: store i64 %p.0, %p.addr, align 8
// CHECK: store i64 %p.1, {{%[0-9]+}}, align 8
// CHECK-LABEL: define global i64 @give
// CHECK: memcpy {{%[0-9]+}}, {{%[0-9]+}}, 16, align 8
// CHECK: memcpy {{%[0-9]+}}, %s, 1, align 1
// CHECK: call i64 @take(i64 {{%[0-9]+}}, i64 {{%[0-9]+}}, i64 {{%[0-9]+}})
