// READ_ONCE/WRITE_ONCE as samples/bpf/xdp_sample.bpf.h writes them: an always_inline copy that switches on the
// size and falls back to __builtin_memcpy(res, p, size), a size that is a constant only after inlining (a 2, 4 or
// 8 takes a case; a 6 and a 12 take the memcpy).
#include "common.h"
static __always_inline void read_once_size(const volatile void *p, void *res, int size)
{
    switch (size) {
    case 2: *(__u16 *)res = *(volatile __u16 *)p; break;
    case 4: *(__u32 *)res = *(volatile __u32 *)p; break;
    case 8: *(__u64 *)res = *(volatile __u64 *)p; break;
    default:
        asm volatile("" : : : "memory");
        __builtin_memcpy(res, (const void *)p, size);
        asm volatile("" : : : "memory");
    }
}
static __always_inline void write_once_size(volatile void *p, void *res, int size)
{
    switch (size) {
    case 4: *(volatile __u32 *)p = *(__u32 *)res; break;
    default: __builtin_memcpy((void *)p, (const void *)res, size);
    }
}
#define READ_ONCE(x) ({ union { typeof(x) v; char c[1]; } u = { .c = { 0 } }; \
                        read_once_size(&(x), u.c, sizeof(x)); u.v; })
struct six { __u16 a, b, c; };
struct twelve { __u32 a, b, c; };
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    struct six s6;
    struct twelve s12;
    __builtin_memcpy(&s6, p + 2, sizeof(s6));
    __builtin_memcpy(&s12, p + 14, sizeof(s12));
    __u64 q = U64(26);
    __u16 h = U16(34);
    struct six r6 = READ_ONCE(s6);
    struct twelve r12 = READ_ONCE(s12);
    out(0, READ_ONCE(q));
    out(1, READ_ONCE(h));
    out(2, r6.a ^ r6.c);
    out(3, r12.b + r12.c);
    __u32 w = r12.a;
    write_once_size(p + 36, &w, 4);
    write_once_size(p, &r6, sizeof(r6));
    return r6.b & 3;
}
