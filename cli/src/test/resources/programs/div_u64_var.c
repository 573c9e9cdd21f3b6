// unsigned 64-bit division and modulo by run-time values.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u64 a = U64(14), b = (U64(22) >> (p[30] & 63)) | 1, c = p[31] + 1;
    out(0, a / b);
    out(1, a % b);
    out(2, a / c);
    out(3, a % c);
    return (a % c) & 3;
}
