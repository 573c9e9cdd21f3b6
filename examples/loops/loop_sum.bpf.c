// A plain counted loop over the first 64 bytes of a packet (issue 11/12's benchmark loop). jbpfc builds it to the
// counted-up loop-hint template: `w6 = 0` before it, `w6 += 1; if w6 < N goto start` at its end, and a hint in
// .BTF (with -g) that says so. Compile with -DN=... (default 1000).
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#ifndef N
#define N 1000
#endif

SEC("xdp")
int loop_sum(struct xdp_md *ctx)
{
    unsigned char *p = (void *)(long)ctx->data;
    void *end = (void *)(long)ctx->data_end;
    if ((void *)(p + 64) > end)
        return 0;
    unsigned int s = 0;
    for (unsigned int i = 0; i < N; i++)
        s += p[i & 63] ^ i;
    return s & 0xff;
}

char LICENSE[] SEC("license") = "GPL";
