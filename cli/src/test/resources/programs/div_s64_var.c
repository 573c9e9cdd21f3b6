// RUN-FLAGS: -O2 -g --target=bpf -mcpu=v4
// signed 64-bit division and modulo by run-time values.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    long a = (long)U64(14), b = (short)U16(22);
    if (b == 0 || b == -1)
        b = -9;
    out(0, a / b);
    out(1, a % b);
    out(2, (a >> 3) / 1000);
    out(3, a % 77);
    return (a % b) & 3;
}
