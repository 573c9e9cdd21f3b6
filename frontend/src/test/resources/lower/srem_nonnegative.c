// A promoted unsigned char is non-negative: its signed % and / by a positive constant are plain urem/udiv
// (the verifier cannot bound the negate/mod/negate sequence used for signed operands below -mcpu=v4).
int f(unsigned char c, int x) {
    return c % 16 + c / 3 + x % 16;
}
// CHECK-LABEL: define global i32 @f(i32 %c, i32 %x) section ".text"
// CHECK: zext i8
// CHECK-NEXT: urem i32 {{.*}}, 16
// CHECK: zext i8
// CHECK-NEXT: udiv i32 {{.*}}, 3
// CHECK: select
