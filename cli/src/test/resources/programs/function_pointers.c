// Calls through function pointers that the optimizer resolves, as in test_bpf_nf.c and linked_list_fail.c:
// functions handed to an always_inline function as pointers, a local holding a function's address (cast to
// another pointer type and back), a libbpf helper called through a pointer, and a struct of operations built on
// the stack. No callx may be left: the kernel refuses it. (The kfunc form is in lower/indirect_call.c and
// ir passes/inline-devirt.ir: InterpreterCrossCheckTest runs these programs where kfuncs are not modelled.)
#include "common.h"
static __u64 depth;
static __noinline void enter_section(void) { depth += 1; }
static __noinline void leave_section(void) { depth += 16; }

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
    __u32 a = apply(enter_section, leave_section, mix, U32(14));
    void *erased = (void *)&twice;
    __u32 (*g)(__u32) = (__u32 (*)(__u32))erased;
    __u32 b = g(p[18]);
    void *(*lookup)(void *, const void *) = bpf_map_lookup_elem;
    __u32 slot = 9;
    __u64 *v = lookup(&results, &slot);
    if (v)
        *v = a + b;
    struct ops o = { .step = twice, .enter = enter_section, .leave = leave_section };
    __u32 c = run_ops(&o, p[19]);
    out(0, a);
    out(1, b);
    out(2, c);
    out(3, depth);
    return (a ^ b ^ c) & 3;
}
