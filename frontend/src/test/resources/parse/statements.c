int g(int);

int f(int n)
{
    int i, s = 0;
    for (i = 0; i < n; i++) s += i;
// CHECK: For
// CHECK-NEXT: ExprStmt
// CHECK-NEXT: Assign '='
    for (int j = 0; ; ) break;
// CHECK: For
// CHECK-NEXT: Declaration
// CHECK: <no cond>
// CHECK-NEXT: <no step>
// CHECK-NEXT: Break
    for (;;) continue;
// CHECK: For
// CHECK-NEXT: <no init>
#pragma unroll
    for (i = 0; i < 4; i++) s++;
// CHECK: For #pragma unroll
#pragma clang loop unroll(full)
    while (s > 0) s--;
// CHECK: While #pragma clang loop unroll ( full )
    do { s++; } while (s < 10);
// CHECK: DoWhile
    if (s) s = 1; else if (n) s = 2; else s = 3;
// CHECK: If
// CHECK: If
    switch (n) {
    case 1:
    case 2 ... 5:
        s = 1;
        __attribute__((fallthrough));
    default:
        break;
    }
// CHECK: Switch
// CHECK: Case
// CHECK-NEXT: IntLiteral '1'
// CHECK-NEXT: CaseRange
// CHECK-NEXT: IntLiteral '2'
// CHECK-NEXT: IntLiteral '5'
// CHECK: Attributed
// CHECK-NEXT: Attribute 'fallthrough'
// CHECK-NEXT: Null
// CHECK: Default
// CHECK-NEXT: Break
    ;
    {
        __label__ out;
        goto out;
    out:
        ;
    }
// CHECK: LocalLabels out
// CHECK: Goto 'out'
// CHECK: Label 'out'
    if (n) goto end;
    _Static_assert(1, "ok");
// CHECK: StaticAssert
end:
    return s;
// CHECK: Label 'end'
// CHECK-NEXT: Return
}

void asm_stmts(void)
{
    int x = 0, y;
    asm volatile ("r0 = %[a]; exit;" : "=r"(y) : [a] "i"(42), "r"(x) : "r0", "memory");
// CHECK: Asm volatile
// CHECK-NEXT: StringLiteral "r0 = %[a]; exit;"
// CHECK-NEXT: Output "=r"
// CHECK-NEXT: Ident 'y'
// CHECK-NEXT: Input [a] "i"
// CHECK-NEXT: IntLiteral '42'
// CHECK-NEXT: Input "r"
// CHECK-NEXT: Ident 'x'
// CHECK-NEXT: Clobber "r0"
// CHECK-NEXT: Clobber "memory"
    __asm__ __volatile__("" ::: "memory");
// CHECK: Asm volatile
// CHECK-NEXT: StringLiteral ""
// CHECK-NEXT: Clobber "memory"
    asm goto ("if r0 > 0 goto %l[out]" :::: out);
// CHECK: Asm goto
// CHECK: GotoLabel 'out'
out:
    return;
}

__attribute__((naked)) void naked(void)
{
    asm volatile ("r0 = 0; exit;" ::);
}
// CHECK: FunctionDef 'naked'

int attrs_in_blocks(int n)
{
    __attribute__((unused)) int quiet = 0;
// CHECK: FunctionDef 'attrs_in_blocks'
// CHECK: Declaration
// CHECK-NEXT: Specifiers int
// CHECK-NEXT: Attribute 'unused'
    for (int i = 0, j = 1; i < n; i++, j++)
        ;
// CHECK: For
// CHECK-NEXT: Declaration
// CHECK: Declarator 'i' []
// CHECK: Declarator 'j' []
// CHECK: Binary ','
    switch (n) {
    default:
    }
    return 0;
}
