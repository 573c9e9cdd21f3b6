// array map lookup and update with run-time keys, including an out-of-range key.
#include "common.h"
struct stat { __u32 n; __u32 sum; __u64 last; };
struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 8);
    __type(key, __u32);
    __type(value, struct stat);
} stats SEC(".maps");
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    for (int i = 0; i < 6; i++) {
        __u32 k = p[14 + i] & 7;
        struct stat *s = bpf_map_lookup_elem(&stats, &k);
        if (s) {
            s->n++;
            s->sum += p[20 + i];
            s->last = U64(26);
        }
    }
    __u32 k = p[34] & 7, bad = 8 + (p[35] & 3);
    struct stat v = { p[36], 2, U32(14) };
    long r = bpf_map_update_elem(&stats, &k, &v, BPF_ANY);
    long r2 = bpf_map_update_elem(&stats, &bad, &v, BPF_ANY);
    out(0, r);
    out(1, r2);
    out(2, bpf_map_lookup_elem(&stats, &bad) == 0);
    return k & 3;
}
