// The docs/ir.md example: a BTF-defined map, a helper called through libbpf's pointer, an atomic add whose
// value is unused and relaxed (no fetch), and the license.
typedef unsigned int __u32;
typedef unsigned long long __u64;
#define SEC(x) __attribute__((section(x), used))
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
struct xdp_md { __u32 data; __u32 data_end; };
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *) 1;
struct { __uint(type, 2); __type(key, __u32); __type(value, __u64); __uint(max_entries, 1); } counts SEC(".maps");
SEC("xdp") int count(struct xdp_md *ctx) {
    __u32 key = 0;
    __u64 *v = bpf_map_lookup_elem(&counts, &key);
    if (!v) return 2;
    __atomic_fetch_add(v, 1, __ATOMIC_RELAXED);
    return 2;
}
char LICENSE[] SEC("license") = "GPL";
// CHECK: global global @counts size 32 align 8 section ".maps" btf
// CHECK: global global @LICENSE size 4 align 1 section "license" btf {{[0-9]+}} data "GPL"
// CHECK-NOT: bpf_map_lookup_elem
// CHECK-LABEL: define global i32 @count(ptr %ctx) section "xdp" btf
// CHECK: addr @counts
// CHECK: callhelper ptr 1(ptr
// CHECK: %[[C:[0-9]+]] = cmp eq ptr {{.*}}, null
// CHECK-NEXT: condbr i1 %[[C]], if.then, if.end
// CHECK: atomicrmw add i64 {{.*}}, 1, align 8
// OPT: %[[V:[0-9]+]] = callhelper ptr 1(ptr %{{[0-9]+}}, ptr %key)
// OPT: atomicrmw add i64 %[[V]], 1, align 8
