// 64-bit unsigned arithmetic incl. large constants.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u64 a = U64(14), b = U64(22);
    out(0, a + b);
    out(1, a - b);
    out(2, a * b);
    out(3, a * 0x9e3779b97f4a7c15ull);
    out(4, (a ^ 0xdeadbeefcafebabeull) + ~b);
    out(5, -a);
    return (a >> 60) & 3;
}
