// A bit-field of a preserve_access_index record: byte_offset relocated to its storage unit (as clang-22:
// CO-RE <byte_off> struct g::r1 (0:5), then a u8 load/and/store), bits taken out with constant shifts.
struct g { unsigned short cls; unsigned char type; unsigned char length:5, r3:1, r2:1, r1:1; } __attribute__((preserve_access_index));
int w(struct g *p) { p->r1 = 0; return p->length; }
// CHECK-LABEL: define global i32 @w
// CHECK: %[[O:[0-9]+]] = core_field byte_offset i64 btf [[G:[0-9]+]] "0:5"
// CHECK-NEXT: %[[A:[0-9]+]] = ptradd {{%[0-9]+}}, %[[O]]
// CHECK-NEXT: load i8 %[[A]], align 1
// CHECK: and i32 {{%[0-9]+}}, -129
// CHECK: store i8 {{%[0-9]+}}, %[[A]], align 1
// CHECK: core_field byte_offset i64 btf [[G]] "0:2"
// CHECK: load i8
// CHECK: shl i32 {{%[0-9]+}}, 27
// CHECK-NEXT: lshr i32 {{%[0-9]+}}, 27
