// A typedef name is a type right after its declaration, even though the parser already looked at the next token.
typedef int T;
T x;
// CHECK: Declaration
// CHECK-NEXT: Specifiers typedef int
// CHECK-NEXT: Declarator 'T' []
// CHECK: Declaration
// CHECK-NEXT: Specifiers typedef-name T
// CHECK-NEXT: Declarator 'x' []

// After another type specifier a typedef name is a declarator name (a field called T).
struct s { long T; T y; };
// CHECK: Specifiers struct s {}
// CHECK-NEXT: Fields
// CHECK-NEXT: Specifiers long
// CHECK-NEXT: Field 'T'
// CHECK: Fields
// CHECK-NEXT: Specifiers typedef-name T
// CHECK-NEXT: Field 'y'

// Redeclaring a typedef with the same name is fine.
typedef struct foo foo;
typedef struct foo foo;
// CHECK: Specifiers typedef struct foo
// CHECK-NEXT: Declarator 'foo' []

int f(void)
{
    typedef long U;
    U a = 1;
    {
        int T = 2;          // shadows the typedef: T * a below is a multiplication
        T * a;
    }
    T * p;                  // the typedef again: declares p
    return a;
}
// CHECK: FunctionDef 'f'
// CHECK: Specifiers typedef-name U
// CHECK-NEXT: Declarator 'a' []
// CHECK: ExprStmt
// CHECK-NEXT: Binary '*'
// CHECK-NEXT: Ident 'T'
// CHECK-NEXT: Ident 'a'
// CHECK: Specifiers typedef-name T
// CHECK-NEXT: Declarator 'p' [pointer]

// A parameter hides a typedef inside the body.
int g(int T) { return T * 2; }
// CHECK: FunctionDef 'g'
// CHECK: Return
// CHECK-NEXT: Binary '*'
// CHECK-NEXT: Ident 'T'

// Enumerators are ordinary identifiers too.
typedef int E;
enum { E = 3 };
int h(void) { return E + 1; }
// CHECK: FunctionDef 'h'
// CHECK: Binary '+'
// CHECK-NEXT: Ident 'E'
