// dense switch (a jump table for some compilers) with fall-through.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u64 acc = 0;
    for (int i = 0; i < 8; i++) {
        switch (p[14 + i] & 15) {
        case 0: acc += 1; break;
        case 1: acc += 10; break;
        case 2: acc *= 3; break;
        case 3: acc ^= 0x55;
        case 4: acc += 100; break;
        case 5: acc -= 7; break;
        case 6: acc <<= 1; break;
        case 7: acc += p[22]; break;
        case 8: acc |= 0x100; break;
        default: acc += 1000;
        }
    }
    out(0, acc);
    return acc & 3;
}
