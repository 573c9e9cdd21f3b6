// C conversions: char is signed, unsigned char zero-extends, _Bool stores 0/1, comparisons by signedness,
// 64-bit shifts, and constants wrapped to their type.
int cv(unsigned char uc, signed char sc, unsigned long ul, long l) {
    _Bool b = ul & 4;
    int lt = ul < 5;
    int slt = l < -1;
    unsigned long sh = ul << 40;
    char wrap = 300;
    return uc + sc + b + lt + slt + (int) sh + wrap;
}
// CHECK-LABEL: define global i32 @cv
// CHECK: trunc i32 %uc to i8
// CHECK: and i64 {{%[0-9]+}}, 4
// CHECK-NEXT: cmp ne i64 {{%[0-9]+}}, 0
// CHECK-NEXT: zext i1
// CHECK-NEXT: trunc i32 {{%[0-9]+}} to i8
// CHECK: cmp ult i64 {{%[0-9]+}}, 5
// CHECK: cmp slt i64 {{%[0-9]+}}, -1
// CHECK: shl i64 {{%[0-9]+}}, 40
// CHECK: store i8 44, %wrap
// CHECK: zext i8
// CHECK: sext i8
