// Calls: a static subprogram (emitted because it is called), a kfunc (__ksym), an extern BPF function,
// and more than five arguments (arguments 5..n in a stack area passed as the fifth).
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_rcu_read_lock(void) __ksym;
extern int bpf_kf(int a, void *p) __ksym;
extern int other_obj(int x);
static int sub(int a, int b) { return a - b; }
static int seven(int a, int b, int c, int d, int e, int f, long g) { return a + b + c + d + e + f + g; }
static int never_called(int a) { return a; }
int caller(int x) {
    bpf_rcu_read_lock();
    return sub(x, 1) + bpf_kf(x, 0) + other_obj(x) + seven(1, 2, 3, 4, 5, 6, 7);
}
// CHECK: declare kfunc void @bpf_rcu_read_lock() btf
// CHECK: declare kfunc i32 @bpf_kf(i32, ptr) btf
// CHECK: declare extern i32 @other_obj(i32) btf
// CHECK-LABEL: define static i32 @sub(i32 %a, i32 %b)
// CHECK-LABEL: define static i32 @seven(i32 %a, i32 %b, i32 %c, i32 %d, ptr %args)
// CHECK: load i64 %args, align 8
// CHECK-NEXT: trunc i64
// CHECK: ptradd %args, 8
// CHECK: ptradd %args, 16
// CHECK-NEXT: load i64
// CHECK-LABEL: define global i32 @caller
// CHECK: callkfunc void @bpf_rcu_read_lock()
// CHECK: call i32 @sub(i32 {{%[0-9]+}}, i32 1)
// CHECK: callkfunc i32 @bpf_kf(i32 {{%[0-9]+}}, ptr null)
// CHECK: call i32 @other_obj(
// CHECK: store i64 5, %[[AREA:[0-9]+]], align 8
// CHECK: store i64 6
// CHECK: store i64 7
// CHECK: call i32 @seven(i32 1, i32 2, i32 3, i32 4, ptr %[[AREA]])
// CHECK-NOT: never_called
