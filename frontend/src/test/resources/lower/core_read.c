// CO-RE: members of preserve_access_index records get their offsets from relocations, one per chain ending at a
// dereference; a record without the attribute ends the chain (its members are constant offsets), as clang-22 does
// (llvm-objdump-22 -dr on the same source: parent (0:2), <anon>.in (0:1:1) then +4, pid (0:0), arr[2] (0:3:2)).
#define SEC(x) __attribute__((section(x), used))
struct inner { int x; int y; };
struct task { int pid; struct { long a; struct inner in; }; struct task *parent; int arr[4]; unsigned flag:3; } __attribute__((preserve_access_index));
enum E { E_A = 1, E_B = 5 };
SEC("kprobe/x") int f(struct task *t) {
    int a = t->parent->pid;
    int b = t->in.y;
    int c = t->arr[2];
    unsigned s = __builtin_preserve_field_info(t->flag, 1);
    unsigned ex = __builtin_preserve_type_info(*(struct inner *)0, 0);
    long ev = __builtin_preserve_enum_value(*(enum E *)E_B, 1);
    long id = __builtin_btf_type_id(*(struct task *)0, 1);
    return a + b + c + s + ex + ev + id;
}
// CHECK-LABEL: define global i32 @f(ptr %t) section "kprobe/x"
// CHECK: %[[O1:[0-9]+]] = core_field byte_offset i64 btf [[TASK:[0-9]+]] "0:2"
// CHECK-NEXT: ptradd {{%[0-9]+}}, %[[O1]]
// CHECK-NEXT: load ptr
// CHECK-NEXT: core_field byte_offset i64 btf [[TASK]] "0:0"
// CHECK: core_field byte_offset i64 btf [[TASK]] "0:1:1"
// CHECK-NEXT: ptradd
// CHECK-NEXT: ptradd {{%[0-9]+}}, 4
// CHECK: core_field byte_offset i64 btf [[TASK]] "0:3:2"
// CHECK: core_field byte_size i32 btf [[TASK]] "0:4"
// CHECK: core_field type_exists i32 btf {{[0-9]+}} "0"
// CHECK: core_field enumval_value i64 btf {{[0-9]+}} "1"
// CHECK: core_field type_id_target i64 btf [[TASK]] "0"
