struct s { int a; struct { int b[4]; } in; };
struct s v = { .a = 1, .in.b[2] = 3, };
// CHECK: Designated .a
// CHECK: Designated .in .b []
// CHECK-NEXT: IntLiteral '2'
// CHECK-NEXT: IntLiteral '3'
int arr[10] = { [0 ... 4] = 1, [5] = 2, 3 };
// CHECK: Designated []
// CHECK-NEXT: IntLiteral '0'
// CHECK-NEXT: IntLiteral '4'
// CHECK-NEXT: IntLiteral '1'
// CHECK: Designated []
// CHECK: IntLiteral '3'
int empty[2] = {};
// CHECK: InitList
int nested[2][2] = { {1, 2}, {3} };
char str[] = "hi";
// CHECK: StringLiteral "hi"
