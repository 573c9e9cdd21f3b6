// RUN-FLAGS: -O0 -g --target=bpf -mcpu=v3
// unoptimized code: every local lives on the stack.
#include "common.h"
SEC("xdp") int prog(struct xdp_md *ctx)
{
    void *data = (void *)(long)ctx->data, *end = (void *)(long)ctx->data_end;
    unsigned char *p = data;
    if (data + 20 > end)
        return XDP_PASS;
    __u32 a = p[14], b = p[15];
    __u32 c = a * b + (a ^ b);
    p[16] = c;
    return c & 3;
}
