// Unions share offset 0; enum constants are integers; 64-bit enums use i64.
union u { int i; char c[4]; long l; };
enum small { S_A = 3 };
enum big { B_X = 0x100000000 };
long un(union u *p, enum big e) {
    p->c[1] = S_A;
    return p->i + p->l + e + B_X;
}
// CHECK-LABEL: define global i64 @un(ptr %p, i64 %e)
// CHECK: ptradd {{%[0-9]+}}, 1
// CHECK: store i8 3
// CHECK: load i32
// CHECK: load i64
// CHECK: add i64 {{%[0-9]+}}, 4294967296
