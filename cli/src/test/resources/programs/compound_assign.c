// compound assignment operators at several widths, incl. narrow lvalues.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u32 a = U32(14);
    __u8 b = p[18];
    short c = U16(19);
    __u64 d = U64(21);
    a += b; a -= 3; a *= 5; a /= (b | 1); a %= 1000; a <<= 2; a >>= 1; a &= 0xfff; a |= 0x10000; a ^= d;
    b += 200; b *= 3; b <<= 1; b ^= 0xff;
    c -= 1000; c *= 3; c >>= 2; c |= 1;
    d += a; d *= 7; d >>= 3; d ^= c;
    out(0, a);
    out(1, b);
    out(2, (long)c);
    out(3, d);
    p[0] += 1;
    p[1] ^= b;
    return b & 3;
}
