// Inline assembly is one opaque instruction with clang-style constraints.
long asmf(long y) {
    long x;
    asm volatile("%0 = %1" : "=r"(x) : "r"(y) : "memory");
    return x;
}
// CHECK-LABEL: define global i64 @asmf
// CHECK: inline_asm i64 "%0 = %1", "=r,r,~{memory}"(i64 {{%[0-9]+}})
// CHECK-NEXT: store i64
