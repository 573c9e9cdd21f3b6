int a, b, c, *p;
struct pt { int x, y; } pt;

void f(void)
{
    a = b + c * 2 - 1;
// CHECK: Assign '='
// CHECK-NEXT: Ident 'a'
// CHECK-NEXT: Binary '-'
// CHECK-NEXT: Binary '+'
// CHECK-NEXT: Ident 'b'
// CHECK-NEXT: Binary '*'
// CHECK-NEXT: Ident 'c'
// CHECK-NEXT: IntLiteral '2'
// CHECK-NEXT: IntLiteral '1'
    a = b || c && a | b ^ c & 1 == 2 < 3 << 4;
// CHECK: Binary '||'
// CHECK-NEXT: Ident 'b'
// CHECK-NEXT: Binary '&&'
// CHECK-NEXT: Ident 'c'
// CHECK-NEXT: Binary '|'
// CHECK-NEXT: Ident 'a'
// CHECK-NEXT: Binary '^'
// CHECK-NEXT: Ident 'b'
// CHECK-NEXT: Binary '&'
// CHECK-NEXT: Ident 'c'
// CHECK-NEXT: Binary '=='
// CHECK-NEXT: IntLiteral '1'
// CHECK-NEXT: Binary '<'
// CHECK-NEXT: IntLiteral '2'
// CHECK-NEXT: Binary '<<'
    a += b = c;
// CHECK: Assign '+='
// CHECK-NEXT: Ident 'a'
// CHECK-NEXT: Assign '='
    a = b ? c : a ? 1 : 2;
// CHECK: Conditional
// CHECK-NEXT: Ident 'b'
// CHECK-NEXT: Ident 'c'
// CHECK-NEXT: Conditional
    a = b ?: c;
// CHECK: Conditional
// CHECK-NEXT: Ident 'b'
// CHECK-NEXT: <omitted>
    a = (int)*p++ + -~!b;
// CHECK: Cast
// CHECK-NEXT: TypeName
// CHECK-NEXT: Specifiers int
// CHECK-NEXT: Unary prefix '*'
// CHECK-NEXT: Unary postfix '++'
// CHECK: Unary prefix '-'
// CHECK-NEXT: Unary prefix '~'
// CHECK-NEXT: Unary prefix '!'
    a = sizeof(int) + sizeof a + sizeof(struct pt) + __alignof__(long) + _Alignof(int);
// CHECK: SizeofType
// CHECK: SizeofExpr
// CHECK: SizeofType
// CHECK: AlignofType
// CHECK: AlignofType
    p = &pt.x; a = (&pt)->y; a = p[1];
// CHECK: Unary prefix '&'
// CHECK-NEXT: Member .x
// CHECK: Member ->y
// CHECK: Index
    a = ({ int t = 1; t + 1; });
// CHECK: StmtExpr
// CHECK-NEXT: Compound
    p = (int[]){1, 2, 3};
    pt = (struct pt){ .x = 1, .y = 2 };
// CHECK: CompoundLiteral
// CHECK: CompoundLiteral
// CHECK: Designated .x
    a = 0x1f + 1.5e3f + 0x1p3 + 'a' + L'b' + 1e5;
// CHECK: IntLiteral '0x1f'
// CHECK: FloatLiteral '1.5e3f'
// CHECK: FloatLiteral '0x1p3'
// CHECK: CharLiteral 'a'
// CHECK: CharLiteral L'b'
// CHECK: FloatLiteral '1e5'
    const char *s = "ab" "cd";
// CHECK: StringLiteral "ab" "cd"
    a = _Generic(a, int: 1, long: 2, default: 3);
// CHECK: Generic
// CHECK: Default
    a = __builtin_offsetof(struct pt, y) + __builtin_choose_expr(1, 2, 3)
        + __builtin_types_compatible_p(int, long);
// CHECK: OffsetOf .y
// CHECK: ChooseExpr
// CHECK: TypesCompatible
    a = f2(1, b, (c, a));
// CHECK: Call
// CHECK-NEXT: Ident 'f2'
// CHECK-NEXT: IntLiteral '1'
// CHECK-NEXT: Ident 'b'
// CHECK-NEXT: Binary ','
    a = __extension__ (b);
    typeof(a) t1 = 0; __typeof__(int *) t2; __auto_type t3 = 1;
// CHECK: Specifiers typeof
// CHECK-NEXT: Ident 'a'
// CHECK: Specifiers typeof
// CHECK-NEXT: TypeName
// CHECK: Specifiers __auto_type
    a = __builtin_preserve_access_index(&pt)->x;
    void *lp = &&done;
// CHECK: LabelAddress 'done'
done:
    goto *lp;
// CHECK: IndirectGoto
}
