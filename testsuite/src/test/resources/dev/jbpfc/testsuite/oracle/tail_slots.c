// A prog array whose slot 0 is initialised with `target`: loading `entry` alone leaves `target` unloaded, so libbpf
// fails to fill the slot after the kernel has accepted `entry`. The oracle reports entry as verified, not loaded.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

int target(struct __sk_buff *skb);

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__uint(key_size, sizeof(__u32));
	__array(values, int (void *));
} jumps SEC(".maps") = {
	.values = { [0] = (void *)&target },
};

SEC("tc")
int target(struct __sk_buff *skb)
{
	return 1;
}

SEC("tc")
int entry(struct __sk_buff *skb)
{
	bpf_tail_call(skb, &jumps, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
