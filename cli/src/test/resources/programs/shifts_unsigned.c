// left and logical right shifts by run-time amounts at every width.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    unsigned s = p[14] & 31, t = p[15] & 63;
    __u32 a = U32(16);
    __u64 b = U64(20);
    unsigned char c = p[28];
    unsigned short d = U16(29);
    out(0, a << s);
    out(1, a >> s);
    out(2, b << t);
    out(3, b >> t);
    out(4, (unsigned char)(c << (s & 7)));
    out(5, (unsigned short)(d >> (s & 15)));
    out(6, c << 20);
    return (a >> 30);
}
