// __builtin_memset on stack objects and on the packet.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u8 buf[24];
    __builtin_memset(buf, 0xa5, sizeof(buf));
    buf[5] = p[15];
    buf[23] ^= p[14];
    __u64 s = 0;
    for (int i = 0; i < 24; i++)
        s = s * 3 + buf[i];
    out(0, s);
    struct { __u32 a; __u16 b; __u8 c; } r;
    __builtin_memset(&r, 0, sizeof(r));
    r.c = p[16];
    out(1, r.a + r.b + r.c);
    __builtin_memset(p + 20, 0x11, 8);
    __builtin_memset(p, 0, 6);
    return s & 3;
}
