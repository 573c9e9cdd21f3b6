// zero-initialized globals (.bss), static and not.
#include "common.h"
__u64 counter;
static __u32 last_len;
unsigned char last_mac[6];
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    counter += p[14] + 1;
    last_len = ctx->data_end - ctx->data;
    for (int i = 0; i < 6; i++)
        last_mac[i] = p[6 + i] ^ p[i];
    out(0, counter);
    out(1, last_len);
    return last_mac[0] & 3;
}
