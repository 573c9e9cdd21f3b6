// kprobe with BPF_KPROBE: counts calls of do_unlinkat per directory file descriptor, reading the arguments
// with CO-RE-aware helpers from bpf_tracing.h.
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

struct {
    __uint(type, BPF_MAP_TYPE_HASH);
    __uint(max_entries, 1024);
    __type(key, int);
    __type(value, __u64);
} unlinks SEC(".maps");

SEC("kprobe/do_unlinkat")
int BPF_KPROBE(count_unlinkat, int dfd, struct filename *name)
{
    __u64 one = 1, *n = bpf_map_lookup_elem(&unlinks, &dfd);
    if (n)
        __sync_fetch_and_add(n, 1);
    else
        bpf_map_update_elem(&unlinks, &dfd, &one, BPF_NOEXIST);
    const char *s = BPF_CORE_READ(name, name);
    char first = 0;
    bpf_probe_read_kernel(&first, 1, s);
    return first == '.';
}

char LICENSE[] SEC("license") = "GPL";
