// initialized globals (.data): read-modify-write, arrays and structs.
#include "common.h"
__u64 total = 17;
__u32 seen[4] = {1, 2, 3, 4};
struct { __u16 a; __u8 b; __u32 c; } cfg = {7, 8, 9};
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    total += U32(14);
    seen[p[18] & 3] += p[19];
    cfg.b ^= p[20];
    cfg.c *= 3;
    out(0, total);
    out(1, cfg.a + cfg.b + cfg.c);
    return cfg.b & 3;
}
