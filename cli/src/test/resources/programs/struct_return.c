// functions returning structs and unions by value (small, empty, larger than 16 bytes, a union), used as
// initializers, in assignments, through members of the call result and from another such function.
#include "common.h"
#ifdef SRET_NOINLINE
#define RETURNS_STRUCT static __noinline
#else
#define RETURNS_STRUCT static inline
#endif
struct pair { __u32 lo, hi; };
struct wide { __u64 a, b, c; };
struct none {};
union word { __u32 w; __u8 b[4]; };
RETURNS_STRUCT struct pair split(__u64 v) { struct pair r = { (__u32)v, (__u32)(v >> 32) }; return r; }
RETURNS_STRUCT struct wide spread(__u64 x, __u8 k)
{
    struct wide w = { x, x * k, x ^ k };
    if (k & 1)
        w.b += 7;
    return w;
}
RETURNS_STRUCT struct none nothing(void) { struct none n; return n; }
RETURNS_STRUCT union word as_word(__u32 v) { union word u; u.w = v; return u; }
RETURNS_STRUCT struct pair swapped(__u64 v)
{
    struct pair p = split(v);
    return (struct pair){ p.hi, p.lo };
}
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    struct none n = nothing();
    struct pair q = split(U32(14) | (__u64)p[18] << 32);
    out(0, q.lo + (__u64)q.hi * 3);
    q = swapped((__u64)U32(22) << 32 | p[26]);
    out(1, q.lo ^ q.hi);
    out(2, spread(U32(30), p[34]).b + spread(p[35], p[36]).c);
    out(3, as_word(U32(16)).b[1] * 256 + as_word(U32(33)).b[3]);
    struct wide w = spread(p[38], 5);
    out(4, w.a + w.b + w.c + sizeof(n));
    return split(p[39]).lo & 3;
}
