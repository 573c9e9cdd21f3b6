// Static initializers through the whole frontend: nested designated initializers, bit-fields, strings in arrays,
// pointers to globals with offsets and to functions (the bytes and relocations clang-22 emits for the same C).
struct bf { unsigned a:3, b:5; int c:20; char d; };
struct pt { int x, y; const char *name; };
struct bf g_bf = { .a = 5, .b = 17, .c = -3, .d = 'x' };
struct pt g_pts[3] = { [1] = { .y = 2, .name = "one" }, [0].x = 7 };
int *g_ptr = &g_pts[1].y;
char g_short[8] = "ab";
int sub(void) { return 1; }
int (*g_fn)(void) = sub;
// CHECK: global global @g_bf size 8 align 4 section ".data" btf {{[0-9]+}} data "\8D\FD\FF\0Fx"
// CHECK: global global @g_pts size 48 align 8 section ".data" btf {{[0-9]+}} data "\07{{.*}}\02" reloc 24 @.str
// CHECK: global global @g_ptr size 8 align 8 section ".data" btf {{[0-9]+}} reloc 0 @g_pts+20
// CHECK: global global @g_short size 8 align 1 section ".data" btf {{[0-9]+}} data "ab"
// CHECK: global global @g_fn size 8 align 8 section ".data" btf {{[0-9]+}} reloc 0 @sub
// CHECK: global static @.str size 4 align 1 section ".rodata.str1.1" data "one\00"
