// A spin lock and the data it guards in a section of __hidden globals (the selftests' private(name) macro).
// libbpf treats hidden variables as static, so it does not ask for an mmap()-able map: the kernel refuses mmap()
// of a map value holding a bpf_spin_lock (libbpf: "failed to re-mmap() contents: -524" when the symbols are
// exported).
#include "common.h"
#define private(name) SEC(".bss." #name) __hidden __attribute__((aligned(8)))
private(A) struct bpf_spin_lock lock;
private(A) __u64 total;
private(A) __u32 packets;
SEC("tc") int prog(struct __sk_buff *ctx)
{
    __u64 t;
    __u32 n;
    bpf_spin_lock(&lock);
    total += ctx->len;
    n = ++packets;
    t = total;
    bpf_spin_unlock(&lock);
    out(0, t);
    out(1, n);
    return n & 1;
}
