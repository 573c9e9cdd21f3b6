int two(int a, int b);
int var(const char *fmt, ...);
int (*fp)(int);

int use(void) {
  int x = 3;
  two(1);        // expected-error {{too few arguments to function call, expected 2, have 1}}
  two(1, 2, 3);  // expected-error {{too many arguments to function call, expected 2, have 3}}
  var("a", 1, 2L, 3.0);
  x();           // expected-error {{called object type 'int' is not a function or function pointer}}
  return fp(1) + (*fp)(2) + two(x, 'c');
}
