// Table indices computed with % and / from packet bytes (issue 13): the kernel verifier tracks no range through
// BPF_MOD or BPF_DIV, so each index below is unbounded to it unless the compiler shows the bound. KIND picks the
// index: 1 = a byte promoted to int % 3, 2 = a 16-bit value / 6554 (at most 9), 3 = a 32-bit value in 64 bits % 5.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

__u32 table[10] = { 101, 202, 303, 404, 505, 606, 707, 808, 909, 1010 };

SEC("xdp") int prog(struct xdp_md *ctx)
{
    unsigned char *p = (void *)(long)ctx->data;
    if ((void *)(p + 20) > (void *)(long)ctx->data_end)
        return 0;
#if KIND == 1
    int i = p[14] % 3;
#elif KIND == 2
    int i = (p[14] | p[15] << 8) / 6554;
#else
    __u64 i = (__u64)(p[14] | p[15] << 8 | p[16] << 16 | (__u32)p[17] << 24) % 5;
#endif
    return table[i];
}

char LICENSE[] SEC("license") = "GPL";
