// Calls through function pointers that the optimizer resolves, as in test_bpf_nf.c and linked_list_fail.c: a
// kfunc and a static function handed to an always_inline function as pointers, a local holding a function's
// address (cast to another pointer type and back), a libbpf helper called through a pointer, and a struct of
// operations built on the stack. No callx may be left: the kernel refuses it.
#include "common.h"
#define __ksym __attribute__((section(".ksyms")))
extern void bpf_rcu_read_lock(void) __ksym;
extern void bpf_rcu_read_unlock(void) __ksym;

static __noinline __u32 mix(__u32 a) { return (a ^ (a >> 7)) * 0x01000193u; }
static __u32 twice(__u32 a) { return a * 2 + 1; }

struct ops {
    __u32 (*step)(__u32);
    void (*enter)(void);
    void (*leave)(void);
};

static __always_inline __u32 apply(void (*enter)(void), void (*leave)(void), __u32 (*f)(__u32), __u32 x)
{
    enter();
    x = f(x);
    leave();
    return x;
}

static __always_inline __u32 run_ops(const struct ops *o, __u32 x)
{
    o->enter();
    x = o->step(o->step(x));
    o->leave();
    return x;
}

SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u32 a = apply(bpf_rcu_read_lock, bpf_rcu_read_unlock, mix, U32(14));
    void *erased = (void *)&twice;
    __u32 (*g)(__u32) = (__u32 (*)(__u32))erased;
    __u32 b = g(p[18]);
    void *(*lookup)(void *, const void *) = bpf_map_lookup_elem;
    __u32 slot = 9;
    __u64 *v = lookup(&results, &slot);
    if (v)
        *v = a + b;
    struct ops o = { .step = twice, .enter = bpf_rcu_read_lock, .leave = bpf_rcu_read_unlock };
    __u32 c = run_ops(&o, p[19]);
    out(0, a);
    out(1, b);
    out(2, c);
    return (a ^ b ^ c) & 3;
}
