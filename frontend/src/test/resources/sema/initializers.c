struct point { int x, y; };
struct line { struct point a, b; char name[8]; };
struct point p1 = { 1, 2 };
struct point p2 = { .y = 5 };
struct line l1 = { { 1, 2 }, { 3, 4 }, "ab" };
struct line l2 = { 1, 2, 3, 4, "abcdefg" };          /* brace elision */
struct line l3 = { .b.y = 7, .name = { 'x' } };
int a1[4] = { [1] = 5, [3] = 6 };
int a2[8] = { [0 ... 7] = -1 };
char s1[4] = "abc";
char s2[3] = "abcd";  // expected-warning {{initializer-string for char array is too long}}
int scalar = { 3 };
int excess[2] = { 1, 2, 3 };  // expected-warning {{excess elements in array initializer}}
struct point pe = { 1, 2, 3 }; // expected-warning {{excess elements in struct initializer}}
int g;
int notconst = g;  // expected-error {{initializer element is not a compile-time constant}}
int *addr = &g;
int *addr2 = &a1[2];
char *str = "text";
long helper_like = (long)&g;
struct point bad = { .z = 1 }; // expected-error {{field designator 'z' does not refer to any field in type 'struct point'}}
int arr_from_scalar[2] = 5;    // expected-error {{array initializer must be an initializer list}}
union u { int i; char c[4]; };
union u u1 = { 5 };
union u u2 = { .c = "abc" };

void locals(int v) {
  struct point lp = { v, v + 1 };
  int la[] = { v, v, v };
  _Static_assert(sizeof(la) == 12, "implicit size");
  struct point copy = lp;
  int *ptr = &copy.x;
  char buf[16] = {};
}

struct insn { unsigned char code; short off; int imm; };
#define ST_MEM(OFF, IMM) ((struct insn) { .code = 0x62, .off = OFF, .imm = IMM })
static struct insn insns[] = { ST_MEM(-8, 0xb), ST_MEM(-16, 0xd) };
_Static_assert(sizeof(insns) == 16, "two compound-literal elements");
