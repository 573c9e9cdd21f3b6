// CO-RE: an unnamed bit-field (vmlinux.h pads with "long: 64;") has no BTF member, so it is not counted in the
// access string: tgid below is member 1 of struct task's BTF, as clang-22 records it (llvm-objdump-22 -dr:
// "0:1", and "0:2:1" for the member of the anonymous struct after a second unnamed bit-field inside it).
#define SEC(x) __attribute__((section(x), used))
struct task { int pid; long: 64; int tgid; struct { int a; int: 3; int b; }; } __attribute__((preserve_access_index));
SEC("kprobe/x") int f(struct task *t) {
    return t->tgid + t->b;
}
// CHECK-LABEL: define global i32 @f(ptr %t) section "kprobe/x"
// CHECK: core_field byte_offset i64 btf [[TASK:[0-9]+]] "0:1"
// CHECK: core_field byte_offset i64 btf [[TASK]] "0:2:1"
