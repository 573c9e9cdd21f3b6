// Loop shapes jbpfc builds to the loop-hint templates, checked against clang-22 on random packets: nested loops,
// break and continue, a helper call in the body (the induction and limit registers live in r6..r9 across it),
// counting down, 64-bit and signed induction variables, and an exit test written with '!='.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __type(key, __u32);
    __type(value, __u64);
    __uint(max_entries, 8);
} weights SEC(".maps");

SEC("xdp")
int loop_shapes(struct xdp_md *ctx)
{
    unsigned char *p = (void *)(long)ctx->data;
    void *end = (void *)(long)ctx->data_end;
    if ((void *)(p + 64) > end)
        return 0;
    unsigned int s = 0;
    // nested, the inner bound from the packet (masked, so the kernel can bound it)
    for (unsigned int a = 0; a < 8; a++)
        for (unsigned int b = 0; b < (p[a] & 7); b++)
            s += a * b + p[(a + b) & 63];
    // break and continue
    for (unsigned int i = 0; i < 64; i++) {
        if (p[i] == 0x55)
            break;
        if (i % 3 == 1)
            continue;
        s ^= p[i] << (i & 7);
    }
    // a helper call in the body
    for (__u32 k = 0; k < 8; k++) {
        __u32 key = k;
        __u64 *w = bpf_map_lookup_elem(&weights, &key);
        if (w)
            s += (unsigned int)*w + k;
    }
    // counting down, signed
    for (int j = 40; j >= 0; j -= 4)
        s += p[j & 63] * (unsigned int)j;
    // 64-bit
    for (__u64 q = 0; q < 30; q += 2)
        s += (unsigned int)(q * p[q & 63]);
    // '!='
    for (unsigned int r = 3; r != 33; r += 5)
        s ^= p[r & 63] + r;
    return s & 0xffff;
}

char LICENSE[] SEC("license") = "GPL";
