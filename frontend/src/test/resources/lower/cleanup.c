// __attribute__((cleanup(fn))) calls fn(&var) when the scope ends: at its end, on break/continue out of it and on
// return (libbpf's bpf_for() destroys its iterator this way; the verifier insists on it).
#define __ksym __attribute__((section(".ksyms")))
struct bpf_iter_num { unsigned long long __opaque[1]; } __attribute__((aligned(8)));
extern int bpf_iter_num_new(struct bpf_iter_num *it, int start, int end) __ksym;
extern int *bpf_iter_num_next(struct bpf_iter_num *it) __ksym;
extern void bpf_iter_num_destroy(struct bpf_iter_num *it) __ksym;
int sum(int n) {
    int s = 0;
    for (struct bpf_iter_num it __attribute__((cleanup(bpf_iter_num_destroy))),
         *p __attribute__((unused)) = (bpf_iter_num_new(&it, 0, n), (void)bpf_iter_num_destroy, (void *)0);
         ({ int *t = bpf_iter_num_next(&it); t ? (s += *t, 1) : 0; }); ) {
        if (s > 100) return s;
    }
    return s;
}
// CHECK: declare kfunc void @bpf_iter_num_destroy(ptr) btf
// CHECK-LABEL: define global i32 @sum
// CHECK: callkfunc i32 @bpf_iter_num_new(ptr %it, i32 0,
// CHECK: if.then:
// CHECK: callkfunc void @bpf_iter_num_destroy(ptr %it)
// CHECK-NEXT: ret i32
// CHECK: for.end:
// CHECK-NEXT: callkfunc void @bpf_iter_num_destroy(ptr %it)
