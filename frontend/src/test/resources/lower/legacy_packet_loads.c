// bpf_legacy.h's load_byte/half/word are LLVM intrinsics named by asm label: a socket-buffer load with LD_ABS
// (constant offset) or LD_IND (a register), which reads the skb from r6 and clobbers r0-r5, lowered as inline asm.
unsigned long long load_half(void *skb, unsigned long long off) asm("llvm.bpf.load.half");
unsigned long long load_word(void *skb, unsigned long long off) asm("llvm.bpf.load.word");
int f(void *skb, unsigned long long n) {
    return load_word(skb, 12) + load_half(skb, n);
}
// CHECK-LABEL: define global i32 @f
// CHECK: inline_asm i64 "r6 = %1\0Ar0 = *(u32 *)skb[%2]\0A%0 = r0", "=r,r,i,~{r0},~{r1},~{r2},~{r3},~{r4},~{r5},~{r6}"(ptr %0, i64 12)
// CHECK: inline_asm i64 "r6 = %1\0Ar0 = *(u16 *)skb[%2]\0A%0 = r0", "=r,r,r,~{r0},~{r1},~{r2},~{r3},~{r4},~{r5},~{r6}"
// CHECK-NOT: call
