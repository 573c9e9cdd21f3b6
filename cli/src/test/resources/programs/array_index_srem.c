// A stack array indexed by `p[32] % 16`: the u8 promotes to int, so `%` is a signed remainder that must still
// verify as a bounded index (regression: jbpfc's signed-remainder expansion had an unbounded minimum).
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u64 t[16];
    for (int i = 0; i < 16; i++)
        t[i] = (__u64)p[14 + i] << (i * 2);
    unsigned j = p[31] & 15, k = p[32] % 16;
    t[j] += 7;
    out(0, t[j]);
    out(1, t[k]);
    out(2, t[(j + k) & 15]);
    return t[k] & 3;
}
