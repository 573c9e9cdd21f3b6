// unsigned division and modulo by constants (compilers use multiplies and shifts).
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u32 a = U32(14);
    __u64 b = U64(18);
    out(0, a / 7);
    out(1, a % 10);
    out(2, a / 16);
    out(3, b / 1000000007ull);
    out(4, b % 3);
    out(5, (__u16)a / 100);
    return a % 4;
}
