// ?: joins in a phi, comma, compound assignment with conversions, ++/-- on chars wrap, casts to _Bool and char,
// statement expressions, compound literals.
struct pt { int x, y; };
int e(int a, char c, long l, unsigned char uc) {
    int t = a ? 3 : l > 2;
    c += 300;
    uc++;
    _Bool b = l;
    char n = (char) a;
    int se = ({ int k = a * 2; k + 1; });
    int cl = ((struct pt){ .y = a }).y;
    l <<= a;
    a /= (unsigned) 3;
    return (t, c) + uc + b + n + se + cl + l + a;
}
// CHECK-LABEL: define global i32 @e
// CHECK: cond.end:
// CHECK-NEXT: phi i32
// CHECK: add i32 {{%[0-9]+}}, 300
// CHECK-NEXT: trunc i32 {{%[0-9]+}} to i8
// CHECK: cmp ne i64 {{%[0-9]+}}, 0
// CHECK-NEXT: zext i1
// CHECK: mul i32 {{%[0-9]+}}, 2
// CHECK: memset {{%[0-9]+}}, 0, 8, align 4
// CHECK: shl i64
// CHECK: udiv i32
