// expected-no-diagnostics
#define TYPE_IS(e, T) __builtin_types_compatible_p(__typeof__(e), T)
struct s { int a; unsigned int b : 4; struct { long c; } in; };
enum E { X = 1 };
long counter;
void use(struct s *p, void *dst, const void *src) {
  __builtin_memcpy(dst, src, 16);
  __builtin_memset(dst, 0, sizeof(struct s));
  int r = __builtin_memcmp(dst, src, 4);
  _Static_assert(TYPE_IS(__builtin_memcpy(dst, src, 1), void *), "");
  _Static_assert(TYPE_IS(__builtin_bswap16(1), unsigned short), "");
  _Static_assert(TYPE_IS(__builtin_bswap32(1), unsigned int), "");
  _Static_assert(TYPE_IS(__builtin_bswap64(1), unsigned long), "");
  _Static_assert(TYPE_IS(__builtin_expect(r, 0), long), "");
  _Static_assert(TYPE_IS(__builtin_preserve_field_info(p->b, 0), unsigned int), "");
  _Static_assert(TYPE_IS(__builtin_preserve_type_info(*p, 0), unsigned int), "");
  _Static_assert(TYPE_IS(__builtin_preserve_enum_value(*(enum E *)X, 0), unsigned long), "");
  _Static_assert(TYPE_IS(__builtin_btf_type_id(*p, 0), unsigned long), "");
  _Static_assert(TYPE_IS(__builtin_preserve_access_index(&p->in.c), long *), "");
  _Static_assert(TYPE_IS(__sync_fetch_and_add(&counter, 1), long), "");
  _Static_assert(TYPE_IS(__sync_val_compare_and_swap(&p->a, 1, 2), int), "");
  _Static_assert(TYPE_IS(__sync_bool_compare_and_swap(&p->a, 1, 2), _Bool), "");
  _Static_assert(TYPE_IS(__atomic_load_n(&counter, __ATOMIC_RELAXED), long), "");
  __atomic_store_n(&counter, 3, __ATOMIC_RELEASE);
  _Static_assert(TYPE_IS(__atomic_fetch_or(&counter, 3, __ATOMIC_SEQ_CST), long), "");
  _Static_assert(TYPE_IS(__builtin_frame_address(0), void *), "");
  if (r) __builtin_unreachable();
  if (!p) __builtin_trap();
  __sync_fetch_and_add(&p->a, 1);
}
