struct s { char c; int i; };
_Static_assert(sizeof(struct s) == 8, "size");
_Static_assert(sizeof(struct s) == 7, "wrong size"); // expected-error {{static assertion failed due to requirement 'sizeof(struct s) == 7': wrong size}}
_Static_assert(0, "plain");  // expected-error {{static assertion failed: plain}}
_Static_assert(__builtin_offsetof(struct s, i) == 4, "offset");
void f(void) {
  _Static_assert(sizeof(long) == 8, "long is 64-bit");
}
_Static_assert(sizeof(int) == 4 && sizeof(struct s) == 9 && 1, "conjunction"); // expected-error {{static assertion failed due to requirement 'sizeof(struct s) == 9': conjunction}}
#define CHECK_SMALL(T) _Static_assert(sizeof(T) < 4, #T " is too big")
CHECK_SMALL(long); // expected-error {{static assertion failed due to requirement 'sizeof(long) < 4': long is too big}}
