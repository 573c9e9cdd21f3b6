#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)
struct t { int a; };
#pragma clang attribute pop
#pragma GCC diagnostic ignored "-Wunused"
int x;
// CHECK: Pragma 'clang attribute push ( __attribute__ ( ( preserve_access_index ) ) , apply_to = record )'
// CHECK-NEXT: Declaration
// CHECK: Pragma 'clang attribute pop'
// CHECK-NEXT: Declaration
// CHECK-NEXT: Specifiers int
