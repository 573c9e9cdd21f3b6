// A call through a function pointer is a callind on the pointer's value: through a parameter, through a local
// holding a kfunc's address (linked_list_fail.c's pattern, another type than the kfunc's), through a struct
// member, with a struct result (the hidden first argument, as for a function defined here). With mem2reg and
// devirt, the local's kfunc becomes a direct callkfunc with the kfunc's own result type.
// PASSES: sccp,devirt
#define __ksym __attribute__((section(".ksyms")))
extern void *bpf_list_pop_front(void *head) __ksym;
struct ops { long (*get)(long); };
struct big { long a, b, c; };
int call(int (*fp)(int)) { return fp(1); }
int kfunc_through_local(void *head) {
    void (*p)(void *) = (void *)&bpf_list_pop_front;
    p(head);
    return 0;
}
long member(struct ops *o) { return o->get(7) + (*o->get)(8); }
long big_result(struct big (*f)(int)) { return f(3).b; }
// CHECK-LABEL: define global i32 @call(ptr %fp)
// CHECK: callind i32 {{%[0-9]+}}(i32 1)
// CHECK-LABEL: define global i32 @kfunc_through_local
// CHECK: addr @bpf_list_pop_front
// CHECK: callind void {{%[0-9]+}}(ptr
// CHECK-LABEL: define global i64 @member
// CHECK: callind i64 {{%[0-9]+}}(i64 7)
// CHECK: callind i64 {{%[0-9]+}}(i64 8)
// CHECK-LABEL: define global i64 @big_result
// CHECK: [[SRET:%[0-9]+]] = alloca 24, align 8
// CHECK: callind void {{%[0-9]+}}(ptr [[SRET]], i32 3)
// OPT-LABEL: define global i32 @kfunc_through_local
// OPT-NOT: callind
// OPT: callkfunc ptr @bpf_list_pop_front(ptr %head)
// OPT-LABEL: define global i64 @member
