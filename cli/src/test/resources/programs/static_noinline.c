// static noinline functions (BPF-to-BPF calls) with scalar and pointer arguments.
#include "common.h"
static __noinline __u32 mix(__u32 a, __u32 b) { return (a ^ (b << 7)) * 0x01000193u; }
static __noinline void fill(__u64 *dst, __u32 n) { dst[0] = n; dst[1] = n * 2ull; }
static __noinline int sum4(const unsigned char *b) { return b[0] + b[1] + b[2] + b[3]; }
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    __u64 two[2];
    unsigned char buf[4] = {p[20], p[21], p[22], p[23]};
    __u32 h = mix(U32(14), p[18]);
    fill(two, h);
    out(0, h);
    out(1, two[0] + two[1]);
    out(2, sum4(buf));
    return h & 3;
}
