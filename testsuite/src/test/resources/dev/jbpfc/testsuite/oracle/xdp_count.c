// Counts frames per EtherType low byte in an array map and records the last frame length per EtherType in a hash
// map; the oracle tests pre-fill the array and read both maps back after the run.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 4);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16);
	__type(key, __u16);
	__type(value, __u32);
} last_len SEC(".maps");

__u64 frames_seen = 0;

SEC("xdp")
int xdp_count(struct xdp_md *ctx)
{
	unsigned char *data = (void *)(long)ctx->data;
	unsigned char *end = (void *)(long)ctx->data_end;
	if (data + 14 > end)
		return XDP_ABORTED;
	__u32 slot = data[13] & 3;
	__u64 *c = bpf_map_lookup_elem(&counts, &slot);
	if (c)
		*c += 1;
	__u16 type = (__u16)(data[12] << 8 | data[13]);
	__u32 len = (__u32)(end - data);
	bpf_map_update_elem(&last_len, &type, &len, BPF_ANY);
	frames_seen++;
	return XDP_PASS;
}

char LICENSE[] SEC("license") = "GPL";
