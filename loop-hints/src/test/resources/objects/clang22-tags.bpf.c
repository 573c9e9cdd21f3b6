// The reader test's clang-22 object (ClangObjectsTest): programs in two sections, subprograms in .text, and
// btf_decl_tag values on one function. Regenerate: clang-22 -O2 -g --target=bpf -mcpu=v3 -c clang22-tags.bpf.c -o clang22-tags.bpf.o
#define SEC(n) __attribute__((section(n), used))
static __attribute__((noinline)) int sum(unsigned char *p, int n) {
  int s = 0;
  for (int i = 0; i < n && i < 64; i++) s += p[i];
  return s;
}
__attribute__((noinline, btf_decl_tag("jbpfc.loop/1:counted-up:start=1,end=5,iv=r1,width=32,signed=u,cmp=lt,step=1,limit=64,init=0,trips=64"), btf_decl_tag("other tag")))
int glob(int x) { return x * 3; }
SEC("xdp") int prog(void *ctx) {
  unsigned char buf[64];
  for (int i = 0; i < 64; i++) buf[i] = i * 7;
  return (sum(buf, 40) + glob(1)) & 1;
}
SEC("tc") int other(void *ctx) { return glob(2) & 1; }
char LICENSE[] SEC("license") = "GPL";
