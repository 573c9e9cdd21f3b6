struct a { int x; };
struct b { int y; };
void take_int_ptr(int *p);

int g(void) {
  int *p = 0;
  char *c = 0;
  const char *cc = "x";
  int i = 0;
  struct a sa;
  struct b sb;
  const int ci = 1;
  p = c;        // expected-error {{incompatible pointer types assigning to 'int *' from 'char *'}}
  c = cc;       // expected-warning {{assigning to 'char *' from 'const char *' discards qualifiers}}
  p = i;        // expected-error {{incompatible integer to pointer conversion assigning to 'int *' from 'int'; take the address with &}}
  i = p;        // expected-error {{incompatible pointer to integer conversion assigning to 'int' from 'int *'; dereference with *}}
  sa = sb;      // expected-error {{assigning to 'struct a' from incompatible type 'struct b'}}
  take_int_ptr(c); // expected-error {{incompatible pointer types passing 'char *' to parameter of type 'int *'}}
  ci = 2;       // expected-error {{cannot assign to variable 'ci' with const-qualified type 'const int'}}
  1 = i;        // expected-error {{expression is not assignable}}
  p = (void *)0;
  c = (void *)p;
  i = (int)(long)p;
  return 0;
}

long h(struct a *s) {
  return s; // expected-error {{incompatible pointer to integer conversion returning 'struct a *' from a function with result type 'long'}}
}

void v(void) { return 1; } // expected-error {{void function 'v' should not return a value}}
int nv(void) { return; }   // expected-error {{non-void function 'nv' should return a value}}
