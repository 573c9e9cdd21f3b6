// Integer promotions, usual arithmetic conversions, signed/unsigned division and shifts.
int f(int a, unsigned b, char c, long d) {
    unsigned q = b / 3;
    int s = a >> 2;
    unsigned u = b >> 2;
    long w = d + c;
    return a % 7 + q + s + u + w;
}
// CHECK-LABEL: define global i32 @f(i32 %a, i32 %b, i32 %c, i64 %d) section ".text"
// CHECK: %a.addr = alloca 4, align 4
// CHECK: %c.addr = alloca 1, align 1
// CHECK: udiv i32
// CHECK: ashr i32
// CHECK: lshr i32
// CHECK: sext i8
// CHECK: sext i32 {{.*}} to i64
// CHECK: add i64
// OPT-LABEL: define global i32 @f
// OPT-NOT: alloca
// OPT: ret i32
