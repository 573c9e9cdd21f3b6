// unsigned comparisons at every width, including against constants.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u8 a = p[14], b = p[15];
    __u16 c = U16(16), d = U16(18);
    __u32 e = U32(20), f = U32(24);
    __u64 g = U64(28);
    __u64 bits = 0;
    bits |= (a < b) << 0 | (a <= b) << 1 | (a > 200) << 2 | (a >= 128) << 3;
    bits |= (c < d) << 4 | (c >= 40000) << 5 | (e < f) << 6 | (e > 0x80000000u) << 7;
    bits |= (g < 0x8000000000000000ull) << 8 | (g > e) << 9 | (g <= f) << 10;
    out(0, bits);
    if (e > f)
        return 1;
    return g >= 0xf000000000000000ull ? 2 : 3;
}
