/* libbpf-style BTF map definitions (the __uint/__type macros of bpf_helpers.h, spelled out), and .ksyms externs. */
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name
#define __array(name, val) typeof(val) *name[]
#define SEC(n) __attribute__((section(n), used))
#define __ksym __attribute__((section(".ksyms")))

struct key { unsigned int pid; unsigned int cpu; };
struct value { unsigned long long packets, bytes; char comm[16]; };

struct {
	__uint(type, 1);
	__uint(max_entries, 1024);
	__type(key, struct key);
	__type(value, struct value);
} counts SEC(".maps");

struct inner_map {
	__uint(type, 2);
	__uint(max_entries, 1);
	__type(key, int);
	__type(value, int);
} inner1 SEC(".maps");

struct {
	__uint(type, 12);
	__uint(max_entries, 4);
	__type(key, int);
	__array(values, struct inner_map);
} outer SEC(".maps") = { .values = { &inner1 } };

extern int bpf_kfunc_example(int x) __ksym;
extern const int some_ksym_var __ksym;

SEC("tc") int use(void *ctx)
{
	return bpf_kfunc_example(some_ksym_var);
}

char _license[] SEC("license") = "GPL";
