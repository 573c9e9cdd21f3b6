// A floating constant used where an integer is wanted is converted when the program is compiled, truncating
// toward zero (C 6.3.1.4), as clang does; no floating-point value reaches BPF code. The selftests' call
// bpf_timer_start(&t, 10E9, 0) passes one as a helper's u64 argument.
void take(unsigned long ns, int i, _Bool b, unsigned char c);
void f(void) {
    take(10E9, -2.75, 0.5, 200.9);
}
unsigned long g(void) {
    unsigned long x = 1.5e19;
    return x;
}
// CHECK-LABEL: define global void @f
// CHECK: call void @take(i64 10000000000, i32 -2, i32 1, i32 200)
// CHECK-LABEL: define global i64 @g
// CHECK: store i64 -3446744073709551616, %x
