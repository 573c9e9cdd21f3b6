// comparisons after the usual arithmetic conversions of mixed signedness.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    int i = (signed char)p[14];
    unsigned u = p[15];
    long l = (short)U16(16);
    unsigned long ul = U32(18);
    __u64 bits = 0;
    bits |= ((unsigned)i < u) << 0;      /* i converted to unsigned */
    bits |= (i < (int)u) << 1;
    bits |= (l < ul) << 2;               /* l converted to unsigned long */
    bits |= (i < l) << 3;
    bits |= ((unsigned char)i == u) << 4;
    bits |= (i == -1) << 5;
    out(0, bits);
    return bits & 3;
}
