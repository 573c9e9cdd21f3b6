// Shared by the differential test programs: an XDP program reads the packet through P (bounds-checked), records
// values with out(i, v) in the array map "results" (16 slots of 8 bytes) and returns a value of its own.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
    __uint(type, BPF_MAP_TYPE_ARRAY);
    __uint(max_entries, 16);
    __type(key, __u32);
    __type(value, __u64);
} results SEC(".maps");

static __always_inline void out(__u32 slot, __u64 v)
{
    __u64 *p = bpf_map_lookup_elem(&results, &slot);
    if (p)
        *p = v;
}

/* The packet's first n bytes as `unsigned char *p`, or return XDP_PASS when the frame is shorter. */
#define PACKET(ctx, n)                                                         \
    unsigned char *p = (void *)(long)(ctx)->data;                              \
    if ((void *)(p + (n)) > (void *)(long)(ctx)->data_end)                     \
        return XDP_PASS

#define U16(o) ((__u16)(p[o] | (p[(o) + 1] << 8)))
#define U32(o) ((__u32)p[o] | ((__u32)p[(o) + 1] << 8) | ((__u32)p[(o) + 2] << 16) | ((__u32)p[(o) + 3] << 24))
#define U64(o) ((__u64)U32(o) | ((__u64)U32((o) + 4) << 32))

char LICENSE[] SEC("license") = "GPL";
