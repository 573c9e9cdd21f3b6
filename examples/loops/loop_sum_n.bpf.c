// The same loop with a data-dependent trip count below N: the limit is a register the loop never writes (r6..r9),
// so the hint's bound is the register's largest value. Today's kernels cannot bound `n` (it comes from `%`) and
// reject the loop at every N, clang-22's object too; the hint is what a template checker needs instead.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#ifndef N
#define N 1000
#endif

SEC("xdp")
int loop_sum_n(struct xdp_md *ctx)
{
    unsigned char *p = (void *)(long)ctx->data;
    void *end = (void *)(long)ctx->data_end;
    if ((void *)(p + 64) > end)
        return 0;
    unsigned int n = (p[0] | p[1] << 8 | p[2] << 16) % N;
    unsigned int s = 0;
    for (unsigned int i = 0; i < n; i++)
        s += p[i & 63] ^ i;
    return s & 0xff;
}

char LICENSE[] SEC("license") = "GPL";
