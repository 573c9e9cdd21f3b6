// hash map insert, lookup, update-in-place and delete.
#include "common.h"
struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 64);
    __type(key, __u32);
    __type(value, __u64);
} counts SEC(".maps");
SEC("xdp") int prog(struct xdp_md *ctx)
{
    PACKET(ctx, 40);
    int inserted = 0;
    for (int i = 0; i < 12; i++) {
        __u32 k = p[14 + i] & 15;
        __u64 *v = bpf_map_lookup_elem(&counts, &k);
        if (v) {
            *v += i;
        } else {
            __u64 one = 1000 + i;
            bpf_map_update_elem(&counts, &k, &one, BPF_NOEXIST);
            inserted++;
        }
    }
    __u32 d = p[26] & 15;
    long r = bpf_map_delete_elem(&counts, &d);
    __u64 nv = 5;
    long e = bpf_map_update_elem(&counts, &d, &nv, BPF_EXIST);
    out(0, inserted);
    out(1, r);
    out(2, e);
    return inserted & 3;
}
