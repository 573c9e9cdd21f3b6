// small struct returned from an inlined function and assigned.
#include "common.h"
struct pair { __u32 lo, hi; };
static __always_inline struct pair split(__u64 v)
{
    struct pair r = { (__u32)v, (__u32)(v >> 32) };
    return r;
}
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    struct pair a = split(U64(14)), b;
    b = split(U64(22) * 3);
    out(0, a.lo ^ b.hi);
    out(1, a.hi + b.lo);
    return a.lo & 3;
}
