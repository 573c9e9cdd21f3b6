// The samples' READ_ONCE/WRITE_ONCE (samples/bpf/xdp_sample.bpf.h): an always_inline function switches on its
// size and copies with __builtin_memcpy(res, p, size) in the default case. After inlining, the size is the
// constant 4, the default case is dead, and no memcpy of a variable size is left; a memset of size 16 that is a
// constant only after inlining becomes the memset instruction (align 1: all the callee knows of a void *).
static inline __attribute__((always_inline)) void read_once(const volatile void *p, void *res, int size)
{
    switch (size) {
    case 4: *(unsigned int *)res = *(volatile unsigned int *)p; break;
    default: __builtin_memcpy(res, (const void *)p, size);
    }
}
static inline __attribute__((always_inline)) void clear(void *d, int size) { __builtin_memset(d, 0, size); }
int g(unsigned int *p)
{
    unsigned int v;
    read_once(p, &v, sizeof(v));
    unsigned long long w[2];
    clear(w, sizeof(w));
    return v + (int)w[1];
}
// PASSES: inline,sccp,constfold,simplifycfg,dce,is-constant,mem-size
// CHECK: call void @__jbpfc_memcpy
// CHECK: call void @__jbpfc_memset
// OPT-LABEL: define global i32 @g
// OPT-NOT: __jbpfc_mem
// OPT: memset %w, 0, 16, align 1
// OPT-NOT: __jbpfc_mem
