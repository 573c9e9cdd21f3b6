/* CO-RE relocations of every kind (see Documentation/bpf/llvm_reloc.rst, "CO-RE Relocation Examples"). */
struct inner { int c[10]; };
struct foo {
	int a;
	int b;
	unsigned c:15;
	struct inner in;
	struct foo *next;
} __attribute__((preserve_access_index));

enum bar { U, V };
typedef struct foo foo_t;

__attribute__((section("tc"))) int fields(struct foo *s, volatile unsigned long *g)
{
	*g = s->a;
	*g = s->in.c[5];
	*g = s->next->b;
	*g = __builtin_preserve_field_info(s->b, 0);
	*g = __builtin_preserve_field_info(s->b, 1);
	*g = __builtin_preserve_field_info(s->b, 2);
	*g = __builtin_preserve_field_info(s->b, 3);
	*g = __builtin_preserve_field_info(s->c, 4);
	*g = __builtin_preserve_field_info(s->c, 5);
	return 0;
}

__attribute__((section("tc"))) int types(struct foo *s, volatile unsigned long *g)
{
	*g = __builtin_preserve_type_info(*s, 0);
	*g = __builtin_preserve_type_info(*s, 1);
	*g = __builtin_preserve_type_info(*s, 2);
	*g = __builtin_btf_type_id(*s, 0);
	*g = __builtin_btf_type_id(*s, 1);
	*g = __builtin_preserve_type_info(*(foo_t *)0, 1);
	return 0;
}

__attribute__((section("xdp"))) int enums(void *ctx, volatile unsigned long *g)
{
	*g = __builtin_preserve_enum_value(*(enum bar *)U, 0);
	*g = __builtin_preserve_enum_value(*(enum bar *)V, 1);
	return 0;
}
