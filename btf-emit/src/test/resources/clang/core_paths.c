/* CO-RE access paths llvm-objdump prints in different shapes: element != 0, anonymous members, typedef roots, signed enums. */
struct foo { int a; int b; struct { int c[10]; }; } __attribute__((preserve_access_index));
typedef struct { int x; int y; } __attribute__((preserve_access_index)) anon_t;
enum sgn { NEG = -3, POS = 4 };
int __attribute__((section("tc"))) f(struct foo *s, anon_t *p, volatile unsigned long *g)
{
	*g = s[1].b;
	*g = s[2].c[5];
	*g = p->y;
	*g = __builtin_preserve_type_info(*(struct foo *)0, 1);
	*g = __builtin_preserve_type_info(*(anon_t *)0, 0);
	*g = __builtin_preserve_enum_value(*(enum sgn *)NEG, 1);
	*g = __builtin_btf_type_id(*(anon_t *)0, 1);
	return 0;
}
