// unsigned int arithmetic: +, -, *, &, |, ^, ~ and negation.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 32);
    __u32 a = U32(14), b = U32(18);
    out(0, a + b);
    out(1, a - b);
    out(2, a * b);
    out(3, (a & b) | (~a ^ b));
    out(4, -a);
    out(5, a * 0x9e3779b1u);
    return (a + b) % 4;
}
