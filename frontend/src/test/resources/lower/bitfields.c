// Bit-field reads (shift/mask, sign extension) and writes (read-modify-write of the storage unit).
struct bf { unsigned a:3; int b:5; unsigned long long c:40; };
int rd(struct bf *p) { return p->b; }
unsigned long long rdc(struct bf *p) { return p->c; }
void wr(struct bf *p, unsigned v) { p->a = v; }
// CHECK-LABEL: define global i32 @rd
// CHECK: load i32 {{%[0-9]+}}, align 4
// CHECK-NEXT: shl i32 {{%[0-9]+}}, 24
// CHECK-NEXT: ashr i32 {{%[0-9]+}}, 27
// CHECK-LABEL: define global i64 @rdc
// c shares the 8-byte unit at offset 0 (bits 8..47)
// CHECK: load i64 {{%[0-9]+}}, align 8
// CHECK-NEXT: shl i64 {{%[0-9]+}}, 16
// CHECK-NEXT: lshr i64 {{%[0-9]+}}, 24
// CHECK-LABEL: define global void @wr
// CHECK: load i32
// CHECK: and i32 {{%[0-9]+}}, -8
// CHECK: and i32 {{%[0-9]+}}, 7
// CHECK: or i32
// CHECK: store i32
