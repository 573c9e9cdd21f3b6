// Declarator parts apply in order to the specifiers' type.
int *a[3];
// CHECK: Declarator 'a' [pointer, array]
int (*fp)(int, char *);
// CHECK: Declarator 'fp' [function, pointer]
// CHECK: Param
// CHECK-NEXT: Specifiers int
// CHECK: Param
// CHECK-NEXT: Specifiers char
// CHECK-NEXT: Declarator [pointer]
char *(*(*x)[5])(void);
// x: pointer to array of 5 pointers to functions returning char *
// CHECK: Declarator 'x' [pointer, function, pointer, array, pointer]
int m[2][3];
// CHECK: Declarator 'm' [array, array]
// CHECK-NEXT: IntLiteral '3'
// CHECK-NEXT: IntLiteral '2'
const char * const volatile p;
// CHECK: Specifiers const char
// CHECK-NEXT: Declarator 'p' [pointer(const volatile)]
int old();
int none(void);
int var(const char *fmt, ...);
// CHECK: Declarator 'old' [function ()]
// CHECK: Declarator 'none' [function]
// CHECK: Declarator 'var' [function ...]
void arr(int n, int v[static 4], int w[const], int z[*]);
// CHECK: Declarator 'v' [array static]
// CHECK: Declarator 'w' [array]
// CHECK: Declarator 'z' [array *]
unsigned long long int big;
// CHECK: Specifiers unsigned long long int
__signed__ char sc;
// CHECK: Specifiers signed char
unsigned __int128 u128;
// CHECK: Specifiers unsigned __int128
static inline __attribute__((always_inline)) int fn(void) { return 0; }
// CHECK: FunctionDef 'fn'
// CHECK-NEXT: Specifiers static inline int
// CHECK-NEXT: Attribute 'always_inline'
_Bool flag;
_Alignas(8) char buf[16];
// CHECK: Specifiers _Bool
// CHECK: Alignas
int x __asm__("renamed") = 3;
// CHECK: AsmLabel "renamed"
void (*signal(int sig, void (*func)(int)))(int);
// CHECK: Declarator 'signal' [function, pointer, function]
typedef _Atomic(_Bool) atomic_bool;
_Atomic int ai;
// CHECK: Specifiers typedef _Atomic()
// CHECK-NEXT: TypeName
// CHECK-NEXT: Specifiers _Bool
// CHECK: Specifiers atomic int
int sec_var __attribute__((section(".maps"), used)) = 1;
// CHECK: Declarator 'sec_var' []
// CHECK-NEXT: Attribute 'section'
// CHECK-NEXT: StringLiteral ".maps"
// CHECK-NEXT: Attribute 'used'
void unused_params(int a __attribute__((unused)), int __attribute__((unused)));
// CHECK: Declarator 'a' []
// CHECK-NEXT: Attribute 'unused'
// CHECK: Specifiers int
// CHECK-NEXT: Attribute 'unused'
void noinline_fn(void) __attribute__((noinline));
// CHECK: Declarator 'noinline_fn' [function]
// CHECK-NEXT: Attribute 'noinline'
int __attribute__((const)) keyword_attr(void);
// CHECK: Attribute 'const'
