// Pointer arithmetic scaled by the element size, array indexing and decay, pointer difference, ++ on pointers.
long h(int *p, long n, int a[4]) {
    int *q = p + n;
    q++;
    int local[3] = {1, 2};
    long d = q - p;
    return *q + a[2] + local[n] + d;
}
// CHECK-LABEL: define global i64 @h
// CHECK: mul i64 {{.*}}, 4
// CHECK: ptradd
// CHECK: ptradd {{.*}}, 4
// CHECK: memset %local, 0, 12, align 4
// CHECK: store i32 1, %local
// CHECK: ptradd %local, 4
// CHECK: store i32 2
// CHECK: ptrtoint ptr
// CHECK: sub i64
// CHECK: ashr i64 {{.*}}, 2
// CHECK: ptradd {{.*}}, 8
