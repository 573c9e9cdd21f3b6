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
// Larger structs go as a pointer to the caller's copy.
struct big { long v[5]; };
static long first(struct big b) { return b.v[0]; }
long pass_big(struct big *p) { return first(*p); }
// CHECK-LABEL: define static i64 @first(ptr %b)
// CHECK: load i64 %b, align 8
// CHECK-LABEL: define global i64 @pass_big
// CHECK: %[[T:[0-9]+]] = alloca 40, align 8
// CHECK: memcpy %[[T]], {{%[0-9]+}}, 40, align 8
// CHECK: call i64 @first(ptr %[[T]])
