// unsigned overflow wraps modulo 2^n at every width.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u8 a = 250 + (p[14] & 15);
    __u16 b = 65530 + (p[15] & 15);
    __u32 c = 0xfffffff0u + (p[16] & 31);
    __u64 d = 0xfffffffffffffff0ull + (p[17] & 31);
    a += 10; b += 10; c += 20; d += 20;
    out(0, a); out(1, b); out(2, c); out(3, d);
    __u32 e = 0;
    e -= p[18];
    out(4, e);
    out(5, (__u32)(U32(20) * U32(24)));
    return (a < 10) + (c < 20);
}
