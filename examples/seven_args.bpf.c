// A call with seven arguments: clang refuses it ("too many arguments"); jbpfc passes arguments 5 to 7 through
// the caller's stack (see docs/calling-convention.md). The XDP program returns XDP_PASS (2) when the weighted
// sum of the first seven packet bytes is even, XDP_DROP (1) otherwise.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

static __attribute__((noinline)) int weighted(int a, int b, int c, int d, int e, int f, int g)
{
    return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g;
}

__attribute__((noinline)) int weighted_global(int a, int b, int c, int d, int e, int f, int g)
{
    return weighted(g, f, e, d, c, b, a);
}

SEC("xdp")
int seven(struct xdp_md *ctx)
{
    unsigned char *p = (void *)(long)ctx->data;
    if ((void *)(p + 7) > (void *)(long)ctx->data_end)
        return XDP_ABORTED;
    int s = weighted(p[0], p[1], p[2], p[3], p[4], p[5], p[6]) + weighted_global(p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
    return (s & 1) ? XDP_DROP : XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
