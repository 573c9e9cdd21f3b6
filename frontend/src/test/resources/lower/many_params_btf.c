// A global function with seven parameters: its FUNC has the stack-arguments prototype (see
// docs/calling-convention.md) and its IR takes four values and the area pointer.
long sum7(long a, long b, long c, long d, long e, long f, int g) { return a + b + c + d + e + f + g; }
// CHECK-LABEL: define global i64 @sum7(i64 %a, i64 %b, i64 %c, i64 %d, ptr %args)
// CHECK: load i64 %args, align 8
// CHECK: ptradd %args, 16
// CHECK-NEXT: load i64
// CHECK-NEXT: trunc i64 {{%[0-9]+}} to i32
// OPT-LABEL: define global i64 @sum7
// OPT-NOT: alloca
