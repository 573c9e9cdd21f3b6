// the Internet checksum of the IPv4 header: 16-bit words summed and folded.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 34);
    __u32 sum = 0;
    for (int i = 0; i < 10; i++) {
        if (i == 5)
            continue;
        sum += (p[14 + 2 * i] << 8) | p[15 + 2 * i];
    }
    sum = (sum & 0xffff) + (sum >> 16);
    sum = (sum & 0xffff) + (sum >> 16);
    __u16 ck = ~sum;
    p[24] = ck >> 8;
    p[25] = ck;
    out(0, ck);
    return ck & 3;
}
