// GNU and clang extensions that BPF programs and libbpf's headers use.
__extension__ typedef unsigned long long u64;
// CHECK: Specifiers typedef unsigned long long
asm(".globl marker");
// CHECK: AsmDecl
// CHECK-NEXT: StringLiteral ".globl marker"
_Static_assert(sizeof(u64) == 8, "u64");
// CHECK: StaticAssert
extern int bpf_helper(void *ctx, ...) __attribute__((weak));
// CHECK: Declarator 'bpf_helper' [function ...]
static long (* const bpf_map_lookup)(void *map, const void *key) = (void *) 1;
// CHECK: Declarator 'bpf_map_lookup' [function, pointer(const)]
// CHECK: Init
// CHECK-NEXT: Cast
struct { int (*type)[2]; int (*max_entries)[64]; } my_map __attribute__((section(".maps"), used));
// CHECK: Field 'type'
// CHECK-NEXT: Declarator 'type' [array, pointer]
// CHECK: Declarator 'my_map' []
// CHECK-NEXT: Attribute 'section'
int f(__builtin_va_list ap, int x)
{
    int v = __builtin_va_arg(ap, int);
// CHECK: VaArg
    v = (__typeof_unqual__(x))(3);
// CHECK: Cast
// CHECK-NEXT: TypeName
// CHECK-NEXT: Specifiers typeof_unqual
    v = sizeof (int[2]){1, 2};
// CHECK: SizeofExpr
// CHECK-NEXT: CompoundLiteral
    v = __builtin_offsetof(struct { int a[4]; struct { int b; } in; }, in.b) + __builtin_offsetof(struct { int a[4]; }, a[2]);
// CHECK: OffsetOf .in.b
// CHECK: OffsetOf .a[]
    v = ({ __label__ l_break; int r = 0; if (x) goto l_break; r = 1; l_break: r; });
// CHECK: StmtExpr
// CHECK-NEXT: Compound
// CHECK-NEXT: LocalLabels l_break
    return v;
}
typedef int (*handler_t)(void *);
handler_t table[2] = { [0] = 0 };
// CHECK: Specifiers typedef-name handler_t
// CHECK-NEXT: Declarator 'table' [array]
void with_fp(int (*cb)(int), handler_t h) { cb(1); h(0); }
// CHECK: FunctionDef 'with_fp'
char *volatile __restrict rp;
// CHECK: Declarator 'rp' [pointer(volatile restrict)]
int __attribute__((address_space(1))) *as_ptr;
// CHECK: Attribute 'address_space'
// CHECK: Declarator 'as_ptr' [pointer]
